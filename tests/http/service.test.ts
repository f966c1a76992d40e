import { readFileSync } from 'node:fs'
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/storage/memory/memory-store.js'
import type { Store } from '../../src/storage/store.js'
import { json, makeApp, unsignedCredential } from './helpers.js'

describe('GET /health', () => {
  it('is ok when the store answers', async () => {
    const t = await makeApp()
    const res = await t.app.inject({ method: 'GET', url: '/health' })
    expect(res.statusCode).toBe(200)
    expect(json(res)).toEqual({ status: 'ok', store: 'memory', issuer: t.issuer.current.id })
    await t.app.close()
  })

  it('is a coded 503 with Retry-After, the driver message masked, when the store does not answer', async () => {
    const store = createMemoryStore()
    const broken: Store = Object.assign(Object.create(store) as Store, { ping: async () => Promise.reject(new Error('connection refused: postgres://admin:hunter2@db')) })
    const t = await makeApp({ store: broken })
    const res = await t.app.inject({ method: 'GET', url: '/health' })
    expect(res.statusCode).toBe(503)
    expect(res.headers['retry-after']).toBe('1')
    expect(json(res)).toEqual({ code: 'ERR_STORE_UNAVAILABLE', message: 'the database is not available', requestId: res.headers['x-request-id'] })
    expect(res.body).not.toContain('hunter2')
    await t.app.close()
  })
})

describe('errors', () => {
  it('5xx bodies say only internal error and the request id', async () => {
    const store = createMemoryStore()
    const failing: Store = Object.assign(Object.create(store) as Store, {
      allocateStatusPositions: async () => Promise.reject(new TypeError('cannot read properties of undefined (reading "secret")')),
    })
    const t = await makeApp({ store: failing })
    const res = await t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: unsignedCredential() } })
    expect(res.statusCode).toBe(500)
    expect(Object.keys(json(res)).sort()).toEqual(['code', 'message', 'requestId'])
    expect(json(res)).toMatchObject({ code: 'ERR_INTERNAL', message: 'internal error' })
    expect(res.body).not.toContain('secret')
    await t.app.close()
  })

  it('an unknown route is a 404 with a code', async () => {
    const t = await makeApp()
    for (const [method, url] of [['GET', '/nope'], ['DELETE', '/credentials/issue'], ['GET', '/credentials/issue/batch/x']] as const) {
      const res = await t.app.inject({ method, url })
      expect(res.statusCode).toBe(404)
      expect(json(res).code).toBe('ERR_NOT_FOUND')
    }
    await t.app.close()
  })

  it('public routes are rate limited per client (429 with a code)', async () => {
    const t = await makeApp({ limits: { rateLimit: { max: 3, windowMs: 60_000 } } })
    const codes: number[] = []
    for (let i = 0; i < 5; i++) codes.push((await t.app.inject({ method: 'GET', url: '/health' })).statusCode)
    expect(codes).toEqual([200, 200, 200, 429, 429])
    const limited = await t.app.inject({ method: 'GET', url: '/contexts/microcred/v1' })
    expect(limited.statusCode).toBe(200) // per route
    const res = await t.app.inject({ method: 'GET', url: '/health' })
    expect(json(res).code).toBe('ERR_RATE_LIMITED')
    expect(res.headers['retry-after']).toBeDefined()
    // Authenticated routes are not rate limited by this rule.
    for (let i = 0; i < 5; i++) expect((await t.as('read', { method: 'GET', url: '/credentials' })).statusCode).toBe(200)
    await t.app.close()
  })
})

