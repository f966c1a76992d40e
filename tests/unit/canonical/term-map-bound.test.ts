// Regression (issue 13, item 6): the active-context memo used to count every unseen
// `@context` array toward a process-wide limit, even when the root was not kept; past 20 000
// distinct arrays (anyone can send them to the public verify route) every document fell back
// to jsonld.js until restart. The memo must stay bounded and the fast path must stay on.
import { describe, expect, it } from 'vitest'
import { fastCanonize, fastPathGap } from '../../../src/core/canonical/fast-canonize.js'
import { cachedRootCount, MAX_ROOTS, rootContext } from '../../../src/core/canonical/term-map.js'
import { jsonldCanonize } from './differential.js'
import { MICROCRED_CONTEXT } from './ob3-arbitraries.js'

// small bundled contexts, so 21 000 distinct roots are cheap to build
const SMALL = [
  'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  'https://w3id.org/security/multikey/v1',
  'https://www.w3.org/ns/credentials/status/v1',
  'https://w3id.org/microcred/v1',
]

/** The n-th distinct array of SMALL URLs (all arrays of length 1, then 2, …). */
function* distinctContextArrays(count: number): Generator<string[]> {
  let produced = 0
  for (let length = 1; ; length++) {
    for (let k = 0; k < SMALL.length ** length; k++) {
      if (produced++ === count) return
      const urls: string[] = []
      for (let i = 0, x = k; i < length; i++, x = Math.floor(x / SMALL.length)) urls.push(SMALL[x % SMALL.length]!)
      yield urls
    }
  }
}

const credential = {
  '@context': MICROCRED_CONTEXT,
  id: 'urn:uuid:5d1f1a0e-8c3b-4f7e-9a55-0b1c2d3e4f50',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', type: ['Profile'], name: 'Example College' },
  validFrom: '2026-01-01T00:00:00Z',
  name: 'Intro to Data',
  credentialSubject: {
    type: ['AchievementSubject'],
    id: 'did:example:learner-1',
    achievement: {
      id: 'https://college.example/achievements/intro-data',
      type: ['Achievement'],
      name: 'Intro to Data',
      criteria: { narrative: 'Pass the quiz.' },
    },
  },
}

describe('active-context memo under a flood of distinct @context arrays', () => {
  it('stays bounded and keeps the fast path on after 21 000 distinct roots', { timeout: 60_000 }, async () => {
    expect(fastPathGap(credential)).toBeUndefined()
    let built = 0
    for (const urls of distinctContextArrays(21_000)) {
      rootContext(urls)
      built++
    }
    expect(built).toBe(21_000)
    expect(cachedRootCount()).toBeLessThanOrEqual(MAX_ROOTS)
    // still covered, and still jsonld.js's bytes
    expect(fastPathGap(credential)).toBeUndefined()
    expect(fastCanonize(credential)).toBe(await jsonldCanonize(credential))
  })
})
