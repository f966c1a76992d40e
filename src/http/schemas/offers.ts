/** @module http/schemas/offers — offer options of the issue routes, the claim routes and the offer admin routes. */
import { errorResponses, idParam } from './common.js'

const expiresInDays = { type: 'integer', minimum: 1, maximum: 365, description: 'days until the claim link stops working (default 30)' } as const
const email = { type: 'string', minLength: 3, maxLength: 320 } as const

/** `options.offer` of POST /credentials/issue. */
export const singleOfferOption = {
  type: 'object',
  additionalProperties: false,
  description:
    'Make an offer instead of issuing now: the credential is signed when the learner claims it (bound to their DID when they give one). `email` is written into the credential as a salted hash and, with SMTP configured, the claim link is emailed to it.',
  properties: { email, salt: { type: 'string', minLength: 1, maxLength: 256 }, expiresInDays },
} as const

/** `options.offer` of POST /credentials/issue/batch. */
export const batchOfferOption = {
  type: 'object',
  additionalProperties: false,
  description: 'Make one offer per credential. `emails[i]` (or null) belongs to `credentials[i]`.',
  properties: { emails: { type: 'array', items: { anyOf: [email, { type: 'null' }] } }, expiresInDays },
} as const

/** `offer` of POST /achievements/:id/issue: recipients given by email get the link by email. */
export const achievementOfferOption = {
  type: 'object',
  additionalProperties: false,
  description: 'Make one offer per recipient instead of issuing now; recipients given by { email } are emailed their link when SMTP is configured.',
  properties: { expiresInDays },
} as const

const createdOffer = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    claimUrl: { type: 'string', description: 'shown once: only its hash is stored' },
    expiresAt: { type: 'string' },
    email: { type: 'string' },
    delivery: { type: 'string', enum: ['email-queued', 'not-sent: no SMTP configured', 'not-sent: no email address'] },
  },
} as const

/** The 201 answer of an issue route asked for offers (JSON; or CSV with Accept: text/csv). */
export const offersCreatedResponse = {
  description: 'offers created (no credential is signed until a claim)',
  type: 'object',
  properties: { offers: { type: 'array', items: createdOffer }, emailDelivery: { type: 'string' } },
} as const

const tokenParam = {
  type: 'object',
  required: ['token'],
  properties: { token: { type: 'string', minLength: 1, maxLength: 128 } },
} as const

export const claimSummarySchema = {
  summary: 'What an offer is (public, for the learner holding the link)',
  description: 'The wallet protocols (VC-API exchange, OID4VCI offer), the achievement, the issuer, the expiry and the state of the offer behind a claim link. Never the email address.',
  tags: ['offers'],
  params: tokenParam,
  response: {
    200: {
      type: 'object',
      properties: {
        protocols: {
          type: 'object',
          description: 'the VC-API interaction document: where a wallet takes the offer (see docs/delivery.md)',
          properties: { vcapi: { type: 'string' }, OID4VCI: { type: 'string' } },
        },
        state: { type: 'string', enum: ['pending', 'claimed', 'revoked', 'expired'] },
        achievement: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' } } },
        issuer: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
        expiresAt: { type: 'string' },
        claimedAt: { type: 'string' },
      },
    },
    ...errorResponses,
  },
} as const

export const claimDownloadSchema = {
  summary: 'Claim an offer and download the credential (public, single use)',
  description:
    'Body (optional): `{ "holder": "<DID>" }`. Signs the credential now, bound to `holder` (a DID) when given, else to the hashed email only, and returns it: JSON (default), or baked into a badge image with `?format=png|svg`. Works once: a second claim gets 409 ERR_OFFER_CLAIMED; an expired or withdrawn offer 410.',
  tags: ['offers'],
  params: tokenParam,
  querystring: { type: 'object', additionalProperties: false, properties: { format: { type: 'string', enum: ['json', 'png', 'svg'] } } },
  // The body is optional (a plain download sends none), which a body schema cannot say: the route checks it.
  response: { ...errorResponses },
} as const

export const getOfferSchema = {
  summary: 'An offer, its state and its email delivery log',
  tags: ['offers'],
  params: idParam,
  response: { ...errorResponses },
} as const

export const revokeOfferSchema = {
  summary: 'Withdraw an offer (its link stops working; a queued email is cancelled)',
  tags: ['offers'],
  params: idParam,
  response: { ...errorResponses },
} as const

export const offersCsvSchema = {
  summary: 'Export offers as CSV (state, delivery; no claim links: they are not stored)',
  tags: ['offers'],
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      achievementId: { type: 'string', minLength: 1, maxLength: 2048 },
      state: { type: 'string', enum: ['pending', 'claimed', 'revoked', 'expired'] },
    },
  },
  response: { ...errorResponses },
} as const
