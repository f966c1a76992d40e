/**
 * @module http/route-context
 * What the route plugins receive from `buildApp` (as plugin options: no decorators, no globals).
 */
import type { IssuanceContext } from '../issuance/context.js'
import type { StatusListPublisher } from '../issuance/status-lists.js'
import type { AccessGuards } from './access.js'
import type { JobQueue } from '../jobs/job-queue.js'

export interface RouteContext {
  ctx: IssuanceContext
  lists: StatusListPublisher
  /** Spread `access.public()` or `access.apiKey(scope)` into every route's options. */
  access: AccessGuards
  /** Whether offer emails are sent (SMTP configured and the outbox worker running). */
  emailDelivery: boolean
  /** Tells the outbox worker that emails were queued (so they go out now, not at the next poll). */
  onEmailsQueued: () => void
  /** Where accepted issue jobs go (in process, or the shared pg-boss queue). */
  jobs: JobQueue
  limits: {
    batchBodyLimit: number
    maxBatchSize: number
  }
}
