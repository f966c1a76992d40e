/**
 * @module http/api-key-cache
 * The API keys the running service has looked up, held in memory for a moment, so that a
 * client sending many requests does not cost a database read each (it was one per
 * authenticated request; docs/performance.md, HTTP).
 *
 * What stays exact: expiry and scopes are checked on the record on every request (the
 * record carries them); a key revoked *by this process* (console, API) stops working at once,
 * because every revocation here bumps `apiKeyRevocations()` and an entry read before it is
 * not used. What is not: a key revoked by *another* process sharing the database (the CLI,
 * another instance) keeps working here for at most API_KEY_CACHE_TTL_MS (1 s). Unknown tokens
 * are never cached (each is a read, as before), so the cache only ever holds real keys and
 * cannot be filled by guessing.
 */
import { apiKeyRevocations } from '../issuance/api-keys.js'
import { API_KEY_CACHE_MAX, API_KEY_CACHE_TTL_MS } from '../limits.js'
import type { ApiKeyRecord, Store } from '../storage/store.js'

interface Entry {
  record: ApiKeyRecord
  /** performance.now() when it was read. */
  readAt: number
  /** apiKeyRevocations() when the read started. */
  revocations: number
}

/** `findApiKeyByHash` through a short-lived per-process cache (see the module comment). */
export function cachedApiKeyLookup(
  store: Pick<Store, 'findApiKeyByHash'>,
  options: { ttlMs?: number; now?: () => number } = {},
): Pick<Store, 'findApiKeyByHash'> {
  const ttlMs = options.ttlMs ?? API_KEY_CACHE_TTL_MS
  const now = options.now ?? (() => performance.now())
  const entries = new Map<string, Entry>()
  return {
    async findApiKeyByHash(hash) {
      const hit = entries.get(hash)
      if (hit !== undefined && hit.revocations === apiKeyRevocations() && now() - hit.readAt < ttlMs) return hit.record
      // Taken before the read: a revocation that commits while it runs makes the entry stale.
      const revocations = apiKeyRevocations()
      const readAt = now()
      const record = await store.findApiKeyByHash(hash)
      entries.delete(hash)
      if (record !== undefined && record.revokedAt === undefined) {
        // Oldest first in a Map: dropping the first entry keeps the cache bounded.
        if (entries.size >= API_KEY_CACHE_MAX) entries.delete(entries.keys().next().value!)
        entries.set(hash, { record, readAt, revocations })
      }
      return record
    },
  }
}
