/**
 * @module verifier/checks/proof
 * The signature. Keeps apart the reasons a proof does not verify, because they call for
 * different actions: the key cannot be resolved offline (supply the issuer's document),
 * a term is undefined (the issuer made a JSON-LD mistake), or the signature does not
 * match (the credential was changed after signing: tampered).
 *
 * One eddsa-rdfc-2022 proof is verified directly (suites/eddsa-rdfc-2022-proof.ts); other
 * formats, proof sets and chains (several proofs, `previousProof`) go through
 * jsonld-signatures with the maintained suite of each format, which implements them (it, and
 * jsonld.js with it, is loaded only when such a credential arrives).
 *
 * Every failure carries, beside the code, the VC Data Integrity error type
 * (`details.errorType`), and every outcome the proof format (`details.format`).
 */
import { isPlainObject } from '../../credential/shape.js'
import { decodePublicKeyMultibase } from '../../encoding/multikey.js'
import { isMicrocredError } from '../../errors.js'
import { diagnoseJsonLdError } from '../../jsonld/diagnose.js'
import { KEY_TYPES, type DataIntegrityFormat } from '../../suites/data-integrity-formats.js'
import { verifyProof } from '../../suites/eddsa-rdfc-2022-proof.js'
import type { CheckContext } from '../context.js'
import { error, fail, pass, type Check } from '../result.js'
import { readProofs } from './proof-structure.js'

interface ResolvedKey {
  verificationMethod: Record<string, unknown>
  controller: Record<string, unknown>
}

export async function checkProof(ctx: CheckContext): Promise<Check> {
  const doc = ctx.credential
  if (!isPlainObject(doc)) return fail('proof', 'ERR_CREDENTIAL_MALFORMED', 'not a credential object', { errorType: 'PARSING_ERROR' })
  const { proofs, formats, defect } = readProofs(doc)
  if (defect !== undefined) {
    return fail('proof', defect.code, defect.message, { errorType: defect.errorType, ...(defect.index === undefined ? {} : { proofIndex: defect.index }) })
  }
  const format = formatLabel(formats)
  const details = { format, verificationMethod: proofs.map((p) => p['verificationMethod']), created: proofs.map((p) => p['created']) }

  const keys: ResolvedKey[] = []
  for (const [i, proof] of proofs.entries()) {
    const resolved = await resolveKey(proof['verificationMethod'] as string, formats[i]!, ctx)
    if ('outcome' in resolved) return { ...resolved, details: { format, errorType: 'PROOF_VERIFICATION_ERROR', ...resolved.details } }
    keys.push(resolved)
  }

  let verified: boolean
  try {
    const chained = proofs.some((p) => p['previousProof'] !== undefined)
    if (formats.every((f) => f === 'eddsa-rdfc-2022')) {
      verified = await verifyEddsaRdfcProofs(doc, proofs, keys, ctx)
    } else if (chained) {
      return fail('proof', 'ERR_PROOF_UNSUPPORTED', 'proof chains (previousProof) are verified for eddsa-rdfc-2022 proofs only', { ...details, errorType: 'PROOF_VERIFICATION_ERROR' })
    } else {
      verified = await verifyProofSet(doc, keys, formats, ctx)
    }
  } catch (e) {
    const diagnosis = diagnoseJsonLdError(e, doc)
    if (diagnosis === undefined) throw e
    // The signature could not even be checked: the document is not valid JSON-LD under safe
    // mode. Reported apart from a signature mismatch, because the cause differs (a term
    // renamed after signing, or an issuer that signed invalid JSON-LD) and so does the fix.
    return error('proof', diagnosis.code, `${diagnosis.message}: the credential was changed after signing, or was signed as invalid JSON-LD`, {
      ...details,
      // Safe mode stops where JSON-LD processing would drop data (undefined terms, relative IRIs).
      errorType: diagnosis.code === 'ERR_CONTEXT_NOT_ALLOWED' ? 'PROOF_TRANSFORMATION_ERROR' : 'DATA_LOSS_DETECTION_ERROR',
      ...(diagnosis.term ? { term: diagnosis.term } : {}),
      ...(diagnosis.paths ? { paths: diagnosis.paths } : {}),
    })
  }
  if (verified) return pass('proof', 'the signature is valid: the credential has not been changed since it was signed', details)
  return fail('proof', 'ERR_PROOF_INVALID', 'the signature does not match: the credential was changed after it was signed, or signed with another key', {
    ...details,
    errorType: 'PROOF_VERIFICATION_ERROR',
  })
}

