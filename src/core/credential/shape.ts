/**
 * @module credential/shape
 * The structural rules of a VC 2.0 credential, shared by the issuer (which rejects a
 * malformed credential before signing) and the verifier's `shape` check.
 */
import { VC_V2_CONTEXT } from '../contexts/bundled.js'
import { documentLimitProblem } from './document-limits.js'

export interface ShapeProblem {
  /** JSON path of the offending member, e.g. `$.credentialSubject[0]`. */
  path: string
  message: string
}

/** XML Schema dateTimeStamp: a date-time with a required time zone (VC 2.0 §4.9). */
const DATE_TIME_STAMP = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))$/

export function isDateTimeStamp(value: unknown): value is string {
  return typeof value === 'string' && DATE_TIME_STAMP.test(value) && !Number.isNaN(Date.parse(value))
}

/** An absolute URL or URN (what VC 2.0 calls a URL for `id`s). */
export function isAbsoluteIri(value: unknown): value is string {
  return typeof value === 'string' && /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>"{}|\\^`]+$/.test(value)
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * Lists everything structurally wrong with `doc` as a VC 2.0 credential. An empty list
 * means the shape is right; it says nothing about the signature or JSON-LD terms.
 */
export function credentialShapeProblems(doc: unknown): ShapeProblem[] {
  if (!isPlainObject(doc)) return [{ path: '$', message: 'a credential must be a JSON object' }]
  const beyond = documentLimitProblem(doc)
  if (beyond !== undefined) return [beyond]
  const problems: ShapeProblem[] = []
  const add = (path: string, message: string): void => {
    problems.push({ path, message })
  }

  const context = doc['@context']
  if (!Array.isArray(context) || context.length === 0) add('$["@context"]', '@context must be a non-empty array')
  else if (context[0] !== VC_V2_CONTEXT) add('$["@context"][0]', `the first @context must be ${VC_V2_CONTEXT}`)

  if (doc['id'] !== undefined && !isAbsoluteIri(doc['id'])) add('$.id', 'id must be a URL')

  const types = Array.isArray(doc['type']) ? doc['type'] : [doc['type']]
  if (!types.includes('VerifiableCredential')) add('$.type', 'type must include VerifiableCredential')
  if (types.some((t) => typeof t !== 'string')) add('$.type', 'every type must be a string')

  const issuer = doc['issuer']
  if (typeof issuer === 'string') {
    if (!isAbsoluteIri(issuer)) add('$.issuer', 'issuer must be a URL')
  } else if (isPlainObject(issuer)) {
    if (!isAbsoluteIri(issuer['id'])) add('$.issuer.id', 'issuer.id must be a URL')
  } else add('$.issuer', 'issuer must be a URL or an object with an id')

  const subject = doc['credentialSubject']
  const subjects = Array.isArray(subject) ? subject : [subject]
  if (subjects.length === 0) add('$.credentialSubject', 'credentialSubject must not be empty')
  subjects.forEach((s, i) => {
    const path = Array.isArray(subject) ? `$.credentialSubject[${i}]` : '$.credentialSubject'
    if (!isPlainObject(s)) add(path, 'credentialSubject must be an object')
    else if (s['id'] !== undefined && !isAbsoluteIri(s['id'])) add(`${path}.id`, 'credentialSubject.id must be a URL')
  })

  for (const key of ['validFrom', 'validUntil'] as const) {
    if (doc[key] !== undefined && !isDateTimeStamp(doc[key])) add(`$.${key}`, `${key} must be an XML Schema dateTimeStamp with a time zone`)
  }
  if (isDateTimeStamp(doc['validFrom']) && isDateTimeStamp(doc['validUntil']) && Date.parse(doc['validUntil']) < Date.parse(doc['validFrom'])) {
    add('$.validUntil', 'validUntil is before validFrom')
  }
  for (const legacy of ['issuanceDate', 'expirationDate'] as const) {
    if (legacy in doc) add(`$.${legacy}`, `${legacy} is a VC 1.1 term; VC 2.0 uses ${legacy === 'issuanceDate' ? 'validFrom' : 'validUntil'}`)
  }

  for (const key of ['credentialSchema', 'credentialStatus'] as const) {
    const value = doc[key]
    if (value === undefined) continue
    const entries = Array.isArray(value) ? value : [value]
    entries.forEach((entry, i) => {
      const path = Array.isArray(value) ? `$.${key}[${i}]` : `$.${key}`
      if (!isPlainObject(entry)) add(path, `${key} must be an object`)
      else {
        if (typeof entry['type'] !== 'string' && !Array.isArray(entry['type'])) add(`${path}.type`, `${key} needs a type`)
        if (key === 'credentialSchema' && !isAbsoluteIri(entry['id'])) add(`${path}.id`, 'credentialSchema needs an id URL')
        if (entry['id'] !== undefined && !isAbsoluteIri(entry['id'])) add(`${path}.id`, `${key}.id must be a URL`)
        if (key === 'credentialStatus' && entry['type'] === 'BitstringStatusListEntry') {
          // An entry a verifier cannot follow would leave the status unknown forever.
          if (typeof entry['statusPurpose'] !== 'string') add(`${path}.statusPurpose`, 'a BitstringStatusListEntry needs a statusPurpose')
          if (typeof entry['statusListIndex'] !== 'string' || !/^\d+$/.test(entry['statusListIndex'])) add(`${path}.statusListIndex`, 'statusListIndex must be a string of digits')
          if (!isAbsoluteIri(entry['statusListCredential'])) add(`${path}.statusListCredential`, 'statusListCredential must be a URL')
        }
      }
    })
  }
  return problems
}
