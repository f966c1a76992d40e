/**
 * @module issue/issue-credential
 * Signs one credential with the issuer's key: DataIntegrityProof, eddsa-rdfc-2022.
 *
 * @example
 * const signed = await issueCredential(unsigned, { issuer })
 */
import { BITSTRING_STATUS_LIST_V1_CONTEXT, DATA_INTEGRITY_V2_CONTEXT, OB_EXTENSIONS_CONTEXT } from '../contexts/bundled.js'
import { contextProblems } from '../contexts/context-problems.js'
import { createDocumentLoader, type DocumentLoader } from '../contexts/document-loader.js'
import { toDateTimeStamp } from '../credential/build-credential.js'
import { documentLimitProblem } from '../credential/document-limits.js'
import { boundedCredentialShapeProblems, isAbsoluteIri, isPlainObject, vcVersionOf } from '../credential/shape.js'
import { cloneJsonValue } from '../credential/json-values.js'
import { MicrocredError } from '../errors.js'
import { diagnoseJsonLdError } from '../jsonld/diagnose.js'
import type { SignedCredential } from '../model/open-badges.js'
import { systemClock, type Clock, type Issuer } from '../ports.js'
import { webCryptoProvider, type CryptoProvider } from '../suites/crypto-provider.js'
import { createProof, type Canonize } from '../suites/eddsa-rdfc-2022-proof.js'
import { defaultCanonize } from '../suites/default-canonize.js'

export interface IssueOptions {
  issuer: Issuer
  clock?: Clock
  /** Defaults to the static loader (bundled contexts + did:key). */
  documentLoader?: DocumentLoader
  /** SHA-256 / Ed25519 primitives; WebCrypto by default, node:crypto from the Node entry. */
  crypto?: CryptoProvider
  /** RDFC-1.0 canonicalization; the fast path with jsonld.js fallback by default. */
  canonize?: Canonize
}

const defaultLoader = createDocumentLoader()

/**
 * Prepares and signs `unsigned`. The caller's object is never changed. Preparation:
 * the issuer's id is set to the issuer's DID, keeping the shape it was given (a string stays
 * a string; an object keeps its other fields; a missing issuer becomes the configured
 * profile), `validFrom` (VC 1.1: `issuanceDate`, and the data-integrity v2 context for the
 * proof terms) defaults to now and
 * `id` to a fresh `urn:uuid:`, and the OB `extensions.json` context is added when a
 * 1EdTech `credentialSchema` needs it. A malformed credential is rejected before signing
 * (ERR_CREDENTIAL_MALFORMED, ERR_CONTEXT_NOT_ALLOWED, ERR_JSONLD_UNDEFINED_TERM with the
 * term and its JSON path).
 */
