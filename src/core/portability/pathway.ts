/**
 * @module portability/pathway
 * Stacking: do these credentials add up to a target award? A pathway is a declarative
 * document (schemas/pathway.schema.json). The evaluator
 *   1. verifies every component with `verifyCredential` (a failed, revoked, suspended or
 *      expired one never counts);
 *   2. checks they belong to one learner (the same subject id, or a salted-hash email the
 *      caller proves by supplying the address);
 *   3. applies the per-component filters (age, accepted issuers, credit units, level range,
 *      component constraints, assured QA) and drops double counts;
 *   4. evaluates the requirements (total credits in the pathway's unit after conversion,
 *      credits at or above a level with the all-candidates rule, required achievements,
 *      choose-N-of groups with no component used twice, minimum components).
 * Every exclusion and every rule comes back with its reason. Deterministic; offline.
 *
 * @example
 * const result = await evaluatePathway(parsePathway(doc), [a, b, c], { trustList })
 * result.satisfied // false
 * result.missing   // [{ rule: 'minTotalCredits', need: 30, have: 25, … }]
 */
import { isPlainObject } from '../credential/shape.js'
import { matchesEmail } from '../credential/recipient.js'
import { MicrocredError, type MicrocredErrorCode } from '../errors.js'
import { asArray, type IdentityObject } from '../model/open-badges.js'
import { systemClock } from '../ports.js'
import type { VerificationResult } from '../verifier/result.js'
import { verifyCredential, type VerifyOptions } from '../verifier/verify-credential.js'
import { verifyPresentation } from '../verifier/verify-presentation.js'
import { convertCredits, convertHours, normalizeCreditSystem, type ConversionMethod, type ConvertedCredits, type CreditSystemId } from './credits.js'
import { readCredentialFacts, type CredentialFacts } from './facts.js'
import { compareLevel, eqfCandidates, type LevelConfidence, type LevelMatch } from './levels.js'
import { assessQualityAssurance, trustedAs } from './qa.js'
import { windowProblem, type TrustList } from './trust-list.js'
import { assertValid } from './validate.js'

export interface AchievementMatch {
  achievementId?: string
  humanCode?: string
  /** Case-insensitive. */
  name?: string
  /** An alignment `targetUrl` of the achievement. */
  alignment?: string
  issuer?: string
  achievementType?: string
}

export interface Requirement {
  label?: string
  match: AchievementMatch
}

export interface Pathway {
  id: string
  name: string
  version?: string
  description?: string
  owner?: string
  targetAward: {
    id?: string
    name: string
    description?: string
    achievementType?: string
    criteria?: string
    level?: { framework: string; code: string | number }
  }
  creditUnit: string
  conversion?: ConversionMethod
  levelMatch?: LevelMatch
  levelConfidence?: Exclude<LevelConfidence, 'declared'>
  rules: {
    minTotalCredits?: number
    minCreditsAtOrAboveLevel?: { framework: string; level: string | number; credits: number; levelMatch?: LevelMatch }[]
    levelRange?: { framework: string; min?: string | number; max?: string | number; levelMatch?: LevelMatch }
    allowedCreditUnits?: string[]
    requiredAchievements?: Requirement[]
    chooseFrom?: { label?: string; min: number; of: Requirement[] }[]
    minComponents?: number
    maxAgeYears?: number
    issuers?: { allow?: string[]; deny?: string[]; trustList?: boolean }
    qa?: { required: boolean }
    componentConstraints?: { minCredits?: number; maxCredits?: number; parentCourse?: string }
    noDoubleCounting?: boolean
  }
}

/** Validates a parsed pathway document; throws ERR_PATHWAY_INVALID with every problem. */
export function parsePathway(doc: unknown, label = 'pathway'): Pathway {
  assertValid('pathway', doc, label)
  const pathway = doc as Pathway & { $schema?: string }
  if (normalizeCreditSystem(pathway.creditUnit) === undefined) {
    throw new MicrocredError('ERR_PATHWAY_INVALID', `${label}: creditUnit ${pathway.creditUnit} is not a credit system microcred knows`)
  }
  for (const unit of pathway.rules.allowedCreditUnits ?? []) {
    if (normalizeCreditSystem(unit) === undefined) throw new MicrocredError('ERR_PATHWAY_INVALID', `${label}: allowedCreditUnits: ${unit} is not a credit system microcred knows`)
  }
  for (const [i, group] of (pathway.rules.chooseFrom ?? []).entries()) {
    if (group.min > group.of.length) throw new MicrocredError('ERR_PATHWAY_INVALID', `${label}: chooseFrom[${i}] asks for ${group.min} of ${group.of.length} options`)
  }
  const { $schema: _ignored, ...rest } = pathway
  return structuredClone(rest)
}

