/**
 * @module canonical/term-map
 * Active contexts for the bundled JSON-LD contexts, computed synchronously.
 *
 * This is a line-by-line port of jsonld.js 9.0.0 `lib/context.js` (`process`,
 * `createTermDefinition`, `_expandIri`, `getContextValue`, clone/revert) restricted to the
 * features the bundled contexts use: `@version`, `@protected`, aliases, simple and expanded
 * term definitions with `@id`, `@type`, `@container` and scoped `@context`, compact IRIs and
 * term references. Anything else (`@vocab`, `@base`, `@language`, `@direction`, `@import`,
 * `@propagate`, `@reverse`, `@nest`, `@index`, `@prefix`, `null` contexts, unknown URLs)
 * throws {@link UnsupportedFeature}, and so does every input on which jsonld.js would raise
 * an error: the caller then falls back to jsonld.js itself.
 *
 * The term definitions produced are the objects jsonld.js builds, key for key
 * (`tests/unit/canonical/term-map.test.ts` compares every reachable active context with
 * jsonld.js's own). Active contexts and the scoped-context transitions between them are
 * memoized, so a document costs map look-ups, not context processing.
 */
import { BUNDLED_CONTEXTS } from '../contexts/bundled.js'
import { pinnedUrlOfInlineContext } from '../contexts/inline-context.js'

/** Thrown for anything the fast path does not cover; the caller falls back to jsonld.js. */
export class UnsupportedFeature extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnsupportedFeature'
  }
}

/** A term definition, shaped exactly like jsonld.js's (same keys, same values). */
export interface TermDefinition {
  reverse: boolean
  _termHasColon: boolean
  '@id'?: string | null
  _prefix?: boolean
  protected?: boolean
  '@type'?: string
  '@container'?: string[]
  '@context'?: unknown
}

/** An active context. Immutable once built; `transitions` memoizes scoped-context processing. */
export interface ActiveContext {
  readonly mappings: ReadonlyMap<string, TermDefinition>
  /** The context a type-scoped context reverts to when descending into a new node object. */
  readonly previousContext: ActiveContext | undefined
  /** Protected terms (jsonld.js `activeCtx.protected`). */
  readonly protected: Readonly<Record<string, true>>
  /** The memo budget shared by every context reachable from one root (see rootContext). */
  readonly tree: ContextTree
  /** term-scoped transitions: scoped `@context` value → resulting context (or the failure). */
  readonly transitions: {
    readonly property: Map<unknown, ActiveContext | UnsupportedFeature>
    readonly type: Map<unknown, ActiveContext | UnsupportedFeature>
  }
}

/** How many active contexts are memoized under one root. */
interface ContextTree {
  size: number
}

interface MutableContext {
  mappings: Map<string, TermDefinition>
  previousContext: ActiveContext | undefined
  protected: Record<string, true>
}

const KEYWORDS = new Set([
  '@base', '@container', '@context', '@default', '@direction', '@embed', '@explicit', '@graph', '@id',
  '@included', '@index', '@json', '@language', '@list', '@nest', '@none', '@omitDefault', '@prefix',
  '@preserve', '@protected', '@requireAll', '@reverse', '@set', '@type', '@value', '@version', '@vocab',
])

/** jsonld.js `context.isKeyword`. */
export function isKeyword(value: unknown): boolean {
  return typeof value === 'string' && value[0] === '@' && KEYWORDS.has(value)
}

/** jsonld.js `util.REGEX_KEYWORD`. */
export const REGEX_KEYWORD = /^@[a-zA-Z]+$/
/** jsonld.js `url.isAbsolute` (its regex verbatim: `+-.` is a range). */
const IS_ABSOLUTE = /^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$/
export function isAbsoluteIri(value: unknown): value is string {
  return typeof value === 'string' && IS_ABSOLUTE.test(value)
}

/** isAbsoluteIri for strings that recur across documents (property IRIs), memoized. */
const absoluteIris = new Map<string, boolean>()
export function isAbsoluteIriMemoized(value: string): boolean {
  let absolute = absoluteIris.get(value)
  if (absolute === undefined) {
    absolute = IS_ABSOLUTE.test(value)
    if (absoluteIris.size >= 10_000) absoluteIris.clear()
    absoluteIris.set(value, absolute)
  }
  return absolute
}

/** jsonld.js `types.isObject`. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === '[object Object]'
}

/** Every failure (ours or one jsonld.js would raise) is an UnsupportedFeature. */
function unsupported(message: string): never {
  throw new UnsupportedFeature(message)
}

