// A batch issue interrupted by SIGKILL leaves the whole batch or none of it, and each branch is
// forced, not left to timing: killed on the "issuing a batch" line (logged before signing 300
// credentials) nothing is stored; killed on the "batch stored" line (logged after the commit,
// before the answer) all of it is. Either way the retry with the same Idempotency-Key ends
// with exactly one copy of the batch, and later retries replay it.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSqliteContents } from '../setup/sqlite-contents.js'
import { client, createKey, startServerProcess, unsigned, type ServerProcess } from './server-process.js'

const N = 300
let dir: string
let server: ServerProcess | undefined
let token: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'microcred-e2e-crash-'))
  server = await startServerProcess(dir)
  token = await createKey(dir, 'issue')
}, 60_000)
afterAll(async () => {
  await server?.stop('SIGKILL')
  await rm(dir, { recursive: true, force: true })
})


/** What is in the database, read directly (the server is not running). */
async function storedCredentials(): Promise<{ ids: string[]; positions: string[] }> {
  const { credentials, positions } = await readSqliteContents(join(dir, 'data', 'microcred.sqlite'))
  return { ids: credentials.map((c) => c.id), positions }
}

/** Sends a batch, SIGKILLs the server on the first log line matching `at`, returns what is stored. */
async function killDuringBatch(key: string, subjects: string, at: RegExp): Promise<{ body: { credentials: Record<string, unknown>[] }; stored: number; answered: boolean }> {
  server ??= await startServerProcess(dir)
  const before = (await storedCredentials()).ids.length
  const body = { credentials: Array.from({ length: N }, (_, i) => unsigned(`did:example:${subjects}-${i}`)) }
  const first = client(server.url, token).post('/credentials/issue/batch', body, { 'idempotency-key': key }).catch((e: unknown) => e)
  await server.waitForLog(at)
  const started = Date.now()
  expect(await server.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' })
  server = undefined
  const outcome = await first
  expect(Date.now() - started).toBeLessThan(5000)
  return { body, stored: (await storedCredentials()).ids.length - before, answered: !(outcome instanceof Error) }
}

/** Retries the batch twice on a fresh server: the first completes it, the second replays it byte for byte. */
async function retryTwice(key: string, body: unknown): Promise<string[]> {
  server = await startServerProcess(dir)
  const api = client(server.url, token)
  const retry = await api.post('/credentials/issue/batch', body, { 'idempotency-key': key })
  expect(retry.status).toBe(201)
  const ids = (retry.json().verifiableCredentials as { id: string }[]).map((vc) => vc.id)
  expect(ids).toHaveLength(N)
  const again = await api.post('/credentials/issue/batch', body, { 'idempotency-key': key })
  expect(again.status).toBe(201)
  expect(again.headers.get('idempotent-replayed')).toBe('true')
  expect(again.body).toBe(retry.body)
  await server.stop('SIGTERM')
  server = undefined
  return ids
}

describe('crash safety of batch issuing', () => {
  it('killed before the commit: nothing stored, not answered; the retry issues the batch once', async () => {
    const { body, stored, answered } = await killDuringBatch('crash-before', 'before', /"msg":"issuing a batch"/)
    expect(answered).toBe(false)
    expect(stored).toBe(0)
    const ids = await retryTwice('crash-before', body)
    const final = await storedCredentials()
    expect(final.ids.filter((id) => ids.includes(id))).toHaveLength(N)
    expect(new Set(final.ids).size).toBe(final.ids.length)
    expect(new Set(final.positions).size).toBe(final.positions.length)
  }, 120_000)

  it('killed after the commit: the whole batch stored; the retry replays it, nothing duplicated', async () => {
    const before = (await storedCredentials()).ids.length
    const { body, stored } = await killDuringBatch('crash-after', 'after', /"msg":"batch stored"/)
    expect(stored).toBe(N)
    const ids = await retryTwice('crash-after', body)
    const final = await storedCredentials()
    expect(final.ids.length - before).toBe(N)
    expect(final.ids.filter((id) => ids.includes(id))).toHaveLength(N)
    expect(new Set(final.ids).size).toBe(final.ids.length)
    expect(new Set(final.positions).size).toBe(final.positions.length)
  }, 120_000)
})
