import { describe, expect, it } from 'vitest'
import { cachedApiKeyLookup } from '../../src/http/api-key-cache.js'
import { authenticateApiKey, createApiKey, hashApiKeyToken, revokeApiKey } from '../../src/issuance/api-keys.js'
import { API_KEY_CACHE_TTL_MS } from '../../src/limits.js'
import { createMemoryStore } from '../../src/storage/memory/memory-store.js'
import type { Store } from '../../src/storage/store.js'

/** A real store whose key reads are counted, a cache over it and a hand-moved clock for the cache. */
async function setup(): Promise<{ store: Store; reads: () => number; cache: Pick<Store, 'findApiKeyByHash'>; advance: (ms: number) => void }> {
  const store = createMemoryStore()
  await store.migrate()
  let reads = 0
  let t = 0
  const counted = {
    findApiKeyByHash: (hash: string) => {
      reads++
      return store.findApiKeyByHash(hash)
    },
  }
  return {
    store,
    reads: () => reads,
    cache: cachedApiKeyLookup(counted, { now: () => t }),
    advance: (ms) => {
      t += ms
    },
  }
}

describe('API key cache of the service', () => {
  it('reads a key once per TTL, and checks expiry on every request', async () => {
    const { store, reads, cache, advance } = await setup()
    const expiresAt = new Date(Date.now() + 60_000)
    const { token } = await createApiKey(store, { name: 'registrar', scopes: ['issue'], expiresAt })
    expect(await authenticateApiKey(cache, token, new Date())).toMatchObject({ ok: true })
    expect(await authenticateApiKey(cache, token, new Date())).toMatchObject({ ok: true })
    expect(reads()).toBe(1)
    // The cached record still carries expiresAt: past it, refused without a read.
    expect(await authenticateApiKey(cache, token, new Date(expiresAt.getTime() + 1))).toEqual({ ok: false, reason: 'expired' })
    expect(reads()).toBe(1)
    advance(API_KEY_CACHE_TTL_MS)
    expect(await authenticateApiKey(cache, token, new Date())).toMatchObject({ ok: true })
    expect(reads()).toBe(2)
  })

  it('a key revoked through this process stops working at once', async () => {
    const { store, cache } = await setup()
    const { token, record } = await createApiKey(store, { name: 'registrar', scopes: ['issue'] })
    expect(await authenticateApiKey(cache, token, new Date())).toMatchObject({ ok: true })
    await revokeApiKey(store, record.id)
    expect(await authenticateApiKey(cache, token, new Date())).toEqual({ ok: false, reason: 'revoked' })
  })

  it('a key revoked by another process (straight in the store) works here for at most the TTL', async () => {
    const { store, cache, advance } = await setup()
    const { token, record } = await createApiKey(store, { name: 'registrar', scopes: ['issue'] })
    expect(await authenticateApiKey(cache, token, new Date())).toMatchObject({ ok: true })
    await store.revokeApiKey(record.id)
    advance(API_KEY_CACHE_TTL_MS - 1)
    expect(await authenticateApiKey(cache, token, new Date())).toMatchObject({ ok: true })
    advance(1)
    expect(await authenticateApiKey(cache, token, new Date())).toEqual({ ok: false, reason: 'revoked' })
    // Revoked keys are not cached: every later request reads again and is refused.
    expect(await authenticateApiKey(cache, token, new Date())).toEqual({ ok: false, reason: 'revoked' })
  })

  it('never caches unknown tokens: each is a read', async () => {
    const { reads, cache } = await setup()
    const unknown = hashApiKeyToken(`mck_000000000000_${'A'.repeat(43)}`)
    expect(await cache.findApiKeyByHash(unknown)).toBeUndefined()
    expect(await cache.findApiKeyByHash(unknown)).toBeUndefined()
    expect(reads()).toBe(2)
  })
})