export async function issueCredential(unsigned: unknown, options: IssueOptions): Promise<SignedCredential> {
  if (!options?.issuer?.key) throw new TypeError('issueCredential: options.issuer is required')
  const clock = options.clock ?? systemClock
  const loader = options.documentLoader ?? defaultLoader
  const now = clock.now()
  const credential = prepareCredential(unsigned, options.issuer, now)

  const problems = boundedCredentialShapeProblems(credential)
  if (problems.length > 0) {
    throw new MicrocredError('ERR_CREDENTIAL_MALFORMED', `cannot sign: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, {
      details: { problems },
    })
  }
  const contexts = await contextProblems(credential, loader)
  if (contexts.length > 0) {
    throw new MicrocredError('ERR_CONTEXT_NOT_ALLOWED', `cannot sign: ${contexts.map((p) => p.message).join('; ')}`, {
      details: { problems: contexts },
    })
  }

  const env = { documentLoader: loader, crypto: options.crypto ?? webCryptoProvider(), canonize: options.canonize ?? defaultCanonize }
  try {
    const proof = await createProof(credential, options.issuer.key, now, env)
    return { ...credential, proof } as SignedCredential
  } catch (error) {
    const diagnosis = diagnoseJsonLdError(error, credential)
    if (diagnosis !== undefined) {
      throw new MicrocredError(diagnosis.code, `cannot sign: ${diagnosis.message}`, {
        cause: error,
        details: { ...(diagnosis.term ? { term: diagnosis.term } : {}), ...(diagnosis.paths ? { paths: diagnosis.paths } : {}) },
      })
    }
    throw error
  }
}

/** The preparation `issueCredential` applies, exposed for callers that show a preview. */
export function prepareCredential(unsigned: unknown, issuer: Issuer, now: Date): Record<string, unknown> {
  if (!isPlainObject(unsigned)) throw new MicrocredError('ERR_CREDENTIAL_MALFORMED', 'a credential must be a JSON object')
  if ('proof' in unsigned) throw new MicrocredError('ERR_CREDENTIAL_MALFORMED', 'the credential is already signed (it has a proof)')
  // Before the copy: it recurses, and the limits are what keeps it shallow.
  const beyond = documentLimitProblem(unsigned)
  if (beyond !== undefined) throw new MicrocredError('ERR_CREDENTIAL_MALFORMED', `cannot sign: ${beyond.path}: ${beyond.message}`, { details: { problems: [beyond] } })
  const credential = cloneJsonValue(unsigned)

  // The issuer keeps the shape it was given. A malformed one is left as it is, for the shape
  // check to report with its path. `Profile` is an Open Badges type: added only under OB/CLR.
  const given = credential['issuer']
  const profileType = usesOpenBadgesContext(credential['@context']) ? { type: ['Profile'] } : {}
  if (typeof given === 'string') {
    if (isAbsoluteIri(given)) credential['issuer'] = issuer.id
  } else if (isPlainObject(given)) {
    if (given['id'] === undefined || isAbsoluteIri(given['id'])) credential['issuer'] = { ...given, id: issuer.id, ...(given['type'] === undefined ? profileType : {}) }
  } else if (given === undefined) {
    credential['issuer'] = usesOpenBadgesContext(credential['@context']) ? { id: issuer.id, ...profileType, ...cloneJsonValue(issuer.profile) } : issuer.id
  }

  const vc11 = vcVersionOf(credential) === '1.1'
  // VC 1.1 keeps its own date terms; validFrom is undefined under credentials/v1.
  const dateTerm = vc11 ? 'issuanceDate' : 'validFrom'
  if (credential[dateTerm] === undefined) credential[dateTerm] = toDateTimeStamp(now)
  if (credential['id'] === undefined) credential['id'] = `urn:uuid:${crypto.randomUUID()}`

  const schemas = credential['credentialSchema']
  const usesOneEdTechSchema = (Array.isArray(schemas) ? schemas : [schemas]).some(
    (s) => isPlainObject(s) && s['type'] === '1EdTechJsonSchemaValidator2019',
  )
  const context = credential['@context']
  if (usesOneEdTechSchema && Array.isArray(context) && !context.includes(OB_EXTENSIONS_CONTEXT)) {
    credential['@context'] = [...context, OB_EXTENSIONS_CONTEXT]
  }
  // credentials/v1 predates DataIntegrityProof: its terms (cryptosuite, proofValue) come from data-integrity v2.
  // Likewise BitstringStatusListEntry, which credentials/v2 defines, needs the status list context.
  if (vc11 && Array.isArray(credential['@context'])) {
    const contexts = credential['@context'] as unknown[]
    const statuses = credential['credentialStatus']
    const usesBitstring = (Array.isArray(statuses) ? statuses : [statuses]).some((s) => isPlainObject(s) && s['type'] === 'BitstringStatusListEntry')
    const missing = [
      ...(usesBitstring && !contexts.includes(BITSTRING_STATUS_LIST_V1_CONTEXT) ? [BITSTRING_STATUS_LIST_V1_CONTEXT] : []),
      ...(contexts.includes(DATA_INTEGRITY_V2_CONTEXT) ? [] : [DATA_INTEGRITY_V2_CONTEXT]),
    ]
    if (missing.length > 0) credential['@context'] = [...contexts, ...missing]
  }
  return credential
}

/** 1EdTech contexts (OB 3.0, CLR 2.0) define `Profile`; plain VC contexts do not. */
function usesOpenBadgesContext(context: unknown): boolean {
  return (Array.isArray(context) ? context : [context]).some((c) => typeof c === 'string' && c.startsWith('https://purl.imsglobal.org/spec/'))
}
