/**
 * @module storage/memory/memory-jobs
 * The job methods of the memory adapter (store.ts, "jobs"). Every method runs without awaiting
 * between its check and its change, so it is atomic within the process.
 */
import { checkJobChunk, checkNewJob, encodeRowError, jobExists, jobNotFound, noRows, partlyRecorded, rowResult } from '../job-rules.js'
import type { JobRecord, JobState, NewCredential, Store } from '../store.js'

interface JobRow {
  record: JobRecord
  /** Row → item text (undefined once issued), credential id or error text. */
  rows: { item: string | undefined; credentialId?: string; error?: string }[]
}

export interface MemoryJobDeps {
  now: () => Date
  /** Stores credentials (validates all before storing any). */
  insertNow: (batch: readonly NewCredential[]) => void
  open: () => void
}

type JobMethods = Pick<Store, 'createJob' | 'getJob' | 'listUnfinishedJobs' | 'startJob' | 'pendingJobRows' | 'completeJobRows' | 'jobResults' | 'finishJob'>

const copy = (j: JobRecord): JobRecord => ({
  ...j,
  createdAt: new Date(j.createdAt.getTime()),
  startedAt: j.startedAt === undefined ? undefined : new Date(j.startedAt.getTime()),
  finishedAt: j.finishedAt === undefined ? undefined : new Date(j.finishedAt.getTime()),
})
const unfinished = (state: JobState): boolean => state === 'queued' || state === 'running'

export function memoryJobMethods({ now, insertNow, open }: MemoryJobDeps): JobMethods {
  const jobs = new Map<string, JobRow>()
  const mustGet = (id: string): JobRow => {
    open()
    const job = jobs.get(id)
    if (job === undefined) throw jobNotFound(id)
    return job
  }
  const isPending = (r: JobRow['rows'][number] | undefined): boolean => r !== undefined && r.credentialId === undefined && r.error === undefined

  return {
    async createJob(job, items) {
      open()
      checkNewJob(job)
      if (jobs.has(job.id)) throw jobExists(job.id)
      const rows: JobRow['rows'] = []
      for await (const item of items) rows.push({ item })
      if (rows.length === 0) throw noRows()
      // Checked again: another job with this id may have been created while the items were read.
      if (jobs.has(job.id)) throw jobExists(job.id)
      const record: JobRecord = { id: job.id, issuerId: job.issuerId, createdBy: job.createdBy, state: 'queued', total: rows.length, done: 0, failed: 0, createdAt: now() }
      jobs.set(job.id, { record, rows })
      return copy(record)
    },
    async getJob(id) {
      open()
      const job = jobs.get(id)
      return job === undefined ? undefined : copy(job.record)
    },
    async listUnfinishedJobs() {
      open()
      return [...jobs.values()].filter((j) => unfinished(j.record.state)).map((j) => copy(j.record))
    },
    async startJob(id) {
      const { record } = mustGet(id)
      if (record.state === 'queued') {
        record.state = 'running'
        record.startedAt ??= now()
      }
      return copy(record)
    },
    async pendingJobRows(jobId, fromRow, limit, toRow) {
      const { rows } = mustGet(jobId)
      const out = []
      const end = Math.min(rows.length, toRow ?? rows.length)
      for (let row = Math.max(0, fromRow); row < end && out.length < limit; row++) {
        if (isPending(rows[row])) out.push({ row, item: rows[row]!.item! })
      }
      return out
    },
    async completeJobRows(jobId, outcome) {
      const rowsOfChunk = checkJobChunk(outcome)
      const job = mustGet(jobId)
      const open = rowsOfChunk.filter((row) => isPending(job.rows[row])).length
      if (open === 0) return { applied: false, job: copy(job.record) }
      if (open !== rowsOfChunk.length) throw partlyRecorded(jobId)
      insertNow(outcome.issued.map((i) => i.credential))
      for (const i of outcome.issued) job.rows[i.row] = { item: undefined, credentialId: i.credential.id }
      for (const f of outcome.failed) job.rows[f.row]!.error = encodeRowError(f.error)
      const r = job.record
      r.done += outcome.issued.length
      r.failed += outcome.failed.length
      if (r.done + r.failed >= r.total && unfinished(r.state)) {
        r.state = 'done'
        r.finishedAt = now()
      }
      return { applied: true, job: copy(r) }
    },
    async jobResults(jobId, fromRow, limit) {
      const { rows } = mustGet(jobId)
      const out = []
      for (let row = Math.max(0, fromRow); row < rows.length && out.length < limit; row++) {
        const r = rows[row]!
        if (!isPending(r)) out.push(rowResult(row, r.credentialId, r.error))
      }
      return out
    },
    async finishJob(id, state, error) {
      const { record } = mustGet(id)
      if (unfinished(record.state)) {
        record.state = state
        record.error = error
        record.finishedAt = now()
      }
      return copy(record)
    },
  }
}
