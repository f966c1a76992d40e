/**
 * @module jsonld/canonize-generic
 * RDFC-1.0 canonical N-Quads through jsonld.js, in safe mode, with exactly the options the
 * eddsa-rdfc-2022 reference cryptosuite uses. The general path: it handles any JSON-LD.
 */
import type { DocumentLoader } from '../contexts/document-loader.js'

export async function canonizeWithJsonLd(document: Record<string, unknown>, options: { documentLoader: DocumentLoader }): Promise<string> {
  // loaded on first use: documents the fast path covers never need jsonld.js
  const [{ default: jsonld }, rdfCanonize] = await Promise.all([import('jsonld'), import('rdf-canonize')])
  const dataset = await jsonld.toRDF(document, {
    base: null,
    safe: true,
    rdfDirection: 'i18n-datatype',
    produceGeneralizedRdf: false,
    documentLoader: options.documentLoader,
  })
  return rdfCanonize.canonize(dataset, { algorithm: 'RDFC-1.0', format: 'application/n-quads' }) as Promise<string>
}
