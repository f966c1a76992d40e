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
import { systemClock, type Clock } from '../core/ports.js'
import type { StatusListLoader, StatusListSource } from '../core/status/status-list-resolver.js'

export interface FetchStatusListOptions {
  /** Defaults to the global fetch. */
  fetch?: typeof fetch
  /** Whole request, headers and body (default 10 000 ms). */
  timeoutMs?: number
  /** Largest response body accepted (default 2 MiB). */
  maxBytes?: number
  /** Allow plain http:// URLs (default false: https only). */
  allowHttp?: boolean
  /** Stamps `fetchedAt`. */
  clock?: Clock
}

const DEFAULT_TIMEOUT_MS = 10_000
const DEFAULT_MAX_BYTES = 2 * 1024 * 1024

function unavailable(url: string, why: string, cause?: unknown): MicrocredError {
  return new MicrocredError('ERR_STATUS_LIST_UNAVAILABLE', `the status list ${url} could not be fetched: ${why}`, { cause, details: { url } })
}

/** Fetches and parses the status list at `url`. Throws ERR_STATUS_LIST_UNAVAILABLE. */
export async function fetchStatusList(url: string, options: FetchStatusListOptions = {}): Promise<StatusListSource> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw unavailable(url, 'not a URL')
  }
  const allowed = options.allowHttp === true ? ['https:', 'http:'] : ['https:']
  if (!allowed.includes(parsed.protocol)) throw unavailable(url, `only ${allowed.join(' and ')} URLs are fetched`)

  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  const doFetch = options.fetch ?? globalThis.fetch
  let response: Response
  try {
    response = await doFetch(parsed.href, {
      signal,
      redirect: 'follow',
      headers: { accept: 'application/vc+ld+json, application/vc, application/ld+json;q=0.9, application/json;q=0.8' },
    })
  } catch (e) {
    throw unavailable(url, signal.aborted ? 'timed out' : e instanceof Error ? e.message : String(e), e)
  }
  if (response.url !== '' && !allowed.includes(new URL(response.url).protocol)) throw unavailable(url, `redirected to ${response.url}`)
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => {})
    throw unavailable(url, `HTTP ${response.status}`)
  }
  const declared = Number(response.headers.get('content-length') ?? '0')
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {})
    throw unavailable(url, `larger than ${maxBytes} bytes`)
  }

  const chunks: Uint8Array[] = []
  let total = 0
  try {
    const reader = response.body?.getReader()
    for (;;) {
      if (reader === undefined) break
      const { done, value } = await reader.read()
      if (done) break
      total += value.length
      if (total > maxBytes) {
        await reader.cancel().catch(() => {})
        throw unavailable(url, `larger than ${maxBytes} bytes`)
      }
      chunks.push(value)
    }
  } catch (e) {
    if (e instanceof MicrocredError) throw e
    throw unavailable(url, signal.aborted ? 'timed out' : 'the connection failed while reading', e)
  }
  const body = new Uint8Array(total)
  let offset = 0
  for (const c of chunks) {
    body.set(c, offset)
    offset += c.length
  }
  try {
    return { credential: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)), fetchedAt: (options.clock ?? systemClock).now() }
  } catch (e) {
    throw unavailable(url, 'the response is not JSON', e)
  }
}

/** A `StatusListLoader` that fetches each URL (the resolver asks once per URL). */
export function createOnlineStatusListLoader(options: FetchStatusListOptions = {}): StatusListLoader {
  return (url) => fetchStatusList(url, options)
}
