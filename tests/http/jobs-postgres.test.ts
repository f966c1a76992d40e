// Issue jobs on PostgreSQL: two app instances share one database and one pg-boss queue; a job
// submitted to one is taken up in chunk tasks by whichever instance fetches them, each row once.
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { generateKeyMaterial, signingKeyFromMaterial, type Issuer } from '../../src/index.js'
import { ActiveIssuer } from '../../src/issuance/context.js'
import { pgBossJobQueue } from '../../src/jobs/pg-boss-queue.js'
import { createPostgresStore } from '../../src/storage/postgres/postgres-store.js'
import { createIssuePool } from '../../src/workers/issue-pool.js'
import { TEST_DATABASE_URL as PG_URL } from '../setup/database.js'
import { json, makeApp, unsignedCredential, type TestApp } from './helpers.js'

const schema = `mc_jobs_${process.pid}_${Date.now().toString(36)}`
const material = generateKeyMaterial()
const key = signingKeyFromMaterial(material)
const issuer: Issuer = { id: key.controller, profile: { name: 'Queue College' }, key }

async function instance(): Promise<{ t: TestApp; close: () => Promise<void> }> {
  const store = createPostgresStore({ connectionString: PG_URL, schema, poolSize: 4 })
  await store.migrate()
  const pool = createIssuePool({ issuer, material, size: 1 })
  const jobs = pgBossJobQueue({ connectionString: PG_URL, schema: `${schema}_pgboss`, leaseSeconds: 30, tasksPerFetch: 2 })
  const t = await makeApp({ store, issuer: new ActiveIssuer(issuer), pool, jobs })
  await t.app.ready()
  return {
    t,
    close: async () => {
      await t.app.close()
      await pool.close()
      await store.close()
    },
  }
}

describe('issue jobs on PostgreSQL (pg-boss, two instances)', async () => {
  const a = await instance()
  const b = await instance()
  afterAll(async () => {
    await a.close()
    await b.close()
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}_pgboss" CASCADE`)
    await admin.end()
  })

  it('issues every row once across both instances; results in row order', async () => {
    const items: unknown[] = Array.from({ length: 1200 }, (_, i) => unsignedCredential(`did:example:pg-${i}`))
    items[700] = 42
    const res = await a.t.as('issue', { method: 'POST', url: '/credentials/issue/jobs', payload: { items } })
    expect(res.statusCode).toBe(202)
    const { id } = json<{ id: string }>(res)
    let status: Record<string, unknown> = {}
    for (let i = 0; i < 1200; i++) {
      // progress is the same whichever instance is asked
      status = json(await (i % 2 === 0 ? a : b).t.as("issue", { method: "GET", url: `/jobs/${id}` }))
      if (status['state'] === 'done') break
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(status).toMatchObject({ state: 'done', total: 1200, done: 1199, failed: 1 })
    const body = (await b.t.as('issue', { method: 'GET', url: `/jobs/${id}/results` })).body
    const got = body.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { row: number; ok: boolean; credentialId?: string })
    expect(got.map((l) => l.row)).toEqual([...Array(1200).keys()])
    expect(got[700]!.ok).toBe(false)
    const ids = got.filter((l) => l.ok).map((l) => l.credentialId!)
    expect(new Set(ids).size).toBe(1199)
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM "${schema}".credentials`)
    await admin.end()
    expect(rows[0].n).toBe(1199)
  })
})
