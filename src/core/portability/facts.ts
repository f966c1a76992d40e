/**
 * @module portability/facts
 * The facts profiles and pathways reason about, read from one credential: the
 * achievement through `readMicroCredential` (OB 3.0 fields first, the microcred extension
 * second) plus the credential's issuer, address, dates, subject, results and evidence.
 * One reader per element (facts/readers.ts); the types are in facts/types.ts.
 * Reading never fails: what is absent is simply not in the facts.
 */
import { isPlainObject } from '../credential/shape.js'
import { readMicroCredential } from '../model/micro-credential.js'
import { asArray } from '../model/open-badges.js'
import { FACT_READERS } from './facts/readers.js'
import type { CredentialFacts } from './facts/types.js'

export { FACT_NAMES } from './facts/types.js'
export type { CreditsFact, CredentialFacts, FactName, LearnerFact, LevelFact, QualityAssuranceFact } from './facts/types.js'

/** The achievement object of an OB 3.0 credential (first subject), if there is one. */
export function achievementOf(credential: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(credential)) return undefined
  const subject = asArray(credential['credentialSubject'] as unknown)[0]
  if (!isPlainObject(subject)) return undefined
  return isPlainObject(subject['achievement']) ? subject['achievement'] : undefined
}

export function subjectOf(credential: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(credential)) return undefined
  const subject = asArray(credential['credentialSubject'] as unknown)[0]
  return isPlainObject(subject) ? subject : undefined
}

/** Reads every fact of a credential. Pure; never throws. */
export function readCredentialFacts(credential: unknown): CredentialFacts {
  const facts: CredentialFacts = {
    awardingBodies: [],
    learningOutcomes: [],
    competencies: [],
    alignments: [],
    levels: [],
    fieldCodes: [],
    otherIdentifiers: [],
    qualityAssurance: [],
    results: [],
    evidence: [],
    endorsements: [],
  }
  if (!isPlainObject(credential)) return facts
  const achievement = achievementOf(credential) ?? {}
  const sources = {
    credential,
    achievement,
    subject: subjectOf(credential) ?? {},
    issuer: isPlainObject(credential['issuer']) ? credential['issuer'] : {},
    mc: readMicroCredential(achievement),
    alignments: asArray(achievement['alignment'] as unknown).filter(isPlainObject),
  }
  for (const read of FACT_READERS) read(sources, facts)
  return facts
}
