/**
 * @module canonical/rdfc10
 * RDFC-1.0 for the common case, as rdf-canonize 5 computes it: when every blank node has a
 * distinct first-degree hash (credentials almost always), the canonical labels follow from
 * those hashes alone and no N-degree hashing is needed. Otherwise this returns undefined and
 * the caller runs rdf-canonize's full algorithm.
 *
 * Byte-exactness with rdf-canonize: the same N-Quads serialization (its escaping, verbatim),
 * the same `_:a`/`_:z` substitution, the same sorts (JavaScript's default UTF-16 order), the
 * same hash input (the sorted lines, each UTF-8 encoded), labels `c14n<n>` in order of the
 * sorted hashes.
 */
import type { BlankNode, Literal, NamedNode, Quad } from './rdf-terms.js'
import { sha256Hex } from './sha256.js'

const RDF_LANGSTRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString'
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string'

// rdf-canonize lib/NQuads.js escaping, verbatim
const STRING_LITERAL_ESCAPE = /[\u0000-\u001F\u007F"\\]/g
const STRING_LITERAL_ESCAPE_MAP: string[] = []
for (let n = 0; n <= 0x7f; ++n) {
  if (STRING_LITERAL_ESCAPE.test(String.fromCharCode(n))) {
    STRING_LITERAL_ESCAPE_MAP[n] = `\\u${n.toString(16).toUpperCase().padStart(4, '0')}`
    STRING_LITERAL_ESCAPE.lastIndex = 0
  }
}
STRING_LITERAL_ESCAPE_MAP[0x08] = '\\b'
STRING_LITERAL_ESCAPE_MAP[0x09] = '\\t'
STRING_LITERAL_ESCAPE_MAP[0x0a] = '\\n'
STRING_LITERAL_ESCAPE_MAP[0x0c] = '\\f'
STRING_LITERAL_ESCAPE_MAP[0x0d] = '\\r'
STRING_LITERAL_ESCAPE_MAP[0x22] = '\\"'
STRING_LITERAL_ESCAPE_MAP[0x5c] = '\\\\'
function escapeStringLiteral(s: string): string {
  STRING_LITERAL_ESCAPE.lastIndex = 0
  if (!STRING_LITERAL_ESCAPE.test(s)) return s
  STRING_LITERAL_ESCAPE.lastIndex = 0
  return s.replace(STRING_LITERAL_ESCAPE, (match) => STRING_LITERAL_ESCAPE_MAP[match.codePointAt(0)!]!)
}

const IRI_ESCAPE = /[\u0000-\u0020<>"{}|^`\\]/g
const IRI_ESCAPE_MAP: string[] = []
for (let n = 0; n <= 0x7f; ++n) {
  if (IRI_ESCAPE.test(String.fromCharCode(n))) {
    IRI_ESCAPE_MAP[n] = `\\u${n.toString(16).toUpperCase().padStart(4, '0')}`
    IRI_ESCAPE.lastIndex = 0
  }
}
function escapeIri(s: string): string {
  IRI_ESCAPE.lastIndex = 0
  if (!IRI_ESCAPE.test(s)) return s
  IRI_ESCAPE.lastIndex = 0
  return s.replace(IRI_ESCAPE, (match) => IRI_ESCAPE_MAP[match.codePointAt(0)!]!)
}

/** Serialized IRIs, cached: predicates, types and datatypes repeat in every document. */
const serializedIris = new Map<string, string>()
const MAX_CACHED_IRIS = 10_000
function namedNode(node: NamedNode): string {
  let out = serializedIris.get(node.value)
  if (out === undefined) {
    out = `<${escapeIri(node.value)}>`
    if (serializedIris.size >= MAX_CACHED_IRIS) serializedIris.clear()
    serializedIris.set(node.value, out)
  }
  return out
}

function literal(node: Literal): string {
  let out = `"${escapeStringLiteral(node.value)}"`
  if (node.datatype.value === RDF_LANGSTRING) {
    if (node.language) out += `@${node.language}`
  } else if (node.datatype.value !== XSD_STRING) {
    out += `^^<${escapeIri(node.datatype.value)}>`
  }
  return out
}

/** A quad with its non-blank parts serialized once. */
interface Prepared {
  /** serialized subject, or null when it is a blank node */
  subject: string | null
  subjectBlank: string | null
  predicate: string
  object: string | null
  objectBlank: string | null
}

/**
 * Canonical N-Quads of `quads` when all first-degree hashes are distinct; undefined when
 * they are not (use rdf-canonize then). Quads are in the default graph.
 */
export function canonizeUniqueHashes(quads: readonly Quad[], hash: (text: string) => string = sha256Hex): string | undefined {
  const prepared: Prepared[] = []
  const byBlankNode = new Map<string, Prepared[]>()
  const track = (id: string, quad: Prepared): void => {
    const list = byBlankNode.get(id)
    if (list === undefined) byBlankNode.set(id, [quad])
    else if (list[list.length - 1] !== quad) list.push(quad)
  }
  for (const quad of quads) {
    if (quad.graph.termType !== 'DefaultGraph') return undefined
    const s = quad.subject
    const o = quad.object
    const p: Prepared = {
      subject: s.termType === 'NamedNode' ? namedNode(s) : null,
      subjectBlank: s.termType === 'BlankNode' ? s.value : null,
      predicate: namedNode(quad.predicate),
      object: o.termType === 'NamedNode' ? namedNode(o) : o.termType === 'Literal' ? literal(o) : null,
      objectBlank: o.termType === 'BlankNode' ? (o as BlankNode).value : null,
    }
    prepared.push(p)
    if (p.subjectBlank !== null) track(p.subjectBlank, p)
    if (p.objectBlank !== null) track(p.objectBlank, p)
  }

  // first-degree hashes: the related quads with `_:a` for this blank node and `_:z` for the
  // others, as sorted N-Quads lines (sorted by components, see compareRows), then hashed
  const hashToId = new Map<string, string>()
  for (const [id, related] of byBlankNode) {
    const rows: Row[] = []
    for (const q of related) {
      rows.push({ s: q.subject ?? (q.subjectBlank === id ? '_:a' : '_:z'), p: q.predicate, o: q.object ?? (q.objectBlank === id ? '_:a' : '_:z') })
    }
    if (rows.length > 1) rows.sort(compareRows)
    const pieces: string[] = []
    for (const row of rows) pieces.push(row.s, ' ', row.p, ' ', row.o, ' .\n')
    const digest = hash(pieces.join(''))
    if (hashToId.has(digest)) return undefined
    hashToId.set(digest, id)
  }
  const canonical = new Map<string, string>()
  for (const digest of [...hashToId.keys()].sort()) canonical.set(hashToId.get(digest)!, `_:c14n${canonical.size}`)

  // Sorting the lines `S P O .\n` equals sorting by (S, P, O) compared as strings: a component
  // that is a proper prefix of another is followed in its line by ' ', and every character
  // that can follow in the longer one is greater than ' ' (N-Quads escapes everything up to
  // U+0020 in IRIs and literals; labels continue with digits, tags with [a-z0-9-], literals
  // with '^' or '@'). Comparing the (shared, flat) components avoids flattening whole lines.
  const rows: Row[] = []
  for (const q of prepared) {
    rows.push({ s: q.subject ?? canonical.get(q.subjectBlank!)!, p: q.predicate, o: q.object ?? canonical.get(q.objectBlank!)! })
  }
  rows.sort(compareRows)
  let out = ''
  for (const row of rows) out += `${row.s} ${row.p} ${row.o} .\n`
  return out
}

interface Row {
  s: string
  p: string
  o: string
}

function compareRows(a: Row, b: Row): number {
  if (a.s !== b.s) return a.s < b.s ? -1 : 1
  if (a.p !== b.p) return a.p < b.p ? -1 : 1
  if (a.o !== b.o) return a.o < b.o ? -1 : 1
  return 0
}
