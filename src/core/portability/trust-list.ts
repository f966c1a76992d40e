/**
 * @module portability/trust-list
 * The verifier's own list of bodies it trusts: quality-assurance bodies whose signed
 * endorsements make a QA claim *assured*, and issuers a pathway accepts. A local JSON
 * document (schema: schemas/trust-list.schema.json), never fetched. Reading one is in
 * `parse-trust-list.ts`: it needs the precompiled schema validators (171 KB), which a verifier
 * handed an already parsed list (checks/trust.ts) must not load (cold start).
 *
 * @example
 * const trustList = parseTrustList(JSON.parse(text)) // from ./parse-trust-list.js
 * const entry = findTrustEntry(trustList, { id: 'did:key:z6Mk…', verificationMethods: [] }, 'qa-body')
 */
import type { CredentialFacts } from './facts.js'
import { compareLevel, levelCandidates } from './levels.js'

export const TRUST_ROLES = ['qa-body', 'issuer'] as const
export type TrustRole = (typeof TRUST_ROLES)[number]

export interface TrustScope {
  /** Levels the body may assure, e.g. `{ framework: 'NZQCF', min: 1, max: 7 }`; any one range suffices. */
  levels?: { framework: string; min?: string | number; max?: string | number }[]
  /** Field codes (ISCED-F / NZSCED prefixes such as `06`, `0613`) or field-of-study names. */
  fields?: string[]
  /** ISO 3166-1 alpha-2 codes of the issuers' countries it covers. */
  countries?: string[]
}

export interface TrustEntry {
  /** The body's DID or URL: the `issuer` of what it signs. */
  did?: string
  /** A verification method id (`did:key:…#z6Mk…`); when given, the proof must use it. */
  key?: string
  name: string
  /** Other ids the body goes by (the `qaBody.id` credentials use for it, its EQAR page…). */
  sameAs?: string[]
  /** What it is trusted as; default `['qa-body']`. */
  roles?: TrustRole[]
  scope?: TrustScope
  /** The window in which the verifier trusts it (ISO date-times). */
  validFrom?: string
  validUntil?: string
  description?: string
}

export interface TrustList {
  name?: string
  version?: string
  description?: string
  entries: TrustEntry[]
}

export interface Signer {
  /** The signed credential's issuer id. */
  id: string
  /** The proofs' verification methods. */
  verificationMethods: string[]
}

/** The first entry with `role` that names this signer (by DID and/or key). */
export function findTrustEntry(list: TrustList | undefined, signer: Signer, role: TrustRole): TrustEntry | undefined {
  return list?.entries.find(
    (e) =>
      (e.roles ?? ['qa-body']).includes(role) &&
      (e.did !== undefined || e.key !== undefined) &&
      (e.did === undefined || e.did === signer.id) &&
      (e.key === undefined || signer.verificationMethods.includes(e.key)),
  )
}

/** Every id an entry answers to. */
export function entryIds(entry: TrustEntry): string[] {
  return [entry.did, entry.key?.split('#')[0], ...(entry.sameAs ?? [])].filter((x): x is string => x !== undefined)
}

export type WindowProblem = { code: 'ERR_TRUST_ENTRY_EXPIRED' | 'ERR_TRUST_ENTRY_NOT_YET_VALID'; reason: string }

/** Whether each of `dates` (label → ISO date) lies in the entry's window. */
export function windowProblem(entry: TrustEntry, dates: Record<string, string | undefined>): WindowProblem | undefined {
  for (const [label, date] of Object.entries(dates)) {
    if (date === undefined) continue
    const t = Date.parse(date)
    if (Number.isNaN(t)) continue
    if (entry.validUntil !== undefined && t > Date.parse(entry.validUntil)) {
      return { code: 'ERR_TRUST_ENTRY_EXPIRED', reason: `the trust list trusts ${entry.name} only until ${entry.validUntil}, before the ${label} (${date})` }
    }
    if (entry.validFrom !== undefined && t < Date.parse(entry.validFrom)) {
      return { code: 'ERR_TRUST_ENTRY_NOT_YET_VALID', reason: `the trust list trusts ${entry.name} only from ${entry.validFrom}, after the ${label} (${date})` }
    }
  }
  return undefined
}

/** Why an achievement is outside what the entry is trusted for; undefined when inside. */
export function scopeProblem(entry: TrustEntry, facts: CredentialFacts): string | undefined {
  const scope = entry.scope
  if (scope === undefined) return undefined
  if (scope.levels !== undefined && scope.levels.length > 0) {
    const inRange = scope.levels.some((range) => {
      const min = range.min === undefined || compareLevel(facts.levels, { framework: range.framework, level: range.min }, 'min').meets
      const max = range.max === undefined || compareLevel(facts.levels, { framework: range.framework, level: range.max }, 'max').meets
      return min && max && levelCandidates(facts.levels, range.framework).codes.length > 0
    })
    if (!inRange) {
      const stated = facts.levels.map((l) => `${l.framework} ${l.code}`).join(', ') || 'no level'
      const allowed = scope.levels.map((r) => `${r.framework} ${r.min ?? '…'}–${r.max ?? '…'}`).join(' or ')
      return `${entry.name} is trusted for ${allowed}; the achievement states ${stated}`
    }
  }
  if (scope.fields !== undefined && scope.fields.length > 0) {
    const codes = facts.fieldCodes.map((c) => c.code)
    const field = facts.fieldOfStudy?.trim().toLowerCase()
    const inField = scope.fields.some((f) => codes.some((c) => c.startsWith(f)) || (field !== undefined && field === f.trim().toLowerCase()))
    if (!inField) {
      const stated = [...codes, ...(facts.fieldOfStudy ? [facts.fieldOfStudy] : [])].join(', ') || 'no field'
      return `${entry.name} is trusted for fields ${scope.fields.join(', ')}; the achievement states ${stated}`
    }
  }
  if (scope.countries !== undefined && scope.countries.length > 0) {
    const country = facts.issuerCountry?.toUpperCase()
    if (country === undefined || !scope.countries.map((c) => c.toUpperCase()).includes(country)) {
      return `${entry.name} is trusted for issuers in ${scope.countries.join(', ')}; the issuer's country is ${country ?? 'not stated'}`
    }
  }
  return undefined
}
