/**
 * @module verifier/verify-credential
 * Verifies one credential offline and returns every check's outcome, the verdict read from
 * them, a summary of what the credential claims and, when profiles are asked for, the
 * portability report. A bad credential is a result, not an exception: this throws only for
 * programmer errors (bad options). Accepts a credential with an embedded Data Integrity proof, a
 * JWT (VC-JWT, vc+jwt, a signed Open Badges 2.0 badge) or an Open Badges 2.0 assertion
 * (formats/verify-format.ts).
 *
 * Checks run in dependency order (`DEPENDS_ON`): a check whose prerequisite did not pass is
 * reported as `skip` ("not checked because the signature failed"), never as `pass` — the
 * issuer, dates and status of a tampered credential mean nothing.
 *
 * @example
 * const { verified, verdict, summary, checks } = await verifyCredential(signed)
 * verdict.headline // 'VERIFIED WITH WARNINGS: …; but revocation status could not be checked — …'
 */
import { createDocumentLoader, type DocumentLoader } from '../contexts/document-loader.js'
import { isMicrocredError } from '../errors.js'
import { systemClock, type Clock } from '../ports.js'
import { checkContexts } from './checks/context.js'
import { checkIssuer } from './checks/issuer.js'
import { checkProof } from './checks/proof.js'
import { checkRecipient } from './checks/recipient.js'
import { checkSchema } from './checks/schema.js'
import { checkShape } from './checks/shape.js'
import { checkStatus } from './checks/status.js'
import { checkTrustedIssuer, namesIssuers } from './checks/trust.js'
import { checkValidity } from './checks/validity.js'
import type { CheckContext, SchemaValidatorSource } from './context.js'
import { error, fail, isAcceptable, skip, type Check, type VerificationResult } from './result.js'
import { runCheck } from './run-check.js'
import { isOtherFormat } from './formats/detect-format.js'
import type { FormatOptions } from './formats/verify-format.js'
import { documentLimitProblem } from '../credential/document-limits.js'
import type { StatusResolver } from './status-resolver.js'
import { readClaimSummary, type ClaimSummary, type EmailMatch } from './summary.js'
import { applyStrict, buildVerdict, type HintStyle, type Verdict } from './verdict.js'
import { webCryptoProvider, type CryptoProvider } from '../suites/crypto-provider.js'
import { defaultCanonize } from '../suites/default-canonize.js'
import type { Canonize } from '../suites/eddsa-rdfc-2022-proof.js'
import { checkNestedCredentials, isClrCredential } from './checks/nested.js'
import { readCredentialFacts } from '../portability/facts.js'
import type { PortabilityReport } from '../portability/profile-check.js'
import type { FrameworkProfile } from '../portability/profile.js'
import type { QaAssessment } from '../portability/qa.js'
import type { TrustList } from '../portability/trust-list.js'

export interface VerifyOptions extends FormatOptions {
  /** Replaces the default static loader (bundled contexts + did:key). */
  documentLoader?: DocumentLoader
  /**
   * Extra documents for the default loader: controller documents of URL issuers (which
   * bind their keys), by URL. Ignored when `documentLoader` is given.
   */
  documents?: Readonly<Record<string, unknown>>
  clock?: Clock
  /** Tolerance for validFrom / validUntil, in seconds (default 0). */
  clockSkewSeconds?: number
  statusResolver?: StatusResolver
  /** SHA-256 / Ed25519 primitives; WebCrypto by default, node:crypto from the Node entry. */
  crypto?: CryptoProvider
  /** RDFC-1.0 canonicalization; the fast path with jsonld.js fallback by default. */
  canonize?: Canonize
  /** Where the precompiled JSON Schema validators come from; their ES modules by default. */
  schemaValidators?: SchemaValidatorSource
  /**
   * Framework profiles to report on (shipped names such as `eu-microcredential-2022`, or
   * profile objects): one `profile:<id>` entry each in `portability.profiles`, listing every
   * element. Never changes `verified`.
   */
  profiles?: readonly (string | FrameworkProfile)[]
  /**
   * QA bodies (and issuers) the verifier trusts: QA claims backed by their endorsements are
   * assured; when it names issuers (role `issuer`), a `trust` check warns about any other.
   */
  trustList?: TrustList
  /** Endorsements supplied beside the credential (QA evidence). */
  endorsements?: readonly unknown[]
  /** Turns every warning (status unknown, schema mismatch, untrusted issuer…) into a failure. */
  strict?: boolean
  /** The recipient's email: a `recipient` check compares it with the hashed identity. */
  email?: string
  /** Words for next steps in the headline: CLI flags (`cli`) or option names (`option`, default). */
  hints?: HintStyle
}

