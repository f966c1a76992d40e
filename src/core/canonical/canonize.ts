/**
 * @module canonical/canonize
 * RDFC-1.0 canonical N-Quads of a JSON-LD document: the fast path when it covers the
 * document, `jsonld.canonize` (safe mode) otherwise. Both give the same bytes.
 */
import jsonld from 'jsonld'
import type { DocumentLoader } from '../contexts/document-loader.js'
import { fastCanonize } from './fast-canonize.js'

export interface CanonizeOptions {
  /** Used by the generic path only; the fast path reads the bundled contexts directly. */
  documentLoader: DocumentLoader
}

/**
 * Canonical N-Quads (RDFC-1.0) of `document`, as
 * `jsonld.canonize(document, { algorithm: 'RDFC-1.0', format: 'application/n-quads', safe: true, documentLoader })`.
 * The fast path assumes bundled context URLs resolve to the bundled documents (as
 * `createDocumentLoader()` guarantees); anything it does not cover goes to jsonld.js, whose
 * errors (safe mode) propagate unchanged.
 */
export async function canonize(document: object, options: CanonizeOptions): Promise<string> {
  const fast = fastCanonize(document)
  if (fast !== undefined) return fast
  return jsonld.canonize(document, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    safe: true,
    documentLoader: options.documentLoader,
  })
}
