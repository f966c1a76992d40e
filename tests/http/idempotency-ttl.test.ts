// Idempotency records expire: within the TTL a retried batch is replayed; after it, the same
// Idempotency-Key is a new request (new credentials), and the purge removes old records.
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/storage/memory/memory-store.js'
import { testClock } from '../contract/fixtures.js'
import { json, makeApp, unsignedCredential } from './helpers.js'

describe('Idempotency-Key lifetime', () => {
  it('replays within the TTL and treats the key as new after it', async () => {
    const clock = testClock(new Date().toISOString())
    const t = await makeApp({ store: createMemoryStore({ clock, idempotencyTtlMs: 60_000 }) })
    const send = () =>
      t.as('issue', { method: 'POST', url: '/credentials/issue/batch', headers: { 'idempotency-key': 'nightly-run' }, payload: { credentials: [unsignedCredential('did:example:ttl')] } })
    const ids = (res: Awaited<ReturnType<typeof send>>) => json<{ verifiableCredentials: { id: string }[] }>(res).verifiableCredentials.map((c) => c.id)

    const first = await send()
    expect(first.statusCode).toBe(201)
    clock.tick(59_999)
    const retry = await send()
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(ids(retry)).toEqual(ids(first))

    clock.tick(1)
    const later = await send()
    expect(later.statusCode).toBe(201)
    expect(later.headers['idempotent-replayed']).toBeUndefined()
    expect(ids(later)).not.toEqual(ids(first))
    expect(await t.store.getCredential(ids(first)[0]!)).toBeDefined() // the first batch stays issued

    clock.tick(60_000)
    expect(await t.store.purgeExpiredIdempotency()).toBe(1)
    await t.app.close()
  })
})