/** The result of `verifyCredential`: the VC-API pair plus what a person reads. */
export interface CredentialVerificationResult extends VerificationResult {
  /** The headline, warnings and problems read from `checks`. */
  verdict: Verdict
  /** What the credential claims (trust it as far as the verdict says). */
  summary: ClaimSummary
  /** Present when profiles were asked for; never affects `verified`. */
  portability?: PortabilityReport
}

type CheckFn = (ctx: CheckContext) => Promise<Check>

/** The checks every credential gets, in the order they are reported. */
const CHECKS: readonly [string, CheckFn][] = [
  ['shape', checkShape],
  ['context', checkContexts],
  ['schema', checkSchema],
  ['proof', checkProof],
  ['issuer', checkIssuer],
  ['validity', checkValidity],
  ['status', checkStatus],
]

/**
 * What each check needs to have passed (or warned) first. A check not listed depends on
 * nothing: the document's shape, contexts and conformance are facts about the bytes
 * received, the signature is the root of everything else, and the credentials nested in a
 * CLR carry their own proofs. The issuer binding of a key whose signature failed, or the
 * dates, status and recipient of a changed credential, mean nothing.
 */
export const DEPENDS_ON: Readonly<Record<string, readonly string[]>> = {
  issuer: ['proof'],
  validity: ['proof'],
  status: ['proof', 'issuer'],
  recipient: ['proof'],
  trust: ['proof', 'issuer'],
}

/** How a prerequisite is named in a skip message. */
const NAMED: Readonly<Record<string, string>> = { proof: 'the signature', issuer: "the issuer's key binding" }

const defaultLoader = createDocumentLoader()

export async function verifyCredential(credential: unknown, options: VerifyOptions = {}): Promise<CredentialVerificationResult> {
  if (options === null || typeof options !== 'object') throw new TypeError('verifyCredential: options must be an object')
  const ctx: CheckContext = {
    credential,
    documentLoader:
      options.documentLoader ?? (options.documents === undefined ? defaultLoader : createDocumentLoader({ documents: options.documents })),
    now: (options.clock ?? systemClock).now(),
    clockSkewSeconds: options.clockSkewSeconds ?? 0,
    statusResolver: options.statusResolver,
    crypto: options.crypto ?? webCryptoProvider(),
    canonize: options.canonize ?? defaultCanonize,
    schemaValidators: options.schemaValidators,
  }
  // JWT and OB 2.0 verification (and jose) are loaded only for such input.
  const otherFormat = isOtherFormat(credential) ? await (await import('./formats/verify-format.js')).verifyOtherFormat(credential, ctx, options) : undefined
  if (otherFormat !== undefined) {
    const checks = options.strict === true ? applyStrict(otherFormat.checks) : otherFormat.checks
    const verdict = buildVerdict(checks, { strict: options.strict === true, ...(options.hints !== undefined ? { hints: options.hints } : {}) })
    return { verified: verdict.level !== 'not-verified', checks, verdict, summary: readClaimSummary(credential, {}) }
  }
  // The portability modules (and the profile / trust-list schema validators) are loaded only
  // when profiles or a trust list are given (cold start of `microcred verify`).
  const profileInputs = options.profiles ?? []
  const profiles = profileInputs.length === 0 ? [] : await resolveProfiles(profileInputs)
  const beyond = documentLimitProblem(credential)
  if (beyond !== undefined) {
    // No JSON-LD work at all on a document beyond the limits (see credential/document-limits.ts).
    const checks = CHECKS.map(([id]) =>
      id === 'shape' ? fail('shape', 'ERR_CREDENTIAL_MALFORMED', `${beyond.path}: ${beyond.message}`, { problems: [beyond] }) : skip(id, 'not checked: the document is beyond the processing limits'),
    )
    const verdict = buildVerdict(checks, { strict: options.strict === true, ...(options.hints !== undefined ? { hints: options.hints } : {}) })
    return { verified: false, checks, verdict, summary: readClaimSummary(undefined, {}) }
  }
  const done = new Map<string, Check>()
  const gated = async (id: string, run: () => Promise<Check>): Promise<Check> => {
    const blocked = blockedBy(id, done)
    const check = blocked ?? (await runCheck(id, run, ctx))
    done.set(id, check)
    return check
  }
  const byId = new Map(CHECKS)
  const runOf = (id: string) => () => byId.get(id)!(ctx)
  // Stage by stage: roots in parallel, then what depends on them.
  await Promise.all(['shape', 'context', 'schema', 'proof'].map((id) => gated(id, runOf(id))))
  await gated('issuer', runOf('issuer'))

  // Nested credentials (CLR 2.0) and endorsements verify with the same loader, clock and status resolver.
  const depth = NESTING.get(options) ?? 0
  const inner: VerifyOptions = { ...options, profiles: [] }
  delete inner.email
  NESTING.set(inner, depth + 1)
  const verifyInner = (nested: unknown): Promise<VerificationResult> => verifyCredential(nested, inner)
  // Endorsements back QA claims only when they verify outright: no warnings accepted there. Their
  // signers are judged by the QA assessment (role qa-body), not by the issuer trust check.
  const endorsementOptions: VerifyOptions = { ...inner, strict: true }
  delete endorsementOptions.trustList
  NESTING.set(endorsementOptions, depth + 1)
  const verifyEndorsement = (e: unknown): Promise<VerificationResult> => verifyCredential(e, endorsementOptions)

  let emailMatch: EmailMatch | undefined
  const extra: Check[] = []
  await Promise.all([
    gated('validity', runOf('validity')),
    gated('status', runOf('status')),
    ...(isClrCredential(credential) ? [gated('nested', () => checkNestedCredentials(credential, verifyInner, depth)).then((c) => extra.push(c))] : []),
  ])
  if (options.email !== undefined) {
    const email = options.email
    extra.push(
      await gated('recipient', async () => {
        const { check, match } = await checkRecipient(credential, email)
        emailMatch = match
        return check
      }),
    )
  }
  if (options.trustList !== undefined && namesIssuers(options.trustList)) {
    const list = options.trustList
    extra.push(await gated('trust', async () => checkTrustedIssuer(credential, list)))
  }
  let checks = [...CHECKS.map(([id]) => done.get(id)!), ...extra]
  if (options.strict === true) checks = applyStrict(checks)
  const verdict = buildVerdict(checks, { strict: options.strict === true, ...(options.hints !== undefined ? { hints: options.hints } : {}) })

  const qa = await qaAssessment(credential, options, verifyEndorsement)
  const result: CredentialVerificationResult = {
    verified: verdict.level !== 'not-verified',
    checks,
    verdict,
    summary: readClaimSummary(credential, { ...(qa !== undefined ? { qa } : {}), ...(emailMatch !== undefined ? { email: emailMatch } : {}) }),
  }
  if (profiles.length > 0) {
    const { checkProfiles } = await import('../portability/profile-check.js')
    let entries: Check[]
    try {
      entries = await checkProfiles(credential, profiles, {
        verify: verifyEndorsement,
        ...(options.trustList !== undefined ? { trustList: options.trustList } : {}),
        ...(options.endorsements !== undefined ? { endorsements: options.endorsements } : {}),
        ...(qa !== undefined ? { qa } : {}),
      })
    } catch (e) {
      entries = profiles.map((p) => error(`profile:${p.id}`, isMicrocredError(e) ? e.code : 'ERR_INTERNAL', `the profile:${p.id} check could not be completed`))
    }
    result.portability = { profiles: entries }
  }
  return result
}

