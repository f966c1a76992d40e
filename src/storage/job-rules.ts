/**
 * @module storage/job-rules
 * Checks and mappings the three adapters share for jobs (store.ts, "jobs"), so a chunk is
 * judged the same way whichever database holds it.
 */
import { MicrocredError } from '../core/errors.js'
import type { JobChunkOutcome, JobRecord, JobRowError, JobRowResult, JobState, NewJob } from './store.js'
import { checkBatch, checkNonEmpty } from './store-rules.js'

/** At most this many rows per insert statement when a job is created… */
export const JOB_INSERT_ROWS = 2000
/** …and at most about this much row text (a chunk ends at the first row past it). */
export const JOB_INSERT_BYTES = 1024 * 1024

/**
 * A job's items in insert-sized chunks, read as they come: only one chunk is held at a time,
 * so storing a job takes memory bounded by the chunk, whatever the number of rows.
 */
export async function* insertChunks(items: Iterable<string> | AsyncIterable<string>): AsyncGenerator<string[]> {
  let chunk: string[] = []
  let bytes = 0
  for await (const item of items) {
    chunk.push(item)
    bytes += item.length
    if (chunk.length >= JOB_INSERT_ROWS || bytes >= JOB_INSERT_BYTES) {
      yield chunk
      chunk = []
      bytes = 0
    }
  }
  if (chunk.length > 0) yield chunk
}

export function checkNewJob(job: NewJob): void {
  checkNonEmpty(job?.id, 'job id')
  checkNonEmpty(job.issuerId, 'issuer id')
  if (!/^[A-Za-z0-9._~-]{1,128}$/.test(job.id)) throw new MicrocredError('ERR_INPUT_INVALID', 'a job id is 1–128 URL-safe characters')
}

export function noRows(): MicrocredError {
  return new MicrocredError('ERR_INPUT_INVALID', 'nothing to issue: the job has no rows')
}

export function jobNotFound(id: string): MicrocredError {
  return new MicrocredError('ERR_STORE_NOT_FOUND', `no job ${id}`, { details: { id } })
}

export function jobExists(id: string): MicrocredError {
  return new MicrocredError('ERR_STORE_CONFLICT', `job ${id} already exists`, { details: { id } })
}

/** The rows of a chunk, each once; the credentials are checked as a batch. */
export function checkJobChunk(outcome: JobChunkOutcome): number[] {
  const rows = [...outcome.issued.map((i) => i.row), ...outcome.failed.map((f) => f.row)]
  if (new Set(rows).size !== rows.length) throw new MicrocredError('ERR_USAGE', 'a row appears twice in one job chunk')
  if (outcome.issued.length > 0) checkBatch(outcome.issued.map((i) => i.credential))
  return rows
}

export function partlyRecorded(jobId: string): MicrocredError {
  return new MicrocredError('ERR_STORE_CONFLICT', `some rows of this chunk of job ${jobId} are recorded already, others are not`, { details: { id: jobId } })
}

export const encodeRowError = (e: JobRowError): string => JSON.stringify(e.path === undefined ? { code: e.code, message: e.message } : e)

export function rowResult(row: number, credentialId: string | null | undefined, error: string | null | undefined): JobRowResult {
  if (credentialId !== null && credentialId !== undefined) return { row, ok: true, credentialId }
  return { row, ok: false, error: JSON.parse(error as string) as JobRowError }
}

/** A job row from a database row (`toDate` reads the dialect's timestamps). */
export function jobFromRow(r: Record<string, unknown>, toDate: (v: unknown) => Date): JobRecord {
  const opt = (v: unknown): Date | undefined => (v === null || v === undefined ? undefined : toDate(v))
  return {
    id: r['id'] as string,
    issuerId: r['issuer_id'] as string,
    createdBy: (r['created_by'] as string | null) ?? undefined,
    state: r['state'] as JobState,
    total: Number(r['total']),
    done: Number(r['done']),
    failed: Number(r['failed']),
    error: (r['error'] as string | null) ?? undefined,
    createdAt: toDate(r['created_at']),
    startedAt: opt(r['started_at']),
    finishedAt: opt(r['finished_at']),
  }
}
