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
  ERR_RECIPIENT_MISMATCH: { status: 400, message: 'the credential was not issued to the email address given' },
  ERR_RECIPIENT_UNCHECKED: { status: 400, message: 'the credential names no hashed email recipient, so the email given could not be checked' },
  ERR_SCHEMA_INVALID: { status: 400, message: 'the credential does not match the Open Badges 3.0 JSON Schema' },
  ERR_CONTEXT_NOT_ALLOWED: { status: 400, message: 'the JSON-LD context is not one of the bundled contexts' },
  ERR_CONTEXT_ORDER: { status: 400, message: 'the VC 2.0 context must come first' },
  ERR_JSONLD_UNDEFINED_TERM: { status: 400, message: 'a property or type is not defined by any of the credential\'s contexts' },
  ERR_JSONLD_INVALID: { status: 400, message: 'the credential is not valid JSON-LD' },
  ERR_PROOF_MISSING: { status: 400, message: 'the credential has no proof' },
  ERR_PROOF_MALFORMED: { status: 400, message: 'the proof is malformed' },
  ERR_PROOF_UNSUPPORTED: { status: 400, message: 'the proof type or cryptosuite is not supported' },
  ERR_PROOF_INVALID: { status: 400, message: 'the signature does not match: the credential was changed after signing or signed with another key' },
  ERR_PROOF_PURPOSE_MISMATCH: { status: 400, message: 'the proof was made for another purpose than the one expected' },
  ERR_PROOF_CHAIN_BROKEN: { status: 400, message: 'a proof names a previous proof that is not in the proof set' },
  ERR_PROOF_CLAIMS_MISMATCH: { status: 400, message: 'the JWT claims contradict the credential they carry' },
  ERR_PROOF_ONLINE_REQUIRED: { status: 400, message: 'this credential can only be verified online, against its issuer\'s server' },
  ERR_KEY_UNRESOLVABLE: { status: 400, message: 'the signing key could not be resolved offline' },
  ERR_KEY_INVALID: { status: 400, message: 'the key is not a valid Ed25519 Multikey' },
  ERR_KEY_NOT_AUTHORIZED: { status: 400, message: 'the key is not an assertion method of its controller' },
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
  ERR_BADGE_MALFORMED: { status: 400, message: 'the badge image is corrupt or its baked credential cannot be read' },
  ERR_BADGE_NOT_BAKED: { status: 400, message: 'the image has no credential baked into it' },
  ERR_CONFIG_INVALID: { status: 400, message: 'a configuration value is invalid' },
  ERR_CONFIG_PORT_UNAVAILABLE: { status: 409, message: 'the configured port cannot be listened on (in use, or not permitted)' },
  ERR_INPUT_INVALID: { status: 400, message: 'the request does not match the expected shape' },
  ERR_INPUT_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'the request body must be application/json' },
  ERR_NOT_FOUND: { status: 404, message: 'no such route' },
  ERR_CREDENTIAL_NOT_FOUND: { status: 404, message: 'no credential with that id was issued here' },
  ERR_ACHIEVEMENT_NOT_FOUND: { status: 404, message: 'no achievement with that id is defined here' },
  ERR_STATUS_LIST_NOT_FOUND: { status: 404, message: 'no status list with that id' },
  ERR_DID_WEB_NOT_CONFIGURED: { status: 404, message: 'this issuer is not a did:web issuer' },
  ERR_AUTH_REQUIRED: { status: 401, message: 'an API key is required: send Authorization: Bearer <key>' },
  ERR_AUTH_INVALID: { status: 401, message: 'the API key is not valid or has been revoked' },
  ERR_AUTH_FORBIDDEN: { status: 403, message: 'the API key does not have the scope this route needs' },
  ERR_AUTH_EXPIRED: { status: 401, message: 'the API key has expired: create a new one with microcred apikey create' },
  ERR_AUTH_SESSION_EXPIRED: { status: 401, message: 'the console session has ended (signed out, expired or the service restarted): sign in again' },
  ERR_AUTH_CSRF: { status: 403, message: 'a console request that changes something must carry the session\'s X-CSRF-Token header' },
  ERR_RATE_LIMITED: { status: 429, message: 'too many requests; retry later' },
  ERR_BATCH_TOO_LARGE: { status: 413, message: 'too many credentials in one batch' },
  ERR_IDEMPOTENCY_KEY_REQUIRED: { status: 400, message: 'this route needs an Idempotency-Key header' },
  ERR_IDEMPOTENCY_KEY_REUSED: { status: 422, message: 'the Idempotency-Key was already used for a different request' },
  ERR_STATUS_NOT_TRACKED: { status: 409, message: 'the credential has no status entry for that purpose' },
  ERR_STATUS_IRREVERSIBLE: { status: 409, message: 'a revoked credential cannot be reinstated' },
  ERR_PRESENTATION_MALFORMED: { status: 400, message: 'the presentation is not a well-formed VC 2.0 presentation' },
  ERR_PRESENTATION_CHALLENGE: { status: 400, message: 'the presentation proof does not carry the expected challenge' },
  ERR_PRESENTATION_DOMAIN: { status: 400, message: 'the presentation proof does not carry the expected domain' },
  ERR_PRESENTATION_HOLDER: { status: 400, message: 'the presentation was not signed by its holder' },
  ERR_KEY_ROTATION_UNSUPPORTED: { status: 409, message: 'a did:key issuer cannot rotate its key (the key is the identifier); use did:web' },
  ERR_OFFER_NOT_FOUND: { status: 404, message: 'no such offer: check the link, or ask the issuer for a new one' },
  ERR_OFFER_CLAIMED: { status: 409, message: 'this offer was already claimed; ask the issuer for a new link' },
  ERR_OFFER_EXPIRED: { status: 410, message: 'this offer has expired; ask the issuer for a new link' },
  ERR_OFFER_REVOKED: { status: 410, message: 'this offer was withdrawn by the issuer' },
  ERR_OFFER_NOT_CLAIMED: { status: 409, message: 'this offer has not been claimed yet: take the credential first' },
  ERR_JOB_NOT_FOUND: { status: 404, message: 'no such job' },
  ERR_STORE_CONFLICT: { status: 409, message: 'the record already exists or its status position is already used' },
  ERR_STORE_NOT_FOUND: { status: 404, message: 'no such record' },
  ERR_STORE_UNAVAILABLE: { status: 503, message: 'the database is not available' },
  ERR_STORE_MISSING: { status: 404, message: 'the service has no database yet' },
  ERR_STORE_FULL: { status: 507, message: 'the database has no space left' },
  ERR_STATUS_LIST_UNAVAILABLE: { status: 502, message: 'the status list could not be fetched' },
  ERR_FETCH_ADDRESS_BLOCKED: { status: 502, message: 'the URL resolves to a private, loopback or otherwise non-public address, which is not fetched unless allowed' },
  ERR_STATUS_LIST_INVALID: { status: 400, message: 'the status list is malformed (encodedList is not a GZIP-compressed, base64url multibase bitstring of at least 16 KiB)' },
  ERR_PROFILE_INVALID: { status: 400, message: 'the profile does not match the profile schema' },
  ERR_PROFILE_NOT_FOUND: { status: 400, message: 'no profile with that name' },
  ERR_PROFILE_NOT_MET: { status: 400, message: 'the credential does not meet the framework profile' },
  ERR_PROFILE_ELEMENT_MISSING: { status: 400, message: 'a required element of the profile is missing' },
  ERR_PROFILE_ELEMENT_OUT_OF_RANGE: { status: 400, message: 'an element of the profile is out of its allowed range' },
  ERR_PROFILE_ELEMENT_INVALID: { status: 400, message: 'an element of the profile has a value the profile does not allow' },
  ERR_PATHWAY_INVALID: { status: 400, message: 'the pathway does not match the pathway schema' },
  ERR_PATHWAY_NOT_FOUND: { status: 404, message: 'no pathway with that id' },
  ERR_PATHWAY_NOT_SATISFIED: { status: 422, message: 'the credentials do not satisfy the pathway, so no award can be made' },
  ERR_PATHWAY_RULE_NOT_MET: { status: 400, message: 'a rule of the pathway is not met' },
  ERR_PATHWAY_COMPONENT_UNVERIFIED: { status: 400, message: 'a component credential does not verify, so it does not count' },
  ERR_PATHWAY_NOT_ACHIEVEMENT: { status: 400, message: 'a component is not an achievement credential' },
  ERR_PATHWAY_LEARNER_MISMATCH: { status: 400, message: 'a component credential belongs to another learner' },
  ERR_PATHWAY_IDENTITY_UNPROVEN: { status: 400, message: 'a component is about a hashed identity the holder has not proven' },
  ERR_PATHWAY_DOUBLE_COUNTED: { status: 400, message: 'a component would be counted twice' },
  ERR_PATHWAY_COMPONENT_TOO_OLD: { status: 400, message: 'a component is older than the pathway allows' },
  ERR_PATHWAY_ISSUER_NOT_ACCEPTED: { status: 400, message: 'a component\'s issuer is not accepted by the pathway' },
  ERR_PATHWAY_UNIT_NOT_ACCEPTED: { status: 400, message: 'a component\'s credit unit is not accepted by the pathway' },
  ERR_PATHWAY_LEVEL_OUT_OF_RANGE: { status: 400, message: 'a component\'s level is outside the pathway\'s range' },
  ERR_PATHWAY_COMPONENT_CONSTRAINT: { status: 400, message: 'a component does not meet the pathway\'s per-component constraints' },
  ERR_TRUST_LIST_INVALID: { status: 400, message: 'the trust list does not match the trust-list schema' },
  ERR_TRUST_QA_UNCONFIRMED: { status: 400, message: 'the quality-assurance claim is claimed, unconfirmed' },
  ERR_TRUST_NO_TRUST_LIST: { status: 400, message: 'no trust list was supplied, so no QA body can be trusted' },
  ERR_TRUST_NO_ENDORSEMENT: { status: 400, message: 'no endorsement from the claimed QA body was found' },
  ERR_TRUST_ENDORSEMENT_INVALID: { status: 400, message: 'the endorsement does not verify' },
  ERR_TRUST_ENDORSEMENT_MISMATCH: { status: 400, message: 'the endorsement is about another achievement or issuer' },
  ERR_TRUST_SIGNER_UNTRUSTED: { status: 400, message: 'the endorsement\'s signer is not in the trust list' },
  ERR_TRUST_ENTRY_EXPIRED: { status: 400, message: 'the trust list no longer trusted the signer when the credential was issued' },
  ERR_TRUST_ENTRY_NOT_YET_VALID: { status: 400, message: 'the trust list did not yet trust the signer when the credential was issued' },
  ERR_TRUST_ISSUER_UNTRUSTED: { status: 400, message: 'the credential\'s issuer is not in the trust list' },
  ERR_TRUST_OUT_OF_SCOPE: { status: 400, message: 'the achievement is outside what the trust list trusts the signer for' },
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
