/** @module http/schemas/public — status lists, DID document, contexts, health, docs. */
import { errorResponses } from './common.js'

export const statusListSchema = {
  summary: 'A Bitstring Status List credential (public)',
  description:
    'The signed BitstringStatusListCredential (W3C Bitstring Status List v1.0) with a weak ETag per list version and Cache-Control. Send If-None-Match to get 304 when unchanged.',
  tags: ['status'],
  params: { type: 'object', required: ['listId'], properties: { listId: { type: 'string', pattern: '^[A-Za-z0-9._~-]{1,128}$' } } },
  response: {
    200: { description: 'the signed list credential, byte for byte as signed', type: 'object', additionalProperties: true },
    304: { description: 'not modified', type: 'null' },
    ...errorResponses,
  },
} as const

export const didDocumentSchema = {
  summary: 'The issuer DID document (did:web issuers)',
  description: 'Every key the issuer ever signed with stays listed (assertionMethod), so credentials signed before a rotation keep verifying. 404 for a did:key issuer.',
  tags: ['issuer'],
  response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses },
} as const

export const rotateKeySchema = {
  summary: 'Rotate the did:web signing key (admin)',
  description: 'Creates a new key, lists it in the DID document, signs new credentials with it; the old key stays listed.',
  tags: ['issuer'],
  response: {
    200: {
      type: 'object',
      properties: {
        activeKey: { type: 'string' },
        previousKey: { type: 'string' },
        keys: {
          type: 'array',
          items: { type: 'object', properties: { id: { type: 'string' }, created: { type: 'string' }, retired: { type: 'string' } } },
        },
      },
    },
    ...errorResponses,
  },
} as const

export const contextSchema = {
  summary: 'The microcred JSON-LD extension context',
  description: 'Served byte for byte as pinned in contexts/manifest.json (https://w3id.org/microcred/v1).',
  tags: ['contexts'],
  response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses },
} as const

export const healthSchema = {
  summary: 'Liveness and database check',
  tags: ['service'],
  response: {
    200: {
      type: 'object',
      properties: { status: { type: 'string', enum: ['ok'] }, store: { type: 'string' }, issuer: { type: 'string' } },
    },
    ...errorResponses,
  },
} as const
