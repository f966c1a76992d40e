/**
 * @module http/routes/learner-pages
 * The learner's pages and files around an offer:
 * - the claim page, which GET /claim/:token sends to browsers (`claimPage`, called by
 *   routes/offers.ts): the credential in plain words and every way to take it;
 * - GET /claim/:token/credential: the claimed credential again (JSON, PNG, SVG);
 * - POST /claim/:token/public: the learner turns the public page on or off;
 * - GET /c/:id: the public credential page (Open Graph tags; verified in the visitor's browser);
 * - GET /credentials/:id/badge.png|svg: the baked badge, for public credentials (or an API key).
 * The claim link is the learner's authority throughout (see issuance/learner-credentials.ts).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { isPlainObject, MicrocredError, readClaimSummary, type ClaimSummary } from '../../core/index.js'
import { achievementOfCredential, bakeBadge, type BadgeFormat } from '../../delivery/badge-image.js'
import { qrSvgDataUrl } from '../../delivery/qr-code.js'
import { walletLinks } from '../../delivery/wallet-links.js'
import type { IssuanceContext } from '../../issuance/context.js'
import { listIdOfUrl } from '../../issuance/context.js'
import { didDocument } from '../../issuance/did-web.js'
import { claimedCredential, credentialIdFromParam, publicCredential, publicPageUrl, setPublicPage, shortCredentialId } from '../../issuance/learner-credentials.js'
import { findOffer } from '../../issuance/offers.js'
import type { StatusListPublisher } from '../../issuance/status-lists.js'
import type { StoredCredential } from '../../storage/store.js'
import { escapeHtml, renderPage } from '../../web-pages.js'
import { requireScope } from '../auth.js'
import type { RouteContext } from '../route-context.js'
import { badgeImageSchema, claimedCredentialSchema, credentialPageSchema, publicPageSchema } from '../schemas/learner-pages.js'
import { sendJsonText } from '../signed-json.js'

/** True when the client asks for HTML before JSON (a browser following the claim link). */
export function prefersHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? ''
  const html = accept.search(/text\/html/i)
  if (html < 0) return false
  const json = accept.search(/application\/(?:[\w.+-]*\+)?json/i)
  return json < 0 || html < json
}

function sendHtml(reply: FastifyReply, status: number, page: { html: string; csp: string }): FastifyReply {
  return reply
    .code(status)
    .header('content-security-policy', `${page.csp}; frame-ancestors 'none'`)
    .header('x-content-type-options', 'nosniff')
    // The claim page's address holds the claim token: never send it to a site the learner opens from it.
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(page.html)
}

export type ClaimPageState = 'pending' | 'claimed' | 'expired' | 'revoked' | 'not-found'

/** What the claim page's script reads (see src/web/claim/main.ts). */
export interface ClaimPageData {
  state: ClaimPageState
  summary?: ClaimSummary
  expiresAt?: string
  claimedAt?: string
  links?: { download: string; credential: string; publicPage: string; oid4vci: string; lcw: string }
  qr?: { oid4vci: string; lcw: string }
  /** Addresses of a claimed credential: `<pagePrefix><short id>` and `<badgePrefix><short id>/badge.png`. */
  prefixes: { page: string; credentials: string }
  credential?: { id: string; publicPage: boolean }
}

const CLAIM_STATUS: Record<ClaimPageState, number> = { pending: 200, claimed: 409, expired: 410, revoked: 410, 'not-found': 404 }

