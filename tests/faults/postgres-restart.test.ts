// PostgreSQL restarted under load (the test's own server, stopped with -m immediate as in a
// crash, then started again): requests fail fast with 503 ERR_STORE_UNAVAILABLE and
// Retry-After, never a 500 or a hang; the service recovers by itself (the pg Pool reconnects);
// every acknowledged (201) credential is stored exactly once.
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPostgresStore } from '../../src/storage/postgres/postgres-store.js'
import type { Store } from '../../src/storage/store.js'
import { makeApp, unsignedCredential, type TestApp } from '../http/helpers.js'
import { latencySummary } from '../fuzz/corpus.js'
import { startOwnPostgres, type OwnPostgres } from './own-postgres.js'

let server: OwnPostgres
let store: Store
let t: TestApp
beforeAll(async () => {
  server = await startOwnPostgres()
  store = createPostgresStore({ connectionString: server.url, schema: 'faults' })
  t = await makeApp({ store })
}, 120_000)
afterAll(async () => {
  await t?.app.close()
  await store?.close()
  await server?.destroy()
})

interface Outcome {
  status: number
  code?: string
  retryAfter?: string
  ms: number
  at: number
  id?: string
}

describe('PostgreSQL restarted under load', () => {
  it('fails fast with a coded 503, recovers by itself, stores every acknowledged credential once', async () => {
    const outcomes: Outcome[] = []
    const t0 = performance.now()
    let phase: 'before' | 'down' | 'after' = 'before'
    let recoveredAt = Infinity
    const worker = async (w: number): Promise<void> => {
      for (let i = 0; ; i++) {
        if (phase === 'after' && performance.now() - t0 > recoveredAt + 3000) return
        const start = performance.now()
        const res = await t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: unsignedCredential(`did:example:pg-${w}-${i}`) } })
        const body = JSON.parse(res.body) as { code?: string; verifiableCredential?: { id: string } }
        outcomes.push({
          status: res.statusCode,
          ms: performance.now() - start,
          at: start - t0,
          ...(body.code === undefined ? {} : { code: body.code }),
          ...(res.headers['retry-after'] === undefined ? {} : { retryAfter: String(res.headers['retry-after']) }),
          ...(body.verifiableCredential === undefined ? {} : { id: body.verifiableCredential.id }),
        })
        if (res.statusCode !== 201) await new Promise((r) => setTimeout(r, 50)) // a client honouring Retry-After, compressed
      }
    }
    const load = Promise.all([0, 1, 2, 3].map(worker))
    await new Promise((r) => setTimeout(r, 1500))
    phase = 'down'
    const downAt = performance.now() - t0
    await server.stop('immediate')
    await new Promise((r) => setTimeout(r, 2000))
    await server.start()
    const upAt = performance.now() - t0
    recoveredAt = upAt
    phase = 'after'
    await load

    const byStatus: Record<string, number> = {}
    for (const o of outcomes) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1
    const failed = outcomes.filter((o) => o.status !== 201)
    const acknowledged = outcomes.filter((o) => o.status === 201).map((o) => o.id!)
    const recoveredFirst = outcomes.find((o) => o.status === 201 && o.at > upAt)

    const db = new pg.Client({ connectionString: server.url })
    await db.connect()
    const { rows } = await db.query('SELECT id, count(*)::int AS n FROM faults.credentials GROUP BY id')
    await db.end()
    const counts = new Map(rows.map((r: { id: string; n: number }) => [r.id, r.n]))
    const storedOnce = acknowledged.filter((id) => counts.get(id) === 1).length
    console.log(
      JSON.stringify({
        fault: 'postgres-restart',
        requests: outcomes.length,
        byStatus,
        downMs: Math.round(upAt - downAt),
        failedLatencyMs: latencySummary(failed.map((o) => o.ms)),
        recoveredAfterMs: recoveredFirst === undefined ? null : Math.round(recoveredFirst.at + recoveredFirst.ms - upAt),
        acknowledged: acknowledged.length,
        storedOnce,
        storedNotAcknowledged: rows.length - acknowledged.length,
      }),
    )
    expect(failed.length).toBeGreaterThan(0)
    for (const o of failed) {
      expect(o.status).toBe(503)
      expect(o.code).toBe('ERR_STORE_UNAVAILABLE')
      expect(o.retryAfter).toBe('1')
      expect(o.ms).toBeLessThan(2000)
    }
    expect(recoveredFirst).toBeDefined()
    expect(storedOnce).toBe(acknowledged.length)
    expect(Math.max(...[...counts.values()])).toBe(1)
  }, 120_000)
})
