/**
 * @module canonical/fast-canonize
 * RDFC-1.0 canonical N-Quads for documents over the bundled contexts: JSON-LD → RDF by
 * canonical/to-quads.ts, then blank-node labelling. The usual case (every blank node has a
 * distinct first-degree hash) is canonical/rdfc10.ts; the rest goes to rdf-canonize's
 * N-degree hashing.
 *
 * This synchronous entry point loads rdf-canonize with it; issuing and verifying use
 * `fastCanonizeAsync` (canonical/fast-canonize-async.ts), which loads rdf-canonize only the
 * first time a document needs N-degree hashing.
 */
import * as rdfCanonize from 'rdf-canonize'
import { canonizeUniqueHashes } from './rdfc10.js'
import { fastToQuads } from './to-quads.js'
import { canonizeNDegree } from './n-degree.js'

export { fastPathGap, fastToQuads } from './to-quads.js'

/**
 * Canonical N-Quads (RDFC-1.0), byte-identical to `jsonld.canonize(document,
 * { algorithm: 'RDFC-1.0', format: 'application/n-quads', safe: true })` with the bundled
 * contexts; `undefined` when the document is not covered (use jsonld.js then).
 */
export function fastCanonize(document: object): string | undefined {
  const quads = fastToQuads(document)
  if (quads === undefined) return undefined
  // every blank node with a distinct first-degree hash (the usual case): no N-degree hashing
  return canonizeUniqueHashes(quads) ?? canonizeNDegree(rdfCanonize, quads)
}
