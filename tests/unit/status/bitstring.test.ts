import { readFileSync } from 'node:fs'
import { gunzipSync, gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase64url, encodeBase64url } from '../../../src/core/encoding/base64url.js'
import {
  MIN_STATUS_LIST_BITS,
  createBitstring,
  decodeStatusList,
  encodeStatusList,
  getBit,
  setBit,
} from '../../../src/core/status/bitstring.js'

const FIXTURES = new URL('../../fixtures/status/', import.meta.url)
/** Byte equality without the deep-equality walk (16 KiB arrays make toEqual slow). */
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength))
const fixture = (name: string): Record<string, any> => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'))

describe('base64url', () => {
  it('matches the RFC 4648 test vectors (no padding)', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ]
    for (const [plain, encoded] of vectors) {
      expect(encodeBase64url(new TextEncoder().encode(plain))).toBe(encoded)
      expect(new TextDecoder().decode(decodeBase64url(encoded))).toBe(plain)
    }
    expect(encodeBase64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8')
    expect(decodeBase64url('Zg==')).toEqual(new Uint8Array([0x66]))
  })

  it('agrees with Buffer on random bytes, and refuses foreign characters', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const encoded = encodeBase64url(bytes)
        expect(encoded).toBe(Buffer.from(bytes).toString('base64url'))
        expect(decodeBase64url(encoded)).toEqual(bytes)
      }),
    )
    expect(decodeBase64url('ab+c')).toBeUndefined()
    expect(decodeBase64url('ab/c')).toBeUndefined()
    expect(decodeBase64url('abcde')).toBeUndefined()
  })
})

describe('bitstring', () => {
  it('numbers bits from the left: index 0 is the most significant bit of byte 0', () => {
    const bits = createBitstring()
    expect(bits).toHaveLength(MIN_STATUS_LIST_BITS / 8)
    setBit(bits, 0, true)
    setBit(bits, 7, true)
    setBit(bits, 9, true)
    expect([...bits.slice(0, 2)]).toEqual([0b1000_0001, 0b0100_0000])
    expect([0, 1, 7, 8, 9].map((i) => getBit(bits, i))).toEqual([true, false, true, false, true])
    setBit(bits, 0, false)
    expect(bits[0]).toBe(0b0000_0001)
  })

  it('refuses indices outside the list and lists under 131 072 entries', () => {
    const bits = createBitstring()
    expect(() => getBit(bits, MIN_STATUS_LIST_BITS)).toThrow(RangeError)
    expect(() => setBit(bits, -1, true)).toThrow(RangeError)
    expect(() => getBit(bits, 1.5)).toThrow(RangeError)
    expect(() => createBitstring(1024)).toThrow(expect.objectContaining({ code: 'ERR_STATUS_LIST_INVALID' }))
    expect(() => createBitstring(MIN_STATUS_LIST_BITS + 1)).toThrow(expect.objectContaining({ code: 'ERR_STATUS_LIST_INVALID' }))
  })
})

describe('encodeStatusList / decodeStatusList', () => {
  it('decodes the W3C example list: 131 072 entries, all 0', async () => {
    const list = fixture('example-bitstringstatuslistcredential.unsigned.json')
    const bits = await decodeStatusList(list['credentialSubject'].encodedList)
    expect(bits).toHaveLength(16_384)
    expect(bits.every((b) => b === 0)).toBe(true)
    const other = fixture('example-statuslist-credential-with-examples-context.unsigned.json')
    expect(sameBytes(await decodeStatusList(other['credentialSubject'].encodedList), bits)).toBe(true)
  })

  it('writes GZIP + base64url with the multibase prefix u, readable by any gunzip', async () => {
    const bits = createBitstring()
    setBit(bits, 94567, true)
    setBit(bits, 12345, true)
    const encoded = await encodeStatusList(bits)
    expect(encoded).toMatch(/^uH4sI[A-Za-z0-9_-]+$/) // u + base64url("\x1f\x8b\x08…")
    expect(sameBytes(gunzipSync(Buffer.from(encoded.slice(1), 'base64url')), bits)).toBe(true)
    expect(encoded.length).toBeLessThan(200)
  })

  it('reads lists compressed by other GZIP writers', async () => {
    const bits = createBitstring(MIN_STATUS_LIST_BITS * 2)
    setBit(bits, MIN_STATUS_LIST_BITS * 2 - 1, true)
    const foreign = `u${gzipSync(bits, { level: 9 }).toString('base64url')}`
    const decoded = await decodeStatusList(foreign)
    expect(decoded).toHaveLength(bits.length)
    expect(getBit(decoded, MIN_STATUS_LIST_BITS * 2 - 1)).toBe(true)
  })

  it('round-trips any set of indices', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 0, max: MIN_STATUS_LIST_BITS - 1 }), { maxLength: 200 }), async (indices) => {
        const bits = createBitstring()
        for (const i of indices) setBit(bits, i, true)
        const decoded = await decodeStatusList(await encodeStatusList(bits))
        expect(sameBytes(decoded, bits)).toBe(true)
        for (const i of indices) expect(getBit(decoded, i)).toBe(true)
      }),
      { numRuns: 30 },
    )
  })

  it('refuses to encode a list under 16 KiB', async () => {
    await expect(encodeStatusList(new Uint8Array(1024))).rejects.toMatchObject({ code: 'ERR_STATUS_LIST_INVALID' })
  })

  it('refuses malformed encoded lists with ERR_STATUS_LIST_INVALID', async () => {
    const short = `u${gzipSync(new Uint8Array(1024)).toString('base64url')}`
    const notGzip = `u${Buffer.from('definitely not gzip data').toString('base64url')}`
    const good = await encodeStatusList(createBitstring())
    const truncated = good.slice(0, good.length - 10)
    const cases = ['', 'H4sIAAAA', `z${good.slice(1)}`, 'u', 'u!!!!', notGzip, short, truncated, 42 as unknown as string]
    for (const bad of cases) {
      await expect(decodeStatusList(bad), JSON.stringify(bad)).rejects.toMatchObject({ code: 'ERR_STATUS_LIST_INVALID' })
    }
    // the minimum can be lowered explicitly (e.g. to read a foreign test list)
    expect(await decodeStatusList(short, { minBits: 8 })).toHaveLength(1024)
  })

  it('stops decompressing a GZIP bomb at maxBytes', async () => {
    const bomb = `u${gzipSync(new Uint8Array(20 * 1024 * 1024)).toString("base64url")}` // 20 MiB of zeros, ~20 KiB compressed
    await expect(decodeStatusList(bomb)).rejects.toMatchObject({ code: 'ERR_STATUS_LIST_INVALID', message: expect.stringContaining('more than') })
    await expect(decodeStatusList(await encodeStatusList(createBitstring(MIN_STATUS_LIST_BITS * 2)), { maxBytes: 16_384 })).rejects.toMatchObject({
      code: 'ERR_STATUS_LIST_INVALID',
    })
  })
})
