// The fast path's synchronous SHA-256 equals node:crypto's, for every string rdf-canonize may
// hand it (any UTF-16, lone surrogates included, every padding boundary), updated in pieces
// exactly as rdf-canonize's MessageDigest (node:crypto `update(message, 'utf8')`) would be.
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Sha256MessageDigest, sha256Hex } from '../../../src/core/canonical/sha256.js'

const nodeSha256 = (messages: string[]): string => {
  const hash = createHash('sha256')
  for (const message of messages) hash.update(message, 'utf8')
  return hash.digest('hex')
}

const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 100 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
)

describe('sha256', () => {
  it('known answers', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it('every length around the block and padding boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const text = 'é'.repeat(n % 7) + 'x'.repeat(n)
      expect(sha256Hex(text)).toBe(nodeSha256([text]))
    }
  })

  it('= node:crypto for any strings, updated in pieces (lone surrogates split across pieces too)', () => {
    fc.assert(
      fc.property(fc.array(anyString, { maxLength: 6 }), (messages) => {
        const digest = new Sha256MessageDigest()
        for (const message of messages) digest.update(message)
        expect(digest.digest()).toBe(nodeSha256(messages))
      }),
      { numRuns: 3000 },
    )
    const pair = '😀'
    const digest = new Sha256MessageDigest()
    digest.update(pair[0]!)
    digest.update(pair[1]!)
    expect(digest.digest()).toBe(nodeSha256([pair[0]!, pair[1]!]))
  })
})
