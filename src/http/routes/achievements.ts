/** @module http/routes/achievements — POST /achievements, GET /achievements/:id, POST /achievements/:id/issue. */
import type { FastifyPluginAsync } from 'fastify'
import { defineAchievement, getAchievement, issueAchievement, type AchievementIssueRequest } from '../../issuance/achievements.js'
import type { AchievementRecord } from '../../storage/store.js'
import { BEARER_SECURITY } from '../auth.js'
import type { RouteContext } from '../route-context.js'
import { createAchievementSchema, getAchievementSchema, issueAchievementSchema } from '../schemas/achievements.js'
import { idempotencyOf, refuseIdempotencyForOffers, sendIssued } from './credentials.js'
import { sendOffers } from './offers.js'
import { offerAchievement } from '../../issuance/achievements.js'
import { actingAs } from '../actor.js'

const view = (r: AchievementRecord) => ({ id: r.id, definition: r.definition, achievement: r.achievement, createdAt: r.createdAt.toISOString() })

/** An achievement id from a path parameter: a full id (URL-encoded), or the last segment of one minted here. */
function achievementIdOf(base: string, param: string): string {
  return param.includes(':') ? param : `${base}/achievements/${param}`
}

export const achievementRoutes: FastifyPluginAsync<RouteContext> = async (app, route) => {
  const { ctx } = route

  app.post<{ Body: Record<string, unknown> }>(
    '/achievements',
    { schema: { ...createAchievementSchema, security: BEARER_SECURITY }, ...route.access.apiKey('issue') },
    async (request, reply) => {
      const record = await defineAchievement(actingAs(ctx, request), request.body)
      return reply.code(201).header('location', `/achievements/${encodeURIComponent(record.id)}`).send(view(record))
    },
  )

  app.get<{ Params: { id: string } }>(
    '/achievements/:id',
    { schema: getAchievementSchema, ...route.access.public() },
    async (request) => view(await getAchievement(ctx, achievementIdOf(ctx.baseUrl(), request.params.id))),
  )

  app.post<{ Params: { id: string }; Body: AchievementIssueRequest }>(
    '/achievements/:id/issue',
    {
      schema: { ...issueAchievementSchema, security: BEARER_SECURITY },
      ...route.access.apiKey('issue'),
      bodyLimit: route.limits.batchBodyLimit,
    },
    async (request, reply) => {
      const id = achievementIdOf(ctx.baseUrl(), request.params.id)
      if (request.body.offer !== undefined) {
        refuseIdempotencyForOffers(request)
        const offers = await offerAchievement(actingAs(ctx, request), id, request.body, { deliver: route.emailDelivery, maxBatch: route.limits.maxBatchSize })
        request.log.info({ offers: offers.length }, 'offers created')
        return sendOffers(request, reply, offers, route)
      }
      const idempotency = idempotencyOf(request, false)
      const outcome = await issueAchievement(actingAs(ctx, request), achievementIdOf(ctx.baseUrl(), request.params.id), request.body, {
        maxBatch: route.limits.maxBatchSize,
        ...(idempotency === undefined ? {} : { idempotency }),
      })
      return sendIssued(reply, outcome, true)
    },
  )
}
