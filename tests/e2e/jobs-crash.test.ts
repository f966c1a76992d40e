// An issue job survives SIGKILL: a real `microcred serve` is killed with -9 in the middle of a
// 3000-row job and started again; the job finishes with exactly one credential per row (every
// recorded row names a stored credential, no credential is stored twice, none is lost). On
// SQLite the restarted process resumes the job; on PostgreSQL two processes share the pg-boss
// queue, one is killed, and the chunks it held come back after their lease.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { TEST_DATABASE_URL as PG_URL } from '../setup/database.js'
import { client, createKey, microcred, startServerProcess, unsigned, type ServerProcess } from './server-process.js'

const ROWS = 3000

type Status = { state: string; total: number; done: number; failed: number }

/** Polls the job until `until` holds (or throws after `timeoutMs`). */
async function poll(base: string, token: string, id: string, until: (s: Status) => boolean, timeoutMs: number, everyMs = 20): Promise<Status> {
  const started = Date.now()
  for (;;) {
    const res = await client(base, token).get(`/jobs/${id}`)
    if (res.status === 200) {
      const s = res.json() as Status
      if (until(s)) return s
    }
    if (Date.now() - started > timeoutMs) throw new Error(`job ${id}: condition not reached in ${timeoutMs} ms (last ${res.body})`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

async function submit(base: string, token: string): Promise<string> {
  const items = Array.from({ length: ROWS }, (_, i) => unsigned(`did:example:class-of-2026-${i}`))
  const res = await client(base, token).post('/credentials/issue/jobs', { items })
  expect(res.status).toBe(202)
  return res.json().id as string
}

/** Kills `server` with SIGKILL as soon as the job has recorded some but not all rows. */
async function killMidJob(server: ServerProcess, token: string, id: string): Promise<Status> {
  const seen = await poll(server.url, token, id, (s) => s.done > 0, 60_000, 10)
  expect(seen.done).toBeLessThan(ROWS) // caught in the middle, not after the end
  expect(await server.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' })
  return seen
}

/** What the database holds for the job, as SQL rows: row → credential, and the credentials table. */
interface Tally {
  recordedRows: number
  distinctCredentialIds: number
  rowsWithoutCredential: number
  credentials: number
}

describe('issue job killed with SIGKILL (SQLite)', () => {
  let dir: string
  let server: ServerProcess | undefined
  afterAll(async () => {
    await server?.stop('SIGKILL')
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  })

  const tally = (jobId: string): Tally => {
    const db = new Database(join(dir, 'data', 'microcred.sqlite'), { readonly: true })
    try {
      const one = (sql: string, ...p: unknown[]): number => (db.prepare(sql).get(...p) as { n: number }).n
      return {
        recordedRows: one('SELECT count(*) AS n FROM job_rows WHERE job_id = ? AND credential_id IS NOT NULL', jobId),
        distinctCredentialIds: one('SELECT count(DISTINCT credential_id) AS n FROM job_rows WHERE job_id = ? AND credential_id IS NOT NULL', jobId),
        rowsWithoutCredential: one('SELECT count(*) AS n FROM job_rows r WHERE r.job_id = ? AND r.credential_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.id = r.credential_id)', jobId),
        credentials: one('SELECT count(*) AS n FROM credentials'),
      }
    } finally {
      db.close()
    }
  }

  it('resumes after a restart and issues each row exactly once', async () => {
    dir = await mkdtemp(join(tmpdir(), 'microcred-e2e-jobs-'))
    server = await startServerProcess(dir)
    const token = await createKey(dir, 'issue')
    const id = await submit(server.url, token)
    await killMidJob(server, token, id)
    server = undefined

    // Killed: whatever was recorded is whole — each recorded row has its credential, nothing more.
    const atKill = tally(id)
    expect(atKill.recordedRows).toBeGreaterThan(0)
    expect(atKill.recordedRows).toBeLessThan(ROWS)
    expect(atKill.recordedRows % 250 === 0 || atKill.recordedRows === ROWS).toBe(true) // whole chunks
    expect(atKill.credentials).toBe(atKill.recordedRows)
    expect(atKill.rowsWithoutCredential).toBe(0)

    server = await startServerProcess(dir)
    const end = await poll(server.url, token, id, (s) => s.state === 'done', 120_000, 100)
    expect(end).toMatchObject({ state: 'done', total: ROWS, done: ROWS, failed: 0 })
    const after = tally(id)
    expect(after).toEqual({ recordedRows: ROWS, distinctCredentialIds: ROWS, rowsWithoutCredential: 0, credentials: ROWS })
    const lines = (await client(server.url, token).get(`/jobs/${id}/results`)).body.split('\n').filter(Boolean)
    expect(lines.map((l) => (JSON.parse(l) as { row: number }).row)).toEqual([...Array(ROWS).keys()])
    await server.stop('SIGTERM')
    server = undefined
  }, 240_000)
})

describe('issue job killed with SIGKILL (PostgreSQL, two processes sharing the queue)', () => {
  const schema = `mc_e2e_jobs_${process.pid}_${Date.now().toString(36)}`
  const env = { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema, PUBLIC_URL: 'https://badges.example.edu', JOB_LEASE_SECONDS: '5' }
  let dir: string
  let servers: ServerProcess[] = []
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')))
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}_pgboss" CASCADE`)
    await admin.end()
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  })

  async function tally(jobId: string): Promise<Tally> {
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    try {
      // One snapshot for all four counts: the other instance goes on recording chunks meanwhile,
      // and counts taken a chunk apart disagree without anything being wrong.
      await admin.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
      const one = async (sql: string): Promise<number> => (await admin.query(sql, [jobId])).rows[0].n as number
      const s = `"${schema}"`
      return {
        recordedRows: await one(`SELECT count(*)::int AS n FROM ${s}.job_rows WHERE job_id = $1 AND credential_id IS NOT NULL`),
        distinctCredentialIds: await one(`SELECT count(DISTINCT credential_id)::int AS n FROM ${s}.job_rows WHERE job_id = $1 AND credential_id IS NOT NULL`),
        rowsWithoutCredential: await one(
          `SELECT count(*)::int AS n FROM ${s}.job_rows r WHERE r.job_id = $1 AND r.credential_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${s}.credentials c WHERE c.id = r.credential_id)`,
        ),
        credentials: await one(`SELECT count(*)::int AS n FROM ${s}.credentials WHERE $1::text IS NOT NULL`),
      }
    } finally {
      await admin.query('ROLLBACK').catch(() => {})
      await admin.end()
    }
  }

  it('the other process and the restarted one finish the job; each row exactly once', async () => {
    dir = await mkdtemp(join(tmpdir(), 'microcred-e2e-jobs-pg-'))
    expect((await microcred(['init', '--name', 'Shared Issuer'], dir)).code).toBe(0)
    servers = await Promise.all([startServerProcess(dir, env), startServerProcess(dir, env)])
    const token = await createKey(dir, 'issue', env)
    const [a, b] = servers as [ServerProcess, ServerProcess]
    const id = await submit(a.url, token)
    await killMidJob(a, token, id)
    servers = [b]
    const atKill = await tally(id)
    expect(atKill.credentials).toBe(atKill.recordedRows)
    expect(atKill.rowsWithoutCredential).toBe(0)

    servers.push(await startServerProcess(dir, env))
    const end = await poll(b.url, token, id, (s) => s.state === 'done', 180_000, 200)
    expect(end).toMatchObject({ state: 'done', total: ROWS, done: ROWS, failed: 0 })
    expect(await tally(id)).toEqual({ recordedRows: ROWS, distinctCredentialIds: ROWS, rowsWithoutCredential: 0, credentials: ROWS })
  }, 300_000)
})
