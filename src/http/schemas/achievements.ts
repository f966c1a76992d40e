/**
 * @module http/schemas/achievements
 * POST /achievements takes a MicroCredentialDefinition (src/core/model/micro-credential.ts);
 * the schema checks types, `toAchievement` checks the rest (URIs, enumerations).
 */
import { errorResponses, idempotencyHeader, idParam, jsonLdObject, verifiableCredentialSchema } from './common.js'
import { achievementOfferOption, offersCreatedResponse } from './offers.js'

const text = { type: 'string', minLength: 1 } as const
/** A URL, URN or DID: a scheme, a colon, no spaces (what toAchievement accepts). */
const uri = { type: 'string', minLength: 3, maxLength: 2048, pattern: '^[a-zA-Z][a-zA-Z0-9+.-]*:\\S+$', description: 'a URL, URN or DID (scheme:…, no spaces)' } as const
const party = {
  type: 'object',
  required: ['id', 'name'],
  additionalProperties: false,
  properties: { id: uri, name: text, url: uri },
} as const

export const definitionSchema = {
  type: 'object',
  required: ['name', 'description', 'criteria'],
  additionalProperties: false,
  properties: {
    id: { ...uri, description: 'URL or URN; when absent the service mints <PUBLIC_URL>/achievements/<uuid>' },
    name: text,
    description: text,
    criteria: text,
    credits: {
      type: 'object',
      required: ['value', 'system'],
      additionalProperties: false,
      properties: { value: { type: 'number', minimum: 0 }, system: { type: 'string' } },
    },
    workloadHours: { type: 'number', minimum: 0 },
    levels: {
      type: 'array',
      items: {
        type: 'object',
        required: ['framework', 'code', 'uri'],
        additionalProperties: false,
        properties: { framework: text, code: text, uri, name: text },
      },
    },
    fieldOfStudy: text,
    inLanguage: text,
    qualityAssurance: {
      type: 'array',
      items: {
        type: 'object',
        required: ['body', 'type'],
        additionalProperties: false,
        properties: {
          body: party,
          type: { type: 'string', enum: ['internal', 'external'] },
          regime: text,
          accreditation: uri,
          accreditationReference: text,
          description: text,
        },
      },
    },
    issuerIsAwardingBody: { type: 'boolean' },
    awardingBody: { type: 'array', items: party },
    learningOutcomes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['text'],
        additionalProperties: false,
        properties: { text, skills: { type: 'array', items: uri } },
      },
    },
    assessmentType: text,
    participationMode: { type: 'string' },
    prerequisites: text,
    supervisionAndIdVerification: { type: 'string' },
    stackability: { type: 'string' },
    parentCourse: uri,
    resultDescriptions: { type: 'array', items: jsonLdObject },
    achievementType: text,
    image: uri,
    humanCode: text,
    tags: { type: 'array', items: text },
  },
} as const

/** Dates are XML Schema dateTimes with a time zone, as VC 2.0 requires. */
const dateTime = {
  type: 'string',
  pattern: '^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$',
  description: 'an XML Schema dateTime with a time zone, e.g. 2031-01-01T00:00:00Z',
} as const

/** What an issue request may say about the credentials, besides who receives them. */
export const issueOptionsProperties = {
  validFrom: dateTime,
  validUntil: dateTime,
  name: text,
  result: { type: 'array', items: jsonLdObject },
  withCredentialSchema: { type: 'boolean' },
} as const

const achievementRecord = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    definition: { type: 'object', additionalProperties: true },
    achievement: { type: 'object', additionalProperties: true },
    createdAt: { type: 'string' },
  },
} as const

export const createAchievementSchema = {
  summary: 'Define a micro-credential',
  description: 'Stores a MicroCredentialDefinition and the OB 3.0 Achievement built from it (OB 3.0 properties first, the microcred context for the rest).',
  tags: ['achievements'],
  body: definitionSchema,
  response: { 201: achievementRecord, ...errorResponses },
} as const

export const getAchievementSchema = {
  summary: 'Get a micro-credential definition (public)',
  description: 'The definition and its OB 3.0 Achievement; public, as the Achievement is embedded in every credential issued for it.',
  tags: ['achievements'],
  params: idParam,
  response: { 200: achievementRecord, ...errorResponses },
} as const

/** One recipient: `{ id }` (a DID or URL) or `{ email, salt? }` (written as a salted hash). */
export const recipientSchema = {
  oneOf: [
    { type: 'object', required: ['id'], additionalProperties: false, properties: { id: uri } },
    {
      type: 'object',
      required: ['email'],
      additionalProperties: false,
      properties: { email: { type: 'string', minLength: 3, maxLength: 320 }, salt: { type: 'string', minLength: 1, maxLength: 256 } },
    },
  ],
} as const

export const issueAchievementSchema = {
  summary: 'Issue a defined micro-credential to recipients',
  description:
    'One credential per recipient ({ id } a DID/URL, or { email } written as a salted hash), all or nothing, like /credentials/issue/batch. Idempotency-Key is optional here but recommended.',
  tags: ['achievements'],
  params: idParam,
  headers: idempotencyHeader,
  body: {
    type: 'object',
    required: ['recipients'],
    additionalProperties: false,
    properties: {
      recipients: { type: 'array', minItems: 1, items: recipientSchema },
      ...issueOptionsProperties,
      offer: achievementOfferOption,
    },
  },
  response: {
    201: { type: 'object', properties: { verifiableCredentials: { type: 'array', items: verifiableCredentialSchema }, ...offersCreatedResponse.properties } },
    ...errorResponses,
  },
} as const

/**
 * The issue request `microcred issue` reads (one recipient; the achievement given inline or
 * as a file name, checked against `definitionSchema` unless it is an OB 3.0 Achievement).
 */
export const cliIssueRequestSchema = {
  type: 'object',
  required: ['achievement', 'recipient'],
  additionalProperties: false,
  properties: {
    achievement: { type: ['string', 'object'], description: 'a file name (relative to the request), a definition, or an OB 3.0 Achievement' },
    recipient: recipientSchema,
    ...issueOptionsProperties,
  },
} as const
