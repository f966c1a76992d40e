/**
 * @module verifier/verify-credential
 * Verifies one credential offline and returns every check's outcome. A bad credential is
 * a result, not an exception: this throws only for programmer errors (bad options).
 *
 * @example
 * const { verified, checks } = await verifyCredential(signed)
 */
import { createDocumentLoader, type DocumentLoader } from '../contexts/document-loader.js'
import { isMicrocredError } from '../errors.js'
import { systemClock, type Clock } from '../ports.js'
import { checkContexts } from './checks/context.js'
import { checkIssuer } from './checks/issuer.js'
import { checkProof } from './checks/proof.js'
import { checkSchema } from './checks/schema.js'
import { checkShape } from './checks/shape.js'
import { checkStatus } from './checks/status.js'
import { checkValidity } from './checks/validity.js'
import type { CheckContext } from './context.js'
import { error, fail, skip, summarize, type Check, type VerificationResult } from './result.js'
import { documentLimitProblem } from '../credential/document-limits.js'
import type { StatusResolver } from './status-resolver.js'
import { webCryptoProvider, type CryptoProvider } from '../suites/crypto-provider.js'
import { defaultCanonize } from '../suites/default-canonize.js'
import type { Canonize } from '../suites/eddsa-rdfc-2022-proof.js'
import { checkNestedCredentials, isClrCredential } from '../portability/clr.js'
import { checkProfiles } from '../portability/profile-check.js'
import type { FrameworkProfile } from '../portability/profile.js'
import { resolveProfile } from '../portability/profiles.js'
import type { TrustList } from '../portability/trust-list.js'

export interface VerifyOptions {
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
  /**
   * Framework profiles to check (shipped names such as `eu-microcredential-2022`, or
   * profile objects): one extra check `profile:<id>` each, listing every element.
   */
  profiles?: readonly (string | FrameworkProfile)[]
  /** QA bodies (and issuers) the verifier trusts: QA claims backed by their endorsements are assured. */
  trustList?: TrustList
  /** Endorsements supplied beside the credential (QA evidence). */
  endorsements?: readonly unknown[]
}

type CheckFn = (ctx: CheckContext) => Promise<Check>

/** In the order they are reported. */
const CHECKS: readonly [string, CheckFn][] = [
  ['shape', checkShape],
  ['context', checkContexts],
  ['schema', checkSchema],
  ['proof', checkProof],
  ['issuer', checkIssuer],
  ['validity', checkValidity],
  ['status', checkStatus],
]

const defaultLoader = createDocumentLoader()

export async function verifyCredential(credential: unknown, options: VerifyOptions = {}): Promise<VerificationResult> {
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
  }
  const profiles = (options.profiles ?? []).map((p) => resolveProfile(p))
  const beyond = documentLimitProblem(credential)
  if (beyond !== undefined) {
    // No JSON-LD work at all on a document beyond the limits (see credential/document-limits.ts).
    return summarize(
      CHECKS.map(([id]) =>
        id === 'shape'
          ? fail('shape', 'ERR_CREDENTIAL_MALFORMED', `${beyond.path}: ${beyond.message}`, { problems: [beyond] })
          : skip(id, 'not checked: the document is beyond the processing limits'),
      ),
    )
  }
  const checks = await Promise.all(CHECKS.map(([id, run]) => runCheck(id, run, ctx)))
  const clr = isClrCredential(credential)
  if (!clr && profiles.length === 0) return summarize(checks)
  // Nested credentials (CLR 2.0) and endorsements verify with the same loader, clock and status resolver.
  const depth = NESTING.get(options) ?? 0
  const inner: VerifyOptions = { ...options, profiles: [] }
  NESTING.set(inner, depth + 1)
  const verifyInner = (nested: unknown): Promise<VerificationResult> => verifyCredential(nested, inner)
  if (clr) checks.push(await runCheck('nested', () => checkNestedCredentials(credential, verifyInner, depth), ctx))
  if (profiles.length > 0) {
    try {
      checks.push(...(await checkProfiles(credential, profiles, { verify: verifyInner, trustList: options.trustList, endorsements: options.endorsements })))
    } catch (e) {
      for (const p of profiles) checks.push(error(`profile:${p.id}`, isMicrocredError(e) ? e.code : 'ERR_INTERNAL', `the profile:${p.id} check could not be completed`))
    }
  }
  return summarize(checks)
}

/** How deep the credential being verified is nested (CLR in CLR, endorsement in credential). */
const NESTING = new WeakMap<VerifyOptions, number>()

/** A check that throws is reported as `error` (fail closed), never propagated. */
async function runCheck(id: string, run: CheckFn, ctx: CheckContext): Promise<Check> {
  try {
    return await run(ctx)
  } catch (e) {
    if (isMicrocredError(e)) return error(id, e.code, e.message)
    return error(id, 'ERR_INTERNAL', `the ${id} check could not be completed`)
  }
}
