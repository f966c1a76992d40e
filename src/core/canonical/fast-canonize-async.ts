/**
 * @module canonical/fast-canonize-async
 * `fastCanonize` for issuing and verifying: the same bytes, but rdf-canonize (N-degree
 * hashing) is imported on first need instead of at start-up — most processes never need it.
 */
import { canonizeNDegree } from './n-degree.js'
import { canonizeUniqueHashes } from './rdfc10.js'
import { fastToQuads } from './to-quads.js'

/** `sha256Hex`: the blank-node hash (the core's own JavaScript SHA-256 by default). */
export async function fastCanonizeAsync(document: object, sha256Hex?: (text: string) => string): Promise<string | undefined> {
  const quads = fastToQuads(document)
  if (quads === undefined) return undefined
  const canonical = canonizeUniqueHashes(quads, sha256Hex)
  if (canonical !== undefined) return canonical
  return canonizeNDegree(await import('rdf-canonize'), quads)
}