export interface EvaluatePathwayOptions {
  /** Options for verifying every component and endorsement (loader, controller documents, clock, status resolver…). */
  verify?: Omit<VerifyOptions, 'profiles' | 'trustList' | 'endorsements'>
  trustList?: TrustList
  /** Endorsements supplied beside the credentials (QA evidence). */
  endorsements?: readonly unknown[]
  /** The learner: a subject id and/or an email address that proves hashed identities. */
  learner?: { id?: string; email?: string }
  /** Credential or achievement ids already counted towards another award of this family. */
  alreadyCounted?: readonly string[]
}

export interface CountedComponent {
  index: number
  credential?: string
  achievementId?: string
  name?: string
  issuer?: string
  issued?: string
  /** Converted into the pathway's unit; null when the component has no usable credit value. */
  credits: ConvertedCredits | null
  levels: { framework: string; code: string }[]
  eqf: number[]
  qa: 'assured' | 'claimed-unconfirmed' | 'none'
  /** Requirements this component satisfies (`requiredAchievements[0]`, `chooseFrom[1]`). */
  usedFor: string[]
  notes?: string[]
}

export interface ExcludedComponent {
  index: number
  /** The credential id, or `#<index>` when it has none. */
  credential: string
  code: MicrocredErrorCode
  reason: string
  /** The failing verification check, for unverified components. */
  check?: { id: string; code?: string; message: string }
}

export type RuleOutcome = 'pass' | 'fail'

export interface RuleResult {
  id: string
  /** `requirement`: decides `satisfied`; `filter`: excludes components (listed in `excluded`). */
  kind: 'requirement' | 'filter'
  outcome: RuleOutcome
  code?: MicrocredErrorCode
  detail: string
}

export interface MissingItem {
  rule: string
  detail: string
  need?: number
  have?: number
  unit?: string
}

export interface PathwayResult {
  pathway: { id: string; name: string; version?: string }
  satisfied: boolean
  learner: { id?: string; email?: boolean }
  counted: CountedComponent[]
  excluded: ExcludedComponent[]
  totals: {
    credits: number
    unit: CreditSystemId
    method: ConversionMethod
    estimated: boolean
    components: number
    atOrAboveLevel: { framework: string; level: string; credits: number }[]
  }
  rules: RuleResult[]
  missing: MissingItem[]
  /** When the input was a presentation: its verification, if it carried a proof. */
  presentation?: { verified: boolean; holder?: string }
  evaluatedAt: string
}

interface Candidate {
  index: number
  credential: Record<string, unknown>
  facts: CredentialFacts
  credits: ConvertedCredits | null
  notes: string[]
  qa: CountedComponent['qa']
}