const INITIAL_CONTEXT: ActiveContext = toActiveContext(
  { mappings: new Map(), previousContext: undefined, protected: {} },
  { size: 0 },
)

/**
 * The memo is bounded by construction, and no input can switch the fast path off: roots are
 * kept in least-recently-used order (a stream of distinct `@context` arrays evicts old roots,
 * and with them every context reachable from them), and the transitions under one root stop
 * being memoized — not computed — once that root holds MAX_CONTEXTS_PER_ROOT contexts.
 * Worst case held: MAX_ROOTS × MAX_CONTEXTS_PER_ROOT active contexts.
 */
export const MAX_ROOTS = 64
export const MAX_CONTEXTS_PER_ROOT = 256
const roots = new Map<string, ActiveContext | UnsupportedFeature>()

/**
 * The active context for a document's top-level `@context`: a bundled context URL or an
 * array of them, where an inline context object equal (by digest) to a bundled context's
 * definition stands for that context's URL — it defines the same terms, so it maps to the
 * same cached active context. Throws UnsupportedFeature for anything else.
 */
export function rootContext(context: unknown): ActiveContext {
  const entries = Array.isArray(context) ? context : [context]
  const urls = entries.map((entry) => (typeof entry === 'string' ? entry : pinnedUrlOfInlineContext(entry)))
  if (urls.length === 0 || !urls.every((u) => u !== undefined && BUNDLED_CONTEXTS.has(u))) {
    unsupported('@context is not a bundled context (URL or pinned inline definition) or an array of them')
  }
  const key = urls.join(' ')
  let root = roots.get(key)
  if (root === undefined) {
    const tree: ContextTree = { size: 1 }
    root = attempt(() => process(INITIAL_CONTEXT, urls, { propagate: true, overrideProtected: false, tree }))
    if (roots.size >= MAX_ROOTS) roots.delete(roots.keys().next().value as string)
  } else {
    roots.delete(key) // re-inserted below: Map order is recency order
  }
  roots.set(key, root)
  if (root instanceof UnsupportedFeature) throw root
  return root
}

/** Number of memoized roots (for tests of the bound). */
export function cachedRootCount(): number {
  return roots.size
}

/** Applies a property-scoped context (jsonld: propagate true, overrideProtected true). */
export function applyPropertyScoped(ctx: ActiveContext, scoped: unknown): ActiveContext {
  return transition(ctx, ctx.transitions.property, scoped, () =>
    process(ctx, scoped, { propagate: true, overrideProtected: true, tree: ctx.tree }),
  )
}

/** Applies a type-scoped context (jsonld: propagate false). */
export function applyTypeScoped(ctx: ActiveContext, scoped: unknown): ActiveContext {
  return transition(ctx, ctx.transitions.type, scoped, () =>
    process(ctx, scoped, { propagate: false, overrideProtected: false, tree: ctx.tree }),
  )
}

/** jsonld.js `revertToPreviousContext`. */
export function revertToPreviousContext(ctx: ActiveContext): ActiveContext {
  return ctx.previousContext ?? ctx
}

function transition(
  from: ActiveContext,
  cache: Map<unknown, ActiveContext | UnsupportedFeature>,
  scoped: unknown,
  compute: () => ActiveContext,
): ActiveContext {
  let next = cache.get(scoped)
  if (next === undefined) {
    next = attempt(compute)
    // past the budget the result is still correct, only not remembered
    if (from.tree.size < MAX_CONTEXTS_PER_ROOT) {
      cache.set(scoped, next)
      from.tree.size++
    }
  }
  if (next instanceof UnsupportedFeature) throw next
  return next
}

function attempt(compute: () => ActiveContext): ActiveContext | UnsupportedFeature {
  try {
    return compute()
  } catch (error) {
    // jsonld.js would throw too (or we do not cover the feature): remember the failure.
    return error instanceof UnsupportedFeature ? error : new UnsupportedFeature(String(error))
  }
}

function toActiveContext(ctx: MutableContext, tree: ContextTree): ActiveContext {
  return {
    mappings: ctx.mappings,
    previousContext: ctx.previousContext,
    protected: ctx.protected,
    tree,
    transitions: { property: new Map(), type: new Map() },
  }
}

