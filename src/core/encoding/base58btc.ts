/**
 * @module encoding/base58btc
 * Bitcoin-alphabet base58, as used by multibase `z…` strings (Multikey keys, proofValue).
 */
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const INDEX = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]))

export function encodeBase58btc(bytes: Uint8Array): string {
  let zeros = 0
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++
  // base-256 to base-58 on a little-endian digit array
  const digits: number[] = []
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i]!
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j]! << 8
      digits[j] = carry % 58
      carry = (carry / 58) | 0
    }
    while (carry > 0) {
      digits.push(carry % 58)
      carry = (carry / 58) | 0
    }
  }
  let out = '1'.repeat(zeros)
  for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET[digits[i]!]
  return out
}

/**
 * Longest input decoded (about 750 bytes). Decoding is quadratic in the length: a 100 000
 * character proofValue took 14 s. Keys and signatures are under 100 characters.
 */
export const MAX_BASE58_DECODE_CHARS = 1024

/** Returns undefined for a string with a character outside the alphabet, or longer than MAX_BASE58_DECODE_CHARS. */
export function decodeBase58btc(text: string): Uint8Array | undefined {
  if (text.length > MAX_BASE58_DECODE_CHARS) return undefined
  let zeros = 0
  while (zeros < text.length && text[zeros] === '1') zeros++
  const bytes: number[] = []
  for (let i = zeros; i < text.length; i++) {
    const value = INDEX.get(text[i]!)
    if (value === undefined) return undefined
    let carry = value
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j]! * 58
      bytes[j] = carry & 0xff
      carry >>= 8
    }
    while (carry > 0) {
      bytes.push(carry & 0xff)
      carry >>= 8
    }
  }
  const out = new Uint8Array(zeros + bytes.length)
  for (let i = 0; i < bytes.length; i++) out[out.length - 1 - i] = bytes[i]!
  return out
}
