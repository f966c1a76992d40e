/**
 * @module encoding/base58btc
 * Bitcoin-alphabet base58, as used by multibase `z…` strings (Multikey keys, proofValue),
 * from @scure/base (maintained, audited); this module keeps the core's contract: decoding
 * never throws, it answers undefined for text that is not base58btc.
 */
import { base58 } from '@scure/base'

export function encodeBase58btc(bytes: Uint8Array): string {
  return base58.encode(bytes)
}

/**
 * Longest input decoded (about 750 bytes). Decoding is quadratic in the length: a 100 000
 * character proofValue took 14 s. Keys and signatures are under 100 characters.
 */
export const MAX_BASE58_DECODE_CHARS = 1024

/** Returns undefined for a string with a character outside the alphabet, or longer than MAX_BASE58_DECODE_CHARS. */
export function decodeBase58btc(text: string): Uint8Array | undefined {
  if (text.length > MAX_BASE58_DECODE_CHARS) return undefined
  try {
    return base58.decode(text)
  } catch {
    return undefined
  }
}
