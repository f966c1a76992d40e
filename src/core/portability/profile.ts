/**
 * @module portability/profile
 * Framework profiles as data, and the one small rule engine that reads them.
 *
 * A profile (schemas/profile.schema.json) lists elements. Each element reads one fact of
 * the credential (see portability/facts), optionally narrowed by `select`; it is required,
 * optional, or required only when a condition holds (`requiredWhen`); and its value must
 * satisfy its rules (`range`, `oneOf`, `pattern`, `notPattern`, `minItems`, `ratio`,
 * `present`, `dateTime`, `anyOf`). A rule with `severity: "warning"` is reported and never
 * fails the element. The result lists every element: present / missing / out of range /
 * invalid / not applicable, with the value found and the rule it broke.
 *
 * @example
 * const result = await evaluateProfile(resolveProfile('nzqa'), credential, { verify, trustList })
 * result.met // false
 * result.elements.find((e) => e.id === 'credits') // { status: 'out-of-range', value: 60, rule: 'value ≤ 40', … }
 */
import { MicrocredError, type MicrocredErrorCode } from '../errors.js'
import { isDateTimeStamp } from '../credential/shape.js'
import { readCredentialFacts, type CredentialFacts, type FactName } from './facts.js'
import { assessQualityAssurance, type QaAssessment, type QaClaimAssessment, type VerifyFn } from './qa.js'
import type { TrustList } from './trust-list.js'
import { assertValid } from './validate.js'

export type Severity = 'error' | 'warning'

interface RuleBase {
  /** Dot path inside the item the rule looks at (e.g. `system`, `body.name`); the item itself when absent. */
  field?: string
  severity?: Severity
  /** Overrides the generated description of the rule in reports. */
  message?: string
  source?: string
}

export type ProfileRule =
  | (RuleBase & { kind: 'range'; min?: number; max?: number })
  | (RuleBase & { kind: 'oneOf'; values: (string | number | boolean)[]; caseInsensitive?: boolean })
  | (RuleBase & { kind: 'pattern'; pattern: string; flags?: string })
  | (RuleBase & { kind: 'notPattern'; pattern: string; flags?: string })
  | (RuleBase & { kind: 'minItems'; min: number })
  | (RuleBase & { kind: 'ratio'; of: { fact: FactName; field?: string }; equals: number; tolerance?: number })
  | (RuleBase & { kind: 'present' })
  | (RuleBase & { kind: 'dateTime' })
  | (RuleBase & { kind: 'anyOf'; rules: ProfileRule[] })

/** `{ "body.name": ["NZQA", "UNZ"] }`: items whose field equals (any of) the values; `{ present: true }` tests presence. */
export type Selector = Record<string, string | number | boolean | (string | number | boolean)[] | { present: boolean }>

export interface Condition {
  fact: FactName
  select?: Selector
  /** True: the condition holds when the (selected) fact is present; false: when it is absent. */
  present: boolean
}

export interface ProfileElement {
  id: string
  name: string
  fact: FactName
  select?: Selector
  required?: boolean
  requiredWhen?: Condition
  /** For lists: every item must satisfy the rules (`all`) or at least one (`any`, default). */
  match?: 'any' | 'all'
  rules?: ProfileRule[]
  /** For `qualityAssurance`: `required` fails unless a claim is assured; `reported` (default) warns; `none` ignores assurance. */
  assurance?: 'reported' | 'required' | 'none'
  description?: string
  source?: string
  confidence?: 'V' | 'S' | 'M'
}

export interface FrameworkProfile {
  id: string
  name: string
  version: string
  description?: string
  source?: string
  jurisdiction?: string
  elements: ProfileElement[]
}

export type ElementStatus = 'present' | 'missing' | 'out-of-range' | 'invalid' | 'not-applicable'
export type ElementOutcome = 'pass' | 'fail' | 'warn' | 'skip'

export interface ElementResult {
  id: string
  name: string
  required: boolean
  status: ElementStatus
  outcome: ElementOutcome
  /** Present on `fail`. */
  code?: MicrocredErrorCode
  message: string
  /** The value found (the failing one when there is a failure). */
  value?: unknown
  /** The rule it broke, in words. */
  rule?: string
  warnings?: { rule: string; value?: unknown; message: string }[]
  /** For quality-assurance elements: each claim, assured or claimed-unconfirmed. */
  assurance?: QaClaimAssessment[]
}

