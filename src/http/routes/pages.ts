/**
 * @module http/routes/pages
 * GET / (where to go: employers to the verifier, developers to the API) and GET /verify (the
 * employer's verification page, which verifies in the browser). Each is one self-contained
 * HTML file built at build time, sent with its own strict Content-Security-Policy and an ETag.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { webPage, type PageName } from '../../web-pages.js'
import type { RouteContext } from '../route-context.js'
import { etagMatches } from './status-lists.js'

export function sendPage(name: PageName, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const page = webPage(name)
  reply
    .header('content-security-policy', `${page.csp}; frame-ancestors 'none'`)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('etag', page.etag)
    .header('cache-control', 'public, max-age=300, must-revalidate')
  if (etagMatches(request.headers['if-none-match'], page.etag)) return reply.code(304).send()
  return reply.code(200).type('text/html; charset=utf-8').send(page.html)
}

export const pageRoutes: FastifyPluginAsync<RouteContext> = async (app, route) => {
  // The page's own policy replaces the JSON-API one helmet sets (which allows nothing to run).
  const options = { schema: { hide: true }, ...route.access.public() }
  app.get('/', options, async (request, reply) => sendPage('home', request, reply))
  app.get('/verify', options, async (request, reply) => sendPage('verify', request, reply))
}
