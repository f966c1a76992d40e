/**
 * @module http/routes/credentials
 * POST /credentials/issue, POST /credentials/issue/batch, GET /credentials/:id,
 * GET /credentials, POST /credentials/status.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import { MicrocredError } from '../../core/index.js'
import type { IssuanceContext } from '../../issuance/context.js'
import { hashRequest, issueCredentials, type IssueOutcome } from '../../issuance/issue.js'
import { createOffers } from '../../issuance/offers.js'
import { statusActionFor, updateCredentialStatus } from '../../issuance/update-status.js'
import type { IdempotencyInput } from '../../storage/store.js'
import { BEARER_SECURITY } from '../auth.js'
import type { RouteContext } from '../route-context.js'
import { batchSchema, getCredentialSchema, issueSchema, listCredentialsSchema, updateStatusSchema } from '../schemas/credentials.js'
import { sendJsonText, withSigned, wrapMany, wrapOne } from '../signed-json.js'
import { sendOffers } from './offers.js'
import { actingAs } from '../actor.js'

interface IssueBody {
  credential: Record<string, unknown>
  options?: { credentialId?: string; offer?: { email?: string; salt?: string; expiresInDays?: number } }
}
interface BatchBody {
  credentials: Record<string, unknown>[]
  options?: { offer?: { emails?: (string | null)[]; expiresInDays?: number } }
}
interface ListQuery {
  recipient?: string
  achievement?: string
  page?: string
  limit?: string
}
interface StatusBody {
  credentialId: string
  credentialStatus: { statusPurpose: string } | { status: string }[]
  status?: boolean
  /** Why (stored and shown to staff in the audit log; never published in a status list). */
  reason?: string
}

/** The Idempotency-Key of a request, namespaced by API key so two clients never collide. */
export function idempotencyOf(request: FastifyRequest, required: boolean): IdempotencyInput | undefined {
  const raw = request.headers['idempotency-key']
  const key = typeof raw === 'string' ? raw.trim() : undefined
  if (key === undefined || key === '') {
    if (required) throw new MicrocredError('ERR_IDEMPOTENCY_KEY_REQUIRED', 'send an Idempotency-Key header (e.g. a UUID) so that a retry cannot issue the batch twice')
    return undefined
  }
  if (key.length > 255) throw new MicrocredError('ERR_INPUT_INVALID', 'the Idempotency-Key header is longer than 255 characters')
  const owner = request.apiKey?.id ?? 'anonymous'
  return { key: `${owner}:${key}`, requestHash: hashRequest(request.method, request.url.split('?')[0] ?? request.url, request.body) }
}

/**
 * Offers cannot be replayed: their claim links are shown once and only their hashes are
 * stored, so a "replay" could not return them. A client that retries after a lost answer
 * creates new offers, and withdraws the unknown ones with POST /offers/:id/revoke.
 */
export function refuseIdempotencyForOffers(request: FastifyRequest): void {
  if (request.headers['idempotency-key'] !== undefined) {
    throw new MicrocredError(
      'ERR_INPUT_INVALID',
      'Idempotency-Key cannot be used with offers: their claim links are shown once and cannot be replayed; send the request without it (and revoke offers you lost with POST /offers/:id/revoke)',
    )
  }
}

/** A credential id from a path parameter: a full id (URL-encoded), or the last segment of one minted here. */
export function credentialIdOf(ctx: IssuanceContext, param: string): string {
  return param.includes(':') ? param : `${ctx.baseUrl()}/credentials/${param}`
}

export function sendIssued(reply: Parameters<typeof sendJsonText>[0], outcome: IssueOutcome, many: boolean): ReturnType<typeof sendJsonText> {
  if (outcome.replayed) reply.header('idempotent-replayed', 'true')
  const texts = outcome.credentials.map((c) => c.json)
  return sendJsonText(reply, 201, many ? wrapMany('verifiableCredentials', texts) : wrapOne('verifiableCredential', texts[0]!))
}

