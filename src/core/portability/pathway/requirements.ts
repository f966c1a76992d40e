/**
 * @module portability/pathway/requirements
 * Step 4 of a pathway evaluation: the requirements over the components that count — total
 * credits in the pathway's unit, credits at or above a level (all-candidates rule by default),
 * minimum components, required achievements and choose-N-of groups (one assignment problem,
 * solved by ./max-flow.ts so that no component serves two requirements unless allowed).
 */
import type { CredentialFacts } from '../facts.js'
import { compareLevel } from '../levels.js'
import { maxAssignment } from './max-flow.js'
import { round, sum } from './numbers.js'
import type { AchievementMatch, Candidate, EvaluationSettings, MissingItem, Pathway, PathwayResult, RuleResult } from './types.js'

export interface RequirementsOutcome {
  missing: MissingItem[]
  /** Credits of the counted components, in the pathway's unit. */
  total: number
  atOrAbove: PathwayResult['totals']['atOrAboveLevel']
  /** Component index → the requirements it was assigned to. */
  usedFor: Map<number, string[]>
}

/** Appends one rule per requirement to `rules`; returns what is missing and how components were used. */
export function evaluateRequirements(pathway: Pathway, counted: Candidate[], settings: EvaluationSettings, rules: RuleResult[]): RequirementsOutcome {
  const { unit, method, levelMatch, minConfidence, noDoubleCounting } = settings
  const r = pathway.rules
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
  return { missing, total, atOrAbove, usedFor }

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
