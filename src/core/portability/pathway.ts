/**
 * @module portability/pathway
 * Stacking: do these credentials add up to a target award? A pathway is a declarative
 * document (schemas/pathway.schema.json). The evaluator
 *   1. verifies every component with the injected verifier (a failed, revoked, suspended or
 *      expired one never counts) — portability does not import the verifier; the public
 *      `evaluatePathway` (verifier/evaluate-pathway.ts) binds `verifyCredential`;
 *   2. checks they belong to one learner (the same subject id, or a salted-hash email the
 *      caller proves by supplying the address);
 *   3. applies the per-component filters (age, accepted issuers, credit units, level range,
 *      component constraints, assured QA) and drops double counts;
 *   4. evaluates the requirements (total credits in the pathway's unit after conversion,
 *      credits at or above a level with the all-candidates rule, required achievements,
 *      choose-N-of groups with no component used twice, minimum components).
 * Every exclusion and every rule comes back with its reason. Deterministic; offline.
 * This module runs the steps in order; each lives in pathway/ (parse, learner, filters,
 * requirements, and the max-flow assignment they use).
 *
 * @example
 * const result = await evaluatePathwayWith(verifier, parsePathway(doc), [a, b, c], { trustList })
 * result.satisfied // false
 * result.missing   // [{ rule: 'minTotalCredits', need: 30, have: 25, … }]
 */
import { isPlainObject } from '../credential/shape.js'
import { MicrocredError } from '../errors.js'
import { asArray } from '../model/open-badges.js'
import { systemClock } from '../ports.js'
import type { VerificationResult } from '../verifier/result.js'
import { normalizeCreditSystem } from './credits.js'
import { readCredentialFacts } from './facts.js'
import { eqfCandidates, type LevelConfidence } from './levels.js'
import { filterComponents } from './pathway/filters.js'
import { resolveLearner } from './pathway/learner.js'
import { round } from './pathway/numbers.js'
import { evaluateRequirements } from './pathway/requirements.js'
import type {
  Candidate,
  CountedComponent,
  EvaluationSettings,
  ExcludeComponent,
  ExcludedComponent,
  Pathway,
  PathwayEvaluationOptions,
  PathwayResult,
  PathwayVerifier,
  RuleResult,
  VerifiedComponent,
} from './pathway/types.js'

export { parsePathway } from './pathway/parse.js'
export { matchesAchievement } from './pathway/requirements.js'
export type {
  AchievementMatch,
  CountedComponent,
  ExcludedComponent,
  MissingItem,
  Pathway,
  PathwayEvaluationOptions,
  PathwayResult,
  PathwayVerifier,
  Requirement,
  RuleOutcome,
  RuleResult,
} from './pathway/types.js'

/** Evaluates `input` (credentials, or a verifiable presentation carrying them) against `pathway`. */
export async function evaluatePathwayWith(
  verifier: PathwayVerifier,
  pathway: Pathway,
  input: readonly unknown[] | Record<string, unknown>,
  options: PathwayEvaluationOptions = {},
): Promise<PathwayResult> {
  const now = (verifier.clock ?? systemClock).now()
  const unit = normalizeCreditSystem(pathway.creditUnit)
  if (unit === undefined) throw new MicrocredError('ERR_PATHWAY_INVALID', `creditUnit ${pathway.creditUnit} is not a credit system microcred knows`)
  const settings: EvaluationSettings = {
    unit,
    method: pathway.conversion ?? 'fte-year',
    levelMatch: pathway.levelMatch ?? 'all',
    minConfidence: pathway.levelConfidence ?? 'comparison',
    noDoubleCounting: pathway.rules.noDoubleCounting ?? true,
  }

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
      const vp = await verifier.presentation(input)
      presentation = { verified: vp.verified, ...(holder !== undefined ? { holder } : {}) }
      if (!vp.verified) {
        const bad = vp.checks.find((c) => c.outcome === 'fail' || c.outcome === 'error')
        rules.push({ id: 'presentation', kind: 'requirement', outcome: 'fail', code: bad?.code ?? 'ERR_PRESENTATION_MALFORMED', detail: `the presentation does not verify: ${bad?.message ?? 'not verified'}` })
      } else if (holder !== undefined) learnerId ??= holder
    } else presentation = { verified: false, ...(holder !== undefined ? { holder } : {}) }
  }

  const excluded: ExcludedComponent[] = []
  const exclude: ExcludeComponent = (index, credential, code, reason, check) => {
    excluded.push({ index, credential: labelOf(credential, index), code, reason, ...(check ? { check } : {}) })
  }

  // 1. Verify every component.
  const verified: VerifiedComponent[] = []
  const results = await Promise.all(credentials.map((c) => verifier.credential(c)))
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

  // 2. One learner.
  const email = options.learner?.email
  const learner = await resolveLearner(verified, learnerId, email, exclude)
  learnerId = learner.learnerId
  rules.push(learner.rule)

  // 3. Per-component filters.
  const counted = await filterComponents(pathway, learner.sameLearner, { now, settings, verifier, options, exclude }, rules)

  // 4. Requirements.
  const { missing, total, atOrAbove, usedFor } = evaluateRequirements(pathway, counted, settings, rules)

  const satisfied = rules.every((rule) => rule.kind === 'filter' || rule.outcome === 'pass')
  const estimated = counted.some((c) => c.credits?.estimated === true)
  excluded.sort((a, b) => a.index - b.index)
  return {
    pathway: { id: pathway.id, name: pathway.name, ...(pathway.version !== undefined ? { version: pathway.version } : {}) },
    satisfied,
    learner: { ...(learnerId !== undefined ? { id: learnerId } : {}), ...(email !== undefined ? { email: true } : {}) },
    counted: counted.map((c) => toCounted(c, usedFor.get(c.index) ?? [], settings.minConfidence)),
    excluded,
    totals: { credits: round(total), unit, method: settings.method, estimated, components: counted.length, atOrAboveLevel: atOrAbove },
    rules,
    missing,
    ...(presentation !== undefined ? { presentation } : {}),
    evaluatedAt: now.toISOString(),
  }
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