export const credentialRoutes: FastifyPluginAsync<RouteContext> = async (app, route) => {
  const { ctx } = route
  const { store } = ctx

  app.post<{ Body: IssueBody }>(
    '/credentials/issue',
    { schema: { ...issueSchema, security: BEARER_SECURITY }, ...route.access.apiKey('issue') },
    async (request, reply) => {
      const { credential, options } = request.body
      let unsigned = credential
      if (options?.credentialId !== undefined) {
        if (credential['id'] !== undefined && credential['id'] !== options.credentialId) {
          throw new MicrocredError('ERR_INPUT_INVALID', 'options.credentialId differs from credential.id; send one of them')
        }
        unsigned = { ...credential, id: options.credentialId }
      }
      if (options?.offer !== undefined) {
        refuseIdempotencyForOffers(request)
        const { email, salt, expiresInDays } = options.offer
        const offers = await createOffers(actingAs(ctx, request), [{ unsigned, email, salt }], { deliver: route.emailDelivery, ...optional('expiresInDays', expiresInDays) })
        request.log.info({ offers: offers.length }, 'offer created')
        return sendOffers(request, reply, offers, route)
      }
      const outcome = await issueCredentials(actingAs(ctx, request), [unsigned], { ...optional('idempotency', idempotencyOf(request, false)) })
      return sendIssued(reply, outcome, false)
    },
  )

  app.post<{ Body: BatchBody }>(
    '/credentials/issue/batch',
    {
      schema: { ...batchSchema, security: BEARER_SECURITY },
      ...route.access.apiKey('issue'),
      bodyLimit: route.limits.batchBodyLimit,
    },
    async (request, reply) => {
      const offer = request.body.options?.offer
      if (offer !== undefined) {
        refuseIdempotencyForOffers(request)
        const { credentials } = request.body
        if (offer.emails !== undefined && offer.emails.length !== credentials.length) {
          throw new MicrocredError('ERR_INPUT_INVALID', `options.offer.emails has ${offer.emails.length} entries for ${credentials.length} credentials; give one (or null) per credential`)
        }
        const items = credentials.map((unsigned, i) => ({ unsigned, email: offer.emails?.[i] ?? undefined }))
        const offers = await createOffers(actingAs(ctx, request), items, { deliver: route.emailDelivery, maxBatch: route.limits.maxBatchSize, ...optional('expiresInDays', offer.expiresInDays) })
        request.log.info({ offers: offers.length }, 'offers created')
        return sendOffers(request, reply, offers, route)
      }
      const idempotency = idempotencyOf(request, true)!
      request.log.info({ count: request.body.credentials.length }, 'issuing a batch')
      const outcome = await issueCredentials(actingAs(ctx, request), request.body.credentials, { idempotency, maxBatch: route.limits.maxBatchSize })
      // Logged once the batch is committed (before the answer is sent): operators can tell a
      // batch stored but not acknowledged from one never stored.
      request.log.info({ count: outcome.credentials.length, replayed: outcome.replayed }, 'batch stored')
      return sendIssued(reply, outcome, true)
    },
  )

  app.get<{ Params: { id: string } }>(
    '/credentials/:id',
    { schema: { ...getCredentialSchema, security: BEARER_SECURITY }, ...route.access.apiKey('read') },
    async (request, reply) => {
      const id = credentialIdOf(ctx, request.params.id)
      const stored = await store.getCredential(id)
      if (stored === undefined) throw new MicrocredError('ERR_CREDENTIAL_NOT_FOUND', `no credential ${id} was issued here`, { details: { id } })
      reply.header('credential-revoked', String(stored.revoked)).header('credential-suspended', String(stored.suspended))
      return sendJsonText(reply, 200, stored.json)
    },
  )

  app.get<{ Querystring: ListQuery }>(
    '/credentials',
    { schema: { ...listCredentialsSchema, security: BEARER_SECURITY }, ...route.access.apiKey('read') },
    async (request, reply) => {
      const q = request.query
      let page
      try {
        page = await store.listCredentials({
          recipient: q.recipient,
          achievementId: q.achievement,
          cursor: q.page,
          limit: q.limit === undefined ? undefined : Math.min(Number(q.limit), 1000),
        })
      } catch (e) {
        if (e instanceof MicrocredError && e.code === 'ERR_USAGE') throw new MicrocredError('ERR_INPUT_INVALID', `page: ${e.message}`)
        throw e
      }
      const items = page.items.map((c) =>
        withSigned(
          { id: c.id, revoked: c.revoked, suspended: c.suspended, createdAt: c.createdAt.toISOString(), statusUpdatedAt: c.statusUpdatedAt.toISOString() },
          'verifiableCredential',
          c.json,
        ),
      )
      const head = page.nextCursor === undefined ? {} : { nextPage: page.nextCursor }
      return sendJsonText(reply, 200, withSigned(head, 'credentials', `[${items.join(',')}]`))
    },
  )

  app.post<{ Body: StatusBody }>(
    '/credentials/status',
    { schema: { ...updateStatusSchema, security: BEARER_SECURITY }, ...route.access.apiKey('revoke') },
    async (request) => {
      const { credentialId, credentialStatus, status, reason } = request.body
      let action
      if (Array.isArray(credentialStatus)) {
        if (status !== undefined) throw new MicrocredError('ERR_INPUT_INVALID', 'with credentialStatus as a list, put the status in each entry, not in "status"')
        action = statusActionFor({ status: credentialStatus[0]!.status })
      } else {
        if (status === undefined) throw new MicrocredError('ERR_INPUT_INVALID', 'status (true or false) is required with credentialStatus.statusPurpose')
        action = statusActionFor({ statusPurpose: credentialStatus.statusPurpose, status })
      }
      const id = credentialIdOf(ctx, credentialId)
      const result = await updateCredentialStatus(actingAs(ctx, request), id, action, { reason })
      request.log.info({ credentialId: id, action, changed: result.changed }, 'credential status updated')
      return result
    },
  )
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>)
}