/** Evaluates `input` (credentials, or a verifiable presentation carrying them) against `pathway`. */
export async function evaluatePathway(pathway: Pathway, input: readonly unknown[] | Record<string, unknown>, options: EvaluatePathwayOptions = {}): Promise<PathwayResult> {
  // Strict: a component counts only when nothing was left unchecked (status unknown does not count).
  const verifyOptions: VerifyOptions = { ...(options.verify ?? {}), strict: true }
  const now = (verifyOptions.clock ?? systemClock).now()
  const unit = normalizeCreditSystem(pathway.creditUnit)
  if (unit === undefined) throw new MicrocredError('ERR_PATHWAY_INVALID', `creditUnit ${pathway.creditUnit} is not a credit system microcred knows`)
  const method = pathway.conversion ?? 'fte-year'
  const levelMatch = pathway.levelMatch ?? 'all'
  const minConfidence = pathway.levelConfidence ?? 'comparison'
  const noDoubleCounting = pathway.rules.noDoubleCounting ?? true

  // The components, and the learner a presentation names.
  let credentials: unknown[]
  let presentation: PathwayResult['presentation']
  let learnerId = options.learner?.id
  const rules: RuleResult[] = []
  if (Array.isArray(input)) credentials = [...(input as readonly unknown[])]
  else {
    input = input as Record<string, unknown>
    credentials = asArray(input['verifiableCredential'] as unknown)
    const holder = typeof input['holder'] === 'string' ? input['holder'] : isPlainObject(input['holder']) && typeof input['holder']['id'] === 'string' ? input['holder']['id'] : undefined
    if (input['proof'] !== undefined) {
      const vp = await verifyPresentation(input, verifyOptions)
      presentation = { verified: vp.verified, ...(holder !== undefined ? { holder } : {}) }
      if (!vp.verified) {
        const bad = vp.checks.find((c) => c.outcome === 'fail' || c.outcome === 'error')
        rules.push({ id: 'presentation', kind: 'requirement', outcome: 'fail', code: bad?.code ?? 'ERR_PRESENTATION_MALFORMED', detail: `the presentation does not verify: ${bad?.message ?? 'not verified'}` })
      } else if (holder !== undefined) learnerId ??= holder
    } else presentation = { verified: false, ...(holder !== undefined ? { holder } : {}) }
  }

  const excluded: ExcludedComponent[] = []
  const exclude = (index: number, credential: unknown, code: MicrocredErrorCode, reason: string, check?: ExcludedComponent['check']): void => {
    excluded.push({ index, credential: labelOf(credential, index), code, reason, ...(check ? { check } : {}) })
  }

  // 1. Verify every component.
  const verified: { index: number; credential: Record<string, unknown>; facts: CredentialFacts }[] = []
  const results = await Promise.all(credentials.map((c) => verifyCredential(c, verifyOptions)))
  for (const [index, credential] of credentials.entries()) {
    const result = results[index]!
    if (!result.verified) {
      const bad = firstProblem(result)
      exclude(index, credential, 'ERR_PATHWAY_COMPONENT_UNVERIFIED', `does not verify: ${bad ? `${bad.id}: ${bad.message}` : 'not verified'}`, bad)
      continue
    }
    const facts = readCredentialFacts(credential)
    if (facts.achievementId === undefined) {
      exclude(index, credential, 'ERR_PATHWAY_NOT_ACHIEVEMENT', 'not an achievement credential (no credentialSubject.achievement with an id)')
      continue
    }
    verified.push({ index, credential: credential as Record<string, unknown>, facts })
  }

  // 2. One learner: the given id, else the verified holder, else (with an email) the subject id of a
  // credential that proves the email, else the first subject id.
  const email = options.learner?.email
  const emailMatches = await Promise.all(verified.map((v) => (email === undefined ? false : anyEmailMatch(v.facts.learner?.identifier ?? [], email))))
  if (learnerId === undefined) {
    learnerId =
      email !== undefined
        ? verified.find((v, i) => emailMatches[i] && v.facts.learner?.id !== undefined)?.facts.learner?.id
        : verified.map((v) => v.facts.learner?.id).find((id) => id !== undefined)
  }
  const others = new Set<string>()
  const sameLearner: typeof verified = []
  for (const [i, v] of verified.entries()) {
    const subjectId = v.facts.learner?.id
    if ((subjectId !== undefined && subjectId === learnerId) || emailMatches[i]) {
      sameLearner.push(v)
      continue
    }
    const hashedOnly = subjectId === undefined && (v.facts.learner?.identifier?.length ?? 0) > 0
    if (hashedOnly && email === undefined) {
      exclude(v.index, v.credential, 'ERR_PATHWAY_IDENTITY_UNPROVEN', 'the learner is identified only by a hashed email; supply the email address to prove it is the same learner')
      continue
    }
    if (subjectId !== undefined && learnerId === undefined) {
      exclude(v.index, v.credential, 'ERR_PATHWAY_IDENTITY_UNPROVEN', `nothing links ${subjectId} to the holder of the email supplied; supply the learner's id as well`)
      continue
    }
    const who = subjectId ?? 'a hashed identity that does not match the email supplied'
    others.add(who)
    exclude(v.index, v.credential, 'ERR_PATHWAY_LEARNER_MISMATCH', `belongs to another learner (${who}), not ${learnerId ?? (email !== undefined ? 'the holder of the email supplied' : 'the learner')}`)
  }
  rules.push(
    others.size === 0
      ? { id: 'sameLearner', kind: 'requirement', outcome: 'pass', detail: `every counted component is about ${learnerId ?? 'the learner'}${email !== undefined ? ' (email proven)' : ''}` }
      : { id: 'sameLearner', kind: 'requirement', outcome: 'fail', code: 'ERR_PATHWAY_LEARNER_MISMATCH', detail: `credentials of other learners were presented: ${[...others].join(', ')}` },
  )

  // 3. Per-component filters.
  const counters = new Map<string, number>()
  const filtered = (rule: string): void => void counters.set(rule, (counters.get(rule) ?? 0) + 1)
  const candidates: Candidate[] = []
  const already = new Set(options.alreadyCounted ?? [])
  const r = pathway.rules
  for (const v of sameLearner) {
    const { facts, credential, index } = v
    const notes: string[] = []
    if (already.has(String(credential['id'])) || already.has(facts.achievementId!)) {
      filtered('noDoubleCounting')
      exclude(index, credential, 'ERR_PATHWAY_DOUBLE_COUNTED', 'already counted towards another award')
      continue
    }
    if (r.maxAgeYears !== undefined) {
      const oldest = new Date(now)
      oldest.setUTCMonth(oldest.getUTCMonth() - Math.round(r.maxAgeYears * 12))
      const issued = facts.issued === undefined ? Number.NaN : Date.parse(facts.issued)
      if (Number.isNaN(issued) || issued < oldest.getTime()) {
        filtered('maxAgeYears')
        exclude(index, credential, 'ERR_PATHWAY_COMPONENT_TOO_OLD', `issued ${facts.issued ?? 'at an unknown date'}, more than ${r.maxAgeYears} years before ${now.toISOString()}`)
        continue
      }
    }
    const issuerProblem = issuerNotAccepted(r.issuers, facts, options.trustList)
    if (issuerProblem !== undefined) {
      filtered('issuers')
      exclude(index, credential, 'ERR_PATHWAY_ISSUER_NOT_ACCEPTED', issuerProblem)
      continue
    }
    // Credits, in the pathway's unit (the issuer's own value is kept in `from`).
    let credits: ConvertedCredits | null = null
    if (facts.credits !== undefined) {
      const declared = facts.credits.declaredSystem
      if (r.allowedCreditUnits !== undefined && (facts.credits.system === undefined || !r.allowedCreditUnits.map(normalizeCreditSystem).includes(facts.credits.system))) {
        filtered('allowedCreditUnits')
        exclude(index, credential, 'ERR_PATHWAY_UNIT_NOT_ACCEPTED', `credits in ${declared ?? 'an unstated unit'}; the pathway accepts ${r.allowedCreditUnits.join(', ')}`)
        continue
      }
      if (facts.credits.system === undefined) {
        notes.push(`credits ${facts.credits.value} in ${declared ? `an unknown unit (${declared})` : 'an unstated unit'} are not counted`)
      } else {
        credits = convertCredits({ value: facts.credits.value, system: facts.credits.system }, unit, method) ?? null
        if (credits === null) notes.push(`${facts.credits.value} ${facts.credits.system} cannot be converted to ${unit} with the ${method} method`)
      }
    } else if (facts.workloadHours !== undefined) {
      if (r.allowedCreditUnits !== undefined) {
        filtered('allowedCreditUnits')
        exclude(index, credential, 'ERR_PATHWAY_UNIT_NOT_ACCEPTED', `only notional hours are stated; the pathway accepts credits in ${r.allowedCreditUnits.join(', ')}`)
        continue
      }
      credits = convertHours(facts.workloadHours, unit, method) ?? null
      if (credits === null) notes.push(`${facts.workloadHours} hours cannot be converted with the ${method} method`)
    } else notes.push('no credit value or workload is stated')
    if (credits?.estimated) notes.push(`credits estimated with ${credits.method}`)
    if (r.levelRange !== undefined) {
      const match = r.levelRange.levelMatch ?? levelMatch
      const low = r.levelRange.min === undefined ? undefined : compareLevel(facts.levels, { framework: r.levelRange.framework, level: r.levelRange.min, match, minConfidence }, 'min')
      const high = r.levelRange.max === undefined ? undefined : compareLevel(facts.levels, { framework: r.levelRange.framework, level: r.levelRange.max, match, minConfidence }, 'max')
      const broken = [low, high].find((c) => c !== undefined && !c.meets)
      if (broken !== undefined) {
        filtered('levelRange')
        exclude(index, credential, 'ERR_PATHWAY_LEVEL_OUT_OF_RANGE', `level outside ${r.levelRange.framework} ${r.levelRange.min ?? '…'}–${r.levelRange.max ?? '…'}: ${broken.reason}`)
        continue
      }
    }
    const constraint = componentConstraintProblem(r.componentConstraints, facts, credits, unit)
    if (constraint !== undefined) {
      filtered('componentConstraints')
      exclude(index, credential, 'ERR_PATHWAY_COMPONENT_CONSTRAINT', constraint)
      continue
    }
    let qa: Candidate['qa'] = facts.qualityAssurance.length === 0 ? 'none' : 'claimed-unconfirmed'
    if (facts.qualityAssurance.length > 0 && (r.qa?.required || options.trustList !== undefined)) {
      const assessment = await assessQualityAssurance(facts, {
        verify: (e) => verifyCredential(e, verifyOptions),
        ...(options.trustList !== undefined ? { trustList: options.trustList } : {}),
        ...(options.endorsements !== undefined ? { endorsements: options.endorsements } : {}),
      })
      const assured = assessment.claims.find((c) => c.status === 'assured')
      qa = assured !== undefined ? 'assured' : 'claimed-unconfirmed'
      if (r.qa?.required && assured === undefined) {
        filtered('qa')
        const first = assessment.claims[0]
        exclude(index, credential, first?.code ?? 'ERR_TRUST_QA_UNCONFIRMED', `quality assurance ${first?.reason ?? 'claimed, unconfirmed'}`)
        continue
      }
    } else if (r.qa?.required) {
      filtered('qa')
      exclude(index, credential, 'ERR_TRUST_QA_UNCONFIRMED', 'the pathway requires assured quality assurance and the credential makes no QA claim')
      continue
    }
    candidates.push({ index, credential, facts, credits, notes, qa })
  }

  // Double counting: the same credential twice always counts once; the same achievement once unless allowed.
  const counted: Candidate[] = []
  const seenCredential = new Map<string, Candidate>()
  const seenAchievement = new Map<string, Candidate>()
  for (const c of candidates) {
    const credentialId = typeof c.credential['id'] === 'string' ? c.credential['id'] : undefined
    const sameCredential = credentialId === undefined ? undefined : seenCredential.get(credentialId)
    if (sameCredential !== undefined) {
      filtered('noDoubleCounting')
      exclude(c.index, c.credential, 'ERR_PATHWAY_DOUBLE_COUNTED', `the same credential as component #${sameCredential.index}; it counts once`)
      continue
    }
    const sameAchievement = seenAchievement.get(c.facts.achievementId!)
    if (noDoubleCounting && sameAchievement !== undefined) {
      filtered('noDoubleCounting')
      exclude(c.index, c.credential, 'ERR_PATHWAY_DOUBLE_COUNTED', `the same achievement (${c.facts.achievementId}) as component #${sameAchievement.index}; it counts once`)
      continue
    }
    if (credentialId !== undefined) seenCredential.set(credentialId, c)
    seenAchievement.set(c.facts.achievementId!, c)
    counted.push(c)
  }
  for (const [rule, label] of [
    ['maxAgeYears', `components issued within ${r.maxAgeYears} years`],
    ['issuers', 'accepted issuers'],
    ['allowedCreditUnits', `credit units ${r.allowedCreditUnits?.join(', ')}`],
    ['levelRange', `levels within ${r.levelRange?.framework} ${r.levelRange?.min ?? '…'}–${r.levelRange?.max ?? '…'}`],
    ['componentConstraints', 'per-component constraints'],
    ['qa', 'assured quality assurance'],
    ['noDoubleCounting', 'no double counting'],
  ] as const) {
    const present = rule === 'noDoubleCounting' ? true : rule === 'qa' ? r.qa?.required === true : r[rule] !== undefined
    if (!present) continue
    const n = counters.get(rule) ?? 0
    rules.push({ id: rule, kind: 'filter', outcome: 'pass', detail: n === 0 ? `${label}: no component excluded` : `${label}: ${n} component(s) excluded (see excluded)` })
  }

  // 4. Requirements.
  const missing: MissingItem[] = []
  const total = sum(counted.map((c) => c.credits?.value ?? 0))
  if (counted.length === 0) {
    rules.push({ id: 'components', kind: 'requirement', outcome: 'fail', code: 'ERR_PATHWAY_RULE_NOT_MET', detail: 'no component counts' })
    missing.push({ rule: 'components', detail: 'at least one component that counts', need: 1, have: 0 })
  }
  if (r.minTotalCredits !== undefined) {
    const ok = total + 1e-9 >= r.minTotalCredits
    rules.push(requirement('minTotalCredits', ok, `${round(total)} of ${r.minTotalCredits} ${unit} (${method})`))
    if (!ok) missing.push({ rule: 'minTotalCredits', detail: `${round(r.minTotalCredits - total)} more ${unit}`, need: r.minTotalCredits, have: round(total), unit })
  }
  const atOrAbove: PathwayResult['totals']['atOrAboveLevel'] = []
  for (const [i, req] of (r.minCreditsAtOrAboveLevel ?? []).entries()) {
    const match = req.levelMatch ?? levelMatch
    const credited = counted.filter((c) => compareLevel(c.facts.levels, { framework: req.framework, level: req.level, match, minConfidence }, 'min').meets)
    const have = sum(credited.map((c) => c.credits?.value ?? 0))
    atOrAbove.push({ framework: req.framework, level: String(req.level), credits: round(have) })
    const ok = have + 1e-9 >= req.credits
    const id = `minCreditsAtOrAboveLevel[${i}]`
    rules.push(requirement(id, ok, `${round(have)} of ${req.credits} ${unit} at or above ${req.framework} ${req.level} (${match === 'all' ? 'every candidate level must qualify' : 'any candidate level qualifies'})`))
    if (!ok) missing.push({ rule: id, detail: `${round(req.credits - have)} more ${unit} at or above ${req.framework} ${req.level}`, need: req.credits, have: round(have), unit })
  }
  if (r.minComponents !== undefined) {
    const ok = counted.length >= r.minComponents
    rules.push(requirement('minComponents', ok, `${counted.length} of ${r.minComponents} components`))
    if (!ok) missing.push({ rule: 'minComponents', detail: `${r.minComponents - counted.length} more component(s)`, need: r.minComponents, have: counted.length })
  }
  const usedFor = assignRequirements(pathway, counted, noDoubleCounting, rules, missing)

  const satisfied = rules.every((rule) => rule.kind === 'filter' || rule.outcome === 'pass')
  const estimated = counted.some((c) => c.credits?.estimated === true)
  excluded.sort((a, b) => a.index - b.index)
  return {
    pathway: { id: pathway.id, name: pathway.name, ...(pathway.version !== undefined ? { version: pathway.version } : {}) },
    satisfied,
    learner: { ...(learnerId !== undefined ? { id: learnerId } : {}), ...(email !== undefined ? { email: true } : {}) },
    counted: counted.map((c) => toCounted(c, usedFor.get(c.index) ?? [], minConfidence)),
    excluded,
    totals: { credits: round(total), unit, method, estimated, components: counted.length, atOrAboveLevel: atOrAbove },
    rules,
    missing,
    ...(presentation !== undefined ? { presentation } : {}),
    evaluatedAt: now.toISOString(),
  }
}

