// SQLite faults with the real server process: a full disk (a file-size limit on the process,
// so every write past it fails with EFBIG) and two processes issuing into one database file.
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sqliteFault } from '../../src/storage/sqlite/sqlite-store.js'
import { client, createKey, startServerProcess, unsigned, type ServerProcess } from '../e2e/server-process.js'
import { readSqliteContents } from '../setup/sqlite-contents.js'

let dir: string
const servers: ServerProcess[] = []
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'microcred-faults-sqlite-'))
})
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop('SIGKILL')))
  await rm(dir, { recursive: true, force: true })
})
const dbPath = (): string => join(dir, 'data', 'microcred.sqlite')

async function start(options: Parameters<typeof startServerProcess>[2] = {}): Promise<ServerProcess> {
  const server = await startServerProcess(dir, {}, options)
  servers.push(server)
  return server
}
async function stop(server: ServerProcess): Promise<void> {
  await server.stop('SIGTERM')
  servers.splice(servers.indexOf(server), 1)
}

/** Every credential in the file, with its status positions, read directly. */
async function stored(): Promise<{ ids: string[]; positions: string[] }> {
  const { credentials, positions } = await readSqliteContents(dbPath())
  return { ids: credentials.map((c) => c.id), positions }
}

function integrity(): string {
  const db = new Database(dbPath(), { readonly: true })
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('\n')
  } finally {
    db.close()
  }
}

const batch = (tag: string, n: number) => ({ credentials: Array.from({ length: n }, (_, i) => unsigned(`did:example:${tag}-${i}`)) })
const idsOf = (body: string): string[] => (JSON.parse(body).verifiableCredentials as { id: string }[]).map((vc) => vc.id)

describe('SQLite on a full disk', () => {
  it('maps SQLITE_FULL (ENOSPC) to ERR_STORE_FULL 507 and write I/O errors to ERR_STORE_UNAVAILABLE 503', () => {
    const sqlite = (code: string) => Object.assign(new Error(code), { code })
    expect(sqliteFault(sqlite('SQLITE_FULL'))).toMatchObject({ code: 'ERR_STORE_FULL', status: 507 })
    expect(sqliteFault(sqlite('SQLITE_IOERR_WRITE'))).toMatchObject({ code: 'ERR_STORE_UNAVAILABLE', status: 503 })
    expect(sqliteFault(sqlite('SQLITE_BUSY'))).toMatchObject({ code: 'ERR_STORE_UNAVAILABLE', status: 503 })
    const constraint = sqlite('SQLITE_CONSTRAINT_PRIMARYKEY')
    expect(sqliteFault(constraint)).toBe(constraint)
  })

  // Past a file-size limit write() fails with EFBIG, which SQLite reports as SQLITE_IOERR_WRITE
  // (503); a real ENOSPC is SQLITE_FULL (507). Both are coded and carry Retry-After.
  it('answers a coded 503/507 with Retry-After, keeps serving reads, and leaves an intact database', async () => {
    let server = await start()
    const token = await createKey(dir, 'issue,read')
    const first = await client(server.url, token).post('/credentials/issue/batch', batch('seed', 5), { 'idempotency-key': 'seed' })
    expect(first.status).toBe(201)
    const acknowledged = idsOf(first.body)
    await stop(server)

    // Room for a few hundred KiB more in any one file (the WAL grows with every commit).
    const limitKiB = Math.ceil((await stat(dbPath())).size / 1024) + 192
    server = await start({ fileSizeLimitKiB: limitKiB })
    const api = client(server.url, token)
    const refused: { status: number; code: string; retryAfter: string | null }[] = []
    for (let i = 0; i < 200 && refused.length < 3; i++) {
      const res = await api.post('/credentials/issue/batch', batch(`fill-${i}`, 20), { 'idempotency-key': `fill-${i}` })
      if (res.status === 201) acknowledged.push(...idsOf(res.body))
      else refused.push({ status: res.status, code: JSON.parse(res.body).code, retryAfter: res.headers.get('retry-after') })
    }
    console.log(JSON.stringify({ fault: 'sqlite-full-disk', limitKiB, acknowledged: acknowledged.length, refused }))
    expect(refused.length).toBeGreaterThan(0)
    for (const r of refused) {
      expect([507, 503]).toContain(r.status)
      expect(['ERR_STORE_FULL', 'ERR_STORE_UNAVAILABLE']).toContain(r.code)
      expect(r.retryAfter).toMatch(/^\d+$/)
    }
    // reads still served
    expect((await api.get(`/credentials/${encodeURIComponent(acknowledged[0]!)}`)).status).toBe(200)
    expect((await api.get('/health')).status).toBe(200)
    await stop(server)

    expect(integrity()).toBe('ok')
    const after = await stored()
    expect(after.ids.filter((id) => acknowledged.includes(id)).length).toBe(acknowledged.length)
    expect(after.ids.length).toBe(acknowledged.length) // nothing stored that was not acknowledged
    expect(new Set(after.positions).size).toBe(after.positions.length)
  }, 180_000)
})

describe('two processes on one SQLite file', () => {
  it('issue concurrently without a duplicate status index, a lost credential or a 5xx', async () => {
    const a = await start()
    const token = await createKey(dir, 'issue')
    const b = await start()
    const acknowledged: string[] = []
    const statuses: number[] = []
    const worker = async (server: ServerProcess, name: string): Promise<void> => {
      const api = client(server.url, token)
      for (let round = 0; round < 3; round++) {
        const res = await api.post('/credentials/issue/batch', batch(`${name}-${round}`, 10), { 'idempotency-key': `${name}-${round}` })
        statuses.push(res.status)
        if (res.status === 201) acknowledged.push(...idsOf(res.body))
        const one = await api.post('/credentials/issue', { credential: unsigned(`did:example:${name}-single-${round}`) })
        statuses.push(one.status)
        if (one.status === 201) acknowledged.push(JSON.parse(one.body).verifiableCredential.id)
      }
    }
    await Promise.all([a, b].flatMap((s, i) => [0, 1, 2, 3].map((w) => worker(s, `p${i}-w${w}`))))
    await stop(a)
    await stop(b)
    console.log(JSON.stringify({ fault: 'sqlite-two-processes', requests: statuses.length, ok: statuses.filter((s) => s === 201).length, acknowledged: acknowledged.length }))
    expect(statuses.every((s) => s === 201)).toBe(true)
    const after = await stored()
    expect(after.ids.length).toBe(acknowledged.length)
    expect(new Set(after.ids)).toEqual(new Set(acknowledged))
    expect(new Set(after.positions).size).toBe(after.positions.length)
    expect(integrity()).toBe('ok')
  }, 180_000)
})
