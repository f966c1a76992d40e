/**
 * @module canonical/to-quads
 * JSON-LD → RDF for documents over the bundled contexts, without jsonld.js's generic (and
 * asynchronous) expansion, node map and toRDF passes; canonical/fast-canonize.ts runs
 * RDFC-1.0 on the result.
 *
 * It follows jsonld.js 9.0.0 (`expand.js`, `nodeMap.js`, `toRdf.js`, as called by
 * `jsonld.canonize(doc, { safe: true })`) step for step for the features it covers, and gives
 * up — returns `undefined`, so the caller uses jsonld.js — on anything else: contexts other
 * than bundled URLs (or inline copies of a bundled context, recognised by digest), embedded contexts, `@graph`/`@index`/`@id`/`@type`/`@language`
 * containers (so a `proof` value), `@json`, `@reverse`, `@nest`, `@included`, `@direction`,
 * blank node identifiers in the input, relative IRIs, non-finite numbers, nested lists, and
 * every input on which jsonld.js in safe mode would raise an error or a safe-mode event.
 *
 * Exactness notes (each of these changes bytes):
 * - duplicates are removed as jsonld.js's node map removes them (per subject and property,
 *   comparing expanded values: `5` and `"5"^^xsd:integer` stay two quads), never as RDF
 *   terms, since rdf-canonize does not deduplicate;
 * - numbers: booleans → xsd:boolean; numbers whose `String()` has a '.' or ≥ 1e21, or any
 *   number typed xsd:double → `toExponential(15)` with the exponent marker `E` (1.5E0);
 *   other numbers → `toFixed(0)` (so 1e-7 → "0", -1e-7 → "-0") as xsd:integer or the
 *   coerced type;
 * - language tags are lower-cased and must match jsonld.js's BCP 47 pattern;
 * - type-scoped contexts do not propagate into nested node objects, property-scoped ones do.
 */
import type { BlankNode, DefaultGraph, Literal, NamedNode, Quad } from './rdf-terms.js'
import {
  type ActiveContext,
  UnsupportedFeature,
  applyPropertyScoped,
  applyTypeScoped,
  expandIri,
  isAbsoluteIri,
  isAbsoluteIriMemoized,
  isKeyword,
  isPlainObject,
  revertToPreviousContext,
  rootContext,
} from './term-map.js'

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'
const RDF_TYPE = `${RDF}type`
const RDF_FIRST = `${RDF}first`
const RDF_REST = `${RDF}rest`
const RDF_NIL = `${RDF}nil`
const RDF_LANGSTRING = `${RDF}langString`
const XSD = 'http://www.w3.org/2001/XMLSchema#'
const XSD_BOOLEAN = `${XSD}boolean`
const XSD_DOUBLE = `${XSD}double`
const XSD_INTEGER = `${XSD}integer`
const XSD_STRING = `${XSD}string`
/** jsonld.js `util.REGEX_BCP47`. */
const REGEX_BCP47 = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/

const DEFAULT_GRAPH: DefaultGraph = { termType: 'DefaultGraph', value: '' }
const TYPE_PREDICATE: NamedNode = { termType: 'NamedNode', value: RDF_TYPE }
const FIRST_PREDICATE: NamedNode = { termType: 'NamedNode', value: RDF_FIRST }
const REST_PREDICATE: NamedNode = { termType: 'NamedNode', value: RDF_REST }
const NIL: NamedNode = { termType: 'NamedNode', value: RDF_NIL }

type RdfObject = NamedNode | BlankNode | Literal
/**
 * An expanded value: its RDF term and what jsonld.js's node map compares it by
 * (`util.compareValues`): node references by @id; value objects by @value (with its JSON type),
 * @type and @language; blank nodes and lists are never equal to another value.
 */
type Expanded =
  | { kind: 'iri'; term: NamedNode }
  | { kind: 'unique'; term: NamedNode | BlankNode }
  | { kind: 'literal'; term: Literal; value: string | number | boolean; type: string | null; language: string | null }