/** jsonld.js `_cloneActiveContext` (term definitions are never mutated once built, so shared). */
function clone(ctx: ActiveContext | MutableContext): MutableContext {
  return { mappings: new Map(ctx.mappings), previousContext: ctx.previousContext, protected: { ...ctx.protected } }
}

/** Resolves a local context to the list of context objects jsonld.js would process. */
function resolve(localCtx: unknown, depth = 0): (Record<string, unknown> | null)[] {
  if (depth > 10) unsupported('context nesting too deep')
  if (isPlainObject(localCtx) && localCtx['@context']) localCtx = localCtx['@context']
  const out: (Record<string, unknown> | null)[] = []
  for (const ctx of Array.isArray(localCtx) ? localCtx : [localCtx]) {
    if (typeof ctx === 'string') {
      const doc = BUNDLED_CONTEXTS.get(ctx)
      if (doc === undefined) unsupported(`context ${ctx} is not bundled`)
      if (!('@context' in doc)) unsupported(`context ${ctx} has no @context`)
      out.push(...resolve({ '@context': doc['@context'] }, depth + 1))
    } else if (isPlainObject(ctx) || ctx === null) {
      out.push(ctx)
    } else {
      unsupported('invalid local context')
    }
  }
  return out
}

const UNSUPPORTED_CONTEXT_KEYS = ['@base', '@vocab', '@language', '@direction', '@propagate', '@import']

/** jsonld.js `context.process` (api.process), synchronously, over bundled documents only. */
function process(
  activeCtx: ActiveContext,
  localCtx: unknown,
  { propagate, overrideProtected, tree }: { propagate: boolean; overrideProtected: boolean; tree: ContextTree },
): ActiveContext {
  if (isPlainObject(localCtx) && '@context' in localCtx && Array.isArray(localCtx['@context'])) {
    localCtx = localCtx['@context']
  }
  const ctxs = Array.isArray(localCtx) ? localCtx : [localCtx]
  if (ctxs.length === 0) return activeCtx
  const resolved = resolve(localCtx)

  let rval: ActiveContext | MutableContext = activeCtx
  if (!propagate && !rval.previousContext) {
    rval = clone(rval)
    rval.previousContext = activeCtx
  }
  for (let ctx of resolved as unknown[]) {
    let current: ActiveContext | MutableContext = rval
    if (ctx === null) {
      // reset to the initial context (jsonld.js: an error unless protected terms may be overridden)
      if (!overrideProtected && Object.keys(current.protected).length !== 0) unsupported('invalid context nullification')
      rval = clone(INITIAL_CONTEXT)
      continue
    }
    if (isPlainObject(ctx) && '@context' in ctx) ctx = ctx['@context']
    if (!isPlainObject(ctx)) unsupported('@context must be an object')
    for (const key of UNSUPPORTED_CONTEXT_KEYS) if (key in ctx) unsupported(`${key} in a context`)
    const next = clone(current)
    const defined = new Map<string, boolean>()
    if ('@version' in ctx) {
      if (ctx['@version'] !== 1.1) unsupported('unsupported @version')
      defined.set('@version', true)
    }
    defined.set('@protected', (ctx['@protected'] as boolean | undefined) || false)
    for (const key in ctx) {
      createTermDefinition(next, ctx, key, defined, overrideProtected)
      const value = ctx[key]
      if (isPlainObject(value) && '@context' in value) {
        const keyCtx = value['@context']
        if (typeof keyCtx === 'string') unsupported('scoped context URL')
        // jsonld.js processes the scoped context once here to validate it
        process(toActiveContext(clone(next), tree), keyCtx, { propagate: true, overrideProtected: true, tree })
      }
    }
    current = next
    rval = current
  }
  return 'transitions' in rval ? rval : toActiveContext(rval, tree)
}

