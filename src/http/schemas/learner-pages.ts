/** @module http/schemas/learner-pages — the learner's credential after a claim, the public credential page and badge images. */
import { errorResponses } from './common.js'

const tokenParam = { type: 'object', required: ['token'], properties: { token: { type: 'string', minLength: 1, maxLength: 128 } } } as const
const credentialParam = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 2048 } } } as const

export const claimedCredentialSchema = {
  summary: 'Download a claimed credential again (public, for the holder of the claim link)',
  description:
    'After the offer was claimed, its claim link still downloads the credential it was claimed as: JSON (default), or baked into a badge image with `?format=png|svg`. Nothing is signed again. Before the claim: 409 ERR_OFFER_NOT_CLAIMED; an expired or withdrawn offer: 410.',
  tags: ['offers'],
  params: tokenParam,
  querystring: { type: 'object', additionalProperties: false, properties: { format: { type: 'string', enum: ['json', 'png', 'svg'] } } },
  response: { ...errorResponses },
} as const

export const publicPageSchema = {
  summary: 'Make a claimed credential public, or private again (public, for the holder of the claim link)',
  description:
    'Body `{ "public": true|false }`. A public credential has a page at `/c/<id>` (Open Graph tags, verified in the visitor’s browser) and a badge image at `/credentials/<id>/badge.png|svg`. Before the claim: 409 ERR_OFFER_NOT_CLAIMED.',
  tags: ['offers'],
  params: tokenParam,
  body: { type: 'object', required: ['public'], additionalProperties: false, properties: { public: { type: 'boolean' } } },
  response: {
    200: {
      type: 'object',
      properties: { credentialId: { type: 'string' }, public: { type: 'boolean' }, pageUrl: { type: 'string' }, badgeUrl: { type: 'string' } },
    },
    ...errorResponses,
  },
} as const

export const badgeImageSchema = {
  summary: 'A credential baked into its badge image (public when the learner made it public; else an API key with "read")',
  description:
    'The signed credential baked into the achievement’s own image (an inline data: PNG or SVG) or the generated default badge. Without an API key, only credentials whose learner made them public are served; any other id is 404, as if it did not exist.',
  tags: ['credentials'],
  // The key is optional: none for a public credential, `read` for any other.
  security: [{}, { apiKey: [] }],
  params: credentialParam,
  response: { ...errorResponses },
} as const

export const credentialPageSchema = { hide: true, params: credentialParam } as const