function sameValue(a: Expanded, b: Expanded): boolean {
  if (a.kind === 'iri') return b.kind === 'iri' && a.term.value === b.term.value
  if (a.kind === 'literal') {
    return b.kind === 'literal' && a.value === b.value && a.type === b.type && a.language === b.language
  }
  return false
}

/** The values added so far to one subject, by predicate (jsonld.js's node map entry). */
type SubjectValues = Map<string, Expanded[]>

/**
 * The failures that mean "not covered, let jsonld.js decide": our UnsupportedFeature, and
 * the engine's stack limit on absurdly deep documents (jsonld.js recurses as well).
 */
function isOutsideFastPath(error: unknown): boolean {
  return error instanceof UnsupportedFeature || (error instanceof RangeError && /call stack/i.test(error.message))
}

function unsupported(message: string): never {
  throw new UnsupportedFeature(message)
}

/**
 * The RDF dataset `jsonld.toRDF(document, { safe: true })` produces, with jsonld.js's
 * duplicates kept and removed exactly as it does; blank node labels and quad order differ
 * (neither matters to RDFC-1.0). `undefined` when the document is not covered.
 */
export function fastToQuads(document: object): Quad[] | undefined {
  try {
    return new DatasetWriter().document(document)
  } catch (error) {
    if (isOutsideFastPath(error)) return undefined
    throw error // anything else is a bug in the fast path: surface it, never hide it as a fallback
  }
}

/**
 * Why the fast path does not cover `document` (the first unsupported feature met), or
 * undefined when it does. For diagnostics and tests.
 */
export function fastPathGap(document: object): string | undefined {
  try {
    new DatasetWriter().document(document)
    return undefined
  } catch (error) {
    if (!isOutsideFastPath(error)) throw error
    return (error as Error).message
  }
}

class DatasetWriter {
  private readonly quads: Quad[] = []
  /** Named subjects → their values (a node embedded twice is one node map entry). */
  private readonly namedSubjects = new Map<string, SubjectValues>()
  private blankNodes = 0

  document(document: object): Quad[] {
    if (!isPlainObject(document)) unsupported('document is not a JSON object')
    if (!('@context' in document)) unsupported('document without @context')
    const ctx = rootContext(document['@context'])
    const { count, hasId } = this.node(ctx, document, Object.keys(document), true)
    // jsonld.js drops (safe mode: rejects) an empty top-level object or one with only @id
    if (count === 0 || (count === 1 && hasId)) unsupported('top-level object would be dropped')
    return this.quads
  }

  private blank(): BlankNode {
    return { termType: 'BlankNode', value: `b${this.blankNodes++}` }
  }

  /** The node map entry of a subject: shared by every embedding of a named node. */
  private valuesOf(subject: NamedNode | BlankNode): SubjectValues {
    if (subject.termType === 'BlankNode') return new Map()
    let values = this.namedSubjects.get(subject.value)
    if (values === undefined) this.namedSubjects.set(subject.value, (values = new Map()))
    return values
  }

  /** jsonld.js `addValue(subject, property, value, { allowDuplicate: false })`, then toRDF. */
  private add(subject: NamedNode | BlankNode, values: SubjectValues, predicate: NamedNode, value: Expanded): void {
    const existing = values.get(predicate.value)
    if (existing === undefined) {
      values.set(predicate.value, [value])
    } else {
      if (value.kind !== 'unique') for (const other of existing) if (sameValue(other, value)) return
      existing.push(value)
    }
    this.quads.push({ subject, predicate, object: value.term, graph: DEFAULT_GRAPH })
  }

  private addUnique(subject: NamedNode | BlankNode, predicate: NamedNode, object: RdfObject): void {
    this.quads.push({ subject, predicate, object, graph: DEFAULT_GRAPH })
  }

