/**
 * @module verifier/verify-presentation
 * Verifies a Verifiable Presentation offline: its own proof (purpose `authentication`,
 * with the challenge and domain the verifier expects), that the holder signed it, and every
 * credential it carries through `verifyCredential`. Like credentials, a bad presentation is
 * a result, not an exception.
 *
 * @example
 * const result = await verifyPresentation(vp, { challenge: '6e62f66e-…', domain: 'employer.example' })
 * result.verified            // presentation checks and every credential passed
 * result.credentials[0]      // the VerificationResult of the first embedded credential
 */
import jsigs from 'jsonld-signatures'
import { VC_V2_CONTEXT } from '../contexts/bundled.js'
import { createDocumentLoader, type DocumentLoader } from '../contexts/document-loader.js'
import { documentLimitProblem } from '../credential/document-limits.js'
import { isDateTimeStamp, isPlainObject, type ShapeProblem } from '../credential/shape.js'
import { isMicrocredError } from '../errors.js'
import { diagnoseJsonLdError } from '../jsonld/diagnose.js'
import { createVerifyingSuite, CRYPTOSUITE, PROOF_TYPE } from '../suites/eddsa-rdfc-2022.js'
import { MAX_PRESENTED_CREDENTIALS } from './presentation-limits.js'
import { error, fail, isAcceptable, pass, skip, type Check } from './result.js'
import { buildVerdict, type Verdict } from './verdict.js'
import { verifyCredential, type CredentialVerificationResult, type VerifyOptions } from './verify-credential.js'

export interface VerifyPresentationOptions extends VerifyOptions {
  /** The challenge the verifier issued; the proof must carry exactly it. Absent: not checked. */
  challenge?: string
  /** The domain the presentation must be bound to. Absent: not checked. */
  domain?: string
}

export interface PresentationVerificationResult {
  /** True only when every presentation check and every credential verified (fail closed). */
  verified: boolean
  /** Presentation checks: `presentation.shape`, `.proof`, `.challenge`, `.domain`, `.holder`. */
  checks: Check[]
  /** One result per embedded credential, in order, each with its own verdict and summary. */
  credentials: CredentialVerificationResult[]
  /**
   * The presentation's verdict: its own checks and every credential's problems and warnings
   * (check ids prefixed `credentials[i].`). Not verified when any of them is.
   */
  verdict: Verdict
}

export const PRESENTATION_CHECK_IDS = [
  'presentation.shape',
  'presentation.proof',
  'presentation.challenge',
  'presentation.domain',
  'presentation.holder',
] as const

const defaultLoader = createDocumentLoader()

export { MAX_PRESENTED_CREDENTIALS }

export async function verifyPresentation(presentation: unknown, options: VerifyPresentationOptions = {}): Promise<PresentationVerificationResult> {
  if (options === null || typeof options !== 'object') throw new TypeError('verifyPresentation: options must be an object')
  const loader: DocumentLoader =
    options.documentLoader ?? (options.documents === undefined ? defaultLoader : createDocumentLoader({ documents: options.documents }))
  const credentialOptions: VerifyOptions = { ...options, documentLoader: loader }
  delete (credentialOptions as VerifyPresentationOptions).challenge
  delete (credentialOptions as VerifyPresentationOptions).domain

  const shape = presentationShapeProblems(presentation)
  if (shape.length > 0 || !isPlainObject(presentation)) {
    const checks: Check[] = [
      fail('presentation.shape', 'ERR_PRESENTATION_MALFORMED', `not a well-formed presentation: ${shape.map((p) => `${p.path}: ${p.message}`).join('; ')}`, { problems: shape }),
      ...PRESENTATION_CHECK_IDS.slice(1).map((id) => skip(id, 'not checked: the presentation is malformed')),
    ]
    return { verified: false, checks, credentials: [], verdict: presentationVerdict(checks, [], options) }
  }

  const embedded = presentation['verifiableCredential']
  const credentials = embedded === undefined ? [] : Array.isArray(embedded) ? embedded : [embedded]
  const [proofChecks, credentialResults] = await Promise.all([
    checkPresentationProof(presentation, loader, options),
    Promise.all(credentials.map((c) => verifyCredential(c, credentialOptions))),
  ])
  const checks = [pass('presentation.shape', 'the presentation is well formed', { credentials: credentials.length }), ...proofChecks]
  const verdict = presentationVerdict(checks, credentialResults, options)
  const verified = checks.every(isAcceptable) && credentialResults.every((r) => r.verified)
  return { verified, checks, credentials: credentialResults, verdict }
}

