/**
 * @module portability/qa
 * Verifiable quality assurance. A QA claim in a credential (`qualityAssurance[]`) is
 * *assured* only when a signed OB 3.0 `EndorsementCredential` backs it:
 *   - embedded in the achievement's or the issuer's `endorsement`, or supplied beside it;
 *   - verified by microcred's own verifier (signature, issuer key, dates, status);
 *   - about this achievement or this issuer (its `credentialSubject.id`);
 *   - signed by a body in the verifier's trust list (role `qa-body`), trusted at the time
 *     the credential and the endorsement were issued, and within the entry's scope
 *     (levels, fields, countries);
 *   - and signed by the body the claim names (its id, or one of the entry's `sameAs`).
 * Otherwise the claim is *claimed, unconfirmed*, with the reason and its code.
 */
import { isPlainObject } from '../credential/shape.js'
import type { MicrocredErrorCode } from '../errors.js'
import { asArray, issuerIdOf } from '../model/open-badges.js'
import type { VerificationResult } from '../verifier/result.js'
import type { CredentialFacts, QualityAssuranceFact } from './facts.js'
import { entryIds, findTrustEntry, scopeProblem, windowProblem, type TrustEntry, type TrustList } from './trust-list.js'

/** Verifies one credential (the caller's `verifyCredential` with its loader and clock). */
export type VerifyFn = (credential: unknown) => Promise<VerificationResult>

export type AssuranceStatus = 'assured' | 'claimed-unconfirmed'

export interface EndorsementAssessment {
  id?: string
  signer?: string
  /** Where it was found. */
  on: 'achievement' | 'issuer' | 'supplied'
  /** What it endorses: this achievement, this issuer, or something else. */
  about: 'achievement' | 'issuer' | 'other'
  subject?: string
  /** The trust entry that vouches for the signer, when one does. */
  trustEntry?: string
  /** Ids the trusted signer answers to (its DID and `sameAs`). */
  signerIds: string[]
  ok: boolean
  code?: MicrocredErrorCode
  reason: string
  /** How far it got (higher is closer to assuring); picks the most telling reason. */
  stage: number
}

export interface QaClaimAssessment {
  claim: QualityAssuranceFact
  status: AssuranceStatus
  /** Present when unconfirmed. */
  code?: MicrocredErrorCode
  reason: string
  /** The endorsement that assures it. */
  endorsement?: { id?: string; signer?: string; on: 'achievement' | 'issuer' | 'supplied'; about: 'achievement' | 'issuer'; trustEntry: string }
}

export interface QaAssessment {
  claims: QaClaimAssessment[]
  endorsements: EndorsementAssessment[]
}

export interface AssessQaOptions {
  trustList?: TrustList
  /** Endorsements supplied beside the credential. */
  endorsements?: readonly unknown[]
  verify: VerifyFn
}

const STAGE = { invalid: 0, mismatch: 1, noTrustList: 2, untrusted: 3, window: 4, scope: 5, ok: 6 } as const

export async function assessQualityAssurance(facts: CredentialFacts, options: AssessQaOptions): Promise<QaAssessment> {
  const found: { on: 'achievement' | 'issuer' | 'supplied'; credential: unknown }[] = [
    ...facts.endorsements,
    ...(options.endorsements ?? []).map((credential) => ({ on: 'supplied' as const, credential })),
  ]
  const endorsements: EndorsementAssessment[] = []
  for (const { on, credential } of found) endorsements.push(await assessEndorsement(credential, on, facts, options))
  const claims = facts.qualityAssurance.map((claim) => assessClaim(claim, endorsements))
  return { claims, endorsements }
}