/** GET /claim/:token for a browser: the claim page, with the status of the offer's state. */
export async function claimPage(ctx: IssuanceContext, token: string, reply: FastifyReply): Promise<FastifyReply> {
  const base = ctx.baseUrl()
  const data: ClaimPageData = { state: 'not-found', prefixes: { page: `${base}/c/`, credentials: `${base}/credentials/` } }
  try {
    const offer = await findOffer(ctx, token)
    data.state = offer.state
    data.expiresAt = offer.expiresAt.toISOString()
    if (offer.claimedAt !== undefined) data.claimedAt = offer.claimedAt.toISOString()
    const links = walletLinks(base, token)
    data.links = { download: links.download, credential: `${links.claim}/credential`, publicPage: `${links.claim}/public`, oid4vci: links.oid4vciByReference, lcw: links.lcw }
    const stored = offer.credentialId === undefined ? undefined : await ctx.store.getCredential(offer.credentialId)
    data.summary = readClaimSummary(stored === undefined ? withSigningIssuer(ctx, offer.issuerId, offer.template) : JSON.parse(stored.json))
    if (stored !== undefined) data.credential = { id: stored.id, publicPage: stored.publicPage }
    if (offer.state === 'pending') data.qr = { oid4vci: await qrSvgDataUrl(links.oid4vciByReference), lcw: await qrSvgDataUrl(links.lcw) }
  } catch (e) {
    if (!(e instanceof MicrocredError && e.code === 'ERR_OFFER_NOT_FOUND')) throw e
  }
  return sendHtml(reply, CLAIM_STATUS[data.state], renderPage('claim', { data }))
}

/**
 * An offer's template with the issuer it will be signed by: the template may carry a
 * placeholder issuer, which signing replaces, and the learner should see who really issues it.
 */
function withSigningIssuer(ctx: IssuanceContext, issuerId: string, template: string): unknown {
  const current = ctx.issuer.current
  const name = issuerId === current.id ? current.profile.name : undefined
  return { ...(JSON.parse(template) as Record<string, unknown>), issuer: { id: issuerId, type: ['Profile'], ...(name === undefined ? {} : { name }) } }
}

/** Open Graph and description tags of a public credential page. */
function openGraphHead(ctx: IssuanceContext, stored: StoredCredential, summary: ClaimSummary): string {
  const title = summary.achievement?.name ?? 'A verifiable credential'
  const issuer = summary.issuer?.name ?? summary.issuer?.domain ?? summary.issuer?.id
  const description = `${title}${issuer === undefined ? '' : `, issued by ${issuer}`}. An Open Badges 3.0 credential: this page checks its signature and status in your browser.`
  const short = shortCredentialId(ctx, stored.id)
  const tags: [string, string, string][] = [
    ['name', 'description', description],
    ['property', 'og:type', 'website'],
    ['property', 'og:title', title],
    ['property', 'og:description', description],
    ['property', 'og:url', publicPageUrl(ctx, stored.id)],
    ['property', 'og:image', `${ctx.baseUrl()}/credentials/${short}/badge.png`],
    ['property', 'og:image:alt', `Badge: ${title}`],
    ['name', 'twitter:card', 'summary'],
  ]
  return [
    `<title>${escapeHtml(title)} · microcred</title>`,
    ...tags.map(([attr, key, value]) => `<meta ${attr}="${key}" content="${escapeHtml(value)}">`),
  ].join('\n')
}

/** The signed status lists a credential points to, when this service publishes them. */
async function ownStatusLists(ctx: IssuanceContext, lists: StatusListPublisher, credential: Record<string, unknown>): Promise<unknown[]> {
  const raw = credential['credentialStatus']
  const entries = (Array.isArray(raw) ? raw : [raw]).filter(isPlainObject)
  const found: unknown[] = []
  for (const entry of entries) {
    const url = entry['statusListCredential']
    const listId = typeof url === 'string' ? listIdOfUrl(ctx, url) : undefined
    const list = listId === undefined ? undefined : await lists.get(listId)
    if (list !== undefined) found.push(JSON.parse(list.json) as unknown)
  }
  return found
}

