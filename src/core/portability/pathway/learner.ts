/**
 * @module portability/pathway/learner
 * Step 2 of a pathway evaluation: the components must belong to one learner. The learner is
 * the given id, else the verified holder of the presentation, else (with an email) the subject
 * id of a credential that proves the email, else the first subject id. Credentials identified
 * only by a salted-hash email count when the caller proves the address.
 */
import { matchesEmail } from '../../credential/recipient.js'
import type { IdentityObject } from '../../model/open-badges.js'
import type { CredentialFacts } from '../facts.js'
import type { ExcludeComponent, RuleResult, VerifiedComponent } from './types.js'

export interface LearnerResolution {
  learnerId: string | undefined
  /** The components about that learner, in input order. */
  sameLearner: VerifiedComponent[]
  /** The `sameLearner` requirement. */
  rule: RuleResult
}

/** `known`: the learner id already known (given, or the verified holder). Others are excluded through `exclude`. */
export async function resolveLearner(verified: VerifiedComponent[], known: string | undefined, email: string | undefined, exclude: ExcludeComponent): Promise<LearnerResolution> {
  let learnerId = known
  const emailMatches = await Promise.all(verified.map((v) => (email === undefined ? false : anyEmailMatch(v.facts.learner?.identifier ?? [], email))))
  if (learnerId === undefined) {
    learnerId =
      email !== undefined
        ? verified.find((v, i) => emailMatches[i] && v.facts.learner?.id !== undefined)?.facts.learner?.id
        : verified.map((v) => v.facts.learner?.id).find((id) => id !== undefined)
  }
  const others = new Set<string>()
  const sameLearner: VerifiedComponent[] = []
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
  const rule: RuleResult =
    others.size === 0
      ? { id: 'sameLearner', kind: 'requirement', outcome: 'pass', detail: `every counted component is about ${learnerId ?? 'the learner'}${email !== undefined ? ' (email proven)' : ''}` }
      : { id: 'sameLearner', kind: 'requirement', outcome: 'fail', code: 'ERR_PATHWAY_LEARNER_MISMATCH', detail: `credentials of other learners were presented: ${[...others].join(', ')}` }
  return { learnerId, sameLearner, rule }
}

async function anyEmailMatch(identifiers: readonly NonNullable<NonNullable<CredentialFacts['learner']>['identifier']>[number][], email: string): Promise<boolean> {
  for (const identity of identifiers) {
    if (await matchesEmail(identity as IdentityObject, email)) return true
  }
  return false
}
