// base58btc and base64url straight from their definitions: known vectors (RFC 4648 §10 for
// base64url; the Bitcoin alphabet with leading zero bytes as '1'), round trips, and
// "undefined, never an exception" for text outside the alphabet.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase58btc, encodeBase58btc } from '../../../src/core/encoding/base58btc.js'
import { decodeBase64url, encodeBase64url } from '../../../src/core/encoding/base64url.js'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('base64url (RFC 4648 §5, no padding)', () => {
  it('encodes the RFC 4648 test vectors without padding', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy']]
    for (const [plain, encoded] of vectors) {
      expect(encodeBase64url(bytes(plain))).toBe(encoded)
      expect(decodeBase64url(encoded)).toEqual(bytes(plain))
    }
  })
  it('uses - and _ and tolerates padding on input', () => {
    expect(encodeBase64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8')
    expect(decodeBase64url('Zm8=')).toEqual(bytes('fo'))
  })
  it('answers undefined for text that is not base64url', () => {
    for (const bad of ['Zm9v+', 'Zm9v/', 'Z', 'Zm9v!', 'ü']) expect(decodeBase64url(bad)).toBeUndefined()
  })
  it('round-trips any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
      expect(decodeBase64url(encodeBase64url(b))).toEqual(b)
    }))
  })
})

describe('base58btc', () => {
  it('encodes known vectors, leading zero bytes as 1', () => {
    expect(encodeBase58btc(bytes('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U')
    expect(encodeBase58btc(new Uint8Array([0, 0, 0x28, 0x7f, 0xb4, 0xcd]))).toBe('11233QC4')
    expect(encodeBase58btc(new Uint8Array([]))).toBe('')
    expect(decodeBase58btc('11233QC4')).toEqual(new Uint8Array([0, 0, 0x28, 0x7f, 0xb4, 0xcd]))
  })
  it('answers undefined for characters outside the Bitcoin alphabet (0, O, I, l)', () => {
    for (const bad of ['0', 'O', 'I', 'l', 'abc!']) expect(decodeBase58btc(bad)).toBeUndefined()
  })
  it('round-trips any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (b) => {
      expect(decodeBase58btc(encodeBase58btc(b))).toEqual(b)
    }))
  })
})
