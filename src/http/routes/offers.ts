/**
 * @module http/routes/offers
 * The learner's side of an offer — GET /claim/:token (summary) and POST /claim/:token/download
 * (claim: JSON, PNG or SVG) — and the issuer's — GET /offers/:id (state and delivery log),
 * GET /offers.csv, POST /offers/:id/revoke. Also `sendOffers`, the answer of an issue route
 * that created offers (JSON, or CSV with Accept: text/csv).
 *
 * Claim tokens are in URL paths: the request logger masks them (see app.ts).
 */
import { toCsv } from '../../core/text/csv.js'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { isPlainObject, MicrocredError } from '../../core/index.js'
import { achievementOfCredential, bakeBadge } from '../../delivery/badge-image.js'
import { claimOffer, findOffer, summarizeOffer, type CreatedOffer } from '../../issuance/offers.js'
import type { OfferRecord, OfferState } from '../../storage/store.js'
import { BEARER_SECURITY } from '../auth.js'
import type { RouteContext } from '../route-context.js'
import { claimDownloadSchema, claimSummarySchema, getOfferSchema, offersCsvSchema, revokeOfferSchema } from '../schemas/offers.js'
import { sendJsonText } from '../signed-json.js'
import { claimPage, prefersHtml } from './learner-pages.js'
import { sendClaimInteraction } from './wallet-interaction.js'

const CSV_TYPE = 'text/csv; charset=utf-8'

export function wantsCsv(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? ''
  return /(^|,)\s*text\/csv\b/i.test(accept)
}

/** 201 with the offers just created: the only time their claim links can be seen. */
export function sendOffers(request: FastifyRequest, reply: FastifyReply, offers: readonly CreatedOffer[], route: Pick<RouteContext, 'emailDelivery' | 'onEmailsQueued'>): FastifyReply {
  const emailDelivery = route.emailDelivery
  if (offers.some((o) => o.delivery === 'email-queued')) route.onEmailsQueued()
  reply.header('cache-control', 'no-store')
  if (wantsCsv(request)) {
    const rows = offers.map((o) => [o.id, o.email ?? '', o.claimUrl, o.expiresAt, o.delivery])
    return reply
      .code(201)
      .type(CSV_TYPE)
      .header('content-disposition', 'attachment; filename="offers.csv"')
      .send(toCsv([['offer_id', 'email', 'claim_url', 'expires_at', 'delivery'], ...rows]))
  }
  return reply.code(201).send({
    offers,
    emailDelivery: emailDelivery
      ? 'smtp: links to offers with an email address are emailed by the outbox (see GET /offers/:id)'
      : 'not configured (no SMTP_URL): nothing is emailed; the claim links are only in this response and cannot be recovered later, so pass them on now',
  })
}

