/**
 * @module issuance/status-lists
 * Publishes the service's Bitstring Status List credentials: builds the list credential from
 * the stored bits, signs it with the active issuer key and caches the signed text per list
 * version. A change of status bumps the version (in the store, so every process sees it) and
 * the next request re-signs; an unchanged list is re-signed only when its signature gets old
 * (so `validFrom` + `ttl` keep it fresh for verifiers) or after a key rotation.
 *
 * The ETag is weak (`W/"<list>:<version>"`): two processes may sign the same version at
 * different instants, which gives different bytes with the same meaning.
 *
 * @example
 * const lists = new StatusListPublisher(ctx, { maxAgeSeconds: 300 })
 * const list = await lists.get('a1b2')   // { json, etag, version } or undefined
 */
import { buildStatusListCredential, encodeStatusList, toDateTimeStamp } from '../core/index.js'
import { issueCredential } from '../index.js'
import { statusListUrl, type IssuanceContext } from './context.js'
import { readOncePerTurn } from './turn-reads.js'

export interface PublishedStatusList {
  listId: string
  version: number
  etag: string
  /** The signed BitstringStatusListCredential, exactly as signed. */
  json: string
  signedAt: Date
}

export interface StatusListPublisherOptions {
  /** How long clients may cache a list (Cache-Control max-age), in seconds. */
  maxAgeSeconds: number
  /**
   * The `ttl` written into each list, in milliseconds. Default: twice the re-signing interval
   * (right for a service that re-signs). `null`: no ttl, for files hosted statically, which
   * nobody re-signs and which must not turn stale (verifiers fetch them again as they see fit).
   */
  ttlMs?: number | null
}

interface CacheEntry extends PublishedStatusList {
  keyId: string
}

export class StatusListPublisher {
  readonly #ctx: IssuanceContext
  readonly #refreshMs: number
  readonly #ttlMs: number | null
  readonly #cache = new Map<string, CacheEntry>()
  readonly #signing = new Map<string, Promise<PublishedStatusList | undefined>>()
  /**
   * A list's current version, read from the store for every request (a change made by another
   * process must show at once), but once per turn of the event loop (turn-reads.ts):
   * concurrent verifies of credentials on the same lists share one read.
   */
  readonly #meta: (listId: string) => Promise<{ version: number } | undefined>
  readonly maxAgeSeconds: number

  constructor(ctx: IssuanceContext, options: StatusListPublisherOptions) {
    this.#ctx = ctx
    this.#meta = readOncePerTurn((listId: string) => ctx.store.getStatusListMeta(listId))
    this.maxAgeSeconds = options.maxAgeSeconds
    // Re-sign an unchanged list after max(max-age, 30 s); verifiers may use it for twice that.
    this.#refreshMs = Math.max(options.maxAgeSeconds, 30) * 1000
    this.#ttlMs = options.ttlMs === undefined ? 2 * this.#refreshMs : options.ttlMs
  }

  static etagOf(listId: string, version: number): string {
    return `W/"${listId}:${version}"`
  }

  /** The current ETag of a list without signing anything; undefined for an unknown list. */
  async etag(listId: string): Promise<string | undefined> {
    const meta = await this.#meta(listId)
    return meta === undefined ? undefined : StatusListPublisher.etagOf(listId, meta.version)
  }

  /** The signed list credential, from the cache when still current; undefined for an unknown list. */
  async get(listId: string): Promise<PublishedStatusList | undefined> {
    const meta = await this.#meta(listId)
    if (meta === undefined) return undefined
    const cached = this.#cache.get(listId)
    if (cached !== undefined && this.#isCurrent(cached, meta.version)) return cached
    // One signature per list at a time, however many requests arrive together.
    let pending = this.#signing.get(listId)
    if (pending === undefined) {
      pending = this.#sign(listId).finally(() => this.#signing.delete(listId))
      this.#signing.set(listId, pending)
    }
    return pending
  }

  #isCurrent(entry: CacheEntry, version: number): boolean {
    return (
      entry.version === version &&
      entry.keyId === this.#ctx.issuer.current.key.id &&
      this.#ctx.clock.now().getTime() - entry.signedAt.getTime() < this.#refreshMs
    )
  }

  async #sign(listId: string): Promise<PublishedStatusList | undefined> {
    const record = await this.#ctx.store.getStatusList(listId)
    if (record === undefined) return undefined
    const issuer = this.#ctx.issuer.current
    const signedAt = this.#ctx.clock.now()
    const unsigned = buildStatusListCredential({
      id: statusListUrl(this.#ctx, listId),
      issuer: issuer.id,
      purpose: record.purpose,
      encodedList: await encodeStatusList(record.bits),
      validFrom: toDateTimeStamp(signedAt),
      ...(this.#ttlMs === null ? {} : { ttl: this.#ttlMs }),
    })
    const signed = await issueCredential(unsigned, {
      issuer,
      clock: this.#ctx.clock,
      ...(this.#ctx.documentLoader ? { documentLoader: this.#ctx.documentLoader } : {}),
    })
    const entry: CacheEntry = {
      listId,
      version: record.version,
      etag: StatusListPublisher.etagOf(listId, record.version),
      json: JSON.stringify(signed),
      signedAt,
      keyId: issuer.key.id,
    }
    const current = this.#cache.get(listId)
    if (current === undefined || current.version <= entry.version) this.#cache.set(listId, entry)
    return entry
  }
}
