/**
 * @module storage/postgres/postgres-jobs
 * The job methods of the PostgreSQL adapter (store.ts, "jobs"). Several instances work on one
 * job at once: a chunk's commit locks the job's row first (`FOR UPDATE`), so two deliveries of
 * one chunk are serialized and the second one finds its rows recorded (`applied: false`).
 * `createJob` is one transaction on one pooled client, fed chunk by chunk from the request.
 */
import { checkJobChunk, checkNewJob, encodeRowError, insertChunks, jobExists, jobFromRow, jobNotFound, noRows, partlyRecorded, rowResult } from '../job-rules.js'
import type { JobRecord, NewCredential, Store } from '../store.js'
import { duplicateCredential } from '../store-rules.js'

type Row = Record<string, unknown>
interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>
}

export interface PostgresJobDeps {
  query: (text: string, values?: unknown[]) => Promise<Row[]>
  transaction: <T>(fn: (c: Queryable) => Promise<T>) => Promise<T>
  now: () => Date
  /** Stores credentials (no idempotency record) inside the caller's transaction. */
  insertBatch: (c: Queryable, batch: NewCredential[]) => Promise<unknown>
  isConstraintError: (e: unknown) => boolean
}

type JobMethods = Pick<Store, 'createJob' | 'getJob' | 'listUnfinishedJobs' | 'startJob' | 'pendingJobRows' | 'completeJobRows' | 'jobResults' | 'finishJob'>

const date = (v: unknown): Date => new Date(v as Date)

