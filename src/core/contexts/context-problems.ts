/**
 * @module contexts/context-problems
 * Which of a document's `@context` entries microcred cannot process offline.
 * Shared by the issuer (refuse to sign) and the verifier's `context` check.
 */
import type { DocumentLoader } from './document-loader.js'

export interface ContextProblem {
  /** Position in the top-level `@context`; -1 for a context below the top level. */
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
  for (const nested of nestedContexts(doc)) {
    for (const entry of Array.isArray(nested.value) ? nested.value : [nested.value]) {
      if (typeof entry !== 'string') {
        problems.push({ index: -1, message: `embedded (inline) contexts are not accepted (at ${nested.path}); use a bundled context URL` })
        continue
      }
      try {
        await loader(entry)
      } catch {
        problems.push({ index: -1, url: entry, message: `unknown context ${entry} at ${nested.path}: it is not bundled and is never fetched` })
      }
    }
  }
  return problems
}

/**
 * Every `@context` below the top level (a scoped context can redefine terms as much as a
 * top-level one). Iterative, so a deep document cannot exhaust the stack.
 */
function nestedContexts(doc: Record<string, unknown>): { path: string; value: unknown }[] {
  const found: { path: string; value: unknown }[] = []
  const stack: { value: unknown; path: string }[] = Object.entries(doc)
    .filter(([key]) => key !== '@context')
    .map(([key, value]) => ({ value, path: `$.${key}` }))
  while (stack.length > 0) {
    const { value, path } = stack.pop()!
    if (value === null || typeof value !== 'object') continue
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: `${path}[${i}]` }))
      continue
    }
    for (const [key, member] of Object.entries(value)) {
      if (key === '@context') found.push({ path: `${path}['@context']`, value: member })
      else stack.push({ value: member, path: `${path}.${key}` })
    }
  }
  return found
}
