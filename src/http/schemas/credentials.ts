/** @module http/schemas/credentials — issue, batch, list, get and status routes. */
import { errorResponses, idempotencyHeader, idParam, jsonLdObject, verifiableCredentialSchema } from './common.js'
import { batchOfferOption, offersCreatedResponse, singleOfferOption } from './offers.js'

const issueOptions = {
  type: 'object',
  additionalProperties: false,
  properties: {
    credentialId: { type: 'string', minLength: 1, maxLength: 2048, description: 'the credential id, when the credential has none (VC-API)' },
    offer: singleOfferOption,
  },
} as const

export const issueSchema = {
  summary: 'Issue one credential',
  description:
    'Signs an unsigned OB 3.0 / VC 2.0 credential (VC-API). The service sets the issuer, adds `id` and `validFrom` when missing and a BitstringStatusListEntry for revocation and for suspension, signs (DataIntegrityProof eddsa-rdfc-2022), stores and returns it. An optional Idempotency-Key makes retries safe.',
  tags: ['credentials'],
  headers: idempotencyHeader,
  body: {
    type: 'object',
    required: ['credential'],
    additionalProperties: false,
    properties: { credential: jsonLdObject, options: issueOptions },
  },
  response: {
    201: {
      description: 'issued (`verifiableCredential`), or with options.offer an offer (`offers`)',
      type: 'object',
      properties: { verifiableCredential: verifiableCredentialSchema, ...offersCreatedResponse.properties },
    },
    ...errorResponses,
  },
} as const

export const batchSchema = {
  summary: 'Issue up to 10 000 credentials, all or nothing',
  description:
    'Every credential is issued as by /credentials/issue, or none is. The Idempotency-Key header is required: a retry with the same key and body returns the credentials issued the first time (header Idempotent-Replayed: true), never duplicates; the same key with another body is refused (422).',
  tags: ['credentials'],
  headers: idempotencyHeader,
  body: {
    type: 'object',
    required: ['credentials'],
    additionalProperties: false,
    properties: {
      credentials: { type: 'array', minItems: 1, items: jsonLdObject },
      options: { type: 'object', additionalProperties: false, properties: { offer: batchOfferOption } },
    },
  },
  response: {
    201: {
      description: 'issued (`verifiableCredentials`), or with options.offer one offer per credential (`offers`)',
      type: 'object',
      properties: { verifiableCredentials: { type: 'array', items: verifiableCredentialSchema }, ...offersCreatedResponse.properties },
    },
    ...errorResponses,
  },
} as const

export const getCredentialSchema = {
  summary: 'Get an issued credential',
  description: 'The signed credential exactly as issued. Its current status is in the headers Credential-Revoked / Credential-Suspended.',
  tags: ['credentials'],
  params: idParam,
  response: { 200: verifiableCredentialSchema, ...errorResponses },
} as const

export const listCredentialsSchema = {
  summary: 'List issued credentials',
  description:
    'Newest last, 100 per page by default. `recipient` is a subject id or an identity hash (`sha256$…`); `achievement` an achievement id; `page` the `nextPage` of the previous answer.',
  tags: ['credentials'],
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      recipient: { type: 'string', minLength: 1, maxLength: 2048 },
      achievement: { type: 'string', minLength: 1, maxLength: 2048 },
      page: { type: 'string', minLength: 1, maxLength: 256 },
      limit: { type: 'string', pattern: '^[1-9][0-9]{0,3}$', description: '1..1000' },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        credentials: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              revoked: { type: 'boolean' },
              suspended: { type: 'boolean' },
              createdAt: { type: 'string' },
              statusUpdatedAt: { type: 'string' },
              verifiableCredential: verifiableCredentialSchema,
            },
          },
        },
        nextPage: { type: 'string' },
      },
    },
    ...errorResponses,
  },
} as const

export const updateStatusSchema = {
  summary: 'Revoke, suspend or reinstate a credential',
  description:
    'VC-API shape: `{ credentialId, credentialStatus: { type: "BitstringStatusList", statusPurpose: "revocation" | "suspension" }, status: true | false }`. The earlier VC-API shape `{ credentialId, credentialStatus: [{ type, status: "revoked" | "suspended" | "unsuspended" }] }` is accepted too. Revocation is final.',
  tags: ['credentials'],
  body: {
    type: 'object',
    required: ['credentialId', 'credentialStatus'],
    additionalProperties: false,
    properties: {
      credentialId: { type: 'string', minLength: 1, maxLength: 2048 },
      credentialStatus: {
        oneOf: [
          {
            type: 'object',
            required: ['type', 'statusPurpose'],
            additionalProperties: false,
            properties: {
              id: { type: 'string' },
              type: { type: 'string', enum: ['BitstringStatusList', 'BitstringStatusListEntry', 'BitstringStatusListCredential'] },
              statusPurpose: { type: 'string', enum: ['revocation', 'suspension'] },
              statusListIndex: { type: 'string' },
              statusListCredential: { type: 'string' },
            },
          },
          {
            type: 'array',
            minItems: 1,
            maxItems: 1,
            items: {
              type: 'object',
              required: ['status'],
              additionalProperties: false,
              properties: {
                type: { type: 'string' },
                status: { type: 'string', enum: ['revoked', 'suspended', 'unsuspended', 'active'] },
              },
            },
          },
        ],
      },
      status: { type: 'boolean' },
      reason: { type: 'string', minLength: 1, maxLength: 1000, description: 'why: stored with the change and shown in the audit log, never published in a status list' },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        credentialId: { type: 'string' },
        revoked: { type: 'boolean' },
        suspended: { type: 'boolean' },
        changed: { type: 'boolean' },
        statusUpdatedAt: { type: 'string' },
      },
    },
    ...errorResponses,
  },
} as const
