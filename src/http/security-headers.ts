/**
 * @module http/security-headers
 * The security headers of every response (helmet's), computed once per policy at start-up
 * instead of once per request. @fastify/helmet builds and runs helmet's whole middleware
 * chain for each request (parsing the CSP directives again every time); the headers only
 * depend on the route's policy, so a route gets them as a ready list in an `onRequest` hook.
 *
 * Policies: the JSON-API default (nothing may be loaded, framed or run) and, for public
 * routes, the same with `Cross-Origin-Resource-Policy: cross-origin` (verifiers on other
 * origins fetch status lists and DID documents). HTML routes set their own CSP in the handler.
 */
import type { FastifyInstance, RouteOptions } from 'fastify'
import helmet, { type HelmetOptions } from 'helmet'

/** What a route may change in the default policy (its `securityHeaders` route option). */
export interface SecurityHeadersOverride {
  crossOriginResourcePolicy: { policy: 'cross-origin' | 'same-site' | 'same-origin' }
}

declare module 'fastify' {
  interface RouteShorthandOptions {
    securityHeaders?: SecurityHeadersOverride
  }
  interface FastifyContextConfig {
    securityHeaders?: readonly (readonly [string, string])[]
  }
}

export const JSON_API_POLICY: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  referrerPolicy: { policy: 'no-referrer' },
  frameguard: { action: 'deny' },
}

/** The headers helmet sets for `options`, read by running it once against a recording response. */
export function helmetHeaders(options: HelmetOptions): readonly (readonly [string, string])[] {
  const headers = new Map<string, string>()
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  }
  let failure: unknown
  helmet(options)({} as never, response as never, (error?: unknown) => {
    failure = error
  })
  if (failure !== undefined) throw failure
  return [...headers]
}

/**
 * Adds the headers to every response of `app` (routes added after this call), with a route's
 * `securityHeaders` override applied. Computed once per distinct policy.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  const byPolicy = new Map<string, readonly (readonly [string, string])[]>()
  const headersFor = (override: SecurityHeadersOverride | undefined): readonly (readonly [string, string])[] => {
    const key = JSON.stringify(override ?? null)
    let headers = byPolicy.get(key)
    if (headers === undefined) {
      headers = helmetHeaders({ ...JSON_API_POLICY, ...override })
      byPolicy.set(key, headers)
    }
    return headers
  }
  const defaults = headersFor(undefined)
  app.addHook('onRoute', (route: RouteOptions & { securityHeaders?: SecurityHeadersOverride }) => {
    route.config = { ...route.config, securityHeaders: headersFor(route.securityHeaders) }
  })
  app.addHook('onRequest', (request, reply, done) => {
    // A 404 has no route config: it gets the defaults.
    for (const [name, value] of request.routeOptions.config?.securityHeaders ?? defaults) reply.header(name, value)
    done()
  })
}
