/**
 * @module verifier/checks/proof-structure
 * Reads the proofs of a document and says what is wrong with them structurally, before
 * any key is resolved or any signature checked, in the order of the "verify proof"
 * algorithm of VC Data Integrity 1.0 (§4.4) and the cryptosuites' own preconditions. Each
 * defect carries the error type the specification names, beside microcred's stable code.
 * Shared by the proof and issuer checks.
 */
import { isDateTimeStamp, isPlainObject } from '../../credential/shape.js'
import type { MicrocredErrorCode } from '../../errors.js'
import { dataIntegrityFormatOf, type DataIntegrityFormat } from '../../suites/data-integrity-formats.js'

/** The processing error types of VC Data Integrity 1.0 §4.7 (and the cryptosuites that cite them). */
export type DataIntegrityErrorType =
  | 'PARSING_ERROR'
  | 'PROOF_GENERATION_ERROR'
  | 'PROOF_VERIFICATION_ERROR'
  | 'PROOF_TRANSFORMATION_ERROR'
  | 'MALFORMED_PROOF_ERROR'
  | 'INVALID_DOMAIN_ERROR'
  | 'INVALID_CHALLENGE_ERROR'
  | 'DATA_LOSS_DETECTION_ERROR'
import { CRYPTOSUITE, PROOF_TYPE } from '../../suites/eddsa-rdfc-2022-names.js'

export interface ProofDefect {
  code: MicrocredErrorCode
  errorType: DataIntegrityErrorType
  message: string
  /** Index of the offending proof in the proof set. */
  index?: number
}

export interface ReadProofs {
  proofs: Record<string, unknown>[]
  /** The format of each proof, same order as `proofs`. */
  formats: DataIntegrityFormat[]
  defect?: ProofDefect
}

/** Most proofs in one proof set or chain; each costs a full canonicalization. */
export const MAX_PROOFS = 10

export interface ReadProofOptions {
  /** The proof purpose the verifier expects (default `assertionMethod`: a credential's). */
  expectedProofPurpose?: string
}

/** Multibase: a one-character header naming the base, then the data (Controlled Identifiers §2.4). */
const BASE58BTC = /^z[1-9A-HJ-NP-Za-km-z]+$/
const BASE64URL = /^u[A-Za-z0-9_-]+$/

export function readProofs(doc: Record<string, unknown>, options: ReadProofOptions = {}): ReadProofs {
  const expectedPurpose = options.expectedProofPurpose ?? 'assertionMethod'
  const none = (defect: ProofDefect): ReadProofs => ({ proofs: [], formats: [], defect })
  const raw = doc['proof']
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    return none({ code: 'ERR_PROOF_MISSING', errorType: 'PARSING_ERROR', message: 'the credential has no proof: it is not signed' })
  }
  const proofs = Array.isArray(raw) ? raw : [raw]
  if (proofs.length > MAX_PROOFS) {
    return none({ code: 'ERR_PROOF_MALFORMED', errorType: 'PARSING_ERROR', message: `more than ${MAX_PROOFS} proofs: not a proof set microcred verifies` })
  }
  // The same proof listed twice adds no signer: a set with repeats is not a proof set.
  if (new Set(proofs.map((p) => JSON.stringify(p))).size !== proofs.length) {
    return none({ code: 'ERR_PROOF_MALFORMED', errorType: 'PARSING_ERROR', message: 'the same proof appears more than once' })
  }
  const formats: DataIntegrityFormat[] = []
  for (const [index, proof] of proofs.entries()) {
    if (!isPlainObject(proof)) return none({ code: 'ERR_PROOF_MALFORMED', errorType: 'PARSING_ERROR', message: 'a proof must be a JSON object', index })
    const missing = (['type', 'verificationMethod', 'proofPurpose'] as const).filter((k) => proof[k] === undefined)
    if (missing.length > 0) {
      return none({ code: 'ERR_PROOF_MALFORMED', errorType: 'PROOF_VERIFICATION_ERROR', message: `the proof has no ${missing.join(', ')}`, index })
    }
    if (typeof proof['verificationMethod'] !== 'string') {
      return none({ code: 'ERR_PROOF_MALFORMED', errorType: 'PROOF_VERIFICATION_ERROR', message: 'verificationMethod must be a URL', index })
    }
    const format = dataIntegrityFormatOf(proof)
    if (format === undefined) {
      return none({
        code: 'ERR_PROOF_UNSUPPORTED',
        errorType: 'PROOF_TRANSFORMATION_ERROR',
        message: `unsupported proof ${String(proof['type'])}${proof['cryptosuite'] === undefined ? '' : `/${String(proof['cryptosuite'])}`}; microcred verifies DataIntegrityProof with eddsa-rdfc-2022, eddsa-jcs-2022 or ecdsa-rdfc-2019, and Ed25519Signature2020`,
        index,
      })
    }
    if (proof['proofPurpose'] !== expectedPurpose) {
      return none({
        code: 'ERR_PROOF_PURPOSE_MISMATCH',
        errorType: 'PROOF_VERIFICATION_ERROR',
        message: `the proof's purpose is ${JSON.stringify(proof['proofPurpose'])}, not ${expectedPurpose}`,
        index,
      })
    }
    const value = proof['proofValue']
    if (typeof value !== 'string' || !(BASE58BTC.test(value) || BASE64URL.test(value))) {
      return none({ code: 'ERR_PROOF_MALFORMED', errorType: 'MALFORMED_PROOF_ERROR', message: 'proofValue must be a multibase string', index })
    }
    if (!value.startsWith('z')) {
      return none({ code: 'ERR_PROOF_MALFORMED', errorType: 'MALFORMED_PROOF_ERROR', message: `${format} proofValue must be base58btc multibase (z…)`, index })
    }
    if (proof['created'] !== undefined && !isDateTimeStamp(proof['created'])) {
      return none({ code: 'ERR_PROOF_MALFORMED', errorType: 'MALFORMED_PROOF_ERROR', message: 'created must be a date-time', index })
    }
    formats.push(format)
  }
  const chainDefect = previousProofDefect(proofs as Record<string, unknown>[])
  if (chainDefect !== undefined) return none(chainDefect)
  return { proofs: proofs as Record<string, unknown>[], formats }
}

/**
 * `previousProof` (a string or a list of strings) names proofs of the same set by `id`;
 * every one must be present (VC Data Integrity §2.1.2). Whether they verify is the
 * signature check's business.
 */
function previousProofDefect(proofs: Record<string, unknown>[]): ProofDefect | undefined {
  const ids = new Set(proofs.map((p) => p['id']).filter((id): id is string => typeof id === 'string'))
  for (const [index, proof] of proofs.entries()) {
    const previous = proof['previousProof']
    if (previous === undefined) continue
    const refs = Array.isArray(previous) ? previous : [previous]
    if (refs.length === 0 || refs.some((r) => typeof r !== 'string')) {
      return { code: 'ERR_PROOF_MALFORMED', errorType: 'MALFORMED_PROOF_ERROR', message: 'previousProof must be a proof id or a list of them', index }
    }
    const absent = refs.filter((r) => !ids.has(r as string) || r === proof['id'])
    if (absent.length > 0) {
      return {
        code: 'ERR_PROOF_CHAIN_BROKEN',
        errorType: 'PROOF_VERIFICATION_ERROR',
        message: `the proof chain is broken: ${absent.join(', ')} named by previousProof is not in the proof set`,
        index,
      }
    }
  }
  return undefined
}