  /**
   * jsonld.js `expand` for a map (after the active context has been reverted/scoped by the
   * caller) followed by node map and toRDF for it. Returns the node's RDF term (or the literal
   * of a value object) and how many entries the expanded object has.
   */
  private node(
    activeCtxIn: ActiveContext,
    element: Record<string, unknown>,
    keys: string[],
    isTop: boolean,
  ): { term: Expanded; count: number; hasId: boolean } {
    let activeCtx = activeCtxIn
    const typeScopedContext = activeCtx

    // scoped contexts from @type. jsonld.js walks the keys sorted; the order only matters when
    // a second key expands to @type, which is refused either way (here or below).
    // The types themselves are applied in sorted order, as jsonld.js does.
    let typeKey: string | undefined
    for (const key of keys) {
      if (key === '@context') {
        if (!isTop) unsupported('embedded @context')
        continue
      }
      if (expandIri(activeCtx, key, true, false) !== '@type') continue
      if (typeKey !== undefined) unsupported('more than one key expands to @type')
      typeKey = key
      const value = element[key]
      const types = Array.isArray(value) ? (value.length > 1 ? [...value].sort() : value) : [value]
      for (const type of types) {
        if (typeof type !== 'string') unsupported('@type value is not a string')
        const definition = typeScopedContext.mappings.get(type)
        if (definition !== undefined && '@context' in definition) {
          activeCtx = applyTypeScoped(activeCtx, definition['@context'])
        }
      }
    }

    if (typeKey !== undefined) {
      const value = element[typeKey]
      const first = Array.isArray(value) ? value[0] : value
      if (typeof first === 'string' && expandIri(activeCtx, first, true, false) === '@json') unsupported('@json')
    }

    // classify entries
    let id: string | undefined
    let typeValues: unknown[] | undefined
    let valueEntry: { value: unknown } | undefined
    let languageEntry: { value: unknown } | undefined
    const properties: [key: string, iri: string][] = []
    for (const key of keys) {
      if (key === '@context') continue
      const expanded = expandIri(activeCtx, key, true, false)
      if (expanded === null || !(isKeyword(expanded) || isAbsoluteIriMemoized(expanded))) {
        unsupported(`${key} does not expand to an absolute IRI`)
      }
      const value = element[key]
      switch (expanded) {
        case '@id':
          if (id !== undefined) unsupported('colliding @id')
          if (typeof value !== 'string') unsupported('@id is not a string')
          id = value
          break
        case '@type':
          // only the key found above (another one could expand to @type once type-scoped)
          if (key !== typeKey) unsupported('more than one key expands to @type')
          typeValues = Array.isArray(value) ? value : [value]
          break
        case '@value':
          if (valueEntry !== undefined) unsupported('colliding @value')
          valueEntry = { value }
          break
        case '@language':
          if (languageEntry !== undefined) unsupported('colliding @language')
          languageEntry = { value }
          break
        default:
          if (isKeyword(expanded)) unsupported(`${expanded} is not covered`)
          properties.push([key, expanded])
      }
    }

    if (valueEntry !== undefined) {
      if (isTop) unsupported('top-level value object')
      if (id !== undefined || properties.length > 0) unsupported('invalid value object')
      return { term: this.valueObject(typeScopedContext, valueEntry.value, typeValues, languageEntry), count: 1, hasId: false }
    }
    if (languageEntry !== undefined) unsupported('@language in a node object')

    let subject: NamedNode | BlankNode
    if (id !== undefined) {
      const iri = expandIri(activeCtx, id, false, true)
      if (iri === null || !isAbsoluteIri(iri) || iri.startsWith('_:')) unsupported('@id is not an absolute IRI')
      subject = { termType: 'NamedNode', value: iri }
    } else {
      subject = this.blank()
    }

    const values = this.valuesOf(subject)
    let count = id !== undefined ? 1 : 0
    if (typeValues !== undefined && typeValues.length > 0) {
      count++
      for (const type of typeValues) {
        if (typeof type !== 'string') unsupported('@type value is not a string')
        const iri = expandIri(typeScopedContext, type, true, true)
        if (iri === null || !isAbsoluteIri(iri) || iri.startsWith('_:')) unsupported('@type is not an absolute IRI')
        this.add(subject, values, TYPE_PREDICATE, { kind: 'iri', term: { termType: 'NamedNode', value: iri } })
      }
    }

    const added = new Set<string>()
    for (const [key, iri] of properties) {
      if (iri.startsWith('_:')) unsupported('blank node predicate')
      if (iri === RDF_TYPE) unsupported('property expands to rdf:type')
      const definition = activeCtx.mappings.get(key)
      const termCtx =
        definition !== undefined && '@context' in definition ? applyPropertyScoped(activeCtx, definition['@context']) : activeCtx
      const container = definition?.['@container'] ?? []
      for (const kind of container) if (kind !== '@set' && kind !== '@list') unsupported(`${kind} container`)
      if (definition?.['@type'] === '@json') unsupported('@json')
      const asList = container.includes('@list')

      const objects = this.value(termCtx, key, element[key], false)
      if (objects === null) continue
      added.add(iri)
      const predicate: NamedNode = { termType: 'NamedNode', value: iri }
      if (asList) {
        this.addUnique(subject, predicate, this.list(objects))
      } else {
        for (const object of objects) this.add(subject, values, predicate, object)
      }
    }
    count += added.size
    const term: Expanded = subject.termType === 'NamedNode' ? { kind: 'iri', term: subject } : { kind: 'unique', term: subject }
    return { term, count, hasId: id !== undefined }
  }

