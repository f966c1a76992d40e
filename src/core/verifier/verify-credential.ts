/**
 * @module verifier/verify-credential
 * Verifies one credential offline and returns every check's outcome. A bad credential is
 * a result, not an exception: this throws only for programmer errors (bad options).
 * Accepts a credential with an embedded Data Integrity proof, a JWT (VC-JWT, vc+jwt, a
 * signed Open Badges 2.0 badge) or an Open Badges 2.0 assertion (formats/verify-format.ts).
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
import { runCheck, type CheckFn } from './run-check.js'
import { verifyOtherFormat, type FormatOptions } from './formats/verify-format.js'
import { error, summarize, type Check, type VerificationResult } from './result.js'
import type { StatusResolver } from './status-resolver.js'
import { webCryptoProvider, type CryptoProvider } from '../suites/crypto-provider.js'
import { defaultCanonize } from '../suites/default-canonize.js'
import type { Canonize } from '../suites/eddsa-rdfc-2022-proof.js'
import { checkNestedCredentials, isClrCredential } from './checks/nested.js'
import { checkProfiles } from '../portability/profile-check.js'
import type { FrameworkProfile } from '../portability/profile.js'
import { resolveProfile } from '../portability/profiles.js'
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
  const otherFormat = await verifyOtherFormat(credential, ctx, options)
  if (otherFormat !== undefined) return otherFormat
  const profiles = (options.profiles ?? []).map((p) => resolveProfile(p))
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

