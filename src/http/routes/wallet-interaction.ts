/**
 * @module http/routes/wallet-interaction
 * The wallet side of a claim link: POST /workflows/claim/exchanges/:token (the VC-API exchange
 * Learner Credential Wallet runs; issuance/vcapi-exchange.ts), and `claimInteraction`, what
 * GET /claim/:token answers a client that asks for JSON: the VC-API interaction document
 * (`protocols: { vcapi, OID4VCI }`, delivery/wallet-links.ts) with the offer's summary. The
 * claim page route serves browsers (text/html) and calls `prefersJson` to hand JSON clients here.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { VC_V2_CONTEXT } from '../../core/index.js'
import { interactionDocument } from '../../delivery/wallet-links.js'
import type { IssuanceContext } from '../../issuance/context.js'
import { findOffer, summarizeOffer, type OfferSummary } from '../../issuance/offers.js'
import { continueExchange } from '../../issuance/vcapi-exchange.js'
import type { RouteContext } from '../route-context.js'
import { exchangeSchema } from '../schemas/wallet.js'
import { sendJsonText, withSigned } from '../signed-json.js'

/**
 * True when the client ranks JSON (application/json or any +json type) at least as high as
 * text/html, wildcards counting for both. No Accept header (or nothing about either) means
 * JSON: wallets and scripts; browsers always ask for text/html.
 */
export function prefersJson(request: FastifyRequest): boolean {
  const ranked = (request.headers.accept ?? '').split(',').map((part) => {
    const [type = '', ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const value = q === undefined ? 1 : Number(q.slice(2))
    return { type: type.trim(), q: Number.isFinite(value) ? value : 0 }
  })
  const best = (match: (t: string) => boolean): number => Math.max(-1, ...ranked.filter((e) => match(e.type)).map((e) => e.q))
  const explicitJson = best((t) => t === 'application/json' || (t.startsWith('application/') && t.endsWith('+json')))
  const explicitHtml = best((t) => t === 'text/html')
  const json = explicitJson >= 0 ? explicitJson : best((t) => t === '*/*' || t === 'application/*')
  const html = explicitHtml >= 0 ? explicitHtml : best((t) => t === '*/*' || t === 'text/*')
  if (json < 0) return html <= 0
  return json > 0 && json >= html
}

/** GET /claim/:token for JSON clients: the interaction document and what the offer is. */
export async function claimInteraction(ctx: IssuanceContext, token: string): Promise<OfferSummary & ReturnType<typeof interactionDocument>> {
  const offer = await findOffer(ctx, token)
  return { ...interactionDocument(ctx.baseUrl(), token), ...summarizeOffer(ctx, offer) }
}

/** Sends `claimInteraction` (no-store: the token is in the answer's links). */
export async function sendClaimInteraction(ctx: IssuanceContext, token: string, reply: FastifyReply): Promise<FastifyReply> {
  reply.header('cache-control', 'no-store')
  return reply.send(await claimInteraction(ctx, token))
}

export const walletInteractionRoutes: FastifyPluginAsync<RouteContext> = async (app, route) => {
  const { ctx } = route

  app.post<{ Params: { token: string }; Body: unknown }>(
    '/workflows/claim/exchanges/:token',
    { schema: exchangeSchema, ...route.access.public() },
    async (request, reply) => {
      const step = await continueExchange(ctx, request.params.token, request.body, (fields) => request.log.info(fields, 'offer claimed'))
      reply.header('cache-control', 'no-store')
      if ('credentialJson' in step) {
        // An unsigned presentation carrying the signed credential as stored text.
        const vp = withSigned({ '@context': [VC_V2_CONTEXT], type: ['VerifiablePresentation'] }, 'verifiableCredential', `[${step.credentialJson}]`)
        return sendJsonText(reply, 200, `{"verifiablePresentation":${vp}}`)
      }
      return sendJsonText(reply, 200, JSON.stringify(step))
    },
  )
}
