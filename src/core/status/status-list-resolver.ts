/**
 * @module status/status-list-resolver
 * A `StatusResolver` (the verifier's status port) over Bitstring Status List credentials the
 * caller already has — files fetched earlier, or a loader the caller supplies. Nothing here
 * touches the network; the opt-in online loader lives in src/status/fetch-status-list.ts.
 *
 * Every list is verified before it is believed: its signature (`verifyCredential`), its
 * issuer (must be the credential's issuer), its `id` (must be the entry's
 * `statusListCredential`), its purpose and its freshness. Anything short of that answers
 * `unknown` with a reason — never `active`:
 * - no list for the URL, or the loader failed;
 * - the list does not verify (tampered, unresolvable key, malformed), or names another issuer;
 * - `validUntil` has passed;
 * - the list is older than its `ttl` (milliseconds) or than `maxAgeSeconds`.
 * The age is measured from when the list was fetched (when the loader says so) or else from
 * its `validFrom` (or proof `created`), and reported as `listAgeSeconds`.
 *
 * @example
 * const statusResolver = createStatusListResolver({ lists: [signedList] })
 * const result = await verifyCredential(vc, { statusResolver })
 */
import { isDateTimeStamp, isPlainObject } from '../credential/shape.js'
import { issuerIdOf } from '../model/open-badges.js'
import { systemClock, type Clock } from '../ports.js'
import type { StatusAnswer, StatusResolver } from '../verifier/status-resolver.js'
import { verifyCredential, type VerifyOptions } from '../verifier/verify-credential.js'
import { decodeStatusList, getBit } from './bitstring.js'
import { readStatusListEntry } from './status-list-credential.js'

/** A status list credential and, when known, when it was fetched. */
export interface StatusListSource {
  credential: unknown
  fetchedAt?: Date
}

/** Finds the list published at `url`; `undefined` when there is none. May throw. */
export type StatusListLoader = (url: string) => Promise<StatusListSource | undefined>

export interface StatusListResolverOptions {
  /**
   * Signed status list credentials: a list (each matched by its `id`) or a map by URL.
   * Consulted before `load`.
   */
  lists?: Iterable<unknown> | ReadonlyMap<string, unknown>
  /** Consulted for URLs not in `lists` (e.g. the online fetcher). */
  load?: StatusListLoader
  clock?: Clock
  /** Treat lists older than this as stale, whatever their `ttl` says. */
  maxAgeSeconds?: number
  /**
   * Passed to `verifyCredential` for each list: controller documents of did:web issuers,
   * clock skew, crypto provider… (the resolver sets `clock` itself and never nests a resolver).
   */
  verifyOptions?: Omit<VerifyOptions, 'statusResolver' | 'clock'>
}

type PreparedList =
  | { ok: true; issuer: string; purposes: string[]; bits: Uint8Array; base: Date | undefined; ttlMs: number | undefined; validUntil: number | undefined }
  | { ok: false; reason: string; base?: Date | undefined }

/**
 * The resolver verifies and decodes each list once (per URL, for its lifetime): make one
 * per verification run, or per refresh of the lists.
 */
export function createStatusListResolver(options: StatusListResolverOptions = {}): StatusResolver {
  const clock = options.clock ?? systemClock
  const byUrl = new Map<string, unknown>()
  if (options.lists instanceof Map) {
    for (const [url, list] of options.lists as ReadonlyMap<string, unknown>) byUrl.set(url, list)
  } else if (options.lists !== undefined) {
    for (const list of options.lists) {
      if (isPlainObject(list) && typeof list['id'] === 'string') byUrl.set(list['id'], list)
    }
  }
  const prepared = new Map<string, Promise<PreparedList>>()

  const prepare = (url: string): Promise<PreparedList> => {
    let promise = prepared.get(url)
    if (promise === undefined) {
      promise = prepareList(url, byUrl, options, clock)
      prepared.set(url, promise)
    }
    return promise
  }

  return async (entry, credential): Promise<StatusAnswer> => {
    const parsed = readStatusListEntry(entry)
    if (typeof parsed === 'string') return { state: 'unknown', reason: parsed }
    const listId = parsed.statusListCredential
    const list = await prepare(listId)
    const now = clock.now().getTime()
    const listAgeSeconds = list.base === undefined ? undefined : Math.max(0, Math.floor((now - list.base.getTime()) / 1000))
    const unknown = (reason: string): StatusAnswer =>
      listAgeSeconds === undefined ? { state: 'unknown', reason, listId } : { state: 'unknown', reason, listId, listAgeSeconds }
    if (!list.ok) return unknown(list.reason)

    const issuer = issuerIdOf(credential)
    if (issuer !== list.issuer) return unknown(`the status list was issued by ${list.issuer}, not by the credential's issuer ${issuer ?? '(none)'}`)
    if (!list.purposes.includes(parsed.purpose)) return unknown(`the status list is for ${list.purposes.join(', ')}, not ${parsed.purpose}`)
    const skewMs = (options.verifyOptions?.clockSkewSeconds ?? 0) * 1000
    if (list.validUntil !== undefined && list.validUntil < now - skewMs) {
      return unknown(`the status list expired on ${new Date(list.validUntil).toISOString()}`)
    }
    if (list.ttlMs !== undefined || options.maxAgeSeconds !== undefined) {
      if (list.base === undefined) return unknown('the status list has a time to live but no date to measure its age from')
      const ageMs = now - list.base.getTime()
      if (list.ttlMs !== undefined && ageMs > list.ttlMs) {
        return unknown(`the status list is stale: ${listAgeSeconds} s old, its ttl is ${list.ttlMs / 1000} s`)
      }
      if (options.maxAgeSeconds !== undefined && ageMs > options.maxAgeSeconds * 1000) {
        return unknown(`the status list is stale: ${listAgeSeconds} s old, the limit is ${options.maxAgeSeconds} s`)
      }
    }
    if (parsed.index >= list.bits.length * 8) return unknown(`statusListIndex ${parsed.index} is outside the list (${list.bits.length * 8} entries)`)

    const set = getBit(list.bits, parsed.index)
    const state = set ? (parsed.purpose === 'revocation' ? 'revoked' : 'suspended') : 'active'
    return listAgeSeconds === undefined
      ? { state, purpose: parsed.purpose, listId }
      : { state, purpose: parsed.purpose, listId, listAgeSeconds }
  }
}

