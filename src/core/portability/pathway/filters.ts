/**
 * @module portability/pathway/filters
 * Step 3 of a pathway evaluation: the per-component filters — already counted elsewhere, age,
 * accepted issuers, credit units (credits converted into the pathway's unit here), level
 * range, component constraints, assured QA — then double counting (the same credential twice
 * always counts once; the same achievement once unless the pathway allows it). Each filter
 * the pathway sets comes back as a `filter` rule with how many components it excluded.
 */
import { convertCredits, convertHours, normalizeCreditSystem, type ConvertedCredits } from '../credits.js'
import type { CredentialFacts } from '../facts.js'
import { compareLevel } from '../levels.js'
import { assessQualityAssurance, trustedAs } from '../qa.js'
import { windowProblem, type TrustList } from '../trust-list.js'
import { round } from './numbers.js'
import type { Candidate, EvaluationSettings, ExcludeComponent, Pathway, PathwayEvaluationOptions, PathwayVerifier, RuleResult, VerifiedComponent } from './types.js'

/** Returns the components that count, in input order; appends the filter rules to `rules`. */
export async function filterComponents(
  pathway: Pathway,
  sameLearner: VerifiedComponent[],
  context: { now: Date; settings: EvaluationSettings; verifier: PathwayVerifier; options: PathwayEvaluationOptions; exclude: ExcludeComponent },
  rules: RuleResult[],
): Promise<Candidate[]> {
  const { now, verifier, options, exclude } = context
  const { unit, method, levelMatch, minConfidence, noDoubleCounting } = context.settings
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
        verify: (e) => verifier.credential(e),
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

  return counted
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
