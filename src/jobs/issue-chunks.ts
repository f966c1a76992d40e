/**
 * @module jobs/issue-chunks
 * The pipeline every job runner shares (in process, and pg-boss tasks on PostgreSQL): for each
 * chunk of rows, status positions are allocated in one call, the rows are signed by the issue
 * pool as one continuous stream (workers never wait at a chunk's end), and each chunk is
 * recorded with `completeJobRows` (credentials, row outcomes, counters: one transaction) while
 * the next one is being signed. The main thread only moves text: rows are parsed, signed and
 * serialized in the workers (jobs/sign-row.ts).
 */
import type { Clock, Issuer } from '../core/index.js'
import { statusListUrl, type IssuanceContext } from '../issuance/context.js'
import { STATUS_PURPOSES, type JobChunkOutcome, type JobRecord, type PendingJobRow, type StatusPosition } from '../storage/store.js'
import { rowCredentialUrl } from './job-ids.js'
import { signJobRow, type JobRowInput, type JobRowSigned } from './sign-row.js'

/** One chunk of one job's rows, as read from the store. */
export interface JobChunk {
  jobId: string
  rows: PendingJobRow[]
}

interface Allocated extends JobChunk {
  positions: StatusPosition[][]
}

export interface IssueChunksOptions {
  /** Called after each chunk is recorded, with the job as it stands then. */
  onChunk?: (job: JobRecord, applied: boolean) => void
}

export async function issueChunks(ctx: IssuanceContext, chunks: AsyncIterable<JobChunk>, options: IssueChunksOptions = {}): Promise<void> {
  const issuer = ctx.issuer.current
  const startedAt = ctx.clock.now()
  const purposes = ctx.statusPurposes ?? STATUS_PURPOSES
  const base = ctx.baseUrl()
  const listUrls = new Map<string, string>()
  const urlOf = (listId: string): string => {
    let url = listUrls.get(listId)
    if (url === undefined) listUrls.set(listId, (url = statusListUrl(ctx, listId)))
    return url
  }
  const allocated: Allocated[] = []

  async function* inputs(): AsyncGenerator<JobRowInput> {
    for await (const chunk of chunks) {
      if (chunk.rows.length === 0) continue
      const positions = await ctx.store.allocateStatusPositions(chunk.rows.length, purposes)
      allocated.push({ ...chunk, positions })
      for (let i = 0; i < chunk.rows.length; i++) {
        const row = chunk.rows[i]!
        const text = row.item
        row.item = '' // sent to a worker (a copy); until the chunk is recorded only the row number is needed
        yield { text, id: rowCredentialUrl(base, chunk.jobId, row.row), status: positions[i]!.map((p) => ({ url: urlOf(p.listId), purpose: p.purpose, index: p.index })) }
      }
    }
  }

  const pool = ctx.pool !== undefined && ctx.pool.keyId === issuer.key.id ? ctx.pool : undefined
  const signed = pool !== undefined ? pool.signRows(inputs(), startedAt) : signOnMainThread(inputs(), issuer, { now: () => startedAt })

  let committing: Promise<void> = Promise.resolve()
  let current: Allocated | undefined
  let outcome: JobChunkOutcome = { issued: [], failed: [] }
  let i = 0
  for await (const result of signed) {
    current ??= allocated.shift()!
    const row = current.rows[i]!.row
    if (result.ok) {
      outcome.issued.push({ row, credential: { id: result.id, issuerId: issuer.id, recipient: result.recipient, achievementId: result.achievementId, json: result.json, status: current.positions[i]! } })
    } else {
      outcome.failed.push({ row, error: result.error })
    }
    if (++i === current.rows.length) {
      await committing // at most one chunk being recorded while the next is signed
      committing = record(ctx, current.jobId, outcome, options)
      committing.catch(() => {}) // awaited at the next chunk or at the end
      current = undefined
      outcome = { issued: [], failed: [] }
      i = 0
    }
  }
  await committing
}

async function* signOnMainThread(rows: AsyncIterable<JobRowInput>, issuer: Issuer, clock: Clock): AsyncGenerator<JobRowSigned> {
  for await (const row of rows) yield await signJobRow(row, issuer, clock)
}

/**
 * Records a chunk. A row naming a credential id that exists already (given in the row, or
 * twice in the job) makes the whole transaction fail: those rows are reported as refused and
 * the rest of the chunk is recorded.
 */
async function record(ctx: IssuanceContext, jobId: string, outcome: JobChunkOutcome, options: IssueChunksOptions): Promise<void> {
  let result
  try {
    result = await ctx.store.completeJobRows(jobId, outcome)
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ERR_STORE_CONFLICT' || outcome.issued.length === 0) throw e
    const existing = new Set((await ctx.store.getCredentials(outcome.issued.map((x) => x.credential.id))).map((c) => c.id))
    const seen = new Set<string>()
    const retry: JobChunkOutcome = { issued: [], failed: [...outcome.failed] }
    for (const x of outcome.issued) {
      const id = x.credential.id
      if (existing.has(id) || seen.has(id)) {
        retry.failed.push({ row: x.row, error: { code: 'ERR_STORE_CONFLICT', message: `a credential with the id ${id} was already issued`, path: '$.id' } })
      } else {
        seen.add(id)
        retry.issued.push(x)
      }
    }
    if (retry.failed.length === outcome.failed.length) throw e
    retry.failed.sort((a, b) => a.row - b.row)
    result = await ctx.store.completeJobRows(jobId, retry)
  }
  options.onChunk?.(result.job, result.applied)
}