async function prepareList(url: string, byUrl: Map<string, unknown>, options: StatusListResolverOptions, clock: Clock): Promise<PreparedList> {
  let source: StatusListSource | undefined
  if (byUrl.has(url)) source = { credential: byUrl.get(url) }
  else if (options.load !== undefined) {
    try {
      source = await options.load(url)
    } catch (e) {
      return { ok: false, reason: `the status list ${url} could not be loaded: ${e instanceof Error ? e.message : String(e)}` }
    }
  }
  if (source === undefined) return { ok: false, reason: `no status list was supplied for ${url}` }

  const list = source.credential
  if (!isPlainObject(list)) return { ok: false, reason: 'the status list is not a JSON object' }
  const base = source.fetchedAt ?? issuedAt(list)
  const failed = (reason: string): PreparedList => ({ ok: false, reason, base })

  if (list['id'] !== url) return failed(`the status list's id ${JSON.stringify(list['id'])} is not ${url}`)
  const types = Array.isArray(list['type']) ? list['type'] : [list['type']]
  if (!types.includes('BitstringStatusListCredential')) return failed('the document is not a BitstringStatusListCredential')

  const result = await verifyCredential(list, { ...options.verifyOptions, clock, strict: true })
  if (!result.verified) {
    const bad = result.checks.find((c) => c.outcome === 'fail' || c.outcome === 'error')
    if (bad?.code === 'ERR_VALIDITY_EXPIRED') return failed(`the status list expired on ${String(list['validUntil'])}`)
    return failed(`the status list does not verify (${bad?.code ?? 'unknown'}: ${bad?.message ?? ''})`)
  }

  const issuer = issuerIdOf(list)
  const subject = list['credentialSubject']
  if (issuer === undefined) return failed('the status list names no issuer')
  if (!isPlainObject(subject)) return failed('the status list has no credentialSubject object')
  const subjectTypes = Array.isArray(subject['type']) ? subject['type'] : [subject['type']]
  if (!subjectTypes.includes('BitstringStatusList')) return failed('the status list subject is not a BitstringStatusList')
  const rawPurposes = subject['statusPurpose']
  const purposes = (Array.isArray(rawPurposes) ? rawPurposes : [rawPurposes]).filter((p): p is string => typeof p === 'string')
  const ttl = subject['ttl']
  const ttlMs = typeof ttl === 'number' && Number.isFinite(ttl) && ttl > 0 ? ttl : typeof ttl === 'string' && /^[1-9][0-9]*$/.test(ttl) ? Number(ttl) : undefined
  if (ttl !== undefined && ttlMs === undefined) return failed(`the status list's ttl ${JSON.stringify(ttl)} is not a number of milliseconds`)
  let bits: Uint8Array
  try {
    bits = await decodeStatusList(typeof subject['encodedList'] === 'string' ? subject['encodedList'] : '')
  } catch (e) {
    return failed(`the status list cannot be decoded: ${e instanceof Error ? e.message : String(e)}`)
  }
  const validUntil = typeof list['validUntil'] === 'string' ? Date.parse(list['validUntil']) : undefined
  return { ok: true, issuer, purposes, bits, base, ttlMs, validUntil }
}

/** When the issuer vouched for this state of the list: `validFrom`, else the proof's `created`. */
function issuedAt(list: Record<string, unknown>): Date | undefined {
  if (isDateTimeStamp(list['validFrom'])) return new Date(list['validFrom'])
  const proofs = Array.isArray(list['proof']) ? list['proof'] : [list['proof']]
  for (const proof of proofs) {
    if (isPlainObject(proof) && isDateTimeStamp(proof['created'])) return new Date(proof['created'])
  }
  return undefined
}
