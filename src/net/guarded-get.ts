/**
 * @module net/guarded-get
 * The one way src/ makes an opt-in outgoing request (status lists, DID documents): an HTTP(S)
 * GET that cannot be pointed at the operator's own network (SSRF).
 *
 * - The host is resolved first and every address it resolves to is checked
 *   (net/non-public-address.ts); one non-public address refuses the fetch with
 *   ERR_FETCH_ADDRESS_BLOCKED, unless `allowPrivateNetworks` is set. IP literals are checked
 *   the same way.
 * - The connection is made to the checked address: the check runs inside the socket's own
 *   `lookup`, so there is no second resolution a rebinding DNS server could answer
 *   differently. TLS still verifies the certificate against the host name.
 * - Redirects are followed by hand (at most `maxRedirects`), each hop checked again: scheme,
 *   then addresses. A redirect to a private address is refused like a direct request.
 * - Bounded in time (whole exchange) and size (declared and actual body).
 *
 * @example
 * const res = await guardedGet('https://issuer.example/status/1', { timeoutMs: 10_000, maxBytes: 2 << 20 })
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { BlockList, isIP, type LookupFunction } from 'node:net'
import { MicrocredError } from '../core/errors.js'
import { embeddedIpv4, nonPublicRange } from './non-public-address.js'

export interface GuardedGetOptions {
  /** Whole exchange, redirects included. */
  timeoutMs: number
  /** Largest body accepted. */
  maxBytes: number
  /** Allow plain http:// (default false: https only). */
  allowHttp?: boolean
  /**
   * Allow non-public addresses: `true` for all of them, or a list of the networks allowed
   * (CIDR like `10.20.0.0/16`, `fd00::/8`, or single addresses). Default: none.
   */
  allowPrivateNetworks?: boolean | readonly string[]
  /** Redirects followed (default 5). */
  maxRedirects?: number
  headers?: Record<string, string>
  /** Resolves a host name to its addresses (default: the system resolver, `dns.lookup`). */
  resolve?: (hostname: string, family: number) => Promise<LookupAddress[]>
}

export interface GuardedResponse {
  /** The URL that answered (after redirects). */
  url: string
  status: number
  headers: IncomingHttpHeaders
  body: Uint8Array
}

/** A fetch that failed for an ordinary reason (timeout, HTTP error, too large, …). */
export class GuardedGetError extends Error {}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

function blocked(url: string, host: string, address: string, range: string): MicrocredError {
  return new MicrocredError(
    'ERR_FETCH_ADDRESS_BLOCKED',
    `${url}: ${host} resolves to ${address} (${range}); such addresses are fetched only when private networks are allowed`,
    { details: { url, host, address, range } },
  )
}

/** Why an address is refused (its non-public range), or undefined when it may be reached. */
type AddressCheck = (address: string) => string | undefined

export function addressCheck(allow: GuardedGetOptions['allowPrivateNetworks']): AddressCheck {
  if (allow === true) return () => undefined
  const allowed = new BlockList()
  for (const entry of allow === false || allow === undefined ? [] : allow) {
    const [address, prefix] = entry.split('/') as [string, string | undefined]
    const type = isIP(address) === 6 ? 'ipv6' : isIP(address) === 4 ? 'ipv4' : undefined
    if (type === undefined) throw new MicrocredError('ERR_CONFIG_INVALID', `allowPrivateNetworks: ${JSON.stringify(entry)} is not an address or CIDR network`)
    const bits = prefix === undefined ? (type === 'ipv4' ? 32 : 128) : Number(prefix)
    if (!Number.isInteger(bits) || bits < 0 || bits > (type === 'ipv4' ? 32 : 128)) {
      throw new MicrocredError('ERR_CONFIG_INVALID', `allowPrivateNetworks: ${JSON.stringify(entry)} has an invalid prefix length`)
    }
    allowed.addSubnet(address, bits, type)
  }
  const isAllowed = (address: string): boolean => {
    if (isIP(address) === 4) return allowed.check(address, 'ipv4')
    const inner = embeddedIpv4(address)
    return allowed.check(address, 'ipv6') || (inner !== undefined && allowed.check(inner, 'ipv4'))
  }
  return (address) => {
    const range = nonPublicRange(address)
    return range === undefined || isAllowed(address.replace(/%.*$/, '')) ? undefined : range
  }
}