async function assessEndorsement(
  credential: unknown,
  on: 'achievement' | 'issuer' | 'supplied',
  facts: CredentialFacts,
  options: AssessQaOptions,
): Promise<EndorsementAssessment> {
  const doc = isPlainObject(credential) ? credential : {}
  const base = {
    ...(typeof doc['id'] === 'string' ? { id: doc['id'] } : {}),
    on,
    about: 'other' as EndorsementAssessment['about'],
    signerIds: [] as string[],
  }
  const signer = issuerIdOf(doc)
  if (signer !== undefined) Object.assign(base, { signer, signerIds: [signer] })
  const types = asArray(doc['type'] as unknown)
  if (!types.includes('EndorsementCredential')) {
    return { ...base, ok: false, code: 'ERR_TRUST_ENDORSEMENT_INVALID', reason: 'not an EndorsementCredential', stage: STAGE.invalid }
  }
  const result = await options.verify(credential)
  if (!result.verified) {
    const bad = result.checks.find((c) => c.outcome === 'fail' || c.outcome === 'error')
    return {
      ...base,
      ok: false,
      code: 'ERR_TRUST_ENDORSEMENT_INVALID',
      reason: `the endorsement${signer ? ` by ${signer}` : ''} does not verify: ${bad ? `${bad.id}: ${bad.message}` : 'not verified'}`,
      stage: STAGE.invalid,
    }
  }
  const subject = asArray(doc['credentialSubject'] as unknown).filter(isPlainObject)[0]
  const subjectId = typeof subject?.['id'] === 'string' ? subject['id'] : undefined
  const about = subjectId !== undefined && subjectId === facts.achievementId ? 'achievement' : subjectId !== undefined && subjectId === facts.issuer?.id ? 'issuer' : 'other'
  const common = { ...base, about: about as EndorsementAssessment['about'], ...(subjectId !== undefined ? { subject: subjectId } : {}) }
  if (about === 'other') {
    return {
      ...common,
      ok: false,
      code: 'ERR_TRUST_ENDORSEMENT_MISMATCH',
      reason: `the endorsement by ${signer} is about ${subjectId ?? 'nothing'}, not this achievement (${facts.achievementId ?? 'no id'}) or its issuer (${facts.issuer?.id ?? 'no id'})`,
      stage: STAGE.mismatch,
    }
  }
  if (options.trustList === undefined) {
    return { ...common, ok: false, code: 'ERR_TRUST_NO_TRUST_LIST', reason: `no trust list was supplied, so the endorsement by ${signer} cannot be trusted`, stage: STAGE.noTrustList }
  }
  const proofs = asArray(doc['proof'] as unknown).filter(isPlainObject)
  const verificationMethods = proofs.map((p) => p['verificationMethod']).filter((v): v is string => typeof v === 'string')
  const entry = findTrustEntry(options.trustList, { id: signer ?? '', verificationMethods }, 'qa-body')
  if (entry === undefined) {
    return { ...common, ok: false, code: 'ERR_TRUST_SIGNER_UNTRUSTED', reason: `the endorsement is signed by ${signer}, which is not a QA body in the trust list`, stage: STAGE.untrusted }
  }
  const trusted = { ...common, trustEntry: entry.name, signerIds: [...new Set([signer!, ...entryIds(entry)])] }
  const window = windowProblem(entry, { 'credential was issued': facts.issued, 'endorsement was issued': stringOf(doc['validFrom']) })
  if (window !== undefined) return { ...trusted, ok: false, code: window.code, reason: window.reason, stage: STAGE.window }
  const scope = scopeProblem(entry, facts)
  if (scope !== undefined) return { ...trusted, ok: false, code: 'ERR_TRUST_OUT_OF_SCOPE', reason: scope, stage: STAGE.scope }
  return { ...trusted, ok: true, reason: `endorsed by ${entry.name} (${signer}), trusted by the trust list`, stage: STAGE.ok }
}

function assessClaim(claim: QualityAssuranceFact, endorsements: EndorsementAssessment[]): QaClaimAssessment {
  const names = (e: EndorsementAssessment): boolean => e.signerIds.includes(claim.body.id)
  const good = endorsements.find((e) => e.ok && names(e) && e.about !== 'other')
  if (good !== undefined) {
    return {
      claim,
      status: 'assured',
      reason: good.reason,
      endorsement: {
        ...(good.id !== undefined ? { id: good.id } : {}),
        ...(good.signer !== undefined ? { signer: good.signer } : {}),
        on: good.on,
        about: good.about as 'achievement' | 'issuer',
        trustEntry: good.trustEntry!,
      },
    }
  }
  const label = `${claim.body.name || 'the QA body'} (${claim.body.id})`
  const relevant = endorsements.filter(names).sort((a, b) => b.stage - a.stage)[0]
  if (relevant !== undefined) {
    return { claim, status: 'claimed-unconfirmed', code: relevant.code!, reason: `claimed, unconfirmed: ${relevant.reason}` }
  }
  // Nothing signed by the claimed body: say so, and what the endorsements that exist lack.
  const best = [...endorsements].sort((a, b) => b.stage - a.stage)[0]
  if (best !== undefined) {
    const why = best.ok ? `it is endorsed by ${best.trustEntry} (${best.signer}), not by ${label}` : best.reason
    return { claim, status: 'claimed-unconfirmed', code: best.ok ? 'ERR_TRUST_NO_ENDORSEMENT' : best.code!, reason: `claimed, unconfirmed: no endorsement signed by ${label}; ${why}` }
  }
  return { claim, status: 'claimed-unconfirmed', code: 'ERR_TRUST_NO_ENDORSEMENT', reason: `claimed, unconfirmed: no endorsement signed by ${label} was embedded or supplied` }
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** Whether any entry of the trust list answers to `id` with `role` (for issuer acceptance). */
export function trustedAs(list: TrustList | undefined, id: string, role: 'issuer' | 'qa-body'): TrustEntry | undefined {
  return list?.entries.find((e) => (e.roles ?? ['qa-body']).includes(role) && entryIds(e).includes(id))
}
