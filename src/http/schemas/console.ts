/** @module http/schemas/console — request schemas of the console's routes (http/routes/console.ts). */
import { API_KEY_SCOPES } from '../../storage/store.js'
import { definitionSchema } from './achievements.js'
import { errorResponses, idParam } from './common.js'

const pageQuery = {
  limit: { type: 'string', pattern: '^[1-9][0-9]{0,3}$' },
  page: { type: 'string', maxLength: 32 },
} as const

export const signInSchema = {
  hide: true,
  body: {
    type: 'object',
    required: ['apiKey'],
    additionalProperties: false,
    properties: { apiKey: { type: 'string', minLength: 1, maxLength: 200 } },
  },
} as const

export const listAchievementsSchema = {
  summary: 'List achievements (console)',
  tags: ['console'],
  querystring: { type: 'object', additionalProperties: false, properties: pageQuery },
} as const

export const updateAchievementSchema = {
  summary: 'Edit an achievement definition (console)',
  description: 'Replaces the definition; credentials already issued keep the Achievement they were signed with.',
  tags: ['console'],
  params: idParam,
  body: definitionSchema,
  response: errorResponses,
} as const

export const searchCredentialsSchema = {
  summary: 'Search issued credentials by learner email, achievement and date (console)',
  tags: ['console'],
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      email: { type: 'string', maxLength: 320 },
      achievement: { type: 'string', maxLength: 2048 },
      from: { type: 'string', maxLength: 40 },
      to: { type: 'string', maxLength: 40 },
      limit: pageQuery.limit,
    },
  },
} as const

export const createApiKeySchema = {
  summary: 'Create an API key; the token is shown once (console)',
  tags: ['console'],
  body: {
    type: 'object',
    required: ['name', 'scopes'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      scopes: { type: 'array', minItems: 1, maxItems: 4, uniqueItems: true, items: { type: 'string', enum: [...API_KEY_SCOPES] } },
      expiresAt: { type: 'string', maxLength: 40 },
    },
  },
} as const

export const revokeApiKeySchema = {
  summary: 'Revoke an API key (console)',
  tags: ['console'],
  params: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[a-z0-9]{1,64}$' } } },
} as const

export const auditQuerySchema = {
  summary: 'The audit log of staff actions, newest first (console)',
  tags: ['console'],
  querystring: { type: 'object', additionalProperties: false, properties: { target: { type: 'string', maxLength: 2048 }, ...pageQuery } },
} as const