/**
 * eddsa-rdfc-2022 proofs, each verified directly; a proof naming `previousProof` is
 * verified over the document carrying the proofs it names (their presence was checked
 * by readProofs), and each of those is verified in its own turn, so the whole chain is.
 */
async function verifyEddsaRdfcProofs(doc: Record<string, unknown>, proofs: Record<string, unknown>[], keys: ResolvedKey[], ctx: CheckContext): Promise<boolean> {
  const byId = new Map(proofs.filter((p) => typeof p['id'] === 'string').map((p) => [p['id'] as string, p]))
  for (const [i, proof] of proofs.entries()) {
    const previous = proof['previousProof']
    const refs = previous === undefined ? [] : Array.isArray(previous) ? (previous as string[]) : [previous as string]
    const publicKey = decodePublicKeyMultibase(keys[i]!.verificationMethod['publicKeyMultibase'] as string)
    if (!(await verifyProof(doc, proof, publicKey, ctx, refs.map((r) => byId.get(r)!)))) return false
  }
  return true
}

/** `eddsa-rdfc-2022`, or `eddsa-rdfc-2022 + ecdsa-rdfc-2019` for a mixed proof set. */
function formatLabel(formats: readonly DataIntegrityFormat[]): string {
  return [...new Set(formats)].join(' + ')
}

/** The verification method and its controller, which must list it as an assertion method. */
async function resolveKey(vmId: string, format: DataIntegrityFormat, ctx: CheckContext): Promise<ResolvedKey | Check> {
  let vm: unknown
  try {
    vm = (await ctx.documentLoader(vmId)).document
  } catch {
    return fail('proof', 'ERR_KEY_UNRESOLVABLE', `the signing key ${vmId} cannot be resolved offline; supply the issuer's controller document`, {
      verificationMethod: vmId,
    })
  }
  const controllerId = isPlainObject(vm) ? vm['controller'] : undefined
  const types = KEY_TYPES[format]
  if (!isPlainObject(vm) || !types.includes(vm['type'] as string) || typeof vm['publicKeyMultibase'] !== 'string' || typeof controllerId !== 'string') {
    return fail('proof', 'ERR_KEY_INVALID', `${vmId} is not a ${types.join(' or ')} verification method with a controller`, { verificationMethod: vmId })
  }
  if (format === 'eddsa-rdfc-2022') {
    try {
      decodePublicKeyMultibase(vm['publicKeyMultibase'])
    } catch (e) {
      if (isMicrocredError(e)) return fail('proof', e.code, `${vmId}: ${e.message}`, { verificationMethod: vmId })
      throw e
    }
  }
  let controller: unknown
  try {
    controller = (await ctx.documentLoader(controllerId)).document
  } catch {
    return fail('proof', 'ERR_KEY_UNRESOLVABLE', `the controller ${controllerId} of ${vmId} cannot be resolved offline`, { verificationMethod: vmId })
  }
  const methods = isPlainObject(controller) ? controller['assertionMethod'] : undefined
  const listed = (Array.isArray(methods) ? methods : []).some((m) => m === vmId || (isPlainObject(m) && m['id'] === vmId))
  if (!isPlainObject(controller) || !listed) {
    return fail('proof', 'ERR_KEY_NOT_AUTHORIZED', `${controllerId} does not list ${vmId} as an assertion method`, { verificationMethod: vmId })
  }
  return { verificationMethod: vm, controller }
}

/** Other formats, several proofs or a chain: jsonld-signatures verifies them (and `previousProof` links). */
async function verifyProofSet(doc: Record<string, unknown>, keys: ResolvedKey[], formats: readonly DataIntegrityFormat[], ctx: CheckContext): Promise<boolean> {
  const controllers = new Set(keys.map((k) => k.controller))
  // With one controller, hand its document to the purpose so nothing is re-loaded or framed.
  const controller = controllers.size === 1 ? keys[0]!.controller : undefined
  const [{ default: jsigs }, { createSuiteFor }] = await Promise.all([import('jsonld-signatures'), import('../../suites/data-integrity-suites.js')])
  const purpose = new jsigs.purposes.AssertionProofPurpose(controller === undefined ? {} : { controller })
  const suite = [...new Set(formats)].map(createSuiteFor)
  const result = await jsigs.verify(doc, { suite, purpose, documentLoader: ctx.documentLoader })
  if (!result.verified && diagnoseJsonLdError(result.error, doc) !== undefined) throw result.error
  return result.verified
}