export const offerRoutes: FastifyPluginAsync<RouteContext> = async (app, route) => {
  const { ctx } = route

  app.get<{ Params: { token: string } }>('/claim/:token', { schema: claimSummarySchema, ...route.access.public() }, async (request, reply) => {
    // A browser following the link gets the claim page; wallets and scripts get the
    // interaction document with the offer's summary (routes/wallet-interaction.ts).
    if (prefersHtml(request)) return claimPage(ctx, request.params.token, reply)
    return sendClaimInteraction(ctx, request.params.token, reply)
  })

  app.post<{ Params: { token: string }; Querystring: { format?: 'json' | 'png' | 'svg' }; Body: unknown }>(
    '/claim/:token/download',
    { schema: claimDownloadSchema, ...route.access.public() },
    async (request, reply) => {
      const holder = holderOf(request.body)
      const { offer, credential } = await claimOffer(ctx, request.params.token, { holder })
      request.log.info({ offerId: offer.id, credentialId: credential.id, boundToDid: holder !== undefined }, 'offer claimed')
      reply.header('cache-control', 'no-store')
      const format = request.query.format ?? 'json'
      if (format === 'png' || format === 'svg') {
        const badge = bakeBadge(format, credential.json, achievementOfCredential(JSON.parse(offer.template) as Record<string, unknown>))
        return reply.code(200).type(badge.type).header('content-disposition', `attachment; filename="badge.${format}"`).send(badge.body)
      }
      reply.header('content-disposition', 'attachment; filename="credential.json"')
      return sendJsonText(reply, 200, credential.json)
    },
  )

  app.get<{ Params: { id: string } }>('/offers/:id', { schema: { ...getOfferSchema, security: BEARER_SECURITY }, ...route.access.apiKey('read') }, async (request) => {
    const offer = await ctx.store.getOffer(request.params.id)
    if (offer === undefined) throw new MicrocredError('ERR_OFFER_NOT_FOUND', `no offer ${request.params.id}`, { details: { offerId: request.params.id } })
    const attempts = await ctx.store.listDeliveryAttempts(offer.id)
    return {
      ...offerView(offer),
      deliveryAttempts: attempts.map((a) => ({ at: a.at.toISOString(), ok: a.ok, ...(a.error === undefined ? {} : { error: a.error }) })),
    }
  })

  app.post<{ Params: { id: string } }>(
    '/offers/:id/revoke',
    { schema: { ...revokeOfferSchema, security: BEARER_SECURITY }, ...route.access.apiKey('revoke') },
    async (request) => {
      const offer = await ctx.store.revokeOffer(request.params.id)
      request.log.info({ offerId: offer.id }, 'offer revoked')
      return offerView(offer)
    },
  )

  app.get<{ Querystring: { achievementId?: string; state?: OfferState } }>(
    '/offers.csv',
    { schema: { ...offersCsvSchema, security: BEARER_SECURITY }, ...route.access.apiKey('read') },
    async (request, reply) => {
      const header = ['offer_id', 'achievement_id', 'email', 'state', 'expires_at', 'created_at', 'claimed_at', 'revoked_at', 'credential_id', 'holder', 'delivery_state', 'delivery_attempts', 'delivery_last_error']
      const rows: string[][] = []
      let cursor: string | undefined
      do {
        const page = await ctx.store.listOffers({ achievementId: request.query.achievementId, state: request.query.state, limit: 1000, cursor })
        for (const o of page.items) {
          rows.push([
            o.id,
            o.achievementId ?? '',
            o.email ?? '',
            o.state,
            o.expiresAt.toISOString(),
            o.createdAt.toISOString(),
            o.claimedAt?.toISOString() ?? '',
            o.revokedAt?.toISOString() ?? '',
            o.credentialId ?? '',
            o.holder ?? '',
            o.delivery?.state ?? '',
            String(o.delivery?.attempts ?? ''),
            o.delivery?.lastError ?? '',
          ])
        }
        cursor = page.nextCursor
      } while (cursor !== undefined)
      return reply.type(CSV_TYPE).header('content-disposition', 'attachment; filename="offers.csv"').send(toCsv([header, ...rows]))
    },
  )
}

/** `holder` from an optional body `{ holder?: string }`. */
function holderOf(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined
  if (!isPlainObject(body) || Object.keys(body).some((k) => k !== 'holder') || (body['holder'] !== undefined && typeof body['holder'] !== 'string')) {
    throw new MicrocredError('ERR_INPUT_INVALID', 'the body is optional; when sent it is { "holder": "<your DID>" }')
  }
  return body['holder'] as string | undefined
}

function offerView(o: OfferRecord): Record<string, unknown> {
  const iso = (d: Date | undefined) => d?.toISOString()
  return {
    id: o.id,
    state: o.state,
    achievementId: o.achievementId,
    email: o.email,
    expiresAt: iso(o.expiresAt),
    createdAt: iso(o.createdAt),
    claimedAt: iso(o.claimedAt),
    revokedAt: iso(o.revokedAt),
    credentialId: o.credentialId,
    holder: o.holder,
    delivery:
      o.delivery === undefined
        ? undefined
        : { state: o.delivery.state, attempts: o.delivery.attempts, nextAttemptAt: iso(o.delivery.nextAttemptAt), lastError: o.delivery.lastError, sentAt: iso(o.delivery.sentAt) },
  }
}

