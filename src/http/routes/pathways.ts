/**
 * @module http/routes/pathways
 * POST /pathways (issue), GET /pathways/:id (public), POST /pathways/:id/evaluate (public,
 * rate-limited), POST /pathways/:id/award (issue).
 */
import type { FastifyPluginAsync } from 'fastify'
import { awardPathway, definePathway, evaluateStoredPathway, getPathway, type PathwayEvaluationRequest } from '../../issuance/pathways.js'
import type { PathwayRecord } from '../../storage/store.js'
import { BEARER_SECURITY } from '../auth.js'
import type { RouteContext } from '../route-context.js'
import { awardPathwaySchema, createPathwaySchema, evaluatePathwaySchema, getPathwaySchema } from '../schemas/pathways.js'
import { sendJsonText, withSigned } from '../signed-json.js'
import { idempotencyOf } from './credentials.js'
import { actingAs } from '../actor.js'

const view = (r: PathwayRecord) => ({ id: r.id, pathway: r.pathway, createdAt: r.createdAt.toISOString() })

/** A pathway id from a path parameter: a full id (URL-encoded), or the last segment of one minted here. */
function pathwayIdOf(base: string, param: string): string {
  return param.includes(':') ? param : `${base}/pathways/${param}`
}

export const pathwayRoutes: FastifyPluginAsync<RouteContext> = async (app, route) => {
  const { ctx, lists } = route

  app.post<{ Body: Record<string, unknown> }>(
    '/pathways',
    { schema: { ...createPathwaySchema, security: BEARER_SECURITY }, ...route.access.apiKey('issue') },
    async (request, reply) => {
      const record = await definePathway(actingAs(ctx, request), request.body)
      return reply.code(201).header('location', `/pathways/${encodeURIComponent(record.id)}`).send(view(record))
    },
  )

  app.get<{ Params: { id: string } }>(
    '/pathways/:id',
    { schema: getPathwaySchema, ...route.access.public() },
    async (request) => view(await getPathway(ctx, pathwayIdOf(ctx.baseUrl(), request.params.id))),
  )

  app.post<{ Params: { id: string }; Body: PathwayEvaluationRequest }>(
    '/pathways/:id/evaluate',
    { schema: evaluatePathwaySchema, ...route.access.public() },
    async (request) => evaluateStoredPathway(ctx, lists, pathwayIdOf(ctx.baseUrl(), request.params.id), request.body),
  )

  app.post<{ Params: { id: string }; Body: PathwayEvaluationRequest }>(
    '/pathways/:id/award',
    { schema: { ...awardPathwaySchema, security: BEARER_SECURITY }, ...route.access.apiKey('issue') },
    async (request, reply) => {
      const idempotency = idempotencyOf(request, false)
      const { outcome, evaluation } = await awardPathway(actingAs(ctx, request), lists, pathwayIdOf(ctx.baseUrl(), request.params.id), request.body, {
        ...(idempotency === undefined ? {} : { idempotency }),
      })
      const award = outcome.credentials[0]!
      request.log.info({ pathway: evaluation.pathway.id, credentialId: award.id, replayed: outcome.replayed }, 'pathway awarded')
      if (outcome.replayed) reply.header('idempotent-replayed', 'true')
      return sendJsonText(reply, 201, withSigned({ evaluation }, 'verifiableCredential', award.json))
    },
  )
}
