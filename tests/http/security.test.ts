// HTTP hardening: CORS only on public routes, security headers (strict CSP, overridable per
// route), rate limits per API key on authenticated routes and per address on public ones, and
// no route without declared access.
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey } from '../../src/issuance/api-keys.js'
import { helmetHeaders, JSON_API_POLICY } from '../../src/http/security-headers.js'
import { json, makeApp, type TestApp } from './helpers.js'

/** The route's URL with every parameter filled with `x`. */
const concrete = (url: string): string => url.replace(/:[A-Za-z]+/g, 'x')

let t: TestApp
beforeAll(async () => {
  t = await makeApp()
})
afterAll(async () => {
  await t.app.close()
})

describe('CORS', () => {
  it('sends Access-Control-Allow-Origin: * on every public route and on no authenticated one', async () => {
    const routes = t.app.routeAccess.filter((r) => r.method !== 'OPTIONS')
    expect(routes.some((r) => r.access.kind === 'public') && routes.some((r) => r.access.kind === 'api-key')).toBe(true)
    for (const route of routes) {
      const request: InjectOptions = { method: route.method as InjectOptions['method'], url: concrete(route.url), headers: { origin: 'https://wallet.example' } }
      if (route.method === 'POST') request.payload = {}
      for (const authorization of [undefined, `Bearer ${t.keys.admin}`]) {
        const res = await t.app.inject({ ...request, headers: { ...request.headers, ...(authorization === undefined ? {} : { authorization }) } })
        const label = `${route.method} ${route.url} (${res.statusCode}${authorization === undefined ? '' : ', with a key'})`
        if (route.access.kind === 'public') expect(res.headers['access-control-allow-origin'], label).toBe('*')
        else expect(res.headers['access-control-allow-origin'], label).toBeUndefined()
      }
    }
  })

  it('answers a preflight on public URLs and not on authenticated ones', async () => {
    const preflight = (url: string) =>
      t.app.inject({ method: 'OPTIONS', url, headers: { origin: 'https://wallet.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } })
    const verify = await preflight('/credentials/verify')
    expect(verify.statusCode).toBe(204)
    expect(verify.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-allow-headers': 'content-type, if-none-match' })
    const status = await preflight('/status/revocation-1')
    expect(status.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS')
    for (const url of ['/credentials/issue', '/credentials/status', '/credentials', '/admin/keys/rotate']) {
      const res = await preflight(url)
      expect(res.statusCode, url).toBe(404)
      expect(res.headers['access-control-allow-origin'], url).toBeUndefined()
      expect(res.headers['access-control-allow-methods'], url).toBeUndefined()
    }
  })
})

describe('security headers', () => {
  it("sends a CSP of default-src 'none' and the other helmet headers on answers, errors and 404s", async () => {
    const responses = await Promise.all([
      t.app.inject({ method: 'GET', url: '/health' }),
      t.app.inject({ method: 'GET', url: '/credentials' }),
      t.as('read', { method: 'GET', url: '/credentials' }),
      t.app.inject({ method: 'GET', url: '/no/such/route' }),
    ])
    expect(responses.map((r) => r.statusCode)).toEqual([200, 401, 200, 404])
    for (const res of responses) {
      expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'")
      expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' })
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/)
    }
    expect(responses[0]!.headers['cross-origin-resource-policy']).toBe('cross-origin') // public: other origins may read
    expect(responses[2]!.headers['cross-origin-resource-policy']).toBe('same-origin')
  })

  it('lets a route (an HTML page, say) bring its own CSP', async () => {
    const u = await makeApp()
    u.app.get('/page', { config: { access: { kind: 'public' } } }, async (_request, reply) =>
      reply.header('content-security-policy', "default-src 'self';style-src 'self'").type('text/html').send('<p>hello</p>'),
    )
    const page = await u.app.inject({ method: 'GET', url: '/page' })
    expect(page.headers['content-security-policy']).toBe("default-src 'self';style-src 'self'")
    expect(page.headers['x-frame-options']).toBe('DENY') // the other headers stay
    expect((await u.app.inject({ method: 'GET', url: '/health' })).headers['content-security-policy']).toMatch(/^default-src 'none'/)
    await u.app.close()
  })

  it('are exactly what helmet itself sets for the policy, computed once (not per request)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/no/such/route' })
    const expected = Object.fromEntries(helmetHeaders(JSON_API_POLICY))
    for (const [name, value] of Object.entries(expected)) expect(res.headers[name]).toBe(value)
    expect(Object.keys(expected)).toEqual(expect.arrayContaining(['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'cross-origin-opener-policy', 'x-dns-prefetch-control']))
  })

  it('refuses to add a route that does not declare its access', async () => {
    const u = await makeApp()
    expect(() => u.app.get('/undeclared', async () => ({}))).toThrow(/declares no access/)
    await u.app.close()
  })
})

describe('rate limits', () => {
  it('counts per API key across authenticated routes: 429 ERR_RATE_LIMITED with Retry-After, other keys unaffected', async () => {
    const u = await makeApp({ limits: { apiKeyRateLimit: { max: 3, windowMs: 60_000 } } })
    const other = (await createApiKey(u.store, { name: 'other', scopes: ['read'] })).token
    const codes: number[] = []
    codes.push((await u.as('read', { method: 'GET', url: '/credentials' })).statusCode)
    codes.push((await u.as('read', { method: 'GET', url: '/credentials/urn:uuid:none' })).statusCode)
    codes.push((await u.as('read', { method: 'GET', url: '/credentials' })).statusCode)
    const limited = await u.as('read', { method: 'GET', url: '/credentials' })
    expect(codes).toEqual([200, 404, 200])
    expect(limited.statusCode).toBe(429)
    expect(json(limited).code).toBe('ERR_RATE_LIMITED')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    // the same client address with another key has its own budget
    expect((await u.app.inject({ method: 'GET', url: '/credentials', headers: { authorization: `Bearer ${other}` } })).statusCode).toBe(200)
    // unauthenticated requests are refused before they count against anyone's budget
    expect((await u.app.inject({ method: 'GET', url: '/credentials' })).statusCode).toBe(401)
    await u.app.close()
  })

  it('counts public requests per client address', async () => {
    const u = await makeApp({ limits: { rateLimit: { max: 2, windowMs: 60_000 } } })
    const from = (remoteAddress: string) => u.app.inject({ method: 'GET', url: '/health', remoteAddress })
    expect([(await from('192.0.2.1')).statusCode, (await from('192.0.2.1')).statusCode, (await from('192.0.2.1')).statusCode]).toEqual([200, 200, 429])
    const limited = await from('192.0.2.1')
    expect(limited.headers['retry-after']).toBeDefined()
    expect(limited.headers['access-control-allow-origin']).toBe('*') // a browser can read the 429
    expect((await from('192.0.2.2')).statusCode).toBe(200)
    await u.app.close()
  })
})
