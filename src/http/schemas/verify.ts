/** @module http/schemas/verify — POST /credentials/verify, POST /presentations/verify. */
import { checkSchema, errorResponses, errorSchema, jsonLdObject, verdictSchema, verificationResultSchema } from './common.js'

/**
 * 400: either a verification result that is not verified (same body as the 200), or a
 * refused request (`code`, `message`). One schema holds both so that neither is stripped.
 */
function notVerified(result: { properties: Record<string, unknown> }, what: string) {
  return {
    description: `${what} did not verify (\`verified\` false, the failing checks carry codes), or the request was malformed (\`code\`, \`message\`)`,
    type: 'object',
    additionalProperties: true,
    properties: { ...result.properties, ...errorSchema.properties },
  } as const
}

/** Most profiles / endorsements in one verify request. */
export const MAX_PROFILES = 20
export const MAX_ENDORSEMENTS = 100
/** Most controller documents / status lists supplied with one verify request. */
export const MAX_DOCUMENTS = 20
export const MAX_STATUS_LISTS = 20

export const verifyCredentialSchema = {
  summary: 'Verify a credential (public)',
  description:
    'Runs every check offline (shape, contexts, schema, signature, issuer key, validity dates, status; `nested` for a CLR 2.0 ClrCredential; `recipient` with `options.email`; `trust` when the trust list names issuers) and returns them all, with the `verdict` (verified / verified-with-warnings / not-verified, a headline, problems and warnings each with what to do next), a `summary` of what the credential claims, and, with `options.profiles`, a `portability` report that never changes `verified`. VC-API semantics: 200 when the credential verifies (with or without warnings); 400 with the same result body when it does not (`verified` false, the failing checks carry codes); a malformed request is a 400 with `code` and `message`. Checks that depend on a failed one are `skip`. Status lists published by this service are read locally; any other list is not fetched (supply it in `options.statusLists`), so the status of such credentials is `unknown`: a `warn` check (an `error` with `options.strict`), never "not revoked".',
  tags: ['verify'],
  body: {
    type: 'object',
    required: ['verifiableCredential'],
    additionalProperties: false,
    properties: {
      verifiableCredential: {
        anyOf: [
          jsonLdObject,
          {
            type: 'string',
            minLength: 1,
            maxLength: 1_000_000,
            pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$',
            description: 'a JWT-secured credential as its compact string: OB 3.0 VC-JWT, VC-JOSE-COSE vc+jwt, or a signed Open Badges 2.0 badge',
          },
        ],
        description: 'the credential: a JSON object (embedded Data Integrity proof, EnvelopedVerifiableCredential, or OB 2.0 assertion) or a compact JWT',
      },
      options: {
        type: 'object',
        additionalProperties: true,
        description: 'VC-API verify options; microcred reads `profiles`, `trustList`, `endorsements`, `strict`, `email`, `documents` and `statusLists` (other options are ignored)',
        properties: {
          profiles: {
            type: 'array',
            maxItems: MAX_PROFILES,
            items: {
              anyOf: [
                { type: 'string', minLength: 1, maxLength: 200, description: 'a shipped profile: eu-microcredential-2022, nzqa, uk-qaa, uk-lle-module, au-nmf, ca-ontario' },
                { type: 'object', additionalProperties: true, description: 'a profile document (schemas/profile.schema.json)' },
              ],
            },
            description: 'framework profiles to check: one `profile:<id>` check each. An unknown name is 400 ERR_PROFILE_NOT_FOUND, an invalid document 400 ERR_PROFILE_INVALID',
          },
          trustList: { type: 'object', additionalProperties: true, description: 'a trust-list document (schemas/trust-list.schema.json); invalid: 400 ERR_TRUST_LIST_INVALID' },
          endorsements: { type: 'array', maxItems: MAX_ENDORSEMENTS, items: jsonLdObject, description: 'EndorsementCredentials supplied beside the credential (QA evidence)' },
          strict: { type: 'boolean', description: 'treat warnings (status unknown, JSON Schema mismatch, untrusted issuer, unchecked recipient) as failures' },
          email: { type: 'string', minLength: 3, maxLength: 320, description: 'the recipient\'s email: a `recipient` check compares it with the credential\'s hashed identity' },
          documents: {
            type: 'object',
            maxProperties: MAX_DOCUMENTS,
            additionalProperties: jsonLdObject,
            description: 'controller (DID) documents of URL / did:web issuers, by id; trusted as given (the service\'s own DID document always wins)',
          },
          statusLists: { type: 'array', maxItems: MAX_STATUS_LISTS, items: jsonLdObject, description: 'signed status list credentials of other issuers; used only when they verify and are fresh' },
        },
      },
    },
  },
  response: { 200: verificationResultSchema, 400: notVerified(verificationResultSchema, 'the credential'), ...errorResponses },
} as const

const presentationResultSchema = {
  type: 'object',
  required: ['verified', 'checks', 'credentials'],
  properties: {
    verified: { type: 'boolean' },
    checks: { type: 'array', items: checkSchema },
    credentials: { type: 'array', items: verificationResultSchema, description: 'one result per credential, each with its verdict and summary' },
    verdict: verdictSchema,
  },
} as const

export const verifyPresentationSchema = {
  summary: 'Verify a presentation (public)',
  description:
    'Verifies the presentation proof (proofPurpose authentication, made by the holder) with the expected `options.challenge` and `options.domain`, and every credential it carries (each with its own verdict and summary); `verdict` covers the presentation and every credential. 200 when the presentation and every credential verify; 400 with the same result body when not (a presentation without `@context` or `type` is such a result, its `presentation.shape` check listing each problem with its JSON path).',
  tags: ['verify'],
  body: {
    type: 'object',
    required: ['verifiablePresentation'],
    additionalProperties: false,
    properties: {
      verifiablePresentation: jsonLdObject,
      options: {
        type: 'object',
        additionalProperties: true,
        properties: {
          challenge: { type: 'string', minLength: 1, maxLength: 1024 },
          domain: { type: 'string', minLength: 1, maxLength: 1024 },
          strict: { type: 'boolean', description: 'treat every credential\'s warnings as failures' },
        },
      },
    },
  },
  response: {
    200: presentationResultSchema,
    400: notVerified(presentationResultSchema, 'the presentation'),
    ...errorResponses,
  },
} as const