export interface ProfileResult {
  profile: { id: string; name: string; version: string; source?: string }
  met: boolean
  elements: ElementResult[]
  summary: { required: number; failed: number; warnings: number; optionalPresent: number }
}

/** Validates a parsed profile document; throws ERR_PROFILE_INVALID with every problem. */
export function parseProfile(doc: unknown, label = 'profile'): FrameworkProfile {
  assertValid('profile', doc, label)
  const profile = doc as FrameworkProfile
  const ids = new Set<string>()
  for (const element of profile.elements) {
    if (ids.has(element.id)) throw new MicrocredError('ERR_PROFILE_INVALID', `${label}: element id ${element.id} is used twice`)
    ids.add(element.id)
    for (const rule of flatRules(element.rules ?? [])) {
      if (rule.kind === 'pattern' || rule.kind === 'notPattern') {
        try {
          new RegExp(rule.pattern, rule.flags)
        } catch {
          throw new MicrocredError('ERR_PROFILE_INVALID', `${label}: element ${element.id} has an invalid pattern ${rule.pattern}`)
        }
      }
    }
  }
  const { $schema: _ignored, ...rest } = profile as FrameworkProfile & { $schema?: string }
  return structuredClone(rest)
}

function flatRules(rules: ProfileRule[]): ProfileRule[] {
  return rules.flatMap((r) => (r.kind === 'anyOf' ? [r, ...flatRules(r.rules)] : [r]))
}

export interface EvaluateProfileOptions {
  trustList?: TrustList
  /** Endorsements supplied beside the credential. */
  endorsements?: readonly unknown[]
  /** Verifies endorsements; needed when the profile reads `qualityAssurance`. */
  verify?: VerifyFn
  /** Reuse facts / a QA assessment already computed for this credential. */
  facts?: CredentialFacts
  qa?: QaAssessment
}

/** Evaluates every element of `profile` against `credential`. Never throws for a bad credential. */
export async function evaluateProfile(profile: FrameworkProfile, credential: unknown, options: EvaluateProfileOptions = {}): Promise<ProfileResult> {
  const facts = options.facts ?? readCredentialFacts(credential)
  let qa = options.qa
  if (qa === undefined && profile.elements.some((e) => e.fact === 'qualityAssurance') && facts.qualityAssurance.length > 0) {
    const verify: VerifyFn = options.verify ?? (async () => ({ verified: false, checks: [{ id: 'proof', outcome: 'error', code: 'ERR_INTERNAL', message: 'no verifier was supplied to check endorsements' }] }))
    qa = await assessQualityAssurance(facts, {
      verify,
      ...(options.trustList !== undefined ? { trustList: options.trustList } : {}),
      ...(options.endorsements !== undefined ? { endorsements: options.endorsements } : {}),
    })
  }
  const elements = profile.elements.map((element) => evaluateElement(element, facts, qa))
  const required = elements.filter((e) => e.required).length
  const failed = elements.filter((e) => e.outcome === 'fail').length
  return {
    profile: { id: profile.id, name: profile.name, version: profile.version, ...(profile.source ? { source: profile.source } : {}) },
    met: failed === 0,
    elements,
    summary: {
      required,
      failed,
      warnings: elements.filter((e) => e.outcome === 'warn').length,
      optionalPresent: elements.filter((e) => !e.required && e.status === 'present').length,
    },
  }
}

/** The items a (fact, select) pair yields: a list fact's items, or the single value. */
export function selectItems(facts: CredentialFacts, fact: FactName, select?: Selector): unknown[] {
  const value = (facts as unknown as Record<string, unknown>)[fact]
  const items = Array.isArray(value) ? value : isAbsent(value) ? [] : [value]
  if (select === undefined) return items.filter((i) => !isAbsent(i))
  return items.filter((item) =>
    Object.entries(select).every(([path, wanted]) => {
      const got = readPath(item, path)
      if (wanted !== null && typeof wanted === 'object' && !Array.isArray(wanted)) return wanted.present === !isAbsent(got)
      const list = Array.isArray(wanted) ? wanted : [wanted]
      return list.some((w) => sameValue(got, w, true))
    }),
  )
}