const systemResolve = (hostname: string, family: number): Promise<LookupAddress[]> =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, family, verbatim: true }, (error, addresses) => (error === null ? resolve(addresses) : reject(error))))

/**
 * A socket `lookup` that resolves once, checks every address, and hands only the checked
 * addresses to the socket, which connects to one of them: what was checked is what is reached.
 */
function checkingLookup(url: string, check: AddressCheck, resolveName: NonNullable<GuardedGetOptions['resolve']>): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0)
    resolveName(hostname, family).then(
      (addresses) => answer(null, addresses),
      (error: NodeJS.ErrnoException) => answer(error, []),
    )
    function answer(error: NodeJS.ErrnoException | null, addresses: LookupAddress[]): void {
      if (error !== null) return callback(error, '', 0)
      for (const a of addresses) {
        const range = check(a.address)
        if (range !== undefined) return callback(blocked(url, hostname, a.address, range) as unknown as NodeJS.ErrnoException, '', 0)
      }
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0)
      if (options.all === true) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses)
      return callback(null, addresses[0]!.address, addresses[0]!.family)
    }
  }
}

/** One request, no redirects followed. */
function getOnce(url: URL, options: GuardedGetOptions, check: AddressCheck, signal: AbortSignal): Promise<{ response: IncomingMessage }> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  if (isIP(host) !== 0) {
    const range = check(host)
    if (range !== undefined) return Promise.reject(blocked(url.href, host, host, range))
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers: options.headers ?? {}, lookup: checkingLookup(url.href, check, options.resolve ?? systemResolve), agent: false, signal }, (response) =>
      resolve({ response }),
    )
    req.once('error', reject)
    req.end()
  })
}

async function readBody(response: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers['content-length'] ?? '0')
  if (declared > maxBytes) {
    response.destroy()
    throw new GuardedGetError(`larger than ${maxBytes} bytes`)
  }
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of response as AsyncIterable<Buffer>) {
    total += chunk.length
    if (total > maxBytes) {
      response.destroy()
      throw new GuardedGetError(`larger than ${maxBytes} bytes`)
    }
    chunks.push(chunk)
  }
  return new Uint8Array(Buffer.concat(chunks, total))
}

/**
 * GETs `url` under the guard. Throws ERR_FETCH_ADDRESS_BLOCKED (a MicrocredError) for a
 * refused address and GuardedGetError for every other failure.
 */
export async function guardedGet(url: string, options: GuardedGetOptions): Promise<GuardedResponse> {
  const schemes = options.allowHttp === true ? ['https:', 'http:'] : ['https:']
  const check = addressCheck(options.allowPrivateNetworks)
  const signal = AbortSignal.timeout(options.timeoutMs)
  let current: URL
  try {
    current = new URL(url)
  } catch {
    throw new GuardedGetError('not a URL')
  }
  for (let hop = 0; ; hop++) {
    if (!schemes.includes(current.protocol)) {
      throw new GuardedGetError(hop === 0 ? `only ${schemes.join(' and ')} URLs are fetched` : `redirected to ${current.href}, which is not ${schemes.join(' or ')}`)
    }
    let response: IncomingMessage
    try {
      ;({ response } = await getOnce(current, options, check, signal))
    } catch (e) {
      if (e instanceof MicrocredError) throw e
      throw new GuardedGetError(signal.aborted ? 'timed out' : e instanceof Error ? e.message : String(e), { cause: e })
    }
    const location = response.headers.location
    if (REDIRECTS.has(response.statusCode ?? 0) && typeof location === 'string') {
      response.resume()
      if (hop >= (options.maxRedirects ?? 5)) throw new GuardedGetError(`more than ${options.maxRedirects ?? 5} redirects`)
      try {
        current = new URL(location, current)
      } catch {
        throw new GuardedGetError(`redirected to an invalid URL ${JSON.stringify(location)}`)
      }
      continue
    }
    try {
      const body = await readBody(response, options.maxBytes)
      return { url: current.href, status: response.statusCode ?? 0, headers: response.headers, body }
    } catch (e) {
      if (e instanceof GuardedGetError) throw e
      throw new GuardedGetError(signal.aborted ? 'timed out' : 'the connection failed while reading', { cause: e })
    }
  }
}