function requirement(id: string, ok: boolean, detail: string): RuleResult {
  return ok ? { id, kind: 'requirement', outcome: 'pass', detail } : { id, kind: 'requirement', outcome: 'fail', code: 'ERR_PATHWAY_RULE_NOT_MET', detail }
}

/**
 * Required achievements and choose-N-of groups as one assignment problem: every required
 * achievement needs its own component, every group `min` distinct options each with its own
 * component, and (with noDoubleCounting) no component serves two requirements. Solved
 * exactly as a maximum flow; a shortfall is reported per requirement.
 */
function assignRequirements(pathway: Pathway, counted: Candidate[], noDoubleCounting: boolean, rules: RuleResult[], missing: MissingItem[]): Map<number, string[]> {
  const r = pathway.rules
  interface Group { id: string; min: number; options: { label: string; match: AchievementMatch }[] }
  const groups: Group[] = []
  for (const [i, req] of (r.requiredAchievements ?? []).entries()) {
    groups.push({ id: `requiredAchievements[${i}]`, min: 1, options: [{ label: req.label ?? describeMatch(req.match), match: req.match }] })
  }
  for (const [i, group] of (r.chooseFrom ?? []).entries()) {
    groups.push({ id: `chooseFrom[${i}]`, min: group.min, options: group.of.map((o) => ({ label: o.label ?? describeMatch(o.match), match: o.match })) })
  }
  const usedFor = new Map<number, string[]>()
  if (groups.length === 0) return usedFor

  const matches = groups.map((g) => g.options.map((o) => counted.filter((c) => matchesAchievement(o.match, c.facts)).map((c) => c.index)))
  // Each group on its own.
  const alone = groups.map((g, gi) => maxAssignment([g], [matches[gi]!], true))
  // All together.
  const joint = maxAssignment(groups, matches, noDoubleCounting)
  for (const [gi, group] of groups.entries()) {
    const own = alone[gi]!.perGroup[0]!
    const together = joint.perGroup[gi]!
    const label = group.options.map((o) => o.label).join(', ')
    if (together >= group.min) {
      const detail = group.id.startsWith('required') ? `${label}: present` : `${together >= group.min ? group.min : together} of ${label} (needs ${group.min})`
      rules.push({ id: group.id, kind: 'requirement', outcome: 'pass', detail })
    } else if (own >= group.min) {
      rules.push({ id: group.id, kind: 'requirement', outcome: 'fail', code: 'ERR_PATHWAY_DOUBLE_COUNTED', detail: `${label}: met only by components already used for another requirement (no double counting)` })
      missing.push({ rule: group.id, detail: `a component for ${label} not used elsewhere`, need: group.min, have: together })
    } else {
      const have = own
      const detail = group.id.startsWith('required') ? `${label}: missing` : `${have} of ${label} (needs ${group.min})`
      rules.push({ id: group.id, kind: 'requirement', outcome: 'fail', code: 'ERR_PATHWAY_RULE_NOT_MET', detail })
      const unmet = group.options.filter((_, oi) => matches[gi]![oi]!.length === 0).map((o) => o.label)
      missing.push({ rule: group.id, detail: group.id.startsWith('required') ? label : `${group.min - have} more of: ${unmet.join(', ')}`, need: group.min, have })
    }
  }
  for (const [index, groupIds] of joint.assignment) usedFor.set(index, groupIds)
  return usedFor
}

