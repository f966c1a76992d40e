// The fast path's synchronous SHA-256 equals node:crypto's, for every string rdf-canonize may
// hand it (any UTF-16, lone surrogates included, every padding boundary), updated in pieces
// exactly as rdf-canonize's MessageDigest (node:crypto `update(message, 'utf8')`) would be.
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Sha256MessageDigest, sha256Hex } from '../../../src/core/canonical/sha256.js'
import { buildAchievementCredential, createWebCryptoProvider, fixedClock, issueCredential, toAchievement, verifyCredential } from '../../../src/core/index.js'
import { createNodeCryptoProvider } from '../../../src/kms/node-crypto-provider.js'
import { createIssuer } from '../../../src/kms/issuer-directory.js'

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

  it('the Node crypto provider’s sha256Hex (used for blank-node hashes) = the core’s, for any string', () => {
    const native = createNodeCryptoProvider().sha256Hex!
    fc.assert(
      fc.property(anyString, (text) => {
        expect(native(text)).toBe(sha256Hex(text))
      }),
    )
  })

  it('signing with it gives the very proof the core’s own hash gives, and each verifies the other', async () => {
    const issuer = createIssuer({ name: 'Hash College' })
    const achievement = toAchievement({ id: 'https://example.edu/a/1', name: 'Data basics', description: 'Cleaning data.', criteria: 'Pass the test.', credits: { value: 5, system: 'ECTS' } })
    // A hashed-email identity, a result and the extension terms: many blank nodes to hash.
    const unsigned = await buildAchievementCredential({
      achievement,
      recipient: { email: 'learner@students.example', salt: 'salt-1' },
      issuer: { id: issuer.id, name: 'Hash College' },
      id: 'urn:uuid:6f0c5a4e-8f7a-4c1e-9b1b-1d2f3a4b5c6d',
      result: [{ type: ['Result'], resultDescription: 'urn:uuid:9a7b0d4e-3d1c-4d0e-8f5a-2b6c1e3f4a5b', value: 'A' }],
      withCredentialSchema: true,
    })
    const clock = fixedClock('2026-03-02T10:11:12Z')
    const node = createNodeCryptoProvider()
    const web = createWebCryptoProvider()
    expect(web.sha256Hex).toBeUndefined()
    const withNative = await issueCredential(unsigned, { issuer, clock, crypto: node })
    const withCore = await issueCredential(unsigned, { issuer, clock, crypto: web })
    expect(JSON.stringify(withNative)).toBe(JSON.stringify(withCore))
    expect((await verifyCredential(withNative, { clock, crypto: web })).verified).toBe(true)
    expect((await verifyCredential(withCore, { clock, crypto: node })).verified).toBe(true)
  })
})
