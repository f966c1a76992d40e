// Properties of the Bitstring Status List codec for random list lengths and indices:
// set/get agree, bits outside the set stay 0, and encode → decode is the identity.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createBitstring, decodeStatusList, encodeStatusList, getBit, MIN_STATUS_LIST_BITS, setBit } from '../../../src/core/status/bitstring.js'

const SEED = 20261203
/** Lengths the codec accepts: multiples of 8 bits, at least 131 072. */
const length = fc.integer({ min: 0, max: 64 }).map((extraBytes) => MIN_STATUS_LIST_BITS + extraBytes * 8 * 97)

describe('status list codec (random lengths and indices)', () => {
  it('set/get agree and encode → decode restores every bit', async () => {
    await fc.assert(
      fc.asyncProperty(
        length.chain((size) => fc.tuple(fc.constant(size), fc.uniqueArray(fc.nat({ max: size - 1 }), { maxLength: 64 }), fc.array(fc.nat({ max: size - 1 }), { maxLength: 16 }))),
        async ([size, set, cleared]) => {
          const bits = createBitstring(size)
          for (const i of set) setBit(bits, i, true)
          for (const i of cleared) setBit(bits, i, false)
          const expected = new Set(set.filter((i) => !cleared.includes(i)))
          for (const i of [...set, ...cleared]) expect(getBit(bits, i)).toBe(expected.has(i))
          const decoded = await decodeStatusList(await encodeStatusList(bits))
          expect(decoded.length).toBe(size / 8)
          expect(Buffer.from(decoded).equals(Buffer.from(bits))).toBe(true)
          let ones = 0
          for (const byte of decoded) for (let b = byte; b > 0; b &= b - 1) ones++
          expect(ones).toBe(expected.size)
        },
      ),
      { seed: SEED, numRuns: 40 },
    )
  })

  it('refuses indices outside the list for any length', () => {
    fc.assert(
      fc.property(length, fc.integer({ min: 0, max: 1000 }), (size, beyond) => {
        const bits = createBitstring(size)
        expect(() => getBit(bits, size + beyond)).toThrow(RangeError)
        expect(() => setBit(bits, -1 - beyond, true)).toThrow(RangeError)
      }),
      { seed: SEED, numRuns: 100 },
    )
  })
})
