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

/** Returns undefined for a string with a character outside the alphabet. */
export function decodeBase58btc(text: string): Uint8Array | undefined {
  try {
    return base58.decode(text)
  } catch {
    return undefined
  }
}