/** One verdict over the presentation's checks and every credential's unresolved ones. */
function presentationVerdict(checks: Check[], credentials: readonly CredentialVerificationResult[], options: VerifyPresentationOptions): Verdict {
  const carried = credentials.flatMap((r, i) => r.checks.filter((c) => !isAcceptable(c) || c.outcome === 'warn').map((c) => ({ ...c, id: `credentials[${i}].${c.id}` })))
  return buildVerdict([...checks, ...carried], {
    strict: options.strict === true,
    subject: `the presentation and its ${credentials.length} credential(s) are signed and unchanged`,
    ...(options.hints !== undefined ? { hints: options.hints } : {}),
  })
}

/** Structural rules of a VC 2.0 presentation, each with its JSON path; an empty list means well formed. */
export function presentationShapeProblems(doc: unknown): ShapeProblem[] {
  if (!isPlainObject(doc)) return [{ path: '$', message: 'a presentation must be a JSON object' }]
  const beyond = documentLimitProblem(doc)
  if (beyond !== undefined) return [beyond]
  const problems: ShapeProblem[] = []
  const context = doc['@context']
  if (context === undefined) problems.push({ path: '$["@context"]', message: `@context is required (an array starting with ${VC_V2_CONTEXT})` })
  else if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT) problems.push({ path: '$["@context"]', message: `@context must be an array starting with ${VC_V2_CONTEXT}` })
  const type = doc['type']
  const types = Array.isArray(type) ? type : [type]
  if (type === undefined) problems.push({ path: '$.type', message: 'type is required and must include VerifiablePresentation' })
  else if (!types.includes('VerifiablePresentation')) problems.push({ path: '$.type', message: 'type must include VerifiablePresentation' })
  const holder = doc['holder']
  if (holder !== undefined && typeof holder !== 'string' && !(isPlainObject(holder) && typeof holder['id'] === 'string')) {
    problems.push({ path: '$.holder', message: 'holder must be a URL or an object with an id' })
  }
  const vcs = doc['verifiableCredential']
  if (vcs !== undefined && !(Array.isArray(vcs) ? vcs : [vcs]).every(isPlainObject)) {
    problems.push({ path: '$.verifiableCredential', message: 'verifiableCredential must hold objects' })
  }
  if (Array.isArray(vcs) && vcs.length > MAX_PRESENTED_CREDENTIALS) {
    problems.push({ path: '$.verifiableCredential', message: `verifiableCredential holds more than ${MAX_PRESENTED_CREDENTIALS} credentials` })
  }
  return problems
}