/** How deep the credential being verified is nested (CLR in CLR, endorsement in credential). */
const NESTING = new WeakMap<VerifyOptions, number>()

/** The skip that stands in for `id` when a prerequisite did not pass or warn; undefined when it may run. */
function blockedBy(id: string, done: ReadonlyMap<string, Check>): Check | undefined {
  for (const dep of DEPENDS_ON[id] ?? []) {
    const prior = done.get(dep)
    if (prior === undefined || isAcceptable(prior) && prior.outcome !== 'skip') continue
    // A skipped prerequisite passes on its own cause; a failed one is the cause.
    const cause = prior.outcome === 'skip' ? (prior.details?.['because'] as string | undefined) ?? prior.message : `${NAMED[dep] ?? dep} ${prior.outcome === 'fail' ? 'failed' : 'could not be checked'}`
    return skip(id, `not checked because ${cause}`, { dependsOn: dep, because: cause })
  }
  return undefined
}

/** QA claims assessed against the trust list, when one was given and there are claims. */
async function qaAssessment(credential: unknown, options: VerifyOptions, verify: (c: unknown) => Promise<VerificationResult>): Promise<QaAssessment | undefined> {
  if (options.trustList === undefined) return undefined
  const facts = readCredentialFacts(credential)
  if (facts.qualityAssurance.length === 0) return undefined
  const { assessQualityAssurance } = await import('../portability/qa.js')
  try {
    return await assessQualityAssurance(facts, {
      verify,
      trustList: options.trustList,
      ...(options.endorsements !== undefined ? { endorsements: options.endorsements } : {}),
    })
  } catch {
    return undefined
  }
}

async function resolveProfiles(inputs: NonNullable<VerifyOptions['profiles']>): Promise<FrameworkProfile[]> {
  const { resolveProfile } = await import('../portability/profiles.js')
  return inputs.map((p) => resolveProfile(p))
}
