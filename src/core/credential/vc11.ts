/**
 * @module credential/vc11
 * VC Data Model 1.1 credentials (first context `https://www.w3.org/2018/credentials/v1`,
 * `issuanceDate` / `expirationDate`), still issued by many Open Badges 3.0 issuers. microcred
 * verifies them by the 1.1 rules; the VC 2.0 rules stay as they are for VC 2.0 credentials.
 */
import { VC_V1_CONTEXT } from '../contexts/bundled.js'
import { isAbsoluteIri, isPlainObject, type ShapeProblem } from './shape.js'

/** XML Schema dateTime as VC 1.1 requires it (`Z` or an offset; VC 1.1 §4.6). */
const DATE_TIME = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))$/

export function isVc11DateTime(value: unknown): value is string {
  return typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
}

export function isVc11Credential(doc: unknown): doc is Record<string, unknown> {
  if (!isPlainObject(doc)) return false
  const context = doc['@context']
  return (Array.isArray(context) ? context[0] : context) === VC_V1_CONTEXT
}

/** The VC 1.1 structural rules (§4): context, type, issuer, issuanceDate, credentialSubject. */
export function vc11ShapeProblems(doc: Record<string, unknown>): ShapeProblem[] {
  const problems: ShapeProblem[] = []
  const add = (path: string, message: string): void => {
    problems.push({ path, message })
  }
  if (!Array.isArray(doc['@context'])) add('$["@context"]', '@context must be an array starting with the VC 1.1 context')
  if (doc['id'] !== undefined && !isAbsoluteIri(doc['id'])) add('$.id', 'id must be a URL')
  const types = Array.isArray(doc['type']) ? doc['type'] : [doc['type']]
  if (!types.includes('VerifiableCredential')) add('$.type', 'type must include VerifiableCredential')
  const issuer = doc['issuer']
  if (typeof issuer === 'string') {
    if (!isAbsoluteIri(issuer)) add('$.issuer', 'issuer must be a URL')
  } else if (!isPlainObject(issuer) || !isAbsoluteIri(issuer['id'])) add('$.issuer', 'issuer must be a URL or an object with a URL id')
  if (!isVc11DateTime(doc['issuanceDate'])) add('$.issuanceDate', 'a VC 1.1 credential must have an issuanceDate date-time')
  if (doc['expirationDate'] !== undefined && !isVc11DateTime(doc['expirationDate'])) add('$.expirationDate', 'expirationDate must be a date-time')
  const subject = doc['credentialSubject']
  const subjects = Array.isArray(subject) ? subject : [subject]
  if (subjects.length === 0 || subjects.some((s) => !isPlainObject(s))) add('$.credentialSubject', 'credentialSubject must be an object or a list of objects')
  return problems
}
