/**
 * @module verifier/result
 * The verification result is data: a list of named checks, every one always present.
 * `verified` is true only when no check failed or errored (fail closed).
 */
import type { MicrocredErrorCode } from '../errors.js'

/**
 * The public, stable vocabulary of check ids (documented in docs/verification.md), reported
 * for every credential, in this order. After them come the checks that only apply
 * sometimes: `nested` for a ClrCredential, `profile:<id>` for each profile asked for.
 */
export const CHECK_IDS = ['shape', 'context', 'schema', 'proof', 'issuer', 'validity', 'status'] as const
export type CheckId = (typeof CHECK_IDS)[number]

export type CheckOutcome = 'pass' | 'fail' | 'error' | 'skip'

export interface Check {
  id: CheckId | (string & {})
  outcome: CheckOutcome
  /** Present on `fail` and `error`. */
  code?: MicrocredErrorCode
  /** One sentence a person can act on. */
  message: string
  /** Machine-readable particulars (JSON paths, the key id, the dates compared…). */
  details?: Record<string, unknown>
}

export interface VerificationResult {
  verified: boolean
  checks: Check[]
}

export const pass = (id: string, message: string, details?: Record<string, unknown>): Check =>
  details === undefined ? { id, outcome: 'pass', message } : { id, outcome: 'pass', message, details }

export const skip = (id: string, message: string): Check => ({ id, outcome: 'skip', message })

export const fail = (id: string, code: MicrocredErrorCode, message: string, details?: Record<string, unknown>): Check =>
  details === undefined ? { id, outcome: 'fail', code, message } : { id, outcome: 'fail', code, message, details }

/** The check could not be completed (missing input, resolver fault). Counts as not verified. */
export const error = (id: string, code: MicrocredErrorCode, message: string, details?: Record<string, unknown>): Check =>
  details === undefined ? { id, outcome: 'error', code, message } : { id, outcome: 'error', code, message, details }

export function summarize(checks: Check[]): VerificationResult {
  return { verified: checks.every((c) => c.outcome === 'pass' || c.outcome === 'skip'), checks }
}