/** jsonld.js `context.createTermDefinition`. */
function createTermDefinition(
  activeCtx: MutableContext,
  localCtx: Record<string, unknown>,
  term: string,
  defined: Map<string, boolean>,
  overrideProtected = false,
): void {
  if (defined.has(term)) {
    if (defined.get(term)) return
    unsupported('cyclic IRI mapping')
  }
  defined.set(term, false)
  let value = Object.prototype.hasOwnProperty.call(localCtx, term) ? localCtx[term] : undefined

  if (isKeyword(term)) unsupported(`keyword redefinition of ${term}`)
  if (REGEX_KEYWORD.test(term)) unsupported('reserved term') // an event; fatal in safe mode
  if (term === '') unsupported('empty term')

  const previousMapping = activeCtx.mappings.get(term)
  activeCtx.mappings.delete(term)

  let simpleTerm = false
  if (typeof value === 'string' || value === null) {
    simpleTerm = true
    value = { '@id': value }
  }
  if (!isPlainObject(value)) unsupported('invalid term definition')

  const mapping: TermDefinition = { reverse: false, _termHasColon: false }
  activeCtx.mappings.set(term, mapping)
  for (const kw in value) {
    if (kw !== '@container' && kw !== '@id' && kw !== '@type' && kw !== '@context' && kw !== '@protected') {
      unsupported(`${kw} in a term definition`)
    }
  }
  const colon = term.indexOf(':')
  mapping._termHasColon = colon > 0

  if ('@id' in value) {
    let id = value['@id']
    if (id && typeof id !== 'string') unsupported('invalid IRI mapping')
    if (id === null) {
      mapping['@id'] = null
    } else if (typeof id !== 'string') {
      unsupported('invalid IRI mapping')
    } else if (!isKeyword(id) && REGEX_KEYWORD.test(id)) {
      unsupported('reserved @id value')
    } else if (id !== term) {
      id = expandIriInContext(activeCtx, id as string, { vocab: true, base: false }, localCtx, defined)
      if (!isAbsoluteIri(id) && !isKeyword(id)) unsupported('invalid IRI mapping')
      const expandedId = id as string
      if (/(?::[^:])|\//.test(term)) {
        const termDefined = new Map(defined).set(term, true)
        const termIri = expandIriInContext(activeCtx, term, { vocab: true, base: false }, localCtx, termDefined)
        if (termIri !== expandedId) unsupported('term in form of IRI must expand to definition')
      }
      mapping['@id'] = expandedId
      mapping._prefix = simpleTerm && !mapping._termHasColon && /[:/?#[\]@]$/.test(expandedId)
    }
  }

  if (!('@id' in mapping)) {
    if (mapping._termHasColon) {
      const prefix = term.substring(0, colon)
      if (Object.prototype.hasOwnProperty.call(localCtx, prefix)) {
        createTermDefinition(activeCtx, localCtx, prefix, defined)
      }
      const prefixMapping = activeCtx.mappings.get(prefix)
      if (prefixMapping !== undefined) {
        mapping['@id'] = `${prefixMapping['@id']}${term.substring(colon + 1)}`
      } else {
        mapping['@id'] = term
      }
    } else {
      unsupported('term without @id and no @vocab')
    }
  }

  const protectedFlag = value['@protected']
  if (protectedFlag === true || (defined.get('@protected') === true && protectedFlag !== false)) {
    activeCtx.protected[term] = true
    mapping.protected = true
  }
  defined.set(term, true)

  if ('@type' in value) {
    let type = value['@type']
    if (typeof type !== 'string') unsupported('invalid type mapping')
    if (type === '@json' || type === '@none') {
      // allowed in 1.1 (processing mode is always 1.1 here)
    } else if (type !== '@id' && type !== '@vocab') {
      type = expandIriInContext(activeCtx, type, { vocab: true, base: false }, localCtx, defined)
      if (!isAbsoluteIri(type)) unsupported('invalid type mapping')
      if ((type as string).indexOf('_:') === 0) unsupported('blank node type mapping')
    }
    mapping['@type'] = type as string
  }

  if ('@container' in value) {
    const raw = value['@container']
    const container = typeof raw === 'string' ? [raw] : ((raw as string[] | null) || [])
    if (!Array.isArray(container) || !container.every((c) => typeof c === 'string')) unsupported('invalid container mapping')
    const validContainers = ['@list', '@set', '@index', '@language', '@graph', '@id', '@type']
    let isValid = true
    const hasSet = container.includes('@set')
    if (container.includes('@list')) {
      if (container.length !== 1) unsupported('invalid container mapping')
    } else if (container.includes('@graph')) {
      if (container.some((key) => key !== '@graph' && key !== '@id' && key !== '@index' && key !== '@set')) {
        unsupported('invalid container mapping')
      }
    } else {
      isValid &&= container.length <= (hasSet ? 2 : 1)
    }
    if (container.includes('@type')) {
      mapping['@type'] = mapping['@type'] || '@id'
      if (!['@id', '@vocab'].includes(mapping['@type'])) unsupported('invalid type mapping')
    }
    isValid &&= container.every((c) => validContainers.includes(c))
    isValid &&= !(hasSet && container.includes('@list'))
    if (!isValid) unsupported('invalid container mapping')
    mapping['@container'] = [...container]
  }

  if ('@context' in value) mapping['@context'] = value['@context']

  const id = mapping['@id']
  if (id === '@context' || id === '@preserve') unsupported('invalid keyword alias')

  if (previousMapping && previousMapping.protected && !overrideProtected) {
    activeCtx.protected[term] = true
    mapping.protected = true
    if (!deepCompare(previousMapping, mapping)) unsupported(`protected term redefinition of ${term}`)
  }
}

interface RelativeTo {
  vocab?: boolean
  base?: boolean
}

/**
 * jsonld.js `_expandIri` during context processing (with localCtx/defined). `base: true`
 * never applies here (context processing expands with base false).
 */
function expandIriInContext(
  activeCtx: MutableContext,
  value: string,
  relativeTo: RelativeTo,
  localCtx: Record<string, unknown>,
  defined: Map<string, boolean>,
): string | null {
  if (isKeyword(value)) return value
  if (REGEX_KEYWORD.test(value)) return null
  if (Object.prototype.hasOwnProperty.call(localCtx, value) && defined.get(value) !== true) {
    createTermDefinition(activeCtx, localCtx, value, defined)
  }
  if (relativeTo.vocab) {
    const mapping = activeCtx.mappings.get(value)
    if (mapping !== undefined && '@id' in mapping) return mapping['@id'] as string | null
  }
  const colon = value.indexOf(':')
  if (colon > 0) {
    const prefix = value.substring(0, colon)
    const suffix = value.substring(colon + 1)
    if (prefix === '_' || suffix.indexOf('//') === 0) return value
    if (Object.prototype.hasOwnProperty.call(localCtx, prefix)) {
      createTermDefinition(activeCtx, localCtx, prefix, defined)
    }
    const mapping = activeCtx.mappings.get(prefix)
    if (mapping && mapping._prefix) return `${mapping['@id']}${suffix}`
    if (isAbsoluteIri(value)) return value
  }
  if (relativeTo.base) unsupported('relative IRI in a context')
  return value
}

/**
 * jsonld.js `_expandIri` during expansion (no local context). Returns null where jsonld.js
 * returns null; relative results (which jsonld.js resolves against the document base and
 * then rejects in safe mode) throw UnsupportedFeature.
 */
export function expandIri(activeCtx: ActiveContext, value: string, vocab: boolean, base: boolean): string | null {
  if (value.charCodeAt(0) === 0x40 /* @ */) {
    if (isKeyword(value)) return value
    if (REGEX_KEYWORD.test(value)) return null
  }
  if (vocab) {
    const mapping = activeCtx.mappings.get(value)
    if (mapping !== undefined && '@id' in mapping) return mapping['@id'] as string | null
  }
  const colon = value.indexOf(':')
  if (colon > 0) {
    const prefix = value.substring(0, colon)
    const suffix = value.substring(colon + 1)
    if (prefix === '_' || suffix.indexOf('//') === 0) return value
    const mapping = activeCtx.mappings.get(prefix)
    if (mapping && mapping._prefix) return `${mapping['@id']}${suffix}`
    if (isAbsoluteIri(value)) return value
  }
  // no @vocab is ever set (unsupported), so vocab-relative falls through to base/as-is
  if (base) unsupported(`relative IRI ${value}`)
  return value
}

/** jsonld.js `_deepCompare` (used for protected term redefinition). */
function deepCompare(x1: unknown, x2: unknown): boolean {
  if (!(x1 && typeof x1 === 'object') || !(x2 && typeof x2 === 'object')) return x1 === x2
  const x1Array = Array.isArray(x1)
  if (x1Array !== Array.isArray(x2)) return false
  if (x1Array) {
    const a1 = x1 as unknown[]
    const a2 = x2 as unknown[]
    if (a1.length !== a2.length) return false
    return a1.every((v, i) => deepCompare(v, a2[i]))
  }
  const o1 = x1 as Record<string, unknown>
  const o2 = x2 as Record<string, unknown>
  if (Object.keys(o1).length !== Object.keys(o2).length) return false
  for (const k1 in o1) {
    let v1 = o1[k1]
    let v2 = o2[k1]
    if (k1 === '@container' && Array.isArray(v1) && Array.isArray(v2)) {
      v1 = [...v1].sort()
      v2 = [...v2].sort()
    }
    if (!deepCompare(v1, v2)) return false
  }
  return true
}
