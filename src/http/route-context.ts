/**
 * @module http/route-context
 * What the route plugins receive from `buildApp` (as plugin options: no decorators, no globals).
 */
import type { IssuanceContext } from '../issuance/context.js'
import type { StatusListPublisher } from '../issuance/status-lists.js'

export interface RouteContext {
  ctx: IssuanceContext
  lists: StatusListPublisher
  limits: {
    batchBodyLimit: number
    maxBatchSize: number
    /** Per client address on public routes. */
    rateLimit: { max: number; timeWindow: number }
  }
}

/** `config` for a public, rate-limited route. */
export function publicRoute(route: RouteContext): { rateLimit: { max: number; timeWindow: number } } {
  return { rateLimit: route.limits.rateLimit }
}