/** Max flow: source → group (cap min) → option (cap 1) → component (cap 1, or unbounded) → sink. */
function maxAssignment(groups: { id: string; min: number }[], matches: number[][][], exclusive: boolean): { perGroup: number[]; assignment: Map<number, string[]> } {
  const nodes: string[] = ['s', 't']
  const index = (name: string): number => {
    let i = nodes.indexOf(name)
    if (i === -1) {
      nodes.push(name)
      i = nodes.length - 1
    }
    return i
  }
  const cap = new Map<string, number>()
  const adj = new Map<number, Set<number>>()
  const addEdge = (a: number, b: number, c: number): void => {
    cap.set(`${a}>${b}`, (cap.get(`${a}>${b}`) ?? 0) + c)
    if (!cap.has(`${b}>${a}`)) cap.set(`${b}>${a}`, 0)
    ;(adj.get(a) ?? adj.set(a, new Set()).get(a)!).add(b)
    ;(adj.get(b) ?? adj.set(b, new Set()).get(b)!).add(a)
  }
  const BIG = 1e6
  for (const [gi, group] of groups.entries()) {
    const g = index(`g${gi}`)
    addEdge(0, g, group.min)
    for (const [oi, components] of matches[gi]!.entries()) {
      const o = index(`o${gi}.${oi}`)
      addEdge(g, o, 1)
      for (const ci of components) addEdge(o, index(`c${ci}`), 1)
    }
  }
  for (const name of nodes) if (name.startsWith('c')) addEdge(index(name), 1, exclusive ? 1 : BIG)
  // Augmenting paths (DFS); graphs are tiny.
  const augment = (u: number, seen: Set<number>): boolean => {
    if (u === 1) return true
    seen.add(u)
    for (const v of adj.get(u) ?? []) {
      if (seen.has(v) || (cap.get(`${u}>${v}`) ?? 0) <= 0) continue
      if (augment(v, seen)) {
        cap.set(`${u}>${v}`, cap.get(`${u}>${v}`)! - 1)
        cap.set(`${v}>${u}`, (cap.get(`${v}>${u}`) ?? 0) + 1)
        return true
      }
    }
    return false
  }
  while (augment(0, new Set())) {
    /* keep augmenting */
  }
  const perGroup = groups.map((group, gi) => group.min - (cap.get(`0>${index(`g${gi}`)}`) ?? 0))
  const assignment = new Map<number, string[]>()
  for (const [gi, group] of groups.entries()) {
    for (const [oi, components] of matches[gi]!.entries()) {
      const o = index(`o${gi}.${oi}`)
      for (const ci of components) {
        const c = index(`c${ci}`)
        // Flow on o→c shows as residual capacity c→o.
        if ((cap.get(`${c}>${o}`) ?? 0) > 0) assignment.set(ci, [...(assignment.get(ci) ?? []), group.id])
      }
    }
  }
  return { perGroup, assignment }
}

