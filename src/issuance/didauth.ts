/**
 * @module issuance/didauth
 * Verifies a wallet's DIDAuth presentation (an empty presentation signed by the holder with
 * proofPurpose `authentication`, the challenge and domain we asked for) and says whose DID it
 * proves. eddsa-rdfc-2022 presentations go through the library's `verifyPresentation`;
 * Ed25519Signature2020 (what Learner Credential Wallet signs with, over the VC 1.1 context)
 * through jsonld-signatures with the maintained suite. Only did:key holders are accepted, as
 * the request says (`acceptedMethods: [{ method: 'key' }]`); the key resolves offline.
 */
import jsigs from 'jsonld-signatures'
import { createDocumentLoader, isPlainObject, MicrocredError, verifyPresentation, type DocumentLoader } from '../core/index.js'
import { dataIntegrityFormatOf } from '../core/suites/data-integrity-formats.js'
import { createSuiteFor } from '../core/suites/data-integrity-suites.js'

const loader: DocumentLoader = createDocumentLoader()

/** The holder DID a DIDAuth presentation proves, or MicrocredError (400) saying why not. */
export async function verifyDidAuth(vp: unknown, expected: { challenge: string; domain: string }): Promise<string> {
  if (!isPlainObject(vp)) throw new MicrocredError('ERR_PRESENTATION_MALFORMED', 'verifiablePresentation must be a JSON object')
  const holderRaw = vp['holder']
  const holder = typeof holderRaw === 'string' ? holderRaw : isPlainObject(holderRaw) && typeof holderRaw['id'] === 'string' ? holderRaw['id'] : undefined
  if (holder === undefined) throw new MicrocredError('ERR_PRESENTATION_HOLDER', 'the presentation must name its holder: the DID the credential will be made out to')
  if (!holder.startsWith('did:key:')) throw new MicrocredError('ERR_PRESENTATION_HOLDER', 'the holder must be a did:key (the accepted DID method)')
  const proofs = (Array.isArray(vp['proof']) ? vp['proof'] : [vp['proof']]).filter(isPlainObject)
  const proof = proofs.find((p) => p['proofPurpose'] === 'authentication')
  if (proof === undefined) throw new MicrocredError('ERR_PROOF_MISSING', 'the presentation needs a proof with proofPurpose "authentication"')
  const format = dataIntegrityFormatOf(proof)

  if (format === 'eddsa-rdfc-2022') {
    const result = await verifyPresentation(vp, { ...expected, documentLoader: loader })
    const failed = result.checks.find((c) => c.outcome !== 'pass')
    if (failed !== undefined) throw new MicrocredError(failed.code ?? 'ERR_PROOF_INVALID', failed.message)
    return holder
  }
  if (format === 'Ed25519Signature2020') {
    if (proof['challenge'] !== expected.challenge) throw new MicrocredError('ERR_PRESENTATION_CHALLENGE')
    if (proof['domain'] !== expected.domain) throw new MicrocredError('ERR_PRESENTATION_DOMAIN')
    const vm = typeof proof['verificationMethod'] === 'string' ? proof['verificationMethod'] : ''
    if (vm.split('#')[0] !== holder) throw new MicrocredError('ERR_PRESENTATION_HOLDER', `the presentation names ${holder} as holder but was signed by ${vm || 'an unnamed key'}`)
    const purpose = new jsigs.purposes.AuthenticationProofPurpose(expected)
    const result = await jsigs.verify(vp, { suite: createSuiteFor(format), purpose, documentLoader: loader })
    if (!result.verified) throw new MicrocredError('ERR_PROOF_INVALID', 'the presentation signature does not verify with the holder\'s key (or was not made for this request)')
    return holder
  }
  throw new MicrocredError('ERR_PROOF_UNSUPPORTED', 'sign the DIDAuth presentation with eddsa-rdfc-2022 (DataIntegrityProof) or Ed25519Signature2020')
}
