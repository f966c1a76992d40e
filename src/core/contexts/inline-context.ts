/**
 * @module contexts/inline-context
 * Inline (embedded) `@context` objects: recognising one that equals a pinned context, and
 * the limits every other inline context must respect before jsonld.js processes it.
 *
 * Why inline at all: a context URL that only microcred can resolve (the extension context
 * `https://w3id.org/microcred/v1`) makes every other verifier fail — they cannot expand the
 * terms, and some report it as a bad signature. Embedding the pinned document's definition in
 * the credential makes it self-contained; recognising it here as equal to the pinned definition
 * keeps it on the fast, pinned path (see docs/verification.md, "Why the extension context is
 * inline").
 */
import { jsonValuesEqual } from '../credential/json-values.js'
import { BUNDLED_CONTEXTS, MICROCRED_V1_CONTEXT, VC_V2_CONTEXT } from './bundled.js'

/** An inline context larger than this (bytes of its JSON) is refused. */
export const MAX_INLINE_CONTEXT_BYTES = 65_536
/** An inline context nested deeper than this (objects and arrays) is refused. */
export const MAX_INLINE_CONTEXT_DEPTH = 16

type PinnedDefinition = readonly [url: string, definition: Record<string, unknown>, keyCount: number]
let pinnedDefinitions: readonly PinnedDefinition[] | undefined

/** Each pinned document's context definition (an object), with its URL and member count. */
function pinnedContextDefinitions(): readonly PinnedDefinition[] {
  if (pinnedDefinitions === undefined) {
    const found: PinnedDefinition[] = []
    for (const [url, doc] of BUNDLED_CONTEXTS) {
      const definition = doc['@context']
      if (definition !== null && typeof definition === 'object' && !Array.isArray(definition)) {
        found.push([url, definition as Record<string, unknown>, Object.keys(definition).length])
      }
    }
    pinnedDefinitions = found
  }
  return pinnedDefinitions
}

const pinnedChars = new Map<string, number>()

/** Length of the JSON text of the pinned context `url`'s definition (the same in any member order). */
export function pinnedDefinitionChars(url: string): number {
  let chars = pinnedChars.get(url)
  if (chars === undefined) {
    chars = JSON.stringify(BUNDLED_CONTEXTS.get(url)?.['@context'] ?? null).length
    pinnedChars.set(url, chars)
  }
  return chars
}

/** Objects already recognised (the constants below, or a document verified twice). */
const recognised = new WeakMap<object, string | null>()

/**
 * The URL of the pinned context whose definition equals `context` as JSON data (members in
 * any order), or undefined. An inline context equal to a pinned one means exactly what the
 * URL means: the same definitions, so the same cached term definitions apply.
 */
export function pinnedUrlOfInlineContext(context: unknown): string | undefined {
  if (context === null || typeof context !== 'object' || Array.isArray(context)) return undefined
  let url = recognised.get(context)
  if (url === undefined) {
    // The comparison walks the pinned definition, so a hostile, very deep object stops where
    // it first differs; the member count rules out most definitions at once.
    const keyCount = Object.keys(context).length
    url = pinnedContextDefinitions().find(([, definition, count]) => count === keyCount && jsonValuesEqual(definition, context))?.[0] ?? null
    recognised.set(context, url)
  }
  return url ?? undefined
}

/** The extension context's definition, as it is embedded in credentials (frozen). */
export const MICROCRED_V1_INLINE_CONTEXT: Readonly<Record<string, unknown>> = BUNDLED_CONTEXTS.get(MICROCRED_V1_CONTEXT)![
  '@context'
] as Readonly<Record<string, unknown>>

/**
 * The `@context` entry that brings in the extension terms: the inline definition by default,
 * or `url` when a deployment hosts the (same, pinned) document at a URL it controls.
 */
export function extensionContextEntry(url?: string): string | Readonly<Record<string, unknown>> {
  return url ?? MICROCRED_V1_INLINE_CONTEXT
}

/** True when `entry` is the extension context, inline or as the pinned URL. */
export function isExtensionContext(entry: unknown): boolean {
  return entry === MICROCRED_V1_CONTEXT || pinnedUrlOfInlineContext(entry) === MICROCRED_V1_CONTEXT
}

export interface InlineContextLimits {
  maxBytes?: number
  maxDepth?: number
}

/**
 * What is wrong with an inline context that is not a pinned one: too large, too deep, or
 * referring to context URLs (`@context` strings in scoped definitions, `@import`) — those
 * are returned in `urls` for the caller to check against its static loader.
 */
export function inspectInlineContext(context: unknown, limits: InlineContextLimits = {}): { problem?: string; urls: string[] } {
  const maxBytes = limits.maxBytes ?? MAX_INLINE_CONTEXT_BYTES
  const maxDepth = limits.maxDepth ?? MAX_INLINE_CONTEXT_DEPTH
  const urls: string[] = []
  let tooDeep = false
  const walk = (value: unknown, depth: number, key: string | undefined): void => {
    if (tooDeep) return
    if (depth > maxDepth) {
      tooDeep = true
      return
    }
    if (typeof value === 'string') {
      if (key === '@context' || key === '@import') urls.push(value)
      return
    }
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1, key === '@context' ? '@context' : undefined)
      return
    }
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, depth + 1, k)
    }
  }
  walk(context, 0, undefined)
  if (tooDeep) return { problem: `an inline context is nested deeper than ${maxDepth} levels`, urls }
  const redefined = redefinedCoreTerms(context)
  if (redefined.length > 0) return { problem: `an inline context may not redefine the VC 2.0 terms ${redefined.join(', ')}`, urls }
  const bytes = new TextEncoder().encode(JSON.stringify(context)).length
  if (bytes > maxBytes) return { problem: `an inline context is larger than ${maxBytes} bytes (${bytes})`, urls }
  return { urls }
}

/** The terms the VC 2.0 context defines (all protected): what a credential's structure means. */
let coreTerms: ReadonlySet<string> | undefined
function vcCoreTerms(): ReadonlySet<string> {
  const doc = BUNDLED_CONTEXTS.get(VC_V2_CONTEXT) as { '@context'?: Record<string, unknown> } | undefined
  if (coreTerms !== undefined) return coreTerms
  // Every term VC 2.0 defines, its type-scoped ones (credentialSubject, issuer, …) included.
  const terms = new Set<string>()
  const stack: unknown[] = [doc?.['@context']]
  while (stack.length > 0) {
    const value = stack.pop()
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue
    for (const [k, v] of Object.entries(value)) {
      if (!k.startsWith('@')) terms.add(k)
      if (v !== null && typeof v === 'object') stack.push((v as Record<string, unknown>)['@context'])
    }
  }
  coreTerms = terms
  return coreTerms
}

/**
 * Core terms an inline context (or a scoped context inside it) tries to redefine. VC 2.0
 * protects them, so such a redefinition is at best refused by JSON-LD and at worst makes the
 * document mean something else than it shows; a non-pinned inline context must not do it.
 */
function redefinedCoreTerms(context: unknown): string[] {
  const found = new Set<string>()
  const stack: unknown[] = [context]
  while (stack.length > 0) {
    const value = stack.pop()
    if (Array.isArray(value)) stack.push(...value)
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        // `id: '@id'`, `type: '@type'`: keyword aliases, as VC 2.0 itself has them, change nothing.
        if (vcCoreTerms().has(k) && !(typeof v === 'string' && v.startsWith('@'))) found.add(k)
        if (v !== null && typeof v === 'object') stack.push(...(Array.isArray(v) ? v : Object.values(v as object)))
      }
    }
  }
  return [...found].sort()
}
