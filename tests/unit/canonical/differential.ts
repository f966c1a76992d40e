// The differential property shared by differential-*.test.ts (two files, so the ≥ 10 000
// credentials run on two cores): whenever the fast path returns canonical N-Quads they are
// byte-identical to jsonld.canonize's, for the credential and for its proof configuration.
import fc from 'fast-check'
import jsonld from 'jsonld'
import { expect } from 'vitest'
import { fastCanonize, fastPathGap, fastToQuads } from '../../../src/core/canonical/fast-canonize.js'
import { canonizeUniqueHashes } from '../../../src/core/canonical/rdfc10.js'
import { createDocumentLoader } from '../../../src/core/contexts/document-loader.js'
import { credential } from './ob3-arbitraries.js'

const documentLoader = createDocumentLoader()

/**
 * The oracle: jsonld.js with exactly the options the eddsa-rdfc-2022 cryptosuite passes
 * (@digitalbazaar/eddsa-rdfc-2022-cryptosuite lib/canonize.js: `base: null`,
 * `rdfDirection: 'i18n-datatype'`, safe mode), so "equal" means "equal to what the
 * reference implementation signs".
 */
export function jsonldCanonize(document: object): Promise<string> {
  return jsonld.canonize(document, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    base: null,
    safe: true,
    rdfDirection: 'i18n-datatype',
    documentLoader,
  } as Parameters<typeof jsonld.canonize>[1])
}

export interface DifferentialReport {
  credentials: number
  credentialsCovered: number
  proofConfigs: number
  proofConfigsCovered: number
  /** covered credentials whose blank nodes share a first-degree hash (N-degree hashing ran) */
  credentialsNDegree: number
  /** why the fast path declined, with counts */
  gaps: Record<string, number>
}

export async function runDifferential(seed: number, numRuns: number): Promise<DifferentialReport> {
  const report: DifferentialReport = { credentials: 0, credentialsCovered: 0, proofConfigs: 0, proofConfigsCovered: 0, credentialsNDegree: 0, gaps: {} }
  const check = async (document: object): Promise<boolean> => {
    const fast = fastCanonize(document)
    if (fast === undefined) {
      const gap = fastPathGap(document)
      if (gap === undefined) {
        // covered, but RDFC-1.0 gave up (its deep-iteration limit): so must jsonld.canonize
        await expect(jsonldCanonize(document)).rejects.toThrow()
      }
      const reason = (gap ?? 'RDFC-1.0 gave up').replace(/ [^ ]*[:/][^ ]*/g, ' …')
      report.gaps[reason] = (report.gaps[reason] ?? 0) + 1
      return false
    }
    expect(fast).toBe(await jsonldCanonize(document))
    return true
  }
  await fc.assert(
    fc.asyncProperty(credential, async ({ credential: document, proofConfig }) => {
      report.credentials++
      if (await check(document)) {
        report.credentialsCovered++
        if (canonizeUniqueHashes(fastToQuads(document)!) === undefined) report.credentialsNDegree++
      }
      // proof configurations are small and alike: one in four is plenty
      if (report.credentials % 4 === 0) {
        report.proofConfigs++
        if (await check(proofConfig)) report.proofConfigsCovered++
      }
    }),
    { seed, numRuns, endOnFailure: true },
  )
  return report
}
