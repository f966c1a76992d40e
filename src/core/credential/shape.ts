/**
 * @module credential/shape
 * The structural rules of a VC 2.0 (or VC 1.1) credential, shared by the issuer (which rejects a
 * malformed credential before signing) and the verifier's `shape` check.
 */
import { VC_V1_CONTEXT, VC_V2_CONTEXT } from '../contexts/bundled.js'
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

/** XML Schema dateTime with an optional time zone: what VC 1.1 asks of `issuanceDate`/`expirationDate`. */
const DATE_TIME = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))?$/

export function isXsdDateTime(value: unknown): value is string {
  return typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
}

/** Milliseconds of an XML Schema dateTime; one without a time zone is read as UTC (not local time). */
export function parseXsdDateTime(value: string): number {
  return Date.parse(/(Z|[+-]\d\d:\d\d)$/.test(value) ? value : `${value}Z`)
}

/** How deep a credential may nest (objects and arrays); CLRs in CLRs stay far below it. */
export const MAX_CREDENTIAL_DEPTH = 100

/** True when `value` nests deeper than `max` levels; iterative, so hostile input cannot overflow the stack. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (node === null || typeof node !== 'object') continue
    if (depth > max) return true
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1])
  }
  return false
}

/** Which VC data model a credential claims by its first `@context`. */
export type VcVersion = '1.1' | '2.0'

export function vcVersionOf(doc: unknown): VcVersion | undefined {
  const context = isPlainObject(doc) ? doc['@context'] : undefined
  const first = Array.isArray(context) ? context[0] : undefined
  return first === VC_V2_CONTEXT ? '2.0' : first === VC_V1_CONTEXT ? '1.1' : undefined
}

/** A language value object (`{ "@value": "…", "@language": "de" }`), as VC 2.0 allows for name/description. */
function isLanguageValue(value: unknown): boolean {
  if (!isPlainObject(value) || typeof value['@value'] !== 'string') return false
  return Object.entries(value).every(([k, v]) => (k === '@value' ? true : (k === '@language' || k === '@direction') && typeof v === 'string'))
}

/** Members that VC 2.0 says MUST each carry a `type` (and whose `id`, when present, is a URL). */
const TYPED_MEMBERS = ['credentialSchema', 'credentialStatus', 'evidence', 'termsOfUse', 'refreshService'] as const

/**
 * Lists everything structurally wrong with `doc` as a verifiable credential — VC 2.0, or
 * VC 1.1 when its first `@context` is the VC 1.1 one (`issuanceDate` instead of `validFrom`).
 * Each problem names the JSON path. An empty list means the shape is right; it says nothing
 * about the signature or JSON-LD terms.
 */
export function credentialShapeProblems(doc: unknown): ShapeProblem[] {
  if (!isPlainObject(doc)) return [{ path: '$', message: 'a credential must be a JSON object' }]
  const beyond = documentLimitProblem(doc)
  if (beyond !== undefined) return [beyond]
  return boundedCredentialShapeProblems(doc)
}

/**
 * `credentialShapeProblems` for a document already known to be within the document limits:
 * what `prepareCredential` returns (it checks them before it copies), so issuing does not
 * walk the whole credential a second time.
 */
