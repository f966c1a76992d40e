/**
 * @module storage/sqlite/sqlite-jobs
 * The job methods of the SQLite adapter (store.ts, "jobs"), over the adapter's statement
 * cache, transaction and batch insert. A chunk's credentials, its rows' outcomes and the job's
 * counters commit in one `BEGIN IMMEDIATE` transaction.
 */
import { randomUUID } from 'node:crypto'
import { checkJobChunk, checkNewJob, encodeRowError, insertChunks, jobExists, jobFromRow, jobNotFound, noRows, partlyRecorded, rowResult } from '../job-rules.js'
import type { JobRecord, NewCredential, Store } from '../store.js'
import { duplicateCredential } from '../store-rules.js'

type Row = Record<string, unknown>
interface Statement {
  run(...params: unknown[]): { changes: number }
  get(...params: unknown[]): unknown
  all(...params: unknown[]): unknown[]
}

export interface SqliteJobDeps {
  q: (sql: string) => Statement
  tx: <T>(fn: () => T) => T
  now: () => Date
  /** Stores credentials (no idempotency record); inside a transaction. */
  insertInTx: (batch: readonly NewCredential[]) => void
  isConstraintError: (e: unknown) => boolean
}

type JobMethods = Pick<Store, 'createJob' | 'getJob' | 'listUnfinishedJobs' | 'startJob' | 'pendingJobRows' | 'completeJobRows' | 'jobResults' | 'finishJob'>

const date = (v: unknown): Date => new Date(String(v))

export function sqliteJobMethods({ q, tx, now, insertInTx, isConstraintError }: SqliteJobDeps): JobMethods {
  const load = (id: string): JobRecord | undefined => {
    const r = q('SELECT * FROM jobs WHERE id = ?').get(id) as Row | undefined
    return r === undefined ? undefined : jobFromRow(r, date)
  }
  const mustLoad = (id: string): JobRecord => {
    const job = load(id)
    if (job === undefined) throw jobNotFound(id)
    return job
  }

  return {
    async createJob(job, items) {
      checkNewJob(job)
      if (load(job.id) !== undefined) throw jobExists(job.id)
      // better-sqlite3 transactions are synchronous, and the items arrive asynchronously (a
      // request body): the chunks go first to a TEMP table (this connection only, gone with the
      // process, so a crash leaves nothing), then one transaction creates the job and moves its
      // rows. Memory stays bounded by one chunk; the event loop is free between chunks.
      q('CREATE TEMP TABLE IF NOT EXISTS job_rows_incoming (token TEXT NOT NULL, row INTEGER NOT NULL, item TEXT NOT NULL, PRIMARY KEY (token, row))').run()
      const token = `${job.id}:${randomUUID()}`
      let row = 0
      try {
        for await (const chunk of insertChunks(items)) {
          tx(() => {
            const insert = q('INSERT INTO job_rows_incoming (token, row, item) VALUES (?, ?, ?)')
            for (const item of chunk) insert.run(token, row++, item)
          })
        }
        if (row === 0) throw noRows()
        return tx(() => {
          if (load(job.id) !== undefined) throw jobExists(job.id)
          q("INSERT INTO jobs (id, issuer_id, created_by, state, total, created_at) VALUES (?, ?, ?, 'queued', ?, ?)").run(job.id, job.issuerId, job.createdBy ?? null, row, now().toISOString())
          q('INSERT INTO job_rows (job_id, row, item) SELECT ?, row, item FROM job_rows_incoming WHERE token = ? ORDER BY row').run(job.id, token)
          return mustLoad(job.id)
        })
      } finally {
        tx(() => q('DELETE FROM job_rows_incoming WHERE token = ?').run(token))
      }
    },
    async getJob(id) {
      return load(id)
    },
    async listUnfinishedJobs() {
      return (q("SELECT * FROM jobs WHERE state IN ('queued', 'running') ORDER BY seq").all() as Row[]).map((r) => jobFromRow(r, date))
    },
    async startJob(id) {
      return tx(() => {
        q("UPDATE jobs SET state = 'running', started_at = COALESCE(started_at, ?) WHERE id = ? AND state = 'queued'").run(now().toISOString(), id)
        return mustLoad(id)
      })
    },
    async pendingJobRows(jobId, fromRow, limit, toRow) {
      const rows = q(
        'SELECT row, item FROM job_rows WHERE job_id = ? AND row >= ? AND row < ? AND credential_id IS NULL AND error IS NULL ORDER BY row LIMIT ?',
      ).all(jobId, fromRow, toRow ?? Number.MAX_SAFE_INTEGER, limit) as Row[]
      return rows.map((r) => ({ row: r['row'] as number, item: r['item'] as string }))
    },
    async completeJobRows(jobId, outcome) {
      const rows = checkJobChunk(outcome)
      try {
        return tx(() => {
          const job = mustLoad(jobId)
          const pending = q('SELECT 1 FROM job_rows WHERE job_id = ? AND row = ? AND credential_id IS NULL AND error IS NULL')
          const open = rows.filter((row) => pending.get(jobId, row) !== undefined).length
          if (open === 0) return { applied: false, job }
          if (open !== rows.length) throw partlyRecorded(jobId)
          insertInTx(outcome.issued.map((i) => i.credential))
          const done = q('UPDATE job_rows SET credential_id = ?, item = NULL WHERE job_id = ? AND row = ?')
          for (const i of outcome.issued) done.run(i.credential.id, jobId, i.row)
          const failed = q('UPDATE job_rows SET error = ? WHERE job_id = ? AND row = ?')
          for (const f of outcome.failed) failed.run(encodeRowError(f.error), jobId, f.row)
          const at = now().toISOString()
          q(
            `UPDATE jobs SET done = done + ?, failed = failed + ?,
               state = CASE WHEN done + failed + ? + ? >= total AND state IN ('queued', 'running') THEN 'done' ELSE state END,
               finished_at = CASE WHEN done + failed + ? + ? >= total AND state IN ('queued', 'running') THEN ? ELSE finished_at END
             WHERE id = ?`,
          ).run(outcome.issued.length, outcome.failed.length, outcome.issued.length, outcome.failed.length, outcome.issued.length, outcome.failed.length, at, jobId)
          return { applied: true, job: mustLoad(jobId) }
        })
      } catch (e) {
        if (isConstraintError(e)) throw duplicateCredential((e as Error).message)
        throw e
      }
    },
    async jobResults(jobId, fromRow, limit) {
      const rows = q(
        'SELECT row, credential_id, error FROM job_rows WHERE job_id = ? AND row >= ? AND (credential_id IS NOT NULL OR error IS NOT NULL) ORDER BY row LIMIT ?',
      ).all(jobId, fromRow, limit) as Row[]
      return rows.map((r) => rowResult(r['row'] as number, r['credential_id'] as string | null, r['error'] as string | null))
    },
    async finishJob(id, state, error) {
      return tx(() => {
        q("UPDATE jobs SET state = ?, error = ?, finished_at = ? WHERE id = ? AND state IN ('queued', 'running')").run(state, error ?? null, now().toISOString(), id)
        return mustLoad(id)
      })
    },
  }
}
