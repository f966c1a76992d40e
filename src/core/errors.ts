/**
 * @module errors
 * One error type for the whole project. Every failure reason has a stable
 * `ERR_<AREA>_<REASON>` code; the code, not the message, is the contract.
 * The same codes appear in verification checks (as data) and in thrown errors
 * (for programmer errors, bad input to issuing, infrastructure faults).
 */

/** Every code, with the HTTP status a service maps it to and a default message. */
export const ERROR_CODES = {
  ERR_INPUT_INVALID_JSON: { status: 400, message: 'input is not valid JSON' },
  ERR_INPUT_TOO_LARGE: { status: 413, message: 'input is larger than the allowed size' },
  ERR_INPUT_UNREADABLE: { status: 400, message: 'input could not be read' },
  ERR_USAGE: { status: 400, message: 'bad usage' },
  ERR_CREDENTIAL_MALFORMED: { status: 400, message: 'the credential is not a well-formed VC 2.0 credential' },
  ERR_ACHIEVEMENT_INVALID: { status: 400, message: 'the achievement definition is invalid' },
  ERR_RECIPIENT_INVALID: { status: 400, message: 'the recipient is invalid' },
  ERR_SCHEMA_INVALID: { status: 400, message: 'the credential does not match the Open Badges 3.0 JSON Schema' },
  ERR_CONTEXT_NOT_ALLOWED: { status: 400, message: 'the JSON-LD context is not one of the bundled contexts' },
  ERR_CONTEXT_ORDER: { status: 400, message: 'the VC 2.0 context must come first' },
  ERR_JSONLD_UNDEFINED_TERM: { status: 400, message: 'a property or type is not defined by any of the credential\'s contexts' },
  ERR_JSONLD_INVALID: { status: 400, message: 'the credential is not valid JSON-LD' },
  ERR_PROOF_MISSING: { status: 400, message: 'the credential has no proof' },
  ERR_PROOF_MALFORMED: { status: 400, message: 'the proof is malformed' },
  ERR_PROOF_UNSUPPORTED: { status: 400, message: 'the proof type or cryptosuite is not supported' },
  ERR_PROOF_INVALID: { status: 400, message: 'the signature does not match: the credential was changed after signing or signed with another key' },
  ERR_KEY_UNRESOLVABLE: { status: 400, message: 'the signing key could not be resolved offline' },
  ERR_KEY_INVALID: { status: 400, message: 'the key is not a valid Ed25519 Multikey' },
  ERR_KEY_FILE: { status: 500, message: 'the key file could not be read' },
  ERR_ISSUER_KEY_MISMATCH: { status: 400, message: 'the signing key does not belong to the credential\'s issuer' },
  ERR_ISSUER_UNRESOLVABLE: { status: 400, message: 'the issuer\'s controller document is not available offline' },
  ERR_ISSUER_NOT_FOUND: { status: 404, message: 'no issuer is configured in this directory' },
  ERR_ISSUER_EXISTS: { status: 409, message: 'an issuer is already configured in this directory' },
  ERR_VALIDITY_NOT_YET_VALID: { status: 400, message: 'the credential is not valid yet (validFrom is in the future)' },
  ERR_VALIDITY_EXPIRED: { status: 400, message: 'the credential has expired (validUntil is in the past)' },
  ERR_STATUS_UNKNOWN: { status: 400, message: 'the credential\'s status could not be determined' },
  ERR_STATUS_REVOKED: { status: 400, message: 'the credential has been revoked' },
  ERR_STATUS_SUSPENDED: { status: 400, message: 'the credential is suspended' },
  ERR_INTERNAL: { status: 500, message: 'internal error' },
} as const satisfies Record<`ERR_${string}`, { status: number; message: string }>

export type MicrocredErrorCode = keyof typeof ERROR_CODES

export interface MicrocredErrorOptions {
  cause?: unknown
  /** Data a caller can act on (a JSON path, the offending URL, …). Never secrets. */
  details?: Record<string, unknown>
}

export class MicrocredError extends Error {
  readonly code: MicrocredErrorCode
  readonly details: Record<string, unknown> | undefined

  constructor(code: MicrocredErrorCode, message?: string, options: MicrocredErrorOptions = {}) {
    super(message ?? ERROR_CODES[code].message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'MicrocredError'
    this.code = code
    this.details = options.details
  }

  /** The HTTP status the service answers with for this error. */
  get status(): number {
    return ERROR_CODES[this.code].status
  }
}

export function isMicrocredError(value: unknown): value is MicrocredError {
  return value instanceof MicrocredError
}

/** HTTP status for a code; anything unknown is a 500. */
export function httpStatusFor(code: string): number {
  return code in ERROR_CODES ? ERROR_CODES[code as MicrocredErrorCode].status : 500
}
