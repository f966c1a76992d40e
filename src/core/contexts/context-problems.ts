/**
 * @module contexts/context-problems
 * Which of a document's `@context` entries microcred cannot process offline.
 * Shared by the issuer (refuse to sign) and the verifier's `context` check.
 *
 * Accepted: pinned context URLs (and documents the caller's loader holds); inline context
 * objects equal to a pinned one (recognised by digest); other inline contexts within the size
 * and depth limits whose every referenced context URL the loader holds. jsonld.js then
 * processes them under safe mode with the same static loader, so nothing is ever fetched and
 * an inline object (plain JSON: a tree) cannot loop.
 */
import type { DocumentLoader } from './document-loader.js'
import { inspectInlineContext, pinnedUrlOfInlineContext, type InlineContextLimits } from './inline-context.js'

export interface ContextProblem {
  /** Position in the top-level `@context`; -1 for a context below the top level. */
  index: number
  url?: string
  message: string
}

export async function contextProblems(
  doc: Record<string, unknown>,
  loader: DocumentLoader,
  limits: InlineContextLimits = {},
): Promise<ContextProblem[]> {
  const raw = doc['@context']
  const entries = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
  const problems: ContextProblem[] = []
  const load = async (index: number, url: string): Promise<void> => {
    try {
      await loader(url)
    } catch {
      problems.push({ index, url, message: `unknown context ${url}: it is not bundled and is never fetched` })
    }
  }
  for (const [index, entry] of entries.entries()) {
    if (typeof entry === 'string') {
      await load(index, entry)
      continue
    }
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push({ index, message: 'a @context entry must be a context URL or an inline context object' })
      continue
    }
    if (pinnedUrlOfInlineContext(entry) !== undefined) continue
    const inspected = inspectInlineContext(entry, limits)
    if (inspected.problem !== undefined) {
      problems.push({ index, message: inspected.problem })
      continue
    }
    for (const url of inspected.urls) await load(index, url)
  }
  for (const nested of nestedContexts(doc)) {
    for (const entry of Array.isArray(nested.value) ? nested.value : [nested.value]) {
      // Below the top level (a credential embedded in a CLR or a presentation, a scoped
      // context) the same rules hold as at the top: pinned inline copies pass, other inline
      // contexts must stay within the limits and name only contexts the loader holds.
      if (typeof entry !== 'string') {
        if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
          problems.push({ index: -1, message: `a @context entry must be a context URL or an inline context object (at ${nested.path})` })
          continue
        }
        if (pinnedUrlOfInlineContext(entry as Record<string, unknown>) !== undefined) continue
        const inspected = inspectInlineContext(entry as Record<string, unknown>, limits)
        if (inspected.problem !== undefined) {
          problems.push({ index: -1, message: `${inspected.problem} (at ${nested.path})` })
          continue
        }
        for (const url of inspected.urls) {
          try {
            await loader(url)
          } catch {
            problems.push({ index: -1, url, message: `unknown context ${url} at ${nested.path}: it is not bundled and is never fetched` })
          }
        }
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
