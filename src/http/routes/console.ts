/**
 * @module http/routes/console
 * The issuer console: GET /console (the page), its session (sign in with an API key, sign
 * out) and the JSON routes the public API does not have (achievement list and edit,
 * credential search, API keys, issuer keys, audit log). Everything else the console does
 * goes through the public API routes with the session cookie in place of a Bearer key
 * (http/auth.ts), so each action is allowed exactly when the key's scopes allow it there.
 * These routes take a Bearer key too.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { MicrocredError } from '../../core/index.js'
import { redefineAchievement } from '../../issuance/achievements.js'
import { authenticateApiKey, createApiKey, revokeApiKey } from '../../issuance/api-keys.js'
import { isDidWeb, registerIssuerKeys } from '../../issuance/did-web.js'
import { credentialListing, searchCredentials } from '../../issuance/search-credentials.js'
import type { ApiKeyRecord, ApiKeyScope, AuditEntry } from '../../storage/store.js'
import { actingAs } from '../actor.js'
import { BEARER_SECURITY } from '../auth.js'
import { clearedSessionCookie, sessionCookie, sessionCookieOf, type ConsoleSessions } from '../console-session.js'
import type { RouteContext } from '../route-context.js'
import {
  auditQuerySchema,
  createApiKeySchema,
  listAchievementsSchema,
  revokeApiKeySchema,
  searchCredentialsSchema,
  signInSchema,
  updateAchievementSchema,
} from '../schemas/console.js'
import { sendPage } from './pages.js'

const keyView = (k: ApiKeyRecord) => ({
  id: k.id,
  name: k.name,
  scopes: k.scopes,
  createdAt: k.createdAt.toISOString(),
  ...(k.expiresAt === undefined ? {} : { expiresAt: k.expiresAt.toISOString() }),
  ...(k.revokedAt === undefined ? {} : { revokedAt: k.revokedAt.toISOString() }),
})

const auditView = (e: AuditEntry) => ({ ...e, at: e.at.toISOString() })

function parseDate(value: string | undefined, name: string): Date | undefined {
  if (value === undefined || value === '') return undefined
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value)
  if (!Number.isFinite(d.getTime())) throw new MicrocredError('ERR_INPUT_INVALID', `${name} is not a date (YYYY-MM-DD)`)
  return d
}

export interface ConsoleRouteOptions extends RouteContext {
  sessions: ConsoleSessions
}

export const consoleRoutes: FastifyPluginAsync<ConsoleRouteOptions> = async (app, route) => {
  const { ctx, sessions } = route
  const { store } = ctx
  const secure = (): boolean => ctx.baseUrl().startsWith('https:')

  app.get('/console', { schema: { hide: true }, ...route.access.public() }, async (request, reply) => sendPage('console', request, reply))

  // Sign-in is reachable without a key by nature; it is rate-limited per address like every public route.
  app.post<{ Body: { apiKey: string } }>('/console/session', { schema: signInSchema, ...route.access.public() }, async (request, reply) => {
    const now = ctx.clock.now()
    const auth = await authenticateApiKey(store, request.body.apiKey.trim(), now)
    if (!auth.ok) throw new MicrocredError(auth.reason === 'expired' ? 'ERR_AUTH_EXPIRED' : 'ERR_AUTH_INVALID')
    const { token, session } = sessions.create(auth.key, now)
    request.log.info({ keyId: auth.key.id }, 'console session started')
    return reply
      .code(201)
      .header('set-cookie', sessionCookie(token, Math.floor(sessions.ttlMs / 1000), secure()))
      .header('cache-control', 'no-store')
      .send({ csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString(), key: keyView(auth.key) })
  })

  app.get('/console/session', { schema: { hide: true }, ...route.access.signedIn() }, async (request, reply) => {
    const issuer = ctx.issuer.current
    reply.header('cache-control', 'no-store')
    return {
      key: keyView(request.apiKey!),
      ...(request.consoleSession === undefined ? {} : { csrfToken: request.consoleSession.csrfToken, expiresAt: request.consoleSession.expiresAt.toISOString() }),
      issuer: { id: issuer.id, didWeb: isDidWeb(issuer.id), profile: issuer.profile },
      baseUrl: ctx.baseUrl(),
      emailDelivery: route.emailDelivery,
    }
  })

  app.delete('/console/session', { schema: { hide: true }, ...route.access.signedIn() }, async (request, reply: FastifyReply) => {
    const cookie = sessionCookieOf(request.headers.cookie)
    if (cookie !== undefined) sessions.delete(cookie)
    return reply.code(204).header('set-cookie', clearedSessionCookie(secure())).send()
  })

  app.get<{ Querystring: { limit?: string; page?: string } }>(
    '/console/api/achievements',
    { schema: { ...listAchievementsSchema, security: BEARER_SECURITY }, ...route.access.apiKey('read') },
    async (request) => {
      const page = await store.listAchievements({ limit: request.query.limit === undefined ? 1000 : Number(request.query.limit), ...(request.query.page === undefined ? {} : { cursor: request.query.page }) })
      return {
        achievements: page.items.map((r) => ({ id: r.id, definition: r.definition, achievement: r.achievement, createdAt: r.createdAt.toISOString() })),
        ...(page.nextCursor === undefined ? {} : { nextPage: page.nextCursor }),
      }
    },
  )

  app.put<{ Params: { id: string }; Body: Record<string, unknown> }>(
    '/console/api/achievements/:id',
    { schema: { ...updateAchievementSchema, security: BEARER_SECURITY }, ...route.access.apiKey('issue') },
    async (request) => {
      const r = await redefineAchievement(actingAs(ctx, request), request.params.id, request.body)
      return { id: r.id, definition: r.definition, achievement: r.achievement, createdAt: r.createdAt.toISOString() }
    },
  )

  app.get<{ Querystring: { email?: string; achievement?: string; from?: string; to?: string; limit?: string } }>(
    '/console/api/credentials',
    { schema: { ...searchCredentialsSchema, security: BEARER_SECURITY }, ...route.access.apiKey('read') },
    async (request, reply) => {
      const q = request.query
      const result = await searchCredentials(ctx, {
        email: q.email === '' ? undefined : q.email,
        achievementId: q.achievement === '' ? undefined : q.achievement,
        from: parseDate(q.from, 'from'),
        to: parseDate(q.to, 'to'),
        limit: q.limit === undefined ? undefined : Number(q.limit),
      })
      reply.header('cache-control', 'no-store')
      return { credentials: result.items.map(credentialListing), scanned: result.scanned, complete: result.complete }
    },
  )

  app.get('/console/api/api-keys', { schema: { summary: 'List API keys, never their tokens (console)', tags: ['console'], security: BEARER_SECURITY }, ...route.access.apiKey('admin') }, async () => ({
    keys: (await store.listApiKeys()).map(keyView),
  }))

  app.post<{ Body: { name: string; scopes: ApiKeyScope[]; expiresAt?: string } }>(
    '/console/api/api-keys',
    { schema: { ...createApiKeySchema, security: BEARER_SECURITY }, ...route.access.apiKey('admin') },
    async (request, reply) => {
      const expiresAt = parseDate(request.body.expiresAt, 'expiresAt')
      if (expiresAt !== undefined && expiresAt.getTime() <= ctx.clock.now().getTime()) throw new MicrocredError('ERR_INPUT_INVALID', 'expiresAt is not in the future')
      const { token, record } = await createApiKey(store, { name: request.body.name, scopes: request.body.scopes, expiresAt }, actingAs(ctx, request).actor)
      // The token is shown once: only its hash is kept.
      return reply.code(201).header('cache-control', 'no-store').send({ token, key: keyView(record) })
    },
  )

  app.post<{ Params: { id: string } }>(
    '/console/api/api-keys/:id/revoke',
    { schema: { ...revokeApiKeySchema, security: BEARER_SECURITY }, ...route.access.apiKey('admin') },
    async (request) => {
      if (!(await store.listApiKeys()).some((k) => k.id === request.params.id)) throw new MicrocredError('ERR_NOT_FOUND', `no API key ${request.params.id}`)
      return { key: keyView(await revokeApiKey(store, request.params.id, actingAs(ctx, request).actor)) }
    },
  )

  app.get('/console/api/issuer-keys', { schema: { summary: "The issuer's signing keys, retired ones included (console)", tags: ['console'], security: BEARER_SECURITY }, ...route.access.apiKey('admin') }, async () => {
    const issuer = ctx.issuer.current
    if (!isDidWeb(issuer.id)) return { issuer: issuer.id, didWeb: false, rotatable: false, activeKey: issuer.key.id, keys: [] }
    await registerIssuerKeys(ctx)
    const keys = await store.listIssuerKeys(issuer.id)
    return {
      issuer: issuer.id,
      didWeb: true,
      rotatable: ctx.issuer.dir !== undefined,
      activeKey: issuer.key.id,
      keys: keys.map((k) => ({ id: k.id, publicKeyMultibase: k.publicKeyMultibase, createdAt: k.createdAt.toISOString(), ...(k.retiredAt === undefined ? {} : { retiredAt: k.retiredAt.toISOString() }) })),
    }
  })

  app.get<{ Querystring: { target?: string; page?: string; limit?: string } }>(
    '/console/api/audit',
    { schema: { ...auditQuerySchema, security: BEARER_SECURITY }, ...route.access.apiKey('admin') },
    async (request) => {
      const q = request.query
      const page = await store.listAudit({ target: q.target, cursor: q.page, limit: q.limit === undefined ? undefined : Number(q.limit) })
      return { entries: page.items.map(auditView), ...(page.nextCursor === undefined ? {} : { nextPage: page.nextCursor }) }
    },
  )
}
