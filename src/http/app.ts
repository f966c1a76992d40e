/**
 * @module http/app
 * `buildApp(deps)` assembles the Fastify application from dependencies that are already
 * built (store, issuer, clock, limits). It reads no environment, opens nothing and does not
 * listen: server.ts does that, and tests call `app.inject()`.
 *
 * @example
 * const app = await buildApp({ store, issuer: new ActiveIssuer(issuer), baseUrl: () => 'https://badges.example.edu' })
 * const res = await app.inject({ method: 'GET', url: '/health' })
 */
import { randomUUID } from 'node:crypto'
import type { IssuePool } from '../workers/issue-pool.js'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { MAX_DOCUMENT_DEPTH, MicrocredError, nestedDeeperThan, systemClock, type Clock, type DocumentLoader } from '../core/index.js'
import type { ActiveIssuer, IssuanceContext } from '../issuance/context.js'
import { createInsertGroups } from '../issuance/insert-groups.js'
import { createAuditGroups } from '../issuance/audit-groups.js'
import { createStatusBlockAllocator } from '../issuance/status-blocks.js'
import { OneLinePerRequest } from './request-log.js'
import { StatusListPublisher } from '../issuance/status-lists.js'
import type { StatusPurpose, Store } from '../storage/store.js'
import { DEFAULTS } from '../config.js'
import { cachedApiKeyLookup } from './api-key-cache.js'
import { addPublicPreflightRoutes, corsForPublicRoutes, createAccessGuards, trackRouteAccess } from './access.js'
import { errorHandler, notFoundHandler } from './error-handler.js'
import { registerSecurityHeaders } from './security-headers.js'
import type { RouteContext } from './route-context.js'
import { achievementRoutes } from './routes/achievements.js'
import { credentialRoutes } from './routes/credentials.js'
import { issuerRoutes } from './routes/issuer.js'
import { pageRoutes } from './routes/pages.js'
import { consoleRoutes } from './routes/console.js'
import { ConsoleSessions } from './console-session.js'
import { offerRoutes } from './routes/offers.js'
import { learnerPageRoutes } from './routes/learner-pages.js'
import { oid4vciRoutes } from './routes/oid4vci.js'
import { walletInteractionRoutes } from './routes/wallet-interaction.js'
import { pathwayRoutes } from './routes/pathways.js'
import { serviceRoutes } from './routes/service.js'
import { statusListRoutes } from './routes/status-lists.js'
import { verifyRoutes } from './routes/verify.js'
import { jobRoutes } from './routes/jobs.js'
import { inProcessJobQueue, type JobQueueFactory } from '../jobs/job-queue.js'

export interface AppLimits {
  /** Bytes; ordinary routes. */
  bodyLimit: number
  /** Bytes; batch issuing routes. */
  batchBodyLimit: number
  maxBatchSize: number
  /** Per client address, on public routes. */
  rateLimit: { max: number; windowMs: number }
  /** Per API key, on authenticated routes (all of a key's requests count together). */
  apiKeyRateLimit: { max: number; windowMs: number }
  statusListMaxAgeSeconds: number
}

/** Request bodies wrap documents (`{ credentials: [ … ] }`): a few levels more than a document may have. */
export const MAX_REQUEST_DEPTH = MAX_DOCUMENT_DEPTH + 8

export interface AppDeps {
  store: Store
  issuer: ActiveIssuer
  /** The public base URL without trailing slash; read per request (known once listening). */
  baseUrl: () => string
  clock?: Clock
  limits?: Partial<AppLimits>
  trustProxy?: boolean
  /** Pino options (merged with the redaction rules) or false for no logging. */
  logger?: Exclude<FastifyServerOptions['logger'], true> | undefined
  documentLoader?: DocumentLoader
  /** Status entries per credential (default revocation and suspension). */
  statusPurposes?: readonly StatusPurpose[]
  /** Worker threads for batch signing (see workers/issue-pool.ts); main thread when absent. */
  pool?: IssuePool
  version?: string
  /** True when offer emails are sent (server.ts runs the outbox worker when SMTP_URL is set). */
  emailDelivery?: boolean
  /** Called after offers with queued emails were stored (server.ts wakes the outbox worker). */
  onEmailsQueued?: () => void
  /** How long a console session lasts, in ms (default 8 h; see http/console-session.ts). */
  consoleSessionTtlMs?: number
  /** Where issue jobs run; default in this process (started when the app is ready, drained when it closes). */
  jobs?: JobQueueFactory
}