  /** jsonld.js `expand` of a property value with `activeProperty` = key; null = dropped. */
  private value(ctx: ActiveContext, key: string, value: unknown, insideList: boolean): Expanded[] | null {
    if (value === null || value === undefined) return null
    if (Array.isArray(value)) {
      const container = ctx.mappings.get(key)?.['@container'] ?? []
      const listHere = insideList || container.includes('@list')
      const out: Expanded[] = []
      for (const element of value) {
        if (Array.isArray(element) && listHere) unsupported('list of lists')
        const expanded = this.value(ctx, key, element, false)
        if (expanded !== null) out.push(...expanded)
      }
      return out
    }
    if (isPlainObject(value)) return [this.nestedObject(ctx, key, value)]
    return [this.scalar(ctx, key, value)]
  }

  /** jsonld.js `expand` for a map below a property: revert, property scope, then as a node. */
  private nestedObject(ctx: ActiveContext, property: string, element: Record<string, unknown>): Expanded {
    const keys = Object.keys(element)
    if (keys.includes('@context')) unsupported('embedded @context')
    let activeCtx = ctx
    const typeScopedContext = activeCtx.previousContext !== undefined ? activeCtx : null
    let mustRevert = true
    if (typeScopedContext !== null && keys.length <= 2) {
      for (const key of keys) {
        const expanded = expandIri(typeScopedContext, key, true, false)
        if (expanded === '@value') {
          mustRevert = false
          activeCtx = typeScopedContext
          break
        }
        if (expanded === '@id' && keys.length === 1) {
          mustRevert = false
          break
        }
      }
    }
    if (mustRevert) activeCtx = revertToPreviousContext(activeCtx)
    const definition = ctx.mappings.get(property)
    if (definition !== undefined && '@context' in definition) {
      activeCtx = applyPropertyScoped(activeCtx, definition['@context'])
    }
    return this.node(activeCtx, element, keys, false).term
  }

