/**
 * @module portability/profile-check
 * The verifier's `profile:<id>` checks: one per requested profile, with every element's
 * result in `details.elements`. Facts and the QA assessment are computed once and shared.
 */
import { fail, pass, type Check } from '../verifier/result.js'
import { readCredentialFacts } from './facts.js'
import { evaluateProfile, type FrameworkProfile } from './profile.js'
import { assessQualityAssurance, type QaAssessment, type VerifyFn } from './qa.js'
import type { TrustList } from './trust-list.js'

export interface ProfileCheckOptions {
  trustList?: TrustList
  endorsements?: readonly unknown[]
  /** Verifies endorsements (the caller's verifier, same loader and clock). */
  verify: VerifyFn
}

export async function checkProfiles(credential: unknown, profiles: readonly FrameworkProfile[], options: ProfileCheckOptions): Promise<Check[]> {
  if (profiles.length === 0) return []
  const facts = readCredentialFacts(credential)
  let qa: QaAssessment | undefined
  if (facts.qualityAssurance.length > 0 && profiles.some((p) => p.elements.some((e) => e.fact === 'qualityAssurance'))) {
    qa = await assessQualityAssurance(facts, {
      verify: options.verify,
      ...(options.trustList !== undefined ? { trustList: options.trustList } : {}),
      ...(options.endorsements !== undefined ? { endorsements: options.endorsements } : {}),
    })
  }
  const checks: Check[] = []
  for (const profile of profiles) {
    const result = await evaluateProfile(profile, credential, { facts, ...(qa !== undefined ? { qa } : {}) })
    const id = `profile:${profile.id}`
    const details = { profile: result.profile, summary: result.summary, elements: result.elements }
    const warned = result.elements.filter((e) => e.outcome === 'warn')
    if (result.met) {
      const note = warned.length > 0 ? `; warnings: ${warned.map((e) => `${e.id} (${e.warnings?.map((w) => w.message).join('; ')})`).join(', ')}` : ''
      checks.push(pass(id, `meets ${profile.name}: all ${result.summary.required} required elements present${note}`, details))
    } else {
      const failed = result.elements.filter((e) => e.outcome === 'fail')
      checks.push(fail(id, 'ERR_PROFILE_NOT_MET', `does not meet ${profile.name}: ${failed.map((e) => `${e.id} ${e.status.replace(/-/g, ' ')}${e.rule && e.status !== 'missing' ? ` (needs ${e.rule})` : ''}`).join('; ')}`, details))
    }
  }
  return checks
}
