/**
 * @module presentation/sign-presentation
 * A holder signs a Verifiable Presentation of credentials they hold: a DataIntegrityProof
 * (eddsa-rdfc-2022) with proofPurpose `authentication`, bound to the verifier's challenge
 * (and domain) so it cannot be replayed elsewhere.
 *
 * @example
 * const vp = await signPresentation([credential], { holder, challenge: 'c0ffee', domain: 'jobs.example' })
 */
import { VC_V2_CONTEXT } from '../contexts/bundled.js'
import { createDocumentLoader, type DocumentLoader } from '../contexts/document-loader.js'
import { isPlainObject } from '../credential/shape.js'
import { MicrocredError } from '../errors.js'
import { diagnoseJsonLdError } from '../jsonld/diagnose.js'
import { asArray, type DataIntegrityProof } from '../model/open-badges.js'
import { systemClock, type Clock, type SigningKey } from '../ports.js'
import { webCryptoProvider, type CryptoProvider } from '../suites/crypto-provider.js'
import { defaultCanonize } from '../suites/default-canonize.js'
import { createProof, type Canonize } from '../suites/eddsa-rdfc-2022-proof.js'

export interface Holder {
  /** The holder's DID: the presentation's `holder`, and the subject id of what they hold. */
  id: string
  key: SigningKey
}

export interface PresentOptions {
  holder: Holder
  /** The verifier's nonce; required, since a presentation without one can be replayed. */
  challenge: string
  domain?: string
  /**
   * Present a credential about someone else (or about a hashed email only)? Off by default:
   * a verifier binds the holder to `credentialSubject.id`, so such a presentation would not
   * prove the holder is the learner.
   */
  allowOtherSubjects?: boolean
  clock?: Clock
  documentLoader?: DocumentLoader
  crypto?: CryptoProvider
  canonize?: Canonize
}

export interface SignedPresentation {
  '@context': string[]
  type: string[]
  holder: string
  verifiableCredential: unknown[]
  proof: DataIntegrityProof
}

const defaultLoader = createDocumentLoader()

/** Subject ids of a credential that are not the holder. */
function otherSubjects(credential: Record<string, unknown>, holder: string): string[] {
  return asArray(credential['credentialSubject'] as unknown)
    .map((s) => (isPlainObject(s) && typeof s['id'] === 'string' ? s['id'] : '(no subject id)'))
    .filter((id) => id !== holder)
}

export async function signPresentation(credentials: readonly unknown[], options: PresentOptions): Promise<SignedPresentation> {
  if (!options?.holder?.key) throw new TypeError('signPresentation: options.holder is required')
  if (typeof options.challenge !== 'string' || options.challenge === '') throw new MicrocredError('ERR_USAGE', 'a presentation needs the challenge the verifier gave you')
  if (credentials.length === 0) throw new MicrocredError('ERR_USAGE', 'a presentation needs at least one credential')
  credentials.forEach((credential, i) => {
    if (!isPlainObject(credential) || credential['proof'] === undefined) {
      throw new MicrocredError('ERR_CREDENTIAL_MALFORMED', `credential ${i + 1} is not a signed credential (a JSON object with a proof)`)
    }
    const others = otherSubjects(credential, options.holder.id)
    if (others.length > 0 && options.allowOtherSubjects !== true) {
      throw new MicrocredError('ERR_PRESENTATION_HOLDER', `credential ${i + 1} is about ${others.join(', ')}, not the holder ${options.holder.id}: a verifier could not tell that you are its subject`, {
        details: { index: i, subjects: others, holder: options.holder.id },
      })
    }
  })
  const presentation = {
    '@context': [VC_V2_CONTEXT],
    type: ['VerifiablePresentation'],
    holder: options.holder.id,
    verifiableCredential: credentials.map((c) => structuredClone(c)),
  }
  const env = {
    documentLoader: options.documentLoader ?? defaultLoader,
    crypto: options.crypto ?? webCryptoProvider(),
    canonize: options.canonize ?? defaultCanonize,
  }
  const purpose = { proofPurpose: 'authentication' as const, challenge: options.challenge, ...(options.domain === undefined ? {} : { domain: options.domain }) }
  try {
    const proof = await createProof(presentation, options.holder.key, (options.clock ?? systemClock).now(), env, purpose)
    return { ...presentation, proof }
  } catch (error) {
    const diagnosis = diagnoseJsonLdError(error, presentation)
    if (diagnosis !== undefined) throw new MicrocredError(diagnosis.code, `cannot sign the presentation: ${diagnosis.message}`, { cause: error })
    throw error
  }
}