export function matchesAchievement(match: AchievementMatch, facts: CredentialFacts): boolean {
  if (match.achievementId !== undefined && facts.achievementId !== match.achievementId) return false
  if (match.humanCode !== undefined && facts.humanCode !== match.humanCode) return false
  if (match.name !== undefined && facts.title?.trim().toLowerCase() !== match.name.trim().toLowerCase()) return false
  if (match.alignment !== undefined && !facts.alignments.some((a) => a['targetUrl'] === match.alignment)) return false
  if (match.issuer !== undefined && facts.issuer?.id !== match.issuer) return false
  if (match.achievementType !== undefined && facts.achievementType !== match.achievementType) return false
  return true
}

function describeMatch(match: AchievementMatch): string {
  return Object.entries(match)
    .map(([k, v]) => (k === 'humanCode' || k === 'name' ? String(v) : `${k} ${String(v)}`))
    .join(' / ')
}

function issuerNotAccepted(rule: Pathway['rules']['issuers'], facts: CredentialFacts, trustList: TrustList | undefined): string | undefined {
  if (rule === undefined) return undefined
  const id = facts.issuer?.id ?? ''
  if (rule.deny?.includes(id)) return `the issuer ${id} is on the pathway's deny list`
  if (rule.allow === undefined && rule.trustList !== true) return undefined
  if (rule.allow?.includes(id)) return undefined
  if (rule.trustList === true) {
    const entry = trustedAs(trustList, id, 'issuer')
    if (entry !== undefined) {
      const window = windowProblem(entry, { 'credential was issued': facts.issued })
      return window === undefined ? undefined : `the issuer ${id}: ${window.reason}`
    }
    return `the issuer ${id} is not ${rule.allow ? "on the pathway's allow list or " : ''}in the trust list as an issuer${trustList === undefined ? ' (no trust list was supplied)' : ''}`
  }
  return `the issuer ${id} is not on the pathway's allow list`
}

