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
import { error, summarize, type Check, type VerificationResult } from './result.js'
import type { StatusResolver } from './status-resolver.js'

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
  }
  const checks = await Promise.all(CHECKS.map(([id, run]) => runCheck(id, run, ctx)))
  return summarize(checks)
}

/** A check that throws is reported as `error` (fail closed), never propagated. */
async function runCheck(id: string, run: CheckFn, ctx: CheckContext): Promise<Check> {
  try {
    return await run(ctx)
  } catch (e) {
    if (isMicrocredError(e)) return error(id, e.code, e.message)
    return error(id, 'ERR_INTERNAL', `the ${id} check could not be completed`)
  }
}
