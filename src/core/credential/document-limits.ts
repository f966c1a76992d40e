/**
 * @module credential/document-limits
 * Bounds on what JSON-LD processing is asked to do, and values it cannot carry faithfully
 * (non-finite numbers, `__proto__` members). jsonld.js expands scoped and embedded
 * contexts recursively: an embedded context 2 000 scopes deep kept one verification busy for
 * minutes, and a 50-deep one took 0.8 s. Real credentials (a CLR with nested credentials
 * and endorsements included) stay far inside these limits, so a document beyond them is
 * refused before any JSON-LD work, by the issuer and by the verifier alike.
 */
import { pinnedDefinitionChars, pinnedUrlOfInlineContext } from '../contexts/inline-context.js'

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

/** A container still to be walked; its JSON path is built from the chain only when a problem is found. */
interface Frame {
  readonly value: object
  readonly depth: number
  readonly parent: Frame | undefined
  readonly key: string | number
}

function pathOf(frame: Frame | undefined, key?: string | number): string {
  const keys: (string | number)[] = key === undefined ? [] : [key]
  for (let f = frame; f?.parent !== undefined; f = f.parent) keys.push(f.key)
  let path = '$'
  for (let i = keys.length - 1; i >= 0; i--) path += typeof keys[i] === 'number' ? `[${keys[i]}]` : `.${keys[i]}`
  return path
}

/** Why `doc` is beyond the limits, with the JSON path, or undefined when it is within them. */
export function documentLimitProblem(doc: unknown): { path: string; message: string } | undefined {
  if (typeof doc === 'number' && !Number.isFinite(doc)) return { path: '$', message: NON_FINITE }
  if (doc === null || typeof doc !== 'object') return undefined
  // Iterative walk: recursion is what the limit protects against. Scalars are checked where
  // they are met; only containers are stacked, and paths are only spelled out for a problem.
  const stack: Frame[] = [{ value: doc, depth: 0, parent: undefined, key: '$' }]
  let values = 1
  while (stack.length > 0) {
    const frame = stack.pop()!
    const { value, depth } = frame
    if (depth >= MAX_DOCUMENT_DEPTH) return { path: pathOf(frame), message: `nested deeper than ${MAX_DOCUMENT_DEPTH} levels` }
    if (Array.isArray(value)) {
      values += value.length
      if (values > MAX_DOCUMENT_VALUES) return { path: pathOf(frame), message: TOO_MANY_VALUES }
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i]
        if (typeof item === 'number' && !Number.isFinite(item)) return { path: pathOf(frame, i), message: NON_FINITE }
        if (item !== null && typeof item === 'object') stack.push({ value: item, depth: depth + 1, parent: frame, key: i })
      }
      continue
    }
    const record = value as Record<string, unknown>
    const keys = Object.keys(record)
    values += keys.length
    if (values > MAX_DOCUMENT_VALUES) return { path: pathOf(frame), message: TOO_MANY_VALUES }
    for (const key of keys) {
      // JSON.parse makes "__proto__" an own member; most code that copies objects drops it
      // silently, so data would ride along a credential without being signed.
      if (key === '__proto__') return { path: pathOf(frame), message: 'a member named __proto__ is not allowed' }
      const member = record[key]
      if (key === '@context' && Array.isArray(member) && member.length > MAX_CONTEXT_ENTRIES) {
        return { path: `${pathOf(frame)}['@context']`, message: `more than ${MAX_CONTEXT_ENTRIES} @context entries` }
      }
      if (key === '@context' && typeof member !== 'string' && embeddedContextChars(member) > MAX_EMBEDDED_CONTEXT_CHARS) {
        return { path: `${pathOf(frame)}['@context']`, message: `an embedded @context larger than ${MAX_EMBEDDED_CONTEXT_CHARS} characters` }
      }
      if (typeof member === 'number' && !Number.isFinite(member)) return { path: pathOf(frame, key), message: NON_FINITE }
      if (member !== null && typeof member === 'object') stack.push({ value: member, depth: depth + 1, parent: frame, key })
    }
  }
  return undefined
}

// JSON has no Infinity: 1e309 parses to it, is signed as "INF" and serialized as null.
const NON_FINITE = 'a number out of range (JSON text such as 1e309 parses to Infinity)'
const TOO_MANY_VALUES = `more than ${MAX_DOCUMENT_VALUES} values`

/**
 * Size of the embedded parts of a `@context` value (URL strings do not count). An embedded
 * context equal to a pinned one (the extension context, as issued) has the pinned definition's
 * size, known once: it is not serialized again for every credential.
 */
function embeddedContextChars(context: unknown): number {
  const entries = Array.isArray(context) ? context : [context]
  let chars = 0
  for (const entry of entries) {
    if (typeof entry === 'string') continue
    const pinned = pinnedUrlOfInlineContext(entry)
    if (pinned !== undefined) chars += pinnedDefinitionChars(pinned)
    // JSON.stringify recurses: an entry nested beyond the depth limit is left to the walk,
    // which reports its depth, instead of overflowing the stack here.
    else if (!nestedDeeperThan(entry, MAX_DOCUMENT_DEPTH)) chars += JSON.stringify(entry)?.length ?? 0
  }
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
