/**
 * @module credential/document-limits
 * Bounds on what JSON-LD processing is asked to do, and values it cannot carry faithfully
 * (non-finite numbers, `__proto__` members). jsonld.js expands scoped and embedded
 * contexts recursively: an embedded context 2 000 scopes deep kept one verification busy for
 * minutes, and a 50-deep one took 0.8 s. Real credentials (a CLR with nested credentials
 * and endorsements included) stay far inside these limits, so a document beyond them is
 * refused before any JSON-LD work, by the issuer and by the verifier alike.
 */

/** Deepest nesting of objects and arrays accepted. */
export const MAX_DOCUMENT_DEPTH = 64
/**
 * Most values (objects, arrays, scalars) in one document: a credential with 100 000 subjects
 * took 9.5 s to canonicalize. A CLR with dozens of nested credentials has a few thousand.
 */
export const MAX_DOCUMENT_VALUES = 20_000
/** Most entries in one `@context` array (10 000 copies of one URL took 30 s to expand). */
export const MAX_CONTEXT_ENTRIES = 32
/** Largest embedded (inline) `@context`, as JSON text. */
export const MAX_EMBEDDED_CONTEXT_CHARS = 16 * 1024

/** Why `doc` is beyond the limits, with the JSON path, or undefined when it is within them. */
export function documentLimitProblem(doc: unknown): { path: string; message: string } | undefined {
  // Iterative walk: recursion is what the limit protects against.
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: doc, path: '$', depth: 0 }]
  let values = 0
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!
    if (++values > MAX_DOCUMENT_VALUES) return { path: '$', message: `more than ${MAX_DOCUMENT_VALUES} values` }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      // JSON has no Infinity: 1e309 parses to it, is signed as "INF" and serialized as null.
      return { path, message: 'a number out of range (JSON text such as 1e309 parses to Infinity)' }
    }
    if (value === null || typeof value !== 'object') continue
    if (depth >= MAX_DOCUMENT_DEPTH) return { path, message: `nested deeper than ${MAX_DOCUMENT_DEPTH} levels` }
    if (Array.isArray(value)) {
      if (values + value.length > MAX_DOCUMENT_VALUES) return { path, message: `more than ${MAX_DOCUMENT_VALUES} values` }
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i], path: `${path}[${i}]`, depth: depth + 1 })
      continue
    }
    const members = Object.entries(value as Record<string, unknown>)
    if (values + members.length > MAX_DOCUMENT_VALUES) return { path, message: `more than ${MAX_DOCUMENT_VALUES} values` }
    for (const [key, member] of members) {
      // JSON.parse makes "__proto__" an own member; most code that copies objects drops it
      // silently, so data would ride along a credential without being signed.
      if (key === '__proto__') return { path, message: 'a member named __proto__ is not allowed' }
      if (key === '@context' && Array.isArray(member) && member.length > MAX_CONTEXT_ENTRIES) {
        return { path: `${path}['@context']`, message: `more than ${MAX_CONTEXT_ENTRIES} @context entries` }
      }
      if (key === '@context' && typeof member !== 'string' && embeddedContextChars(member) > MAX_EMBEDDED_CONTEXT_CHARS) {
        return { path: `${path}['@context']`, message: `an embedded @context larger than ${MAX_EMBEDDED_CONTEXT_CHARS} characters` }
      }
      stack.push({ value: member, path: `${path}.${key}`, depth: depth + 1 })
    }
  }
  return undefined
}

/** Size of the embedded parts of a `@context` value (URL strings do not count). */
function embeddedContextChars(context: unknown): number {
  const entries = Array.isArray(context) ? context : [context]
  let chars = 0
  for (const entry of entries) if (typeof entry !== 'string') chars += JSON.stringify(entry)?.length ?? 0
  return chars
}

/**
 * True when `value` nests deeper than `maxDepth` (iteratively: the point is to find out before
 * recursive code such as JSON.stringify or structuredClone overflows the stack on it).
 */
export function nestedDeeperThan(value: unknown, maxDepth: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }]
  while (stack.length > 0) {
    const next = stack.pop()!
    if (next.value === null || typeof next.value !== 'object') continue
    if (next.depth >= maxDepth) return true
    for (const member of Array.isArray(next.value) ? next.value : Object.values(next.value)) stack.push({ value: member, depth: next.depth + 1 })
  }
  return false
}
