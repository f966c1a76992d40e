/**
 * @module http/schemas/common
 * JSON Schemas shared by the routes. They validate requests (Ajv with coercion, defaults and
 * additional-property removal all off: a request is taken as sent or refused) and document
 * responses in the OpenAPI output. Signed documents are sent as their stored text and never
 * pass through a response serializer.
 */

/** Every 4xx/5xx body. */
export const errorSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', description: 'ERR_<AREA>_<REASON>; the contract (see docs/api.md)' },
    message: { type: 'string' },
    details: { type: 'object', additionalProperties: true },
    requestId: { type: 'string', description: 'only on 5xx: quote it when reporting the problem' },
  },
} as const

export const errorResponses = {
  '4xx': { description: 'the request was refused; `code` says why', ...errorSchema },
  '5xx': { description: 'internal error (details are in the service log under requestId)', ...errorSchema },
} as const

/** A JSON-LD document (credential, presentation, achievement): its content is checked by the core. */
export const jsonLdObject = { type: 'object', additionalProperties: true } as const

/** A signed credential as stored (documentation only: it is sent as stored text). */
export const verifiableCredentialSchema = {
  type: 'object',
  additionalProperties: true,
  description: 'a signed OB 3.0 / VC 2.0 credential (DataIntegrityProof, eddsa-rdfc-2022), byte for byte as signed',
} as const

export const checkSchema = {
  type: 'object',
  required: ['id', 'outcome', 'message'],
  properties: {
    id: { type: 'string' },
    outcome: { type: 'string', enum: ['pass', 'warn', 'fail', 'error', 'skip'] },
    code: { type: 'string' },
    message: { type: 'string' },
    details: { type: 'object', additionalProperties: true },
  },
} as const

const findingSchema = {
  type: 'object',
  required: ['check', 'code', 'says', 'message'],
  properties: {
    check: { type: 'string' },
    code: { type: 'string' },
    says: { type: 'string', description: 'what it means, in plain words' },
    message: { type: 'string' },
    next: {
      type: 'object',
      description: 'what to do next: `option` in request-option terms, `cli` in microcred CLI terms',
      properties: { cli: { type: 'string' }, option: { type: 'string' } },
    },
  },
} as const

/** The verdict a person reads (src/core/verifier/verdict.ts); see docs/verification.md. */
export const verdictSchema = {
  type: 'object',
  required: ['level', 'headline', 'strict', 'problems', 'warnings'],
  properties: {
    level: { type: 'string', enum: ['verified', 'verified-with-warnings', 'not-verified'] },
    headline: { type: 'string' },
    strict: { type: 'boolean' },
    problems: { type: 'array', items: findingSchema },
    warnings: { type: 'array', items: findingSchema },
  },
} as const

export const verificationResultSchema = {
  type: 'object',
  required: ['verified', 'checks'],
  properties: {
    verified: { type: 'boolean' },
    checks: { type: 'array', items: checkSchema },
    verdict: verdictSchema,
    summary: { type: 'object', additionalProperties: true, description: 'what the credential claims: achievement, issuer (with domain), recipient, credits, levels, QA, dates' },
    portability: {
      type: 'object',
      description: 'framework profiles asked for (options.profiles); never changes `verified`',
      properties: { profiles: { type: 'array', items: checkSchema } },
    },
  },
} as const

export const idParam = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 2048, description: 'the id, URL-encoded (or the last path segment of a URL id minted here)' } },
} as const

export const idempotencyHeader = {
  type: 'object',
  properties: {
    'idempotency-key': { type: 'string', minLength: 1, maxLength: 255, description: 'a retry with the same key and body returns the first result, never duplicates' },
  },
} as const