function componentConstraintProblem(rule: Pathway['rules']['componentConstraints'], facts: CredentialFacts, credits: ConvertedCredits | null, unit: string): string | undefined {
  if (rule === undefined) return undefined
  if (rule.minCredits !== undefined && (credits === null || credits.value + 1e-9 < rule.minCredits)) {
    return `${credits === null ? 'no convertible credit value' : `${round(credits.value)} ${unit}`}; each component needs at least ${rule.minCredits} ${unit}`
  }
  if (rule.maxCredits !== undefined && credits !== null && credits.value - 1e-9 > rule.maxCredits) {
    return `${round(credits.value)} ${unit}; each component may have at most ${rule.maxCredits} ${unit}`
  }
  if (rule.parentCourse !== undefined && facts.parentCourse !== rule.parentCourse) {
    return `parent course ${facts.parentCourse ?? 'not stated'}; the pathway needs modules of ${rule.parentCourse}`
  }
  return undefined
}

async function anyEmailMatch(identifiers: readonly NonNullable<NonNullable<CredentialFacts['learner']>['identifier']>[number][], email: string): Promise<boolean> {
  for (const identity of identifiers) {
    if (await matchesEmail(identity as IdentityObject, email)) return true
  }
  return false
}

function firstProblem(result: VerificationResult): ExcludedComponent['check'] {
  const bad = result.checks.find((c) => c.outcome === 'fail' || c.outcome === 'error')
  return bad === undefined ? undefined : { id: bad.id, ...(bad.code !== undefined ? { code: bad.code } : {}), message: bad.message }
}

function toCounted(c: Candidate, usedFor: string[], minConfidence: LevelConfidence): CountedComponent {
  const f = c.facts
  return {
    index: c.index,
    ...(typeof c.credential['id'] === 'string' ? { credential: c.credential['id'] } : {}),
    ...(f.achievementId !== undefined ? { achievementId: f.achievementId } : {}),
    ...(f.title !== undefined ? { name: f.title } : {}),
    ...(f.issuer?.id !== undefined ? { issuer: f.issuer.id } : {}),
    ...(f.issued !== undefined ? { issued: f.issued } : {}),
    credits: c.credits,
    levels: f.levels.map((l) => ({ framework: l.framework, code: l.code })),
    eqf: eqfCandidates(f.levels, minConfidence).eqf,
    qa: c.qa,
    usedFor,
    ...(c.notes.length > 0 ? { notes: c.notes } : {}),
  }
}

function labelOf(credential: unknown, index: number): string {
  return isPlainObject(credential) && typeof credential['id'] === 'string' ? credential['id'] : `#${index}`
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}
