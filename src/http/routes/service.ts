/**
 * @module http/routes/service
 * GET /contexts/microcred/v1 (the extension context, byte for byte as pinned), GET /health,
 * GET /docs (the OpenAPI document generated from the route schemas).
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createHash } from 'node:crypto'
import type { FastifyPluginAsync } from 'fastify'
import { BUNDLED_CONTEXTS, MICROCRED_V1_CONTEXT, MicrocredError } from '../../core/index.js'
import type { RouteContext } from '../route-context.js'
import { contextSchema, healthSchema } from '../schemas/public.js'
import { sendJsonText } from '../signed-json.js'
import { etagMatches } from './status-lists.js'

/** The pinned file contexts/microcred-v1.json, found from this module in src/ or dist/src/. */
function readPinnedContext(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    try {
      return readFileSync(join(dir, 'contexts', 'microcred-v1.json'), 'utf8')
    } catch {
      dir = dirname(dir)
    }
  }
  return JSON.stringify(BUNDLED_CONTEXTS.get(MICROCRED_V1_CONTEXT), null, 2) + '\n'
}

export const serviceRoutes: FastifyPluginAsync<RouteContext> = async (app, route) => {
  const context = readPinnedContext()
  const contextEtag = `"${createHash('sha256').update(context).digest('hex').slice(0, 32)}"`

  app.get('/contexts/microcred/v1', { schema: contextSchema, ...route.access.public() }, async (request, reply) => {
    reply.header('etag', contextEtag).header('cache-control', 'public, max-age=86400, immutable')
    if (etagMatches(request.headers['if-none-match'], contextEtag)) return reply.code(304).send()
    return sendJsonText(reply, 200, context, 'application/ld+json')
  })

  app.get('/health', { schema: healthSchema, ...route.access.public() }, async () => {
    try {
      await route.ctx.store.ping()
    } catch (cause) {
      throw new MicrocredError('ERR_STORE_UNAVAILABLE', undefined, { cause })
    }
    return { status: 'ok', store: route.ctx.store.kind, issuer: route.ctx.issuer.current.id }
  })

  app.get('/docs', { schema: { hide: true }, ...route.access.public() }, async () => app.swagger())
}