async function checkPresentationProof(vp: Record<string, unknown>, loader: DocumentLoader, options: VerifyPresentationOptions): Promise<Check[]> {
  const raw = vp['proof']
  const notChecked = (why: string): Check[] => PRESENTATION_CHECK_IDS.slice(2).map((id) => skip(id, `not checked: ${why}`))
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    return [fail('presentation.proof', 'ERR_PROOF_MISSING', 'the presentation has no proof: nobody vouches that the holder presented it'), ...notChecked('no proof')]
  }
  const proofs = (Array.isArray(raw) ? raw : [raw]) as unknown[]
  const auth = proofs.filter((p): p is Record<string, unknown> => isPlainObject(p) && p['proofPurpose'] === 'authentication')
  const proof = auth[0]
  if (proof === undefined) {
    return [fail('presentation.proof', 'ERR_PROOF_MALFORMED', 'the presentation has no proof with proofPurpose "authentication"'), ...notChecked('no authentication proof')]
  }
  if (proof['type'] !== PROOF_TYPE || proof['cryptosuite'] !== CRYPTOSUITE) {
    return [
      fail('presentation.proof', 'ERR_PROOF_UNSUPPORTED', `unsupported proof ${String(proof['type'])}/${String(proof['cryptosuite'])}; microcred verifies ${PROOF_TYPE} with ${CRYPTOSUITE}`),
      ...notChecked('unsupported proof'),
    ]
  }
  const defects: string[] = []
  if (typeof proof['verificationMethod'] !== 'string') defects.push('verificationMethod must be a URL')
  if (typeof proof['proofValue'] !== 'string' || !proof['proofValue'].startsWith('z')) defects.push('proofValue must be a base58btc multibase string')
  if (proof['created'] !== undefined && !isDateTimeStamp(proof['created'])) defects.push('created must be a date-time')
  if (defects.length > 0) return [fail('presentation.proof', 'ERR_PROOF_MALFORMED', defects.join('; ')), ...notChecked('malformed proof')]

  const vmId = proof['verificationMethod'] as string
  const checks: Check[] = []

  // The signature and the controller relationship (the key is an authentication method).
  let controllerId: string | undefined
  try {
    const vm = (await loader(vmId)).document
    controllerId = isPlainObject(vm) && typeof vm['controller'] === 'string' ? vm['controller'] : undefined
    if (controllerId === undefined) {
      checks.push(fail('presentation.proof', 'ERR_KEY_INVALID', `${vmId} is not a verification method with a controller`, { verificationMethod: vmId }))
    } else {
      const controller = (await loader(controllerId)).document
      const purpose = new jsigs.purposes.ControllerProofPurpose({ term: 'authentication', controller })
      const result = await jsigs.verify(vp, { suite: createVerifyingSuite(), purpose, documentLoader: loader })
      if (result.verified) {
        checks.push(pass('presentation.proof', 'the presentation signature is valid and made with an authentication key of its signer', { verificationMethod: vmId }))
      } else {
        const diagnosis = diagnoseJsonLdError(result.error, vp)
        checks.push(
          diagnosis !== undefined
            ? error('presentation.proof', diagnosis.code, diagnosis.message, { verificationMethod: vmId })
            : fail('presentation.proof', 'ERR_PROOF_INVALID', 'the presentation signature does not match, or the key is not an authentication key of its controller', {
                verificationMethod: vmId,
              }),
        )
      }
    }
  } catch (e) {
    checks.push(
      fail('presentation.proof', 'ERR_KEY_UNRESOLVABLE', `the presentation key ${vmId} cannot be resolved offline`, {
        verificationMethod: vmId,
        ...(isMicrocredError(e) ? { cause: e.code } : {}),
      }),
    )
  }

  // Challenge: binds the presentation to this verifier's request (replay protection).
  if (options.challenge === undefined) checks.push(skip('presentation.challenge', 'no challenge was expected, so replay is not prevented'))
  else if (proof['challenge'] === options.challenge) checks.push(pass('presentation.challenge', 'the proof carries the expected challenge'))
  else {
    checks.push(
      fail('presentation.challenge', 'ERR_PRESENTATION_CHALLENGE', 'the presentation was made for another request (its challenge differs): it may be replayed', {
        expected: options.challenge,
        ...(proof['challenge'] === undefined ? {} : { actual: proof['challenge'] }),
      }),
    )
  }

  // Domain: binds the presentation to this verifier.
  const domain = proof['domain']
  if (options.domain === undefined) checks.push(skip('presentation.domain', 'no domain was expected'))
  else if (domain === options.domain || (Array.isArray(domain) && domain.includes(options.domain))) {
    checks.push(pass('presentation.domain', 'the proof is bound to the expected domain'))
  } else {
    checks.push(
      fail('presentation.domain', 'ERR_PRESENTATION_DOMAIN', 'the presentation was made for another verifier (its domain differs)', {
        expected: options.domain,
        ...(domain === undefined ? {} : { actual: domain }),
      }),
    )
  }

  // Holder: when named, the presentation must be signed by the holder's own key.
  const holderRaw = vp['holder']
  const holder = typeof holderRaw === 'string' ? holderRaw : isPlainObject(holderRaw) ? (holderRaw['id'] as string) : undefined
  if (holder === undefined) checks.push(skip('presentation.holder', 'the presentation names no holder'))
  else if (controllerId === undefined) checks.push(error('presentation.holder', 'ERR_KEY_UNRESOLVABLE', 'the signing key could not be resolved, so the holder could not be checked'))
  else if (controllerId === holder) checks.push(pass('presentation.holder', `signed by the holder ${holder}`, { holder }))
  else {
    checks.push(
      fail('presentation.holder', 'ERR_PRESENTATION_HOLDER', `the presentation names ${holder} as holder but was signed by ${controllerId}`, {
        holder,
        signer: controllerId,
      }),
    )
  }
  return checks
}
