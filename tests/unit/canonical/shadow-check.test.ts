import { describe, expect, it } from 'vitest'
import { canonizeWithJsonLd, createCanonize, createDocumentLoader } from '../../../src/core/index.js'
import { fastCanonize } from '../../../src/core/canonical/fast-canonize.js'

const documentLoader = createDocumentLoader()
const badge = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:3b0d3c3e-1f8a-4e2b-9c1d-7a6b5c4d3e2f',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'did:example:issuer', type: ['Profile'], name: 'Shadow College' },
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: {
    type: ['AchievementSubject'],
    id: 'did:example:learner',
    achievement: { id: 'urn:uuid:7c6b5a49-3827-4615-a4b3-c2d1e0f9a8b7', type: ['Achievement'], name: 'A', description: 'd', criteria: { narrative: 'n' } },
  },
}

describe('createCanonize: the sampled shadow check', () => {
  it('takes the fast path and, when sampled, confirms it against jsonld.js', async () => {
    expect(fastCanonize(badge)).toBeDefined()
    const mismatches: unknown[] = []
    const canonize = createCanonize({ shadowSampleRate: 1, onShadowMismatch: (m) => mismatches.push(m) })
    expect(await canonize(badge, { documentLoader })).toBe(await canonizeWithJsonLd(badge, { documentLoader }))
    expect(mismatches).toEqual([])
  })

  it('on a mismatch reports it and returns the reference result, so nothing wrong is signed', async () => {
    const mismatches: { fast: string; reference: string }[] = []
    const reference = await canonizeWithJsonLd(badge, { documentLoader })
    // A fast path that disagrees with the reference, as a regression in it would.
    const wrong = reference.replace('Shadow College', 'Wrong College')
    const canonize = createCanonize({ shadowSampleRate: 1, fast: () => wrong, onShadowMismatch: (m) => mismatches.push(m) })
    expect(await canonize(badge, { documentLoader })).toBe(reference)
    expect(mismatches).toHaveLength(1)
    expect(mismatches[0]).toMatchObject({ fast: wrong, reference })
  })

  it('samples at the given rate: unsampled results are the fast path, never checked', async () => {
    const canonize = createCanonize({ shadowSampleRate: 0.5, fast: () => 'fast', random: () => 0.9, onShadowMismatch: () => expect.fail('not sampled') })
    expect(await canonize(badge, { documentLoader })).toBe('fast')
  })

  it('rejects a sample rate outside [0, 1]', () => {
    expect(() => createCanonize({ shadowSampleRate: 2 })).toThrow(RangeError)
  })
})
