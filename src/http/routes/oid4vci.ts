/**
 * @module http/routes/oid4vci
 * OpenID for Verifiable Credential Issuance 1.0, pre-authorized code flow (issuance/oid4vci.ts
 * does the work): GET /.well-known/openid-credential-issuer, GET
 * /.well-known/oauth-authorization-server, GET /oid4vci/offers/:token, POST /oid4vci/token,
 * POST /oid4vci/nonce, POST /oid4vci/credential. All public: the claim token, the access token
 * and the proof of possession are the credentials. OAuth errors are sent as
 * `{ error, error_description }` (401 with WWW-Authenticate), not as microcred error bodies,
 * because wallets read the OAuth shape.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { exchangePreAuthorizedCode, authorizationServerMetadata, issueByCredentialRequest, issueNonce, issuerMetadata, offerByReference, OID4VCI_PATHS, type OAuthRefusal } from '../../issuance/oid4vci.js'
import type { RouteContext } from '../route-context.js'
import { authorizationServerMetadataSchema, credentialOfferSchema, credentialSchema, issuerMetadataSchema, nonceSchema, tokenSchema } from '../schemas/wallet.js'
import { JSON_TYPE, sendJsonText, wrapMany, wrapOne } from '../signed-json.js'

const FORM_TYPE = 'application/x-www-form-urlencoded'

function sendRefusal(reply: FastifyReply, refusal: OAuthRefusal): FastifyReply {
  reply.header('cache-control', 'no-store')
  if (refusal.status === 401) reply.header('www-authenticate', `Bearer error="${refusal.error}"`)
  return sendJsonText(reply, refusal.status, JSON.stringify({ error: refusal.error, error_description: refusal.description }))
}

export const oid4vciRoutes: FastifyPluginAsync<RouteContext> = async (app, route) => {
  const { ctx } = route

  // The token request is a form (RFC 6749); this parser exists only inside this plugin.
  app.addContentTypeParser(FORM_TYPE, { parseAs: 'string', bodyLimit: 8192 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)))
  })

  app.get('/.well-known/openid-credential-issuer', { schema: issuerMetadataSchema, ...route.access.public() }, async () => issuerMetadata(ctx))

  app.get('/.well-known/oauth-authorization-server', { schema: authorizationServerMetadataSchema, ...route.access.public() }, async () => authorizationServerMetadata(ctx))

  app.get<{ Params: { token: string } }>('/oid4vci/offers/:token', { schema: credentialOfferSchema, ...route.access.public() }, async (request, reply) => {
    reply.header('cache-control', 'no-store')
    return offerByReference(ctx, request.params.token)
  })

  app.post<{ Body: unknown }>(OID4VCI_PATHS.token, { schema: tokenSchema, ...route.access.public() }, async (request, reply) => {
    const form = request.body !== null && typeof request.body === 'object' && request.headers['content-type']?.startsWith(FORM_TYPE) ? (request.body as Record<string, unknown>) : undefined
    if (form === undefined) return sendRefusal(reply, { ok: false, status: 400, error: 'invalid_request', description: `send the token request as ${FORM_TYPE}` })
    const outcome = await exchangePreAuthorizedCode(ctx, form)
    if (!outcome.ok) return sendRefusal(reply, outcome)
    reply.header('cache-control', 'no-store')
    return sendJsonText(reply, 200, JSON.stringify(outcome.value))
  })

  app.post(OID4VCI_PATHS.nonce, { schema: nonceSchema, ...route.access.public() }, async (_request, reply) => {
    reply.header('cache-control', 'no-store')
    return sendJsonText(reply, 200, JSON.stringify(await issueNonce(ctx)))
  })

  app.post<{ Body: unknown }>(OID4VCI_PATHS.credential, { schema: credentialSchema, ...route.access.public() }, async (request, reply) => {
    const outcome = await issueByCredentialRequest(ctx, request.headers.authorization, request.body, (fields) => request.log.info(fields, 'offer claimed'))
    if (!outcome.ok) return sendRefusal(reply, outcome)
    reply.header('cache-control', 'no-store')
    // The signed credential goes out as stored text, inside { credentials: [{ credential }] }.
    return sendJsonText(reply, 200, wrapMany('credentials', [wrapOne('credential', outcome.value.credentialJson)]), JSON_TYPE)
  })
}
