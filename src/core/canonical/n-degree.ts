/**
 * @module canonical/n-degree
 * RDFC-1.0 with N-degree hashing, for datasets where blank nodes share a first-degree hash:
 * rdf-canonize's synchronous implementation with our SHA-256. The module is passed in, so
 * callers decide when rdf-canonize is loaded.
 */
import type * as RdfCanonize from 'rdf-canonize'
import type { Quad } from './rdf-terms.js'
import { Sha256MessageDigest } from './sha256.js'

/**
 * Canonical N-Quads, or undefined when rdf-canonize gives up on its deep-iteration limit
 * (a poison dataset: jsonld.js's canonize would hit the same limit, so let it report it).
 * Any other error is a bug and is thrown.
 */
export function canonizeNDegree(rdfCanonize: typeof RdfCanonize, quads: Quad[]): string | undefined {
  try {
    return rdfCanonize._canonizeSync(quads, {
      algorithm: 'RDFC-1.0',
      createMessageDigest: () => new Sha256MessageDigest(),
    }) as string
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('Maximum deep iterations exceeded')) return undefined
    throw error
  }
}
