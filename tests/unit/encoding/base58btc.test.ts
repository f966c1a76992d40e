// Properties of the base58btc / multibase codec: round trip, leading zeros, refusal of
// characters outside the alphabet, and of Multikey values with the wrong prefix or length.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase58btc, encodeBase58btc } from '../../../src/core/encoding/base58btc.js'
import { decodePublicKeyMultibase, decodeSecretKeyMultibase, encodePublicKeyMultibase, encodeSecretKeyMultibase } from '../../../src/core/encoding/multikey.js'

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const SEED = 20261203

describe('base58btc', () => {
  it('round-trips any bytes (leading zeros included) through the alphabet only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat({ max: 5 }), (bytes, zeros) => {
        const input = new Uint8Array([...new Uint8Array(zeros), ...bytes])
        const text = encodeBase58btc(input)
        expect([...text].every((c) => ALPHABET.includes(c))).toBe(true)
        expect(text.startsWith('1'.repeat(zeros))).toBe(true)
        expect(decodeBase58btc(text)).toEqual(input)
      }),
      { seed: SEED, numRuns: 500 },
    )
  })

  it('refuses any string with a character outside the alphabet (0, O, I, l, +, /, non-ASCII)', () => {
    const outside = fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }).filter((c) => !ALPHABET.includes(c))
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 40 }), outside, fc.nat(), (valid, bad, at) => {
        const i = valid.length === 0 ? 0 : at % (valid.length + 1)
        expect(decodeBase58btc(valid.slice(0, i) + bad + valid.slice(i))).toBeUndefined()
      }),
      { seed: SEED, numRuns: 500 },
    )
  })
})

describe('Multikey multibase', () => {
  it('round-trips 32-byte keys; refuses other lengths, prefixes and non-z multibase', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 64 }), (key, other) => {
        expect(decodePublicKeyMultibase(encodePublicKeyMultibase(key))).toEqual(key)
        expect(decodeSecretKeyMultibase(encodeSecretKeyMultibase(key))).toEqual(key)
        expect(() => decodePublicKeyMultibase(encodeSecretKeyMultibase(key))).toThrow(expect.objectContaining({ code: 'ERR_KEY_INVALID' }))
        expect(() => decodePublicKeyMultibase(`u${Buffer.from(key).toString('base64url')}`)).toThrow(expect.objectContaining({ code: 'ERR_KEY_INVALID' }))
        if (other.length !== 32) expect(() => decodePublicKeyMultibase(encodePublicKeyMultibase(other))).toThrow(expect.objectContaining({ code: 'ERR_KEY_INVALID' }))
      }),
      { seed: SEED, numRuns: 300 },
    )
  })
})
