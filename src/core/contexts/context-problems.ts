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
  return problems
}