function evaluateElement(element: ProfileElement, facts: CredentialFacts, qa: QaAssessment | undefined): ElementResult {
  const items = selectItems(facts, element.fact, element.select)
  const conditional = element.requiredWhen !== undefined
  const conditionHolds = conditional && selectItems(facts, element.requiredWhen!.fact, element.requiredWhen!.select).length > 0 === element.requiredWhen!.present
  const required = element.required === true || conditionHolds
  const base = { id: element.id, name: element.name, required }

  if (items.length === 0) {
    if (required) {
      return { ...base, status: 'missing', outcome: 'fail', code: 'ERR_PROFILE_ELEMENT_MISSING', message: `${element.name}: missing`, rule: 'required' }
    }
    if (conditional && !element.required) {
      return { ...base, status: 'not-applicable', outcome: 'skip', message: `${element.name}: not required here` }
    }
    return { ...base, status: 'missing', outcome: 'skip', message: `${element.name}: optional, not given` }
  }

  const warnings: NonNullable<ElementResult['warnings']> = []
  const rules = element.rules ?? []
  const listRules = rules.filter((r) => r.kind === 'minItems')
  const itemRules = rules.filter((r) => r.kind !== 'minItems')
  for (const rule of listRules) {
    const broken = checkRule(rule, items, facts)
    if (broken === undefined) continue
    if ((rule.severity ?? 'error') === 'warning') warnings.push({ rule: broken.rule, value: items.length, message: broken.rule })
    else return failure(base, element, broken.status, items.length, broken.rule)
  }

  // Per item: the first error-severity rule it breaks, and its warnings.
  const verdicts = items.map((item) => {
    const itemWarnings: typeof warnings = []
    let error: { status: ElementStatus; rule: string; value: unknown } | undefined
    for (const rule of itemRules) {
      const broken = checkRule(rule, item, facts)
      if (broken === undefined) continue
      if ((rule.severity ?? 'error') === 'warning') itemWarnings.push({ rule: broken.rule, value: broken.value, message: broken.rule })
      else if (error === undefined) error = { status: broken.status, rule: broken.rule, value: broken.value }
    }
    return { item, error, warnings: itemWarnings }
  })
  const match = element.match ?? 'any'
  const passing = verdicts.filter((v) => v.error === undefined)
  const ok = match === 'all' ? passing.length === verdicts.length : passing.length > 0
  if (!ok) {
    const bad = verdicts.find((v) => v.error !== undefined)!
    return failure(base, element, bad.error!.status, display(bad.error!.value), bad.error!.rule)
  }
  for (const v of match === 'all' ? verdicts : [passing[0]!]) warnings.push(...v.warnings)
  const shown = display(match === 'all' || items.length > 1 ? items : passing[0]!.item)

  // Quality assurance: assured or claimed, unconfirmed.
  let assurance: QaClaimAssessment[] | undefined
  if (element.fact === 'qualityAssurance' && element.assurance !== 'none') {
    assurance = (qa?.claims ?? []).filter((c) => items.includes(c.claim) || items.some((i) => sameClaim(i, c)))
    const assured = assurance.some((c) => c.status === 'assured')
    if (!assured) {
      const first = assurance[0]
      const reason = first?.reason ?? 'claimed, unconfirmed: no endorsement was checked'
      if (element.assurance === 'required') {
        return { ...base, status: 'invalid', outcome: 'fail', code: first?.code ?? 'ERR_TRUST_QA_UNCONFIRMED', message: `${element.name}: ${reason}`, value: shown, rule: 'assured by a trusted QA body', assurance }
      }
      warnings.push({ rule: 'assured by a trusted QA body', message: reason })
    }
  }

  const result: ElementResult = {
    ...base,
    status: 'present',
    outcome: warnings.length > 0 ? 'warn' : 'pass',
    message: warnings.length > 0 ? `${element.name}: present; ${warnings.map((w) => w.message).join('; ')}` : `${element.name}: present`,
    value: shown,
  }
  if (warnings.length > 0) result.warnings = warnings
  if (assurance !== undefined) result.assurance = assurance
  return result
}

function sameClaim(item: unknown, c: QaClaimAssessment): boolean {
  const i = item as { body?: { id?: string }; type?: string }
  return i?.body?.id === c.claim.body.id && i?.type === c.claim.type
}

function failure(
  base: { id: string; name: string; required: boolean },
  element: ProfileElement,
  status: ElementStatus,
  value: unknown,
  rule: string,
): ElementResult {
  const code: MicrocredErrorCode = status === 'out-of-range' ? 'ERR_PROFILE_ELEMENT_OUT_OF_RANGE' : status === 'missing' ? 'ERR_PROFILE_ELEMENT_MISSING' : 'ERR_PROFILE_ELEMENT_INVALID'
  const what = status === 'out-of-range' ? 'out of range' : status === 'missing' ? 'missing' : 'invalid'
  return { ...base, status, outcome: 'fail', code, message: `${element.name}: ${what}: found ${JSON.stringify(value)}, needs ${rule}`, value, rule }
}

