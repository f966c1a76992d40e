// differential.ts compares the fast path with jsonld.canonize under jsonld's defaults; the
// cryptosuite calls it with base: null and rdfDirection: 'i18n-datatype' as well. This property
// checks the fast path against exactly those options (a smaller run: the options only matter
// for relative IRIs and directional strings).
import fc from 'fast-check'
import jsonld from 'jsonld'
import { describe, expect, it } from 'vitest'
import { fastCanonize } from '../../../src/core/canonical/fast-canonize.js'
import { createDocumentLoader } from '../../../src/core/contexts/document-loader.js'
import { credential } from './ob3-arbitraries.js'

const documentLoader = createDocumentLoader()
const CRYPTOSUITE_OPTIONS = { algorithm: 'RDFC-1.0', format: 'application/n-quads', safe: true, base: null, rdfDirection: 'i18n-datatype' } as const

describe('fast path = jsonld.canonize with the cryptosuite options', () => {
  it('is byte-identical wherever it answers (seed 20261203, 150 credentials)', async () => {
    let covered = 0
    await fc.assert(
      fc.asyncProperty(credential, async ({ credential: document }) => {
        const fast = fastCanonize(document)
        if (fast === undefined) return
        covered++
        expect(fast).toBe(await jsonld.canonize(document, { ...CRYPTOSUITE_OPTIONS, documentLoader } as Parameters<typeof jsonld.canonize>[1]))
      }),
      { seed: 20261203, numRuns: 150 },
    )
    expect(covered).toBeGreaterThan(100)
  }, 120_000)
})
