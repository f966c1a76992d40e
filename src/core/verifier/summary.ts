/**
 * @module verifier/summary
 * What the credential claims, in the terms a reader looks for: which achievement, which
 * issuer (name and, for did:web and https issuers, its domain), to whom, credits with their
 * system, level with its framework, quality assurance (assured only when a trusted body's
 * endorsement backs it), and dates. A pure reader over portability/facts; it says what the
 * credential *claims* — whether to believe it is the verdict's job.
 */
import type { QaAssessment } from '../portability/qa.js'
import { readCredentialFacts } from '../portability/facts.js'

export type EmailMatch = 'matches' | 'does-not-match' | 'no-email-identity'

export interface ClaimSummary {
  achievement?: { name: string; id?: string; type?: string; description?: string }
  issuer?: { id: string; name?: string; /** Host of a did:web or http(s) issuer. */ domain?: string; url?: string }
  recipient?: {
    /** The subject's DID or URL, when it has one. */
    id?: string
    /** Identity kinds the credential uses (`emailAddress`…), hashed or not; never the hash. */
    identities: { type: string; hashed: boolean }[]
    /** Present when an email was given to check against the identity. */
    email?: EmailMatch
  }
  credits?: { value: number; system?: string; declaredSystem?: string }
  workloadHours?: number
  levels: { framework: string; code: string; uri?: string }[]
  qualityAssurance: {
    body: { id: string; name: string }
    type: string
    /** `assured` only when a trusted QA body's verified endorsement backs the claim. */
    assurance: 'assured' | 'claimed'
    reason: string
  }[]
  dates: { issued?: string; validFrom?: string; validUntil?: string }
}

export interface SummaryOptions {
  /** The QA assessment, when a trust list was supplied. */
  qa?: QaAssessment
  email?: EmailMatch
}

/** The domain behind an issuer id: `did:web:example.edu%3A8443:dept` → `example.edu:8443`, `https://a.example/x` → `a.example`. */
export function issuerDomain(id: string): string | undefined {
  if (id.startsWith('did:web:')) {
    const host = id.slice('did:web:'.length).split(':')[0]
    if (host === undefined || host === '') return undefined
    try {
      return decodeURIComponent(host)
    } catch {
      return host
    }
  }
  if (/^https?:\/\//i.test(id)) {
    try {
      return new URL(id).host
    } catch {
      return undefined
    }
  }
  return undefined
}

/** Reads the claim summary of a credential. Pure; never throws. */
export function readClaimSummary(credential: unknown, options: SummaryOptions = {}): ClaimSummary {
  const facts = readCredentialFacts(credential)
  const summary: ClaimSummary = { levels: [], qualityAssurance: [], dates: {} }
  if (facts.title !== undefined) {
    summary.achievement = {
      name: facts.title,
      ...(facts.achievementId !== undefined ? { id: facts.achievementId } : {}),
      ...(facts.achievementType !== undefined ? { type: facts.achievementType } : {}),
      ...(facts.description !== undefined ? { description: facts.description } : {}),
    }
  }
  if (facts.issuer !== undefined) {
    const domain = issuerDomain(facts.issuer.id)
    summary.issuer = { ...facts.issuer, ...(domain !== undefined ? { domain } : {}) }
  }
  if (facts.learner !== undefined || options.email !== undefined) {
    summary.recipient = {
      ...(facts.learner?.id !== undefined ? { id: facts.learner.id } : {}),
      identities: (facts.learner?.identifier ?? []).map((i) => ({ type: i.identityType, hashed: i.hashed })),
      ...(options.email !== undefined ? { email: options.email } : {}),
    }
  }
  if (facts.credits !== undefined) summary.credits = { ...facts.credits }
  if (facts.workloadHours !== undefined) summary.workloadHours = facts.workloadHours
  summary.levels = facts.levels.map((l) => ({ framework: l.framework, code: l.code, ...(l.uri !== undefined ? { uri: l.uri } : {}) }))
  summary.qualityAssurance = facts.qualityAssurance.map((claim) => {
    const assessed = options.qa?.claims.find((c) => c.claim.body.id === claim.body.id && c.claim.type === claim.type)
    return {
      body: { id: claim.body.id, name: claim.body.name },
      type: claim.type,
      assurance: assessed?.status === 'assured' ? 'assured' : 'claimed',
      reason: assessed?.reason ?? 'claimed by the issuer; no trust list was supplied to confirm it',
    }
  })
  if (facts.issued !== undefined) summary.dates.issued = facts.issued
  if (facts.validFrom !== undefined) summary.dates.validFrom = facts.validFrom
  if (facts.validUntil !== undefined) summary.dates.validUntil = facts.validUntil
  return summary
}