  /** jsonld.js `_expandValue` then `_objectToRDF` for a scalar. */
  private scalar(ctx: ActiveContext, property: string, value: unknown): Expanded {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      unsupported(`${typeof value} value`)
    }
    if (typeof value === 'number' && !Number.isFinite(value)) unsupported('non-finite number')
    const expandedProperty = expandIri(ctx, property, true, false)
    if (expandedProperty === null || isKeyword(expandedProperty)) unsupported('keyword property in a scoped context')
    const definition = ctx.mappings.get(property)
    const type = definition !== undefined && '@type' in definition ? definition['@type']! : null
    if ((type === '@id' || type === '@vocab') && typeof value === 'string') {
      const iri = expandIri(ctx, value, type === '@vocab', true)
      if (iri === null || !isAbsoluteIri(iri) || iri.startsWith('_:')) unsupported('IRI value is not absolute')
      return { kind: 'iri', term: { termType: 'NamedNode', value: iri } }
    }
    if (type === '@json') unsupported('@json')
    const datatype = type !== null && type !== '@id' && type !== '@vocab' && type !== '@none' ? type : null
    return literal(value, datatype, null)
  }

  /** A value object: `{ "@value": …, "@type"?: …, "@language"?: … }`. */
  private valueObject(
    typeScopedContext: ActiveContext,
    value: unknown,
    typeValues: unknown[] | undefined,
    languageEntry: { value: unknown } | undefined,
  ): Expanded {
    if (value === null) unsupported('null @value')
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      unsupported('@value is not a scalar')
    }
    if (typeof value === 'number' && !Number.isFinite(value)) unsupported('non-finite number')
    let language: string | null = null
    if (languageEntry !== undefined && languageEntry.value !== null) {
      if (typeof languageEntry.value !== 'string') unsupported('@language is not a string')
      language = languageEntry.value.toLowerCase()
      if (!REGEX_BCP47.test(language)) unsupported('invalid BCP 47 language tag')
      if (typeof value !== 'string') unsupported('language-tagged non-string')
    }
    let datatype: string | null = null
    if (typeValues !== undefined) {
      if (typeValues.length !== 1 || typeof typeValues[0] !== 'string') unsupported('@type of a value object')
      const iri = expandIri(typeScopedContext, typeValues[0], true, true)
      if (iri === null || !isAbsoluteIri(iri) || iri.startsWith('_:')) unsupported('@type of a value object is not absolute')
      datatype = iri
    }
    if (datatype !== null && language !== null) unsupported('@type and @language')
    return literal(value, datatype, language)
  }

  /** jsonld.js `_listToRDF`. */
  private list(items: Expanded[]): NamedNode | BlankNode {
    if (items.length === 0) return NIL
    const head = this.blank()
    let subject: BlankNode = head
    items.forEach((item, index) => {
      this.addUnique(subject, FIRST_PREDICATE, item.term)
      const next = index === items.length - 1 ? NIL : this.blank()
      this.addUnique(subject, REST_PREDICATE, next)
      if (next.termType === 'BlankNode') subject = next
    })
    return head
  }
}

/** jsonld.js `types.isDouble`. */
function isDouble(value: unknown): boolean {
  return typeof value === 'number' && (String(value).indexOf('.') !== -1 || Math.abs(value) >= 1e21)
}

/** jsonld.js `_objectToRDF` for a value object `{ @value, @type?, @language? }`. */
function literal(value: string | number | boolean, type: string | null, language: string | null): Expanded {
  let lexical: string
  let datatype: string
  if (typeof value === 'boolean') {
    lexical = value.toString()
    datatype = type || XSD_BOOLEAN
  } else if (isDouble(value) || type === XSD_DOUBLE) {
    const number = isDouble(value) ? (value as number) : parseFloat(value as string)
    lexical = number.toExponential(15).replace(/(\d)0*e\+?/, '$1E')
    datatype = type || XSD_DOUBLE
  } else if (typeof value === 'number') {
    lexical = value.toFixed(0)
    datatype = type || XSD_INTEGER
  } else if (language !== null) {
    const term: Literal = { termType: 'Literal', value, datatype: { termType: 'NamedNode', value: RDF_LANGSTRING }, language }
    return { kind: 'literal', term, value, type, language }
  } else {
    lexical = value
    datatype = type || XSD_STRING
  }
  const term: Literal = { termType: 'Literal', value: lexical, datatype: { termType: 'NamedNode', value: datatype } }
  return { kind: 'literal', term, value, type, language }
}
