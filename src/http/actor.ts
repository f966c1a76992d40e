/**
 * @module http/actor
 * The issuance context of one request: the app's context with the authenticated API key as
 * the actor, so that the use-cases' audit entries (issuance/audit.ts) name who acted.
 */
import type { FastifyRequest } from 'fastify'
import type { IssuanceContext } from '../issuance/context.js'

export function actingAs(ctx: IssuanceContext, request: FastifyRequest): IssuanceContext {
  const key = request.apiKey
  return key === undefined ? ctx : { ...ctx, actor: { id: key.id, name: key.name } }
}