export function postgresJobMethods({ query, transaction, now, insertBatch, isConstraintError }: PostgresJobDeps): JobMethods {
  const load = async (c: Queryable, id: string, lock = ''): Promise<JobRecord | undefined> => {
    const { rows } = await c.query(`SELECT * FROM jobs WHERE id = $1 ${lock}`, [id])
    return rows[0] === undefined ? undefined : jobFromRow(rows[0], date)
  }
  const mustLoad = async (c: Queryable, id: string, lock = ''): Promise<JobRecord> => {
    const job = await load(c, id, lock)
    if (job === undefined) throw jobNotFound(id)
    return job
  }

  return {
    async createJob(job, items) {
      checkNewJob(job)
      try {
        return await transaction(async (c) => {
          await c.query("INSERT INTO jobs (id, issuer_id, created_by, state, total, created_at) VALUES ($1, $2, $3, 'queued', 0, $4)", [job.id, job.issuerId, job.createdBy ?? null, now()])
          // One multi-row insert per chunk, read from `items` as they come, so only one chunk
          // is held. The chunk goes as one JSON array parameter: JSON.stringify is native,
          // whereas the driver's text[] encoding escapes every quote of every row in
          // JavaScript, which made storing rows cost more client CPU (mostly garbage
          // collection) than the database's work. The job and its rows commit together: until
          // then no other session sees the job.
          let row = 0
          for await (const chunk of insertChunks(items)) {
            await c.query('INSERT INTO job_rows (job_id, row, item) SELECT $1, $2::int + t.ord::int - 1, t.item FROM json_array_elements_text($3::json) WITH ORDINALITY AS t(item, ord)', [
              job.id,
              row,
              JSON.stringify(chunk),
            ])
            row += chunk.length
          }
          if (row === 0) throw noRows()
          await c.query('UPDATE jobs SET total = $1 WHERE id = $2', [row, job.id])
          return mustLoad(c, job.id)
        })
      } catch (e) {
        if (isConstraintError(e)) throw jobExists(job.id)
        throw e
      }
    },
    async getJob(id) {
      const rows = await query('SELECT * FROM jobs WHERE id = $1', [id])
      return rows[0] === undefined ? undefined : jobFromRow(rows[0], date)
    },
    async listUnfinishedJobs() {
      return (await query("SELECT * FROM jobs WHERE state IN ('queued', 'running') ORDER BY seq")).map((r) => jobFromRow(r, date))
    },
    async startJob(id) {
      const rows = await query("UPDATE jobs SET state = 'running', started_at = COALESCE(started_at, $1) WHERE id = $2 AND state = 'queued' RETURNING *", [now(), id])
      if (rows[0] !== undefined) return jobFromRow(rows[0], date)
      const job = await this.getJob(id)
      if (job === undefined) throw jobNotFound(id)
      return job
    },
    async pendingJobRows(jobId, fromRow, limit, toRow) {
      const rows = await query(
        'SELECT row, item FROM job_rows WHERE job_id = $1 AND row >= $2 AND row < $3 AND credential_id IS NULL AND error IS NULL ORDER BY row LIMIT $4',
        [jobId, fromRow, toRow ?? 2 ** 31 - 1, limit],
      )
      return rows.map((r) => ({ row: r['row'] as number, item: r['item'] as string }))
    },
    async completeJobRows(jobId, outcome) {
      const rows = checkJobChunk(outcome)
      try {
        return await transaction(async (c) => {
          // The chunk's own rows are locked, not the job: instances recording different chunks
          // of one job do not wait for each other (the job's counters are updated last, so its
          // row is held only until the commit). A chunk delivered twice waits here for the
          // first recording and then finds its rows recorded (re-checked after the wait).
          const { rows: open } = await c.query(
            'SELECT row FROM job_rows WHERE job_id = $1 AND row = ANY($2::int[]) AND credential_id IS NULL AND error IS NULL FOR UPDATE',
            [jobId, rows],
          )
          const n = open.length
          if (n === 0) return { applied: false, job: await mustLoad(c, jobId) }
          if (n !== rows.length) throw partlyRecorded(jobId)
          if (outcome.issued.length > 0) {
            await insertBatch(c, outcome.issued.map((i) => i.credential))
            await c.query(
              'UPDATE job_rows SET credential_id = t.cid, item = NULL FROM unnest($2::int[], $3::text[]) AS t(r, cid) WHERE job_rows.job_id = $1 AND job_rows.row = t.r',
              [jobId, outcome.issued.map((i) => i.row), outcome.issued.map((i) => i.credential.id)],
            )
          }
          if (outcome.failed.length > 0) {
            await c.query('UPDATE job_rows SET error = t.e FROM unnest($2::int[], $3::text[]) AS t(r, e) WHERE job_rows.job_id = $1 AND job_rows.row = t.r', [
              jobId,
              outcome.failed.map((f) => f.row),
              outcome.failed.map((f) => encodeRowError(f.error)),
            ])
          }
          const added = outcome.issued.length + outcome.failed.length
          const { rows: updated } = await c.query(
            `UPDATE jobs SET done = done + $2, failed = failed + $3,
               state = CASE WHEN done + failed + $4 >= total AND state IN ('queued', 'running') THEN 'done' ELSE state END,
               finished_at = CASE WHEN done + failed + $4 >= total AND state IN ('queued', 'running') THEN $5 ELSE finished_at END
             WHERE id = $1 RETURNING *`,
            [jobId, outcome.issued.length, outcome.failed.length, added, now()],
          )
          return { applied: true, job: jobFromRow(updated[0]!, date) }
        })
      } catch (e) {
        if (isConstraintError(e)) throw duplicateCredential((e as Error).message)
        throw e
      }
    },
    async jobResults(jobId, fromRow, limit) {
      const rows = await query(
        'SELECT row, credential_id, error FROM job_rows WHERE job_id = $1 AND row >= $2 AND (credential_id IS NOT NULL OR error IS NOT NULL) ORDER BY row LIMIT $3',
        [jobId, fromRow, limit],
      )
      return rows.map((r) => rowResult(r['row'] as number, r['credential_id'] as string | null, r['error'] as string | null))
    },
    async finishJob(id, state, error) {
      const rows = await query("UPDATE jobs SET state = $2, error = $3, finished_at = $4 WHERE id = $1 AND state IN ('queued', 'running') RETURNING *", [id, state, error ?? null, now()])
      if (rows[0] !== undefined) return jobFromRow(rows[0], date)
      const job = await this.getJob(id)
      if (job === undefined) throw jobNotFound(id)
      return job
    },
  }
}
