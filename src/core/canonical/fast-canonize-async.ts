/**
 * @module canonical/fast-canonize-async
 * `fastCanonize` for issuing and verifying: the same bytes, but rdf-canonize (N-degree
 * hashing) is imported on first need instead of at start-up — most processes never need it.
 */
import { canonizeNDegree } from './n-degree.js'
import { canonizeUniqueHashes } from './rdfc10.js'
import { fastToQuads } from './to-quads.js'

export async function fastCanonizeAsync(document: object): Promise<string | undefined> {
  const quads = fastToQuads(document)
  if (quads === undefined) return undefined
  const canonical = canonizeUniqueHashes(quads)
  if (canonical !== undefined) return canonical
  return canonizeNDegree(await import('rdf-canonize'), quads)
}
