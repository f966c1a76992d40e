/**
 * @module canonical/rdf-terms
 * RDF terms and quads in the dataset shape jsonld.js produces and rdf-canonize consumes;
 * shared by the JSON-LD → RDF writer (fast-canonize) and the RDFC-1.0 hashing (rdfc10).
 */
export interface NamedNode {
  termType: 'NamedNode'
  value: string
}
export interface BlankNode {
  termType: 'BlankNode'
  value: string
}
export interface Literal {
  termType: 'Literal'
  value: string
  datatype: NamedNode
  language?: string
}
export interface DefaultGraph {
  termType: 'DefaultGraph'
  value: ''
}
/** An RDF quad in the dataset shape jsonld.js produces and rdf-canonize consumes. */
export interface Quad {
  subject: NamedNode | BlankNode
  predicate: NamedNode
  object: NamedNode | BlankNode | Literal
  graph: DefaultGraph
}
