/**
 * @module verifier/result
 * The verification result is data: a list of named checks, every one always present, and
 * the verdict read from them (verifier/verdict.ts). `verified` is true only when no check
 * failed or errored (fail closed); a `warn` check leaves it true but lowers the headline to
 * "verified with warnings", and `strict` turns every warning into a failure.
 */
import type { MicrocredErrorCode } from '../errors.js'

/**
 * The public, stable vocabulary of check ids (documented in docs/verification.md), reported
 * for every credential, in this order. After them come the checks that only apply
 * sometimes: `nested` for a ClrCredential, `recipient` when an email is given, `trust` when
 * a trust list names issuers.
 */
export const CHECK_IDS = ['shape', 'context', 'schema', 'proof', 'issuer', 'validity', 'status'] as const
export type CheckId = (typeof CHECK_IDS)[number]

/**
 * `pass` established; `warn` authentic, but something could not be checked or does not
 * conform (never makes `verified` false unless `strict`); `fail` the credential is bad;
 * `error` the check could not be completed and the gap matters; `skip` does not apply, or
 * depends on a check that did not pass.
 */
export type CheckOutcome = 'pass' | 'warn' | 'fail' | 'error' | 'skip'

/** What to do next about an unresolved problem, in CLI terms and in option (library / HTTP) terms. */
export interface NextStep {
  cli: string
  option: string
}

export interface Check {
  id: CheckId | (string & {})
  outcome: CheckOutcome
  /** Present on `warn`, `fail` and `error`. */
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

export const skip = (id: string, message: string, details?: Record<string, unknown>): Check =>
  details === undefined ? { id, outcome: 'skip', message } : { id, outcome: 'skip', message, details }

/** Authentic, but not checked or not conformant: listed in the verdict's warnings; a failure under `strict`. */
export const warn = (id: string, code: MicrocredErrorCode, message: string, details?: Record<string, unknown>): Check =>
  details === undefined ? { id, outcome: 'warn', code, message } : { id, outcome: 'warn', code, message, details }

export const fail = (id: string, code: MicrocredErrorCode, message: string, details?: Record<string, unknown>): Check =>
  details === undefined ? { id, outcome: 'fail', code, message } : { id, outcome: 'fail', code, message, details }

/** The check could not be completed (missing input, resolver fault). Counts as not verified. */
export const error = (id: string, code: MicrocredErrorCode, message: string, details?: Record<string, unknown>): Check =>
  details === undefined ? { id, outcome: 'error', code, message } : { id, outcome: 'error', code, message, details }

/** True for the outcomes that leave a credential verified (`warn` included: see `strict`). */
export const isAcceptable = (c: Check): boolean => c.outcome === 'pass' || c.outcome === 'skip' || c.outcome === 'warn'

export function summarize(checks: Check[]): VerificationResult {
  return { verified: checks.every(isAcceptable), checks }
}
