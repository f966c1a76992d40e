/** @module http/routes/issuer — GET /.well-known/did.json (public), POST /admin/keys/rotate (admin). */
import type { FastifyPluginAsync } from 'fastify'
import { MicrocredError } from '../../core/index.js'
import { didDocument, rotateIssuerKey } from '../../issuance/did-web.js'
import { actingAs } from '../actor.js'
import { BEARER_SECURITY } from '../auth.js'
import type { RouteContext } from '../route-context.js'
import { didDocumentSchema, rotateKeySchema } from '../schemas/public.js'
import { sendJsonText } from '../signed-json.js'

export const issuerRoutes: FastifyPluginAsync<RouteContext> = async (app, route) => {
  const { ctx } = route

  app.get('/.well-known/did.json', { schema: didDocumentSchema, ...route.access.public() }, async (_request, reply) => {
    const doc = await didDocument(ctx)
    if (doc === undefined) {
      throw new MicrocredError('ERR_DID_WEB_NOT_CONFIGURED', `the issuer is ${ctx.issuer.current.id}; its DID document resolves without this service`)
    }
    reply.header('cache-control', 'public, max-age=300')
    return sendJsonText(reply, 200, JSON.stringify(doc), 'application/did+json')
  })

  app.post('/admin/keys/rotate', { schema: { ...rotateKeySchema, security: BEARER_SECURITY }, ...route.access.apiKey('admin') }, async (request) => {
    const result = await rotateIssuerKey(actingAs(ctx, request))
    request.log.warn({ activeKey: result.activeKey, previousKey: result.previousKey }, 'issuer key rotated')
    return result
  })
}
