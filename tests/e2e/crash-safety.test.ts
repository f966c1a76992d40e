// A batch issue interrupted by SIGKILL leaves the whole batch or none of it; the retry with
// the same Idempotency-Key completes it exactly once, and later retries return the same batch.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../../src/storage/sqlite/sqlite-store.js'
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
  const store = createSqliteStore({ filename: join(dir, 'data', 'microcred.sqlite') })
  try {
    const ids: string[] = []
    const positions: string[] = []
    let cursor: string | undefined
    do {
      const page = await store.listCredentials({ limit: 1000, cursor })
      for (const c of page.items) {
        ids.push(c.id)
        positions.push(...c.status.map((p) => `${p.listId}/${p.index}`))
      }
      cursor = page.nextCursor
    } while (cursor !== undefined)
    return { ids, positions }
  } finally {
    await store.close()
  }
}

describe('crash safety of batch issuing', () => {
  it('SIGKILL mid-batch stores all or nothing; the retry with the same key completes once', async () => {
    const credentials = Array.from({ length: N }, (_, i) => unsigned(`did:example:crash-${i}`))
    const body = { credentials }
    const first = client(server!.url, token).post('/credentials/issue/batch', body, { 'idempotency-key': 'crash-1' }).catch((e: unknown) => e)
    await server!.waitForLog(/"msg":"issuing a batch"/)
    const started = Date.now()
    expect(await server!.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' })
    const outcome = await first
    const afterCrash = await storedCredentials()
    // Killed while signing (the usual case: the response never came) → nothing stored.
    // Killed after the commit → everything stored. Never a part.
    if (outcome instanceof Error) expect([0, N]).toContain(afterCrash.ids.length)
    else expect(afterCrash.ids).toHaveLength(N)
    expect(Date.now() - started).toBeLessThan(5000)

    server = await startServerProcess(dir)
    const api = client(server.url, token)
    const retry = await api.post('/credentials/issue/batch', body, { 'idempotency-key': 'crash-1' })
    expect(retry.status).toBe(201)
    const vcs = retry.json().verifiableCredentials as { id: string }[]
    expect(vcs).toHaveLength(N)

    const again = await api.post('/credentials/issue/batch', body, { 'idempotency-key': 'crash-1' })
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.body).toBe(retry.body)

    await server.stop('SIGTERM')
    server = undefined
    const final = await storedCredentials()
    expect(final.ids).toHaveLength(N)
    expect(new Set(final.ids)).toEqual(new Set(vcs.map((vc) => vc.id)))
    expect(new Set(final.positions).size).toBe(final.positions.length)
  })
})