/** Log paths that must never be written: credentials of clients and key material. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'req.headers["x-csrf-token"]',
  'apiKey',
  '*.apiKey',
  'headers.authorization',
  'authorization',
  'token',
  '*.token',
  'secretKeyMultibase',
  '*.secretKeyMultibase',
  'privateKey',
  '*.privateKey',
  // offers: the learner's address and the single-use claim link
  'email',
  '*.email',
  'claimUrl',
  '*.claimUrl',
]

type ReqLike = { method: string; url: string; hostname?: string; ip?: string; socket?: { remotePort?: number } }

/** The request serializer (the caller's, or Fastify's default fields) with claim tokens masked in the URL. */
function maskClaimTokens(inner: ((req: never) => unknown) | undefined): (req: ReqLike) => unknown {
  return (req) => {
    const out = inner === undefined
      ? { method: req.method, url: req.url, host: req.hostname, remoteAddress: req.ip, remotePort: req.socket?.remotePort }
      : (inner as (r: ReqLike) => unknown)(req)
    return typeof out === 'object' && out !== null && typeof (out as { url?: unknown }).url === 'string'
      ? { ...out, url: loggableUrl((out as { url: string }).url) }
      : out
  }
}

/** The request URL as logged: a claim token in the path is a bearer secret. */
export function loggableUrl(url: string): string {
  return url
    .replace(/^\/claim\/[^/?#]+/, '/claim/[redacted]')
    .replace(/^\/workflows\/claim\/exchanges\/[^/?#]+/, '/workflows/claim/exchanges/[redacted]')
    .replace(/^\/oid4vci\/offers\/[^/?#]+/, '/oid4vci/offers/[redacted]')
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const limits: AppLimits = {
    bodyLimit: deps.limits?.bodyLimit ?? DEFAULTS.bodyLimit,
    batchBodyLimit: deps.limits?.batchBodyLimit ?? DEFAULTS.batchBodyLimit,
    maxBatchSize: deps.limits?.maxBatchSize ?? DEFAULTS.maxBatchSize,
    rateLimit: deps.limits?.rateLimit ?? { max: DEFAULTS.rateLimitMax, windowMs: DEFAULTS.rateLimitWindowMs },
    apiKeyRateLimit: deps.limits?.apiKeyRateLimit ?? { max: DEFAULTS.apiKeyRateLimitMax, windowMs: DEFAULTS.rateLimitWindowMs },
    statusListMaxAgeSeconds: deps.limits?.statusListMaxAgeSeconds ?? DEFAULTS.statusListMaxAgeSeconds,
  }
  const logger =
    deps.logger === undefined || deps.logger === false
      ? false
      : {
          ...deps.logger,
          redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
          serializers: {
            ...deps.logger.serializers,
            req: maskClaimTokens(deps.logger.serializers?.['req'] as ((req: never) => unknown) | undefined) as never,
          },
        }

  const app = Fastify({
    logger,
    bodyLimit: limits.bodyLimit,
    trustProxy: deps.trustProxy ?? false,
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    // One line per request instead of two (see request-log.ts).
    logController: new OneLinePerRequest(),
    // Requests are validated, never rewritten: no coercion, no defaults, no field removal.
    ajv: { customOptions: { coerceTypes: false, useDefaults: false, removeAdditional: false, allErrors: false } },
  })

  const ctx: IssuanceContext = {
    store: deps.store,
    issuer: deps.issuer,
    clock: deps.clock ?? systemClock,
    baseUrl: deps.baseUrl,
    ...(deps.documentLoader === undefined ? {} : { documentLoader: deps.documentLoader }),
    ...(deps.statusPurposes === undefined ? {} : { statusPurposes: deps.statusPurposes }),
    ...(deps.pool === undefined ? {} : { pool: deps.pool }),
    // Status positions in blocks held in memory: no store transaction per issued credential.
    allocateStatus: createStatusBlockAllocator(deps.store),
    // Concurrent single issues share one commit.
    insertGrouped: createInsertGroups(deps.store),
    // ... and their audit entries another.
    auditGrouped: createAuditGroups(deps.store),
  }
  app.setErrorHandler(errorHandler)
  trackRouteAccess(app)
  // A body nested deeper than any document accepted is refused before anything recurses over
  // it (hashing a 10 000-deep batch for idempotency overflowed the stack: a 500).
  app.addHook('preValidation', async (request) => {
    if (request.body !== undefined && nestedDeeperThan(request.body, MAX_REQUEST_DEPTH)) {
      throw new MicrocredError('ERR_INPUT_INVALID', `the request body is nested deeper than ${MAX_REQUEST_DEPTH} levels`)
    }
  })
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  // Bodies are JSON (JSON-LD media types included); anything else is 415.
  app.removeContentTypeParser('text/plain')
  app.addContentTypeParser(['application/ld+json', 'application/vc+ld+json', 'application/vp+ld+json', 'application/vc', 'application/vp'], { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'))

  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new MicrocredError('ERR_RATE_LIMITED', `too many requests; retry in ${context.after}`),
  })
  // Security headers for JSON APIs: nothing may be loaded, framed or run from a response.
  // Public routes allow cross-origin reads (their `securityHeaders` option); a route serving
  // HTML sets its own CSP in its handler.
  registerSecurityHeaders(app)
  corsForPublicRoutes(app)
  const sessions = new ConsoleSessions(deps.consoleSessionTtlMs)
  const route: RouteContext = {
    ctx,
    lists: new StatusListPublisher(ctx, { maxAgeSeconds: limits.statusListMaxAgeSeconds }),
    // API keys looked up once a second at most per key (api-key-cache.ts: revocations here apply at once).
    access: createAccessGuards(app, { ...ctx, sessions, apiKeys: cachedApiKeyLookup(deps.store) }, {
      perAddress: { max: limits.rateLimit.max, timeWindow: limits.rateLimit.windowMs },
      perApiKey: { max: limits.apiKeyRateLimit.max, timeWindow: limits.apiKeyRateLimit.windowMs },
    }),
    limits: { batchBodyLimit: limits.batchBodyLimit, maxBatchSize: limits.maxBatchSize },
    emailDelivery: deps.emailDelivery ?? false,
    onEmailsQueued: deps.onEmailsQueued ?? (() => {}),
    jobs: (deps.jobs ?? inProcessJobQueue())(ctx, app.log),
  }
  app.addHook('onReady', () => route.jobs.start())
  app.addHook('onClose', () => route.jobs.stop())
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'microcred issuer service',
        description: 'Issue Open Badges 3.0 micro-credentials (VC 2.0, eddsa-rdfc-2022), revoke them with Bitstring Status Lists, verify offline. See docs/api.md.',
        version: deps.version ?? '0.1.0',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'an API key from `microcred apikey create`' } } },
    },
  })

  app.setNotFoundHandler({ preHandler: app.rateLimit({ max: limits.rateLimit.max, timeWindow: limits.rateLimit.windowMs }) }, notFoundHandler)

  await app.register(credentialRoutes, route)
  await app.register(verifyRoutes, route)
  await app.register(statusListRoutes, route)
  await app.register(achievementRoutes, route)
  await app.register(pathwayRoutes, route)
  await app.register(offerRoutes, route)
  await app.register(learnerPageRoutes, route)
  await app.register(oid4vciRoutes, route)
  await app.register(walletInteractionRoutes, route)
  await app.register(issuerRoutes, route)
  await app.register(serviceRoutes, route)
  await app.register(pageRoutes, route)
  await app.register(consoleRoutes, { ...route, sessions })
  await app.register(jobRoutes, route)
  addPublicPreflightRoutes(app, route.access)
  return app
}
