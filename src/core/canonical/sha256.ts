/**
 * @module canonical/sha256
 * A small synchronous SHA-256 (FIPS 180-4) for RDFC-1.0's blank-node hashing, so the fast
 * canonicalization path is synchronous on every platform: rdf-canonize's own digest is
 * node:crypto in Node and the (asynchronous) WebCrypto API in browsers.
 *
 * Strings are hashed as UTF-8, each string encoded on its own (as node:crypto's
 * `hash.update(string, 'utf8')` does), lone surrogates as U+FFFD, into one reused buffer.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
])
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

const W = new Int32Array(64)
const encoder = new TextEncoder()
/** Reused input buffer (grows as needed): one hash runs at a time, synchronously. */
let buffer = new Uint8Array(4096)

/** UTF-8 encodes each string on its own (lone surrogates → U+FFFD) into `buffer`, padded. */
function load(texts: readonly string[]): number {
  let length = 0
  for (const text of texts) {
    const room = length + text.length * 3 + 72
    if (room > buffer.length) {
      const bigger = new Uint8Array(Math.max(room, buffer.length * 2))
      bigger.set(buffer.subarray(0, length))
      buffer = bigger
    }
    length += encoder.encodeInto(text, buffer.subarray(length)).written
  }
  // padding: 0x80, zeros, 64-bit big-endian bit length
  const padded = (length + 9 + 63) & ~63
  buffer[length] = 0x80
  buffer.fill(0, length + 1, padded - 8)
  const bits = length * 8
  const high = Math.floor(bits / 0x100000000)
  const low = bits >>> 0
  buffer[padded - 8] = high >>> 24
  buffer[padded - 7] = (high >>> 16) & 0xff
  buffer[padded - 6] = (high >>> 8) & 0xff
  buffer[padded - 5] = high & 0xff
  buffer[padded - 4] = low >>> 24
  buffer[padded - 3] = (low >>> 16) & 0xff
  buffer[padded - 2] = (low >>> 8) & 0xff
  buffer[padded - 1] = low & 0xff
  return padded
}

function digest(length: number): string {
  const b = buffer
  let h0 = 0x6a09e667 | 0, h1 = 0xbb67ae85 | 0, h2 = 0x3c6ef372 | 0, h3 = 0xa54ff53a | 0
  let h4 = 0x510e527f | 0, h5 = 0x9b05688c | 0, h6 = 0x1f83d9ab | 0, h7 = 0x5be0cd19 | 0
  for (let offset = 0; offset < length; offset += 64) {
    for (let i = 0, j = offset; i < 16; i++, j += 4) {
      W[i] = (b[j]! << 24) | (b[j + 1]! << 16) | (b[j + 2]! << 8) | b[j + 3]!
    }
    for (let i = 16; i < 64; i++) {
      const w15 = W[i - 15]!
      const w2 = W[i - 2]!
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3)
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10)
      W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0
    }
    let a = h0, bb = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
      const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
      const t2 = (S0 + ((a & bb) ^ (a & c) ^ (bb & c))) | 0
      h = g
      g = f
      f = e
      e = (d + t1) | 0
      d = c
      c = bb
      bb = a
      a = (t1 + t2) | 0
    }
    h0 = (h0 + a) | 0
    h1 = (h1 + bb) | 0
    h2 = (h2 + c) | 0
    h3 = (h3 + d) | 0
    h4 = (h4 + e) | 0
    h5 = (h5 + f) | 0
    h6 = (h6 + g) | 0
    h7 = (h7 + h) | 0
  }
  return hex(h0) + hex(h1) + hex(h2) + hex(h3) + hex(h4) + hex(h5) + hex(h6) + hex(h7)
}

function hex(word: number): string {
  return HEX[word >>> 24]! + HEX[(word >>> 16) & 0xff]! + HEX[(word >>> 8) & 0xff]! + HEX[word & 0xff]!
}

/** SHA-256 of the UTF-8 encoding of `text`, as lower-case hex. */
export function sha256Hex(text: string): string {
  return digest(load([text]))
}

/** SHA-256 of the strings' UTF-8 encodings (each encoded on its own), concatenated. */
export function sha256HexOfStrings(texts: readonly string[]): string {
  return digest(load(texts))
}

/** rdf-canonize's `MessageDigest` interface (update with strings, digest to hex), synchronous. */
export class Sha256MessageDigest {
  private readonly messages: string[] = []
  update(message: string): void {
    this.messages.push(message)
  }
  digest(): string {
    return sha256HexOfStrings(this.messages)
  }
}
