/**
 * @module verifier/checks/proof
 * The signature. Keeps apart the reasons a proof does not verify, because they call for
 * different actions: the key cannot be resolved offline (supply the issuer's document),
 * a term is undefined (the issuer made a JSON-LD mistake), or the signature does not
 * match (the credential was changed after signing: tampered).
 *
 * One proof is verified directly (suites/eddsa-rdfc-2022-proof.ts); proof sets and chains
 * (several proofs, `previousProof`) go through jsonld-signatures, which implements them; it
 * (and jsonld.js with it) is loaded only when such a credential arrives.
 */
import { isPlainObject } from '../../credential/shape.js'
import { decodePublicKeyMultibase } from '../../encoding/multikey.js'
import { isMicrocredError } from '../../errors.js'
import { diagnoseJsonLdError } from '../../jsonld/diagnose.js'
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
  if (!isPlainObject(doc)) return fail('proof', 'ERR_CREDENTIAL_MALFORMED', 'not a credential object')
  const { proofs, defect } = readProofs(doc)
  if (defect !== undefined) return fail('proof', defect.code, defect.message)
  const details = { verificationMethod: proofs.map((p) => p['verificationMethod']), created: proofs.map((p) => p['created']) }

  const keys: ResolvedKey[] = []
  for (const proof of proofs) {
    const resolved = await resolveKey(proof['verificationMethod'] as string, ctx)
    if ('outcome' in resolved) return resolved
    keys.push(resolved)
  }

  let verified: boolean
  try {
    const only = proofs.length === 1 && !Array.isArray(doc['proof']) && proofs[0]!['previousProof'] === undefined
    verified = only
      ? await verifyProof(doc, proofs[0]!, decodePublicKeyMultibase(keys[0]!.verificationMethod['publicKeyMultibase'] as string), ctx)
      : await verifyProofSet(doc, keys, ctx)
  } catch (e) {
    const diagnosis = diagnoseJsonLdError(e, doc)
    if (diagnosis === undefined) throw e
    // The signature could not even be checked: the document is not valid JSON-LD under safe
    // mode. Reported apart from a signature mismatch, because the cause differs (a term
    // renamed after signing, or an issuer that signed invalid JSON-LD) and so does the fix.
    return error('proof', diagnosis.code, `${diagnosis.message}: the credential was changed after signing, or was signed as invalid JSON-LD`, {
      ...details,
      ...(diagnosis.term ? { term: diagnosis.term } : {}),
      ...(diagnosis.paths ? { paths: diagnosis.paths } : {}),
    })
  }
  if (verified) return pass('proof', 'the signature is valid: the credential has not been changed since it was signed', details)
  return fail('proof', 'ERR_PROOF_INVALID', 'the signature does not match: the credential was changed after it was signed, or signed with another key', details)
}

/** The verification method and its controller, which must list it as an assertion method. */
async function resolveKey(vmId: string, ctx: CheckContext): Promise<ResolvedKey | Check> {
  let vm: unknown
  try {
    vm = (await ctx.documentLoader(vmId)).document
  } catch {
    return fail('proof', 'ERR_KEY_UNRESOLVABLE', `the signing key ${vmId} cannot be resolved offline; supply the issuer's controller document`, {
      verificationMethod: vmId,
    })
  }
  const controllerId = isPlainObject(vm) ? vm['controller'] : undefined
  if (!isPlainObject(vm) || vm['type'] !== 'Multikey' || typeof vm['publicKeyMultibase'] !== 'string' || typeof controllerId !== 'string') {
    return fail('proof', 'ERR_KEY_INVALID', `${vmId} is not a Multikey verification method with a controller`, { verificationMethod: vmId })
  }
  try {
    decodePublicKeyMultibase(vm['publicKeyMultibase'])
  } catch (e) {
    if (isMicrocredError(e)) return fail('proof', e.code, `${vmId}: ${e.message}`, { verificationMethod: vmId })
    throw e
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

/** Several proofs or a chain: jsonld-signatures verifies them (and `previousProof` links). */
async function verifyProofSet(doc: Record<string, unknown>, keys: ResolvedKey[], ctx: CheckContext): Promise<boolean> {
  const controllers = new Set(keys.map((k) => k.controller))
  // With one controller, hand its document to the purpose so nothing is re-loaded or framed.
  const controller = controllers.size === 1 ? keys[0]!.controller : undefined
  const [{ default: jsigs }, { createVerifyingSuite }] = await Promise.all([import('jsonld-signatures'), import('../../suites/eddsa-rdfc-2022.js')])
  const purpose = new jsigs.purposes.AssertionProofPurpose(controller === undefined ? {} : { controller })
  const result = await jsigs.verify(doc, { suite: createVerifyingSuite(), purpose, documentLoader: ctx.documentLoader })
  if (!result.verified && diagnoseJsonLdError(result.error, doc) !== undefined) throw result.error
  return result.verified
}