export function boundedCredentialShapeProblems(doc: Record<string, unknown>): ShapeProblem[] {
  const problems: ShapeProblem[] = []
  const add = (path: string, message: string): void => {
    problems.push({ path, message })
  }

  const context = doc['@context']
  const version = vcVersionOf(doc)
  if (!Array.isArray(context) || context.length === 0) add('$["@context"]', '@context must be a non-empty array')
  else if (version === undefined) add('$["@context"][0]', `the first @context must be ${VC_V2_CONTEXT} (or ${VC_V1_CONTEXT} for VC 1.1)`)

  const id = doc['id']
  if (Array.isArray(id)) add('$.id', 'id must be a single URL, not a list')
  else if (id !== undefined && !isAbsoluteIri(id)) add('$.id', 'id must be a URL')

  const type = doc['type']
  const types = Array.isArray(type) ? type : [type]
  if (type === undefined) add('$.type', 'type is required and must include VerifiableCredential')
  else if (types.some((t) => typeof t !== 'string' || t === '')) add('$.type', 'every type must be a non-empty string')
  else if (!types.includes('VerifiableCredential')) add('$.type', 'type must include VerifiableCredential')

  const issuer = doc['issuer']
  if (typeof issuer === 'string') {
    if (!isAbsoluteIri(issuer)) add('$.issuer', 'issuer must be a URL')
  } else if (isPlainObject(issuer)) {
    if (!isAbsoluteIri(issuer['id'])) add('$.issuer.id', 'issuer.id must be a URL')
  } else add('$.issuer', 'issuer must be a URL or an object with an id')

  for (const key of ['name', 'description'] as const) {
    const value = doc[key]
    if (value === undefined || typeof value === 'string') continue
    const values = Array.isArray(value) ? value : [value]
    if (values.length === 0 || !values.every(isLanguageValue)) add(`$.${key}`, `${key} must be a string or language value objects ({ "@value", "@language" })`)
  }

  const subject = doc['credentialSubject']
  const subjects = Array.isArray(subject) ? subject : [subject]
  if (subject === undefined) add('$.credentialSubject', 'credentialSubject is required')
  else if (subjects.length === 0) add('$.credentialSubject', 'credentialSubject must not be empty')
  else {
    subjects.forEach((s, i) => {
      const path = Array.isArray(subject) ? `$.credentialSubject[${i}]` : '$.credentialSubject'
      if (!isPlainObject(s)) add(path, 'credentialSubject must be an object')
      else if (s['id'] !== undefined && !isAbsoluteIri(s['id'])) add(`${path}.id`, 'credentialSubject.id must be a URL')
    })
  }

  if (version === '1.1') {
    if (doc['issuanceDate'] === undefined) add('$.issuanceDate', 'issuanceDate is required in a VC 1.1 credential')
    for (const key of ['issuanceDate', 'expirationDate'] as const) {
      const value = doc[key]
      if (value !== undefined && !isXsdDateTime(value)) {
        add(`$.${key}`, `${key} must be an XML Schema dateTime`)
      }
    }
    for (const key of ['validFrom', 'validUntil'] as const) {
      if (key in doc) add(`$.${key}`, `${key} is a VC 2.0 term; VC 1.1 uses ${key === 'validFrom' ? 'issuanceDate' : 'expirationDate'}`)
    }
  } else {
    for (const key of ['validFrom', 'validUntil'] as const) {
      if (doc[key] !== undefined && !isDateTimeStamp(doc[key])) add(`$.${key}`, `${key} must be an XML Schema dateTimeStamp with a time zone`)
    }
    if (isDateTimeStamp(doc['validFrom']) && isDateTimeStamp(doc['validUntil']) && Date.parse(doc['validUntil']) < Date.parse(doc['validFrom'])) {
      add('$.validUntil', 'validUntil is before validFrom')
    }
    for (const legacy of ['issuanceDate', 'expirationDate'] as const) {
      if (legacy in doc) add(`$.${legacy}`, `${legacy} is a VC 1.1 term; VC 2.0 uses ${legacy === 'issuanceDate' ? 'validFrom' : 'validUntil'}`)
    }
  }

  for (const key of TYPED_MEMBERS) {
    const value = doc[key]
    if (value === undefined) continue
    const entries = Array.isArray(value) ? value : [value]
    entries.forEach((entry, i) => {
      const path = Array.isArray(value) ? `$.${key}[${i}]` : `$.${key}`
      if (!isPlainObject(entry)) add(path, `${key} must be an object`)
      else {
        const entryType = entry['type']
        const valid = typeof entryType === 'string' ? entryType !== '' : Array.isArray(entryType) && entryType.length > 0 && entryType.every((t) => typeof t === 'string' && t !== '')
        if (!valid) add(`${path}.type`, `${key} needs a type`)
        if (key === 'credentialSchema' && !isAbsoluteIri(entry['id'])) add(`${path}.id`, 'credentialSchema needs an id URL')
        else if (entry['id'] !== undefined && !isAbsoluteIri(entry['id'])) add(`${path}.id`, `${key}.id must be a URL`)
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