describe('GET /contexts/microcred/v1 and GET /docs', () => {
  it('serves the extension context byte for byte as pinned', async () => {
    const t = await makeApp()
    const res = await t.app.inject({ method: 'GET', url: '/contexts/microcred/v1' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/)
    expect(res.body).toBe(readFileSync(new URL('../../contexts/microcred-v1.json', import.meta.url), 'utf8'))
    const cached = await t.app.inject({ method: 'GET', url: '/contexts/microcred/v1', headers: { 'if-none-match': res.headers['etag'] as string } })
    expect(cached.statusCode).toBe(304)
    await t.app.close()
  })

  it('serves an OpenAPI document generated from the route schemas', async () => {
    const t = await makeApp()
    const res = await t.app.inject({ method: 'GET', url: '/docs' })
    expect(res.statusCode).toBe(200)
    const doc = json<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; security?: unknown; responses: Record<string, unknown> }>> }>(res)
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/.well-known/did.json',
        '/achievements',
        '/achievements/{id}',
        '/achievements/{id}/issue',
        '/admin/keys/rotate',
        '/claim/{token}',
        '/claim/{token}/download',
        '/claim/{token}/credential',
        '/claim/{token}/public',
        '/credentials/{id}/badge.png',
        '/credentials/{id}/badge.svg',
        '/console/api/achievements',
        '/console/api/achievements/{id}',
        '/console/api/api-keys',
        '/console/api/api-keys/{id}/revoke',
        '/console/api/audit',
        '/console/api/credentials',
        '/console/api/issuer-keys',
        '/contexts/microcred/v1',
        '/credentials',
        '/credentials/issue',
        '/credentials/issue/batch',
        '/credentials/issue/jobs',
        '/credentials/status',
        '/credentials/verify',
        '/credentials/{id}',
        '/health',
        '/jobs/{id}',
        '/jobs/{id}/cancel',
        '/jobs/{id}/results',
        '/offers.csv',
        '/offers/{id}',
        '/offers/{id}/revoke',
        '/pathways',
        '/pathways/{id}',
        '/pathways/{id}/award',
        '/pathways/{id}/evaluate',
        '/presentations/verify',
        '/status/{listId}',
        '/.well-known/openid-credential-issuer',
        '/.well-known/oauth-authorization-server',
        '/oid4vci/offers/{token}',
        '/oid4vci/token',
        '/oid4vci/nonce',
        '/oid4vci/credential',
        '/workflows/claim/exchanges/{token}',
      ].sort(),
    )
    expect(doc.paths['/credentials/issue']!['post']!.requestBody).toBeDefined()
    expect(doc.paths['/credentials/issue']!['post']!.security).toEqual([{ apiKey: [] }])
    expect(doc.paths['/credentials/verify']!['post']!.security).toBeUndefined()
    expect(doc.paths['/pathways/{id}/award']!['post']!.security).toEqual([{ apiKey: [] }])
    expect(doc.paths['/pathways/{id}/evaluate']!['post']!.security).toBeUndefined()
    expect(doc.paths['/credentials/{id}/badge.png']!['get']!.security).toEqual([{}, { apiKey: [] }]) // key optional
    await t.app.close()
  })
})

describe('logging', () => {
  it('never writes API keys (Authorization) to the log', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    const t = await makeApp({ logger: { level: 'trace', stream, serializers: { req: (req: { headers: unknown; method: string; url: string }) => ({ method: req.method, url: req.url, headers: req.headers }) } } })
    await t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: unsignedCredential() }, headers: { 'idempotency-key': 'log-1' } })
    await t.as('revoked', { method: 'POST', url: '/credentials/issue', payload: { credential: unsignedCredential() } })
    const log = lines.join('')
    expect(log).toContain('"url":"/credentials/issue"')
    expect(log).toContain('[redacted]')
    for (const token of Object.values(t.keys)) expect(log).not.toContain(token.slice(4))
    expect(log).not.toContain('secretKeyMultibase')
    await t.app.close()
  })

  it('writes one line per request, with the request, the status and the time taken', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    const t = await makeApp({ logger: { level: 'info', stream } })
    const res = await t.app.inject({ method: 'GET', url: '/health' })
    expect(res.statusCode).toBe(200)
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e['reqId'] === res.headers['x-request-id'])
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ msg: 'request completed', req: { method: 'GET', url: '/health' }, res: { statusCode: 200 } })
    expect(typeof entries[0]!['responseTime']).toBe('number')
    await t.app.close()
  })
})
