/**
 * @module status/fetch-status-list
 * The opt-in online half of status checking (Node): fetches a Bitstring Status List
 * credential over HTTPS, bounded in size and time. The core never calls this; a caller
 * that wants online status passes `createOnlineStatusListLoader()` as the resolver's `load`.
 * What comes back is only data: the resolver still verifies its signature, issuer and age.
 *
 * @example
 * const statusResolver = createStatusListResolver({ load: createOnlineStatusListLoader() })
 */
import { MicrocredError } from '../core/errors.js'
import { STATUS_LIST_FETCH_MAX_BYTES, STATUS_LIST_FETCH_TIMEOUT_MS } from '../core/limits.js'
import { systemClock, type Clock } from '../core/ports.js'
import type { StatusListLoader, StatusListSource } from '../core/status/status-list-resolver.js'
import { guardedGet, GuardedGetError } from '../net/guarded-get.js'

export interface FetchStatusListOptions {
  /** Whole request, redirects, headers and body (default 10 000 ms). */
  timeoutMs?: number
  /** Largest response body accepted (default 2 MiB). */
  maxBytes?: number
  /** Allow plain http:// URLs (default false: https only). */
  allowHttp?: boolean
  /**
   * Allow hosts that resolve to loopback, private, link-local, unique-local, CGNAT, multicast
   * or reserved addresses: `true`, or a list of networks (`10.20.0.0/16`). Default none:
   * refused with ERR_FETCH_ADDRESS_BLOCKED, so a credential cannot make a verifier probe its
   * own network. See net/guarded-get.ts.
   */
  allowPrivateNetworks?: boolean | readonly string[]
  /** Stamps `fetchedAt`. */
  clock?: Clock
}

const DEFAULT_TIMEOUT_MS = STATUS_LIST_FETCH_TIMEOUT_MS
const DEFAULT_MAX_BYTES = STATUS_LIST_FETCH_MAX_BYTES

function unavailable(url: string, why: string, cause?: unknown): MicrocredError {
  return new MicrocredError('ERR_STATUS_LIST_UNAVAILABLE', `the status list ${url} could not be fetched: ${why}`, { cause, details: { url } })
}

/**
 * Fetches and parses the status list at `url`. Throws ERR_STATUS_LIST_UNAVAILABLE, or
 * ERR_FETCH_ADDRESS_BLOCKED when the URL (or a redirect) leads to a non-public address.
 */
export async function fetchStatusList(url: string, options: FetchStatusListOptions = {}): Promise<StatusListSource> {
  let response
  try {
    response = await guardedGet(url, {
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
      allowHttp: options.allowHttp === true,
      allowPrivateNetworks: options.allowPrivateNetworks ?? false,
      headers: { accept: 'application/vc+ld+json, application/vc, application/ld+json;q=0.9, application/json;q=0.8' },
    })
  } catch (e) {
    if (e instanceof GuardedGetError) throw unavailable(url, e.message, e)
    throw e
  }
  if (response.status !== 200) throw unavailable(url, `HTTP ${response.status}`)
  try {
    return { credential: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(response.body)), fetchedAt: (options.clock ?? systemClock).now() }
  } catch (e) {
    throw unavailable(url, 'the response is not JSON', e)
  }
}

/** A `StatusListLoader` that fetches each URL (the resolver asks once per URL). */
export function createOnlineStatusListLoader(options: FetchStatusListOptions = {}): StatusListLoader {
  return (url) => fetchStatusList(url, options)
}