interface Broken {
  status: ElementStatus
  rule: string
  value: unknown
}

/** Undefined when `rule` holds for `subject`; otherwise what broke. */
function checkRule(rule: ProfileRule, subject: unknown, facts: CredentialFacts): Broken | undefined {
  if (rule.kind === 'minItems') {
    const n = Array.isArray(subject) ? subject.length : 0
    return n >= rule.min ? undefined : { status: 'invalid', rule: rule.message ?? `at least ${rule.min} item(s)`, value: n }
  }
  const value = rule.field === undefined ? subject : readPath(subject, rule.field)
  const label = rule.field === undefined ? 'value' : rule.field
  const described = (text: string): string => rule.message ?? text
  switch (rule.kind) {
    case 'present':
      return isAbsent(value) ? { status: 'missing', rule: described(`${label} present`), value: display(subject) } : undefined
    case 'range': {
      const n = toNumber(value)
      const text = described(
        rule.min !== undefined && rule.max !== undefined ? `${rule.min} ≤ ${label} ≤ ${rule.max}` : rule.min !== undefined ? `${label} ≥ ${rule.min}` : `${label} ≤ ${rule.max}`,
      )
      if (n === undefined) return { status: isAbsent(value) ? 'missing' : 'invalid', rule: text, value: display(value) }
      if ((rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max)) return { status: 'out-of-range', rule: text, value }
      return undefined
    }
    case 'oneOf': {
      const ok = rule.values.some((v) => sameValue(value, v, rule.caseInsensitive === true))
      return ok ? undefined : { status: isAbsent(value) ? 'missing' : 'invalid', rule: described(`${label} one of ${rule.values.join(', ')}`), value: display(value) }
    }
    case 'pattern': {
      const ok = typeof value === 'string' && new RegExp(rule.pattern, rule.flags).test(value)
      return ok ? undefined : { status: isAbsent(value) ? 'missing' : 'invalid', rule: described(`${label} matching /${rule.pattern}/${rule.flags ?? ''}`), value: display(value) }
    }
    case 'notPattern': {
      const bad = typeof value === 'string' && new RegExp(rule.pattern, rule.flags).test(value)
      return bad ? { status: 'invalid', rule: described(`${label} not matching /${rule.pattern}/${rule.flags ?? ''}`), value } : undefined
    }
    case 'dateTime':
      return isDateTimeStamp(value) ? undefined : { status: isAbsent(value) ? 'missing' : 'invalid', rule: described(`${label} an ISO 8601 date-time`), value: display(value) }
    case 'ratio': {
      const other = selectItems(facts, rule.of.fact)[0]
      const base = toNumber(rule.of.field === undefined ? other : readPath(other, rule.of.field))
      const n = toNumber(value)
      if (base === undefined) return undefined // nothing to compare with
      const expected = base * rule.equals
      const text = described(`${label} = ${rule.of.fact}${rule.of.field ? `.${rule.of.field}` : ''} × ${rule.equals} (${expected})`)
      if (n === undefined) return { status: 'invalid', rule: text, value: display(value) }
      return Math.abs(n - expected) <= (rule.tolerance ?? 1e-9) ? undefined : { status: 'out-of-range', rule: text, value }
    }
    case 'anyOf': {
      const results = rule.rules.map((r) => checkRule(r, subject, facts))
      if (results.some((r) => r === undefined)) return undefined
      return { status: results[0]?.status ?? 'invalid', rule: described(`any of: ${results.map((r) => r!.rule).join(' | ')}`), value: display(subject) }
    }
  }
}

export function readPath(value: unknown, path: string): unknown {
  let current = value
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0)
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return undefined
}

function sameValue(got: unknown, wanted: string | number | boolean, caseInsensitive: boolean): boolean {
  if (typeof got === 'string' && typeof wanted === 'string') return caseInsensitive ? got.trim().toLowerCase() === wanted.trim().toLowerCase() : got === wanted
  if (typeof wanted === 'number') return toNumber(got) === wanted
  return got === wanted
}

/** Keeps reports small: long strings and lists are shortened. */
function display(value: unknown): unknown {
  if (typeof value === 'string' && value.length > 200) return value.slice(0, 197) + '…'
  if (Array.isArray(value) && value.length > 10) return [...value.slice(0, 10), `… ${value.length - 10} more`]
  return value
}

