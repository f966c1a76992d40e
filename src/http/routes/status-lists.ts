/** @module http/routes/status-lists — GET /status/:listId (public, cacheable). */
import type { FastifyPluginAsync } from 'fastify'
import { MicrocredError } from '../../core/index.js'
import type { RouteContext } from '../route-context.js'
import { statusListSchema } from '../schemas/public.js'
import { sendJsonText } from '../signed-json.js'

/** True when an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false
  if (header.trim() === '*') return true
  const bare = (tag: string): string => tag.trim().replace(/^W\//, '')
  return header.split(',').some((tag) => bare(tag) === bare(etag))
}

export const statusListRoutes: FastifyPluginAsync<RouteContext> = async (app, route) => {
  app.get<{ Params: { listId: string } }>(
    '/status/:listId',
    { schema: statusListSchema, ...route.access.public() },
    async (request, reply) => {
      const { listId } = request.params
      const cacheControl = `public, max-age=${route.lists.maxAgeSeconds}`
      const notFound = (): MicrocredError => new MicrocredError('ERR_STATUS_LIST_NOT_FOUND', `no status list ${listId}`, { details: { listId } })
      const ifNoneMatch = request.headers['if-none-match']
      if (ifNoneMatch !== undefined) {
        const etag = await route.lists.etag(listId)
        if (etag === undefined) throw notFound()
        if (etagMatches(ifNoneMatch, etag)) return reply.code(304).header('etag', etag).header('cache-control', cacheControl).send()
      }
      const list = await route.lists.get(listId)
      if (list === undefined) throw notFound()
      reply.header('etag', list.etag).header('cache-control', cacheControl).header('last-modified', list.signedAt.toUTCString())
      return sendJsonText(reply, 200, list.json)
    },
  )
}
