/**
 * @module status/bitstring
 * W3C Bitstring Status List v1.0 codec: a bitstring (index 0 = the left-most bit, i.e. the
 * most significant bit of byte 0) GZIP-compressed and written as a base64url multibase
 * string (`u…`). Uses the web-standard CompressionStream, so it runs in browsers and Node.
 *
 * @example
 * const bits = createBitstring()          // 131 072 entries, all 0
 * setBit(bits, 94567, true)
 * const encodedList = await encodeStatusList(bits)
 * getBit(await decodeStatusList(encodedList), 94567) // true
 */
import { decodeBase64url, encodeBase64url } from '../encoding/base64url.js'
import { MicrocredError } from '../errors.js'

/** The smallest list the specification allows (herd privacy): 131 072 entries, 16 KiB. */
export const MIN_STATUS_LIST_BITS = 131_072

/** Default ceiling on a decoded list (guards against GZIP bombs): 16 MiB = 134 217 728 entries. */
export const MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024

/** A zeroed bitstring of `size` entries (≥ 131 072, a multiple of 8). */
export function createBitstring(size: number = MIN_STATUS_LIST_BITS): Uint8Array {
  if (!Number.isSafeInteger(size) || size < MIN_STATUS_LIST_BITS || size % 8 !== 0) {
    throw new MicrocredError('ERR_STATUS_LIST_INVALID', `a status list must have at least ${MIN_STATUS_LIST_BITS} entries and a multiple of 8 (got ${size})`)
  }
  return new Uint8Array(size / 8)
}

function checkIndex(bits: Uint8Array, index: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= bits.length * 8) {
    throw new RangeError(`status list index ${index} is outside 0..${bits.length * 8 - 1}`)
  }
}

export function getBit(bits: Uint8Array, index: number): boolean {
  checkIndex(bits, index)
  return ((bits[index >> 3]! >> (7 - (index & 7))) & 1) === 1
}

export function setBit(bits: Uint8Array, index: number, value: boolean): void {
  checkIndex(bits, index)
  const mask = 1 << (7 - (index & 7))
  bits[index >> 3] = value ? bits[index >> 3]! | mask : bits[index >> 3]! & ~mask
}

/** GZIP then base64url, with the multibase prefix `u`. Refuses lists under 16 KiB. */
export async function encodeStatusList(bits: Uint8Array): Promise<string> {
  if (bits.length * 8 < MIN_STATUS_LIST_BITS) {
    throw new MicrocredError('ERR_STATUS_LIST_INVALID', `a status list must have at least ${MIN_STATUS_LIST_BITS} entries (got ${bits.length * 8})`)
  }
  const compressed = await transform(new CompressionStream('gzip'), bits, Number.POSITIVE_INFINITY)
  return `u${encodeBase64url(compressed)}`
}

export interface DecodeStatusListOptions {
  /** Refuse lists shorter than this many entries (default 131 072, as the specification requires). */
  minBits?: number
  /** Stop decompressing past this many bytes (default 16 MiB). */
  maxBytes?: number
}

/**
 * Expands an `encodedList`. Throws ERR_STATUS_LIST_INVALID when it is not `u` + base64url,
 * not GZIP, shorter than `minBits`, or larger than `maxBytes` once decompressed.
 */
export async function decodeStatusList(encodedList: string, options: DecodeStatusListOptions = {}): Promise<Uint8Array> {
  const minBits = options.minBits ?? MIN_STATUS_LIST_BITS
  const maxBytes = options.maxBytes ?? MAX_STATUS_LIST_BYTES
  if (typeof encodedList !== 'string' || !encodedList.startsWith('u')) {
    throw new MicrocredError('ERR_STATUS_LIST_INVALID', 'encodedList must be a base64url multibase string starting with "u"')
  }
  const compressed = decodeBase64url(encodedList.slice(1))
  if (compressed === undefined || compressed.length === 0) {
    throw new MicrocredError('ERR_STATUS_LIST_INVALID', 'encodedList is not valid base64url')
  }
  let bits: Uint8Array
  try {
    bits = await transform(new DecompressionStream('gzip'), compressed, maxBytes)
  } catch (cause) {
    if (cause instanceof MicrocredError) throw cause
    throw new MicrocredError('ERR_STATUS_LIST_INVALID', 'encodedList is not valid GZIP data', { cause })
  }
  if (bits.length * 8 < minBits) {
    throw new MicrocredError('ERR_STATUS_LIST_INVALID', `the status list has ${bits.length * 8} entries; at least ${minBits} are required`)
  }
  return bits
}

/** Pipes `input` through a (de)compression stream, reading concurrently and stopping past `maxBytes`. */
async function transform(stream: CompressionStream | DecompressionStream, input: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter()
  const written = writer.write(new Uint8Array(input)).then(() => writer.close())
  written.catch(() => {}) // a failure surfaces through the reader below
  const reader = stream.readable.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.length
    if (total > maxBytes) {
      await reader.cancel().catch(() => {})
      throw new MicrocredError('ERR_STATUS_LIST_INVALID', `the status list expands to more than ${maxBytes} bytes`)
    }
    chunks.push(value)
  }
  await written
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}
