// Two server processes sharing one PostgreSQL schema behave as one service: they issue
// concurrently without handing out a status position twice or losing a credential, and a
// revocation through one is seen by the other. Uses the run's PostgreSQL
// (DATABASE_URL, or one embedded for the run: tests/setup/postgres.ts), in a schema of its own dropped afterwards.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, createKey, microcred, startServerProcess, unsigned, type ServerProcess } from './server-process.js'
import { TEST_DATABASE_URL as PG_URL } from '../setup/database.js'

const schema = `mc_e2e_${process.pid}_${Date.now().toString(36)}`
// As behind a load balancer: both instances answer for one public URL.
const PUBLIC_URL = 'https://badges.example.edu'
const env = { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema, PUBLIC_URL }

type VC = { id: string; credentialStatus: { id: string; statusPurpose: string }[] }

let dir: string
let servers: ServerProcess[] = []
let token: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'microcred-e2e-pg-'))
  expect((await microcred(['init', '--name', 'Shared Issuer'], dir)).code).toBe(0)
  // Both start at once: migrations must be safe to run concurrently.
  servers = await Promise.all([startServerProcess(dir, env), startServerProcess(dir, env)])
  token = await createKey(dir, 'issue,revoke,read', env)
}, 90_000)
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGTERM')))
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}_pgboss" CASCADE`) // the job queue's
  await admin.end()
  await rm(dir, { recursive: true, force: true })
})

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const i = next++
        results[i] = await tasks[i]!()
      }
    }),
  )
  return results
}

describe('two servers on one PostgreSQL schema', () => {
  it('issue concurrently: no duplicate status position, no lost credential; status is shared', async () => {
    const [a, b] = servers.map((s) => client(s.url, token)) as [ReturnType<typeof client>, ReturnType<typeof client>]
    const singles = Array.from({ length: 40 }, (_, i) => async () => {
      const res = await (i % 2 === 0 ? a : b).post('/credentials/issue', { credential: unsigned(`did:example:pg-${i}`) })
      expect(res.status).toBe(201)
      return [res.json().verifiableCredential as VC]
    })
    const batches = [a, b].map((api, n) => async () => {
      const credentials = Array.from({ length: 30 }, (_, i) => unsigned(`did:example:pg-batch-${n}-${i}`))
      const res = await api.post('/credentials/issue/batch', { credentials }, { 'idempotency-key': `pg-batch-${n}` })
      expect(res.status).toBe(201)
      return res.json().verifiableCredentials as VC[]
    })
    const issued = (await pool([...batches, ...singles], 8)).flat()
    expect(issued).toHaveLength(100)

    const positions = issued.flatMap((vc) => vc.credentialStatus.map((e) => e.id))
    expect(positions).toHaveLength(200)
    expect(new Set(positions).size).toBe(200)

    const listed: string[] = []
    let page: string | undefined
    do {
      const res = await b.get(`/credentials?limit=35${page === undefined ? '' : `&page=${encodeURIComponent(page)}`}`)
      expect(res.status).toBe(200)
      listed.push(...(res.json().credentials as { id: string }[]).map((c) => c.id))
      page = res.json().nextPage
    } while (page !== undefined)
    expect(listed.sort()).toEqual(issued.map((vc) => vc.id).sort())

    // Issued by one, verified by the other; revoked through one, seen by the other.
    const fromA = issued[0]! // first credential of server a's batch
    const fromB = issued[30]! // first credential of server b's batch
    expect(fromA.id.startsWith(`${PUBLIC_URL}/credentials/`)).toBe(true)
    expect((await client(servers[1]!.url).post('/credentials/verify', { verifiableCredential: fromA })).json().verified).toBe(true)
    const listPath = new URL((fromA.credentialStatus[0] as unknown as { statusListCredential: string }).statusListCredential).pathname
    const listBefore = await client(servers[0]!.url).get(listPath)
    expect((await b.post('/credentials/status', { credentialId: fromA.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, status: true })).status).toBe(200)
    const listAfter = await client(servers[0]!.url).get(listPath, { 'if-none-match': listBefore.headers.get('etag')! })
    expect(listAfter.status).toBe(200) // a's cached copy is stale: the version moved in the database
    const verified = await client(servers[0]!.url).post('/credentials/verify', { verifiableCredential: fromA })
    expect(verified.json().checks.find((c: { id: string }) => c.id === 'status')).toMatchObject({ code: 'ERR_STATUS_REVOKED' })
    expect((await client(servers[0]!.url).post('/credentials/verify', { verifiableCredential: fromB })).json().verified).toBe(true)
  })
})
