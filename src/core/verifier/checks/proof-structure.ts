/**
 * @module verifier/checks/proof-structure
 * Reads the proofs of a document and says what is wrong with them structurally, before
 * any key is resolved or any signature checked. Shared by the proof and issuer checks.
 */
import { isDateTimeStamp, isPlainObject } from '../../credential/shape.js'
import type { MicrocredErrorCode } from '../../errors.js'
import { CRYPTOSUITE, PROOF_TYPE } from '../../suites/eddsa-rdfc-2022.js'

export interface ProofDefect {
  code: MicrocredErrorCode
  message: string
}

export interface ReadProofs {
  proofs: Record<string, unknown>[]
  defect?: ProofDefect
}

/** Most proofs in one proof set or chain; each costs a full canonicalization. */
export const MAX_PROOFS = 10

export function readProofs(doc: Record<string, unknown>): ReadProofs {
  const raw = doc['proof']
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    return { proofs: [], defect: { code: 'ERR_PROOF_MISSING', message: 'the credential has no proof: it is not signed' } }
  }
  const proofs = Array.isArray(raw) ? raw : [raw]
  if (proofs.length > MAX_PROOFS) {
    return { proofs: [], defect: { code: 'ERR_PROOF_MALFORMED', message: `more than ${MAX_PROOFS} proofs: not a proof set microcred verifies` } }
  }
  // The same proof listed twice adds no signer: a set with repeats is not a proof set.
  if (new Set(proofs.map((p) => JSON.stringify(p))).size !== proofs.length) {
    return { proofs: [], defect: { code: 'ERR_PROOF_MALFORMED', message: 'the same proof appears more than once' } }
  }
  for (const proof of proofs) {
    if (!isPlainObject(proof)) return { proofs: [], defect: { code: 'ERR_PROOF_MALFORMED', message: 'a proof must be an object' } }
    if (proof['type'] !== PROOF_TYPE || proof['cryptosuite'] !== CRYPTOSUITE) {
      return {
        proofs: [],
        defect: {
          code: 'ERR_PROOF_UNSUPPORTED',
          message: `unsupported proof ${String(proof['type'])}/${String(proof['cryptosuite'])}; microcred verifies ${PROOF_TYPE} with ${CRYPTOSUITE}`,
        },
      }
    }
    const problems: string[] = []
    if (typeof proof['verificationMethod'] !== 'string') problems.push('verificationMethod must be a URL')
    if (typeof proof['proofValue'] !== 'string' || !proof['proofValue'].startsWith('z')) problems.push('proofValue must be a base58btc multibase string')
    if (proof['proofPurpose'] !== 'assertionMethod') problems.push('proofPurpose must be assertionMethod')
    if (proof['created'] !== undefined && !isDateTimeStamp(proof['created'])) problems.push('created must be a date-time')
    if (problems.length > 0) return { proofs: [], defect: { code: 'ERR_PROOF_MALFORMED', message: problems.join('; ') } }
  }
  return { proofs: proofs as Record<string, unknown>[] }
}
