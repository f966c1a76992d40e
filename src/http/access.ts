/**
 * @module http/access
 * Who may call each route, declared once on the route and enforced in one place.
 *
 * Every route states its access in `config.access`: public, or an API key with a scope. A
 * route without one is refused when it is added (`buildApp` fails), so a new route cannot be
 * public or unauthenticated by omission. From that one declaration follow:
 * - authentication (`requireScope`, an `onRequest` hook, before the body is read);
 * - the rate limit: per API key id on authenticated routes (checked after authentication;
 *   one budget per key across all its routes), per client address and route on public
 *   ones; 429 ERR_RATE_LIMITED with Retry-After;
 * - CORS: `Access-Control-Allow-Origin: *` and a preflight (OPTIONS) route on public routes
 *   only; authenticated routes send no CORS headers and have no preflight, so a browser on
 *   another origin cannot call them with a key;
 * - `Cross-Origin-Resource-Policy: cross-origin` on public routes (same-origin elsewhere).
 * The registry of routes with their access (`app.routeAccess`) is what the authorization
 * matrix test walks.
 */
import type { FastifyInstance, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify'
import type { Clock } from '../core/index.js'
import type { ApiKeyScope, Store } from '../storage/store.js'
import { requireScope } from './auth.js'
import type { ConsoleSessions } from './console-session.js'
import type { SecurityHeadersOverride } from './security-headers.js'

export type RouteAccess = { kind: 'public' } | { kind: 'api-key'; scope: ApiKeyScope } | { kind: 'signed-in' }

export interface RouteAccessEntry {
  method: string
  url: string
  access: RouteAccess
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route (required on every route; see http/access.ts). */
    access?: RouteAccess
  }
  interface FastifyInstance {
    /** Every route with its declared access, in registration order (HEAD and OPTIONS included). */
    routeAccess: readonly RouteAccessEntry[]
  }
}

/** What a route spreads into its options to declare (and get) its access. */
export interface AccessOptions {
  config: { access: RouteAccess; rateLimit?: RateLimitSettings & { keyGenerator: (request: FastifyRequest) => string } }
  onRequest: onRequestHookHandler[]
  securityHeaders?: SecurityHeadersOverride
}

export interface AccessGuards {
  /** No authentication; rate-limited per client address and route; CORS for any origin. */
  public(): AccessOptions
  /** An API key with `scope` (or admin); rate-limited per API key. */
  apiKey(scope: ApiKeyScope): AccessOptions
  /** Any valid API key or console session, whatever its scopes (the console's own session routes). */
  signedIn(): AccessOptions
}

export interface RateLimitSettings {
  max: number
  timeWindow: number
}

/**
 * The guards for route plugins. Needs @fastify/rate-limit registered on `app`: public routes
 * get a route `config.rateLimit` (one counter per address and route), authenticated routes
 * share one `app.rateLimit` hook (one counter per key across routes).
 */
export function createAccessGuards(
  app: FastifyInstance,
  ctx: { store: Store; clock: Clock; sessions?: ConsoleSessions | undefined; apiKeys?: Pick<Store, 'findApiKeyByHash'> | undefined },
  limits: { perAddress: RateLimitSettings; perApiKey: RateLimitSettings },
): AccessGuards {
  // Runs after requireScope, so the key is known; the address is only a fallback for the types.
  const perApiKey = app.rateLimit({ ...limits.perApiKey, keyGenerator: (request) => (request.apiKey === undefined ? `ip:${request.ip}` : `key:${request.apiKey.id}`) })
  return {
    public: () => ({
      config: { access: { kind: 'public' }, rateLimit: { ...limits.perAddress, keyGenerator: (request) => request.ip } },
      onRequest: [],
      securityHeaders: { crossOriginResourcePolicy: { policy: 'cross-origin' } },
    }),
    apiKey: (scope) => ({ config: { access: { kind: 'api-key', scope } }, onRequest: [requireScope(ctx, scope), perApiKey] }),
    signedIn: () => ({ config: { access: { kind: 'signed-in' } }, onRequest: [requireScope(ctx, undefined), perApiKey] }),
  }
}

/**
 * Records every route's access as it is added, refusing a route that declares none, and
 * exposes the list as `app.routeAccess`. Call before any route is registered.
 */
export function trackRouteAccess(app: FastifyInstance): void {
  const entries: RouteAccessEntry[] = []
  app.decorate('routeAccess', entries)
  app.addHook('onRoute', (route: RouteOptions) => {
    const access = route.config?.access
    if (access === undefined) throw new Error(`route ${String(route.method)} ${route.url} declares no access (config.access: public or an API key scope)`)
    for (const method of [route.method].flat()) entries.push({ method, url: route.url, access })
  })
}

/** Sets the CORS response headers on public routes (and only there). */
export function corsForPublicRoutes(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.access?.kind !== 'public') return
    reply.header('access-control-allow-origin', '*')
    reply.header('access-control-expose-headers', 'etag, last-modified, retry-after, x-request-id, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset')
  })
}

/**
 * Adds a CORS preflight route (OPTIONS) for each public URL that has a method a browser
 * preflights (anything but GET/HEAD, or a JSON body). Call after every route is registered.
 */
export function addPublicPreflightRoutes(app: FastifyInstance, guards: AccessGuards): void {
  const methodsByUrl = new Map<string, Set<string>>()
  for (const entry of app.routeAccess) {
    if (entry.access.kind !== 'public' || entry.method === 'OPTIONS') continue
    const methods = methodsByUrl.get(entry.url) ?? new Set<string>()
    methods.add(entry.method)
    methodsByUrl.set(entry.url, methods)
  }
  for (const [url, methods] of methodsByUrl) {
    const allow = [...methods, 'OPTIONS'].join(', ')
    app.route({
      method: 'OPTIONS',
      url,
      schema: { hide: true },
      ...guards.public(),
      handler: async (_request, reply) =>
        reply
          .code(204)
          .header('access-control-allow-methods', allow)
          .header('access-control-allow-headers', 'content-type, if-none-match')
          .header('access-control-max-age', '86400')
          .send(),
    })
  }
}
