/**
 * @module verifier/checks/proof
 * The signature. Keeps apart the reasons a proof does not verify, because they call for
 * different actions: the key cannot be resolved offline (supply the issuer's document),
 * a term is undefined (the issuer made a JSON-LD mistake), or the signature does not
 * match (the credential was changed after signing: tampered).
 */
import jsigs from 'jsonld-signatures'
import { isPlainObject } from '../../credential/shape.js'
import { diagnoseJsonLdError } from '../../jsonld/diagnose.js'
import { createVerifyingSuite } from '../../suites/eddsa-rdfc-2022.js'
import type { CheckContext } from '../context.js'
import { error, fail, pass, type Check } from '../result.js'
import { readProofs } from './proof-structure.js'

export async function checkProof(ctx: CheckContext): Promise<Check> {
  const doc = ctx.credential
  if (!isPlainObject(doc)) return fail('proof', 'ERR_CREDENTIAL_MALFORMED', 'not a credential object')
  const { proofs, defect } = readProofs(doc)
  if (defect !== undefined) return fail('proof', defect.code, defect.message)

  const controllers = new Map<string, unknown>()
  for (const proof of proofs) {
    const vmId = proof['verificationMethod'] as string
    let vm: unknown
    try {
      vm = (await ctx.documentLoader(vmId)).document
    } catch {
      return fail('proof', 'ERR_KEY_UNRESOLVABLE', `the signing key ${vmId} cannot be resolved offline; supply the issuer's controller document`, {
        verificationMethod: vmId,
      })
    }
    const controller = isPlainObject(vm) ? vm['controller'] : undefined
    if (!isPlainObject(vm) || vm['type'] !== 'Multikey' || typeof vm['publicKeyMultibase'] !== 'string' || typeof controller !== 'string') {
      return fail('proof', 'ERR_KEY_INVALID', `${vmId} is not a Multikey verification method with a controller`, { verificationMethod: vmId })
    }
    try {
      controllers.set(controller, (await ctx.documentLoader(controller)).document)
    } catch {
      return fail('proof', 'ERR_KEY_UNRESOLVABLE', `the controller ${controller} of ${vmId} cannot be resolved offline`, { verificationMethod: vmId })
    }
  }

  // With one controller, hand its document to the purpose so nothing is re-loaded or framed.
  const controller = controllers.size === 1 ? [...controllers.values()][0] : undefined
  const purpose = new jsigs.purposes.AssertionProofPurpose(controller === undefined ? {} : { controller })
  const result = await jsigs.verify(doc, { suite: createVerifyingSuite(), purpose, documentLoader: ctx.documentLoader })
  const details = { verificationMethod: proofs.map((p) => p['verificationMethod']), created: proofs.map((p) => p['created']) }
  if (result.verified) return pass('proof', 'the signature is valid: the credential has not been changed since it was signed', details)

  const diagnosis = diagnoseJsonLdError(result.error, doc)
  if (diagnosis !== undefined) {
    const extra = { ...details, ...(diagnosis.term ? { term: diagnosis.term } : {}), ...(diagnosis.paths ? { paths: diagnosis.paths } : {}) }
    // An undefined term is the issuer's JSON-LD mistake, not evidence of tampering.
    return error('proof', diagnosis.code, diagnosis.message, extra)
  }
  return fail('proof', 'ERR_PROOF_INVALID', 'the signature does not match: the credential was changed after it was signed, or signed with another key', details)
}
