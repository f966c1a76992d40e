/**
 * @module contexts/context-problems
 * Which of a document's `@context` entries microcred cannot process offline.
 * Shared by the issuer (refuse to sign) and the verifier's `context` check.
 */
import type { DocumentLoader } from './document-loader.js'

export interface ContextProblem {
  index: number
  url?: string
  message: string
}

export async function contextProblems(doc: Record<string, unknown>, loader: DocumentLoader): Promise<ContextProblem[]> {
  const raw = doc['@context']
  const entries = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
  const problems: ContextProblem[] = []
  for (const [index, entry] of entries.entries()) {
    if (typeof entry !== 'string') {
      // Embedded contexts can redefine any term the signer meant; only pinned URLs are accepted.
      problems.push({ index, message: 'embedded (inline) contexts are not accepted; use a bundled context URL' })
      continue
    }
    try {
      await loader(entry)
    } catch {
      problems.push({ index, url: entry, message: `unknown context ${entry}: it is not bundled and is never fetched` })
    }
  }
  return problems
}