export const learnerPageRoutes: FastifyPluginAsync<RouteContext> = async (app, route) => {
  const { ctx } = route
  const readKey = requireScope(ctx, 'read')

  app.get<{ Params: { token: string }; Querystring: { format?: 'json' | BadgeFormat } }>(
    '/claim/:token/credential',
    { schema: claimedCredentialSchema, ...route.access.public() },
    async (request, reply) => {
      const { offer, credential } = await claimedCredential(ctx, request.params.token)
      reply.header('cache-control', 'no-store')
      const format = request.query.format ?? 'json'
      if (format === 'json') {
        reply.header('content-disposition', 'attachment; filename="credential.json"')
        return sendJsonText(reply, 200, credential.json)
      }
      const badge = bakeBadge(format, credential.json, achievementOfCredential(JSON.parse(offer.template) as Record<string, unknown>))
      return reply.code(200).type(badge.type).header('content-disposition', `attachment; filename="badge.${format}"`).send(badge.body)
    },
  )

  app.post<{ Params: { token: string }; Body: { public: boolean } }>(
    '/claim/:token/public',
    { schema: publicPageSchema, ...route.access.public() },
    async (request, reply) => {
      const stored = await setPublicPage(ctx, request.params.token, request.body.public)
      request.log.info({ credentialId: stored.id, publicPage: stored.publicPage }, 'public page changed by the learner')
      reply.header('cache-control', 'no-store')
      const short = shortCredentialId(ctx, stored.id)
      return {
        credentialId: stored.id,
        public: stored.publicPage,
        ...(stored.publicPage ? { pageUrl: publicPageUrl(ctx, stored.id), badgeUrl: `${ctx.baseUrl()}/credentials/${short}/badge.png` } : {}),
      }
    },
  )

  app.get<{ Params: { id: string } }>('/c/:id', { schema: credentialPageSchema, ...route.access.public() }, async (request, reply) => {
    let stored: StoredCredential
    try {
      stored = await publicCredential(ctx, credentialIdFromParam(ctx, request.params.id))
    } catch (e) {
      if (!(e instanceof MicrocredError && e.code === 'ERR_CREDENTIAL_NOT_FOUND')) throw e
      return sendHtml(reply, 404, renderPage('credential', { head: '<title>No public credential here · microcred</title>\n<meta name="robots" content="noindex">', data: { found: false } }))
    }
    const credential = JSON.parse(stored.json) as Record<string, unknown>
    const did = await didDocument(ctx)
    const data = {
      found: true,
      // The credential exactly as signed: the page verifies it, with the issuer's DID document
      // and signed status lists from here, so the visitor's browser needs no network.
      credential: stored.json,
      documents: did === undefined ? {} : { [did.id]: did },
      statusLists: await ownStatusLists(ctx, route.lists, credential),
      badge: `${ctx.baseUrl()}/credentials/${shortCredentialId(ctx, stored.id)}/badge.png`,
    }
    return sendHtml(reply, 200, renderPage('credential', { head: openGraphHead(ctx, stored, readClaimSummary(credential)), data }))
  })

  for (const format of ['png', 'svg'] as const) {
    app.get<{ Params: { id: string } }>(`/credentials/:id/badge.${format}`, { schema: badgeImageSchema, ...route.access.public() }, async (request, reply) => {
      const id = credentialIdFromParam(ctx, request.params.id)
      const stored = await ctx.store.getCredential(id)
      // Public when the learner said so; otherwise only for the issuer's staff with a read key.
      // Without a key the answer for a private credential is the one for an unknown id.
      if (stored === undefined || !stored.publicPage) {
        if (request.headers.authorization === undefined) throw new MicrocredError('ERR_CREDENTIAL_NOT_FOUND', 'no public credential here', { details: { id } })
        await readKey.call(app, request, reply, () => undefined)
        if (stored === undefined) throw new MicrocredError('ERR_CREDENTIAL_NOT_FOUND', `no credential ${id} was issued here`, { details: { id } })
        reply.header('cache-control', 'private, no-store')
      } else {
        reply.header('cache-control', 'public, max-age=300')
      }
      const badge = bakeBadge(format, stored.json, achievementOfCredential(JSON.parse(stored.json) as Record<string, unknown>))
      return reply.code(200).type(badge.type).send(badge.body)
    })
  }
}
