// The authorization matrix: every route the app has (read from app.routeAccess, which buildApp
// fills as routes are added and which refuses a route without declared access) against five
// callers — no key, a key without the route's scope, a revoked key, an expired key, the right
// key — with the exact status each must get. A new route without a row here fails the test,
// and so does a route whose declared access differs from its row.
import { readFileSync } from 'node:fs'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RouteAccess } from '../../src/http/access.js'
import { createApiKey } from '../../src/issuance/api-keys.js'
import type { ApiKeyScope } from '../../src/storage/store.js'
import { fullDefinition } from '../fixtures/micro-credential-definition.js'
import { json, makeApp, unsignedCredential, type TestApp } from './helpers.js'

type Caller = 'none' | 'wrongScope' | 'revoked' | 'expired' | 'right'
const CALLERS: readonly Caller[] = ['none', 'wrongScope', 'revoked', 'expired', 'right']

/** What an authenticated route answers a caller that is not let in. */
const REFUSED: Record<Exclude<Caller, 'right'>, { status: number; code: string }> = {
  none: { status: 401, code: 'ERR_AUTH_REQUIRED' },
  wrongScope: { status: 403, code: 'ERR_AUTH_FORBIDDEN' },
  revoked: { status: 401, code: 'ERR_AUTH_INVALID' },
  expired: { status: 401, code: 'ERR_AUTH_EXPIRED' },
}

interface Row {
  access: RouteAccess
  /** The request (url with parameters filled in, body, headers) for this route. */
  request: () => InjectOptions
  /** Status with the right key (any key, or none, on a public route). */
  allowed: number
  /** Error code expected with that status, when it is an error. */
  code?: string
}

const pub: RouteAccess = { kind: 'public' }
const key = (scope: ApiKeyScope): RouteAccess => ({ kind: 'api-key', scope })
/** Any valid key (or console session), whatever its scopes. */
const signedIn: RouteAccess = { kind: 'signed-in' }

const pathwayDoc = JSON.parse(readFileSync(new URL('../../pathways/uk-pgcert-data-analytics.json', import.meta.url), 'utf8')) as Record<string, unknown>
const { $schema: _schema, ...storedPathway } = pathwayDoc
const PATHWAY = `/pathways/${encodeURIComponent(storedPathway['id'] as string)}`
const ACHIEVEMENT = `/achievements/${encodeURIComponent(fullDefinition.id as string)}`

let t: TestApp
/** Tokens per caller kind and scope. */
let wrongFor: Record<ApiKeyScope, string>
let expired: string
let credential: Record<string, unknown> & { id: string; credentialStatus: { statusListCredential: string }[] }
/** Never suspended by the status row, so that it verifies (VC-API: 200) whatever order the rows run in. */
let untouched: Record<string, unknown>
let statusPath: string
let issueCount = 0
/** Claim paths of unclaimed offers: each claim in the matrix takes a fresh one (a claim works once). */
let claimPaths: string[] = []
let offerId: string
/** An offer claimed in the setup: its link still downloads the credential and sets its public page. */
let claimedPath: string
/** A key the matrix revokes through the console route (revoking twice answers the same). */
let victimKeyId: string
/** A one-row job (its results are a single NDJSON line). */
let jobId: string

const ROWS: Record<string, Row> = {
  'POST /credentials/issue': { access: key('issue'), allowed: 201, request: () => ({ url: '/credentials/issue', payload: { credential: unsignedCredential(`did:example:m${issueCount++}`) } }) },
  'POST /credentials/issue/batch': {
    access: key('issue'),
    allowed: 201,
    request: () => ({ url: '/credentials/issue/batch', headers: { 'idempotency-key': `matrix-${issueCount++}` }, payload: { credentials: [unsignedCredential('did:example:batch')] } }),
  },
  'POST /credentials/issue/jobs': { access: key('issue'), allowed: 202, request: () => ({ url: '/credentials/issue/jobs', payload: { items: [unsignedCredential(`did:example:j${issueCount++}`)] } }) },
  'GET /jobs/:id': { access: key('issue'), allowed: 200, request: () => ({ url: `/jobs/${jobId}` }) },
  'GET /jobs/:id/results': { access: key('issue'), allowed: 200, request: () => ({ url: `/jobs/${jobId}/results` }) },
  'POST /jobs/:id/cancel': { access: key('issue'), allowed: 200, request: () => ({ url: `/jobs/${jobId}/cancel` }) },
  'GET /credentials/:id': { access: key('read'), allowed: 200, request: () => ({ url: `/credentials/${encodeURIComponent(credential.id)}` }) },
  'GET /credentials': { access: key('read'), allowed: 200, request: () => ({ url: '/credentials?limit=1' }) },
  'POST /credentials/status': {
    access: key('revoke'),
    allowed: 200,
    request: () => ({ url: '/credentials/status', payload: { credentialId: credential.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'suspension' }, status: true } }),
  },
  'POST /credentials/verify': { access: pub, allowed: 200, request: () => ({ url: '/credentials/verify', payload: { verifiableCredential: untouched } }) },
  'POST /presentations/verify': {
    access: pub,
    allowed: 400,
    code: 'ERR_INPUT_INVALID',
    request: () => ({ url: '/presentations/verify', payload: { verifiablePresentation: 'not a presentation' } }),
  },
  'GET /status/:listId': { access: pub, allowed: 200, request: () => ({ url: statusPath }) },
  'POST /achievements': { access: key('issue'), allowed: 201, request: () => ({ url: '/achievements', payload: { ...fullDefinition, id: `https://example.edu/achievements/m${issueCount++}` } }) },
  'GET /achievements/:id': { access: pub, allowed: 200, request: () => ({ url: ACHIEVEMENT }) },
  'POST /achievements/:id/issue': { access: key('issue'), allowed: 201, request: () => ({ url: `${ACHIEVEMENT}/issue`, payload: { recipients: [{ id: 'did:example:learner' }] } }) },
  'POST /pathways': { access: key('issue'), allowed: 201, request: () => ({ url: '/pathways', payload: { ...storedPathway, id: `urn:pathway:m${issueCount++}` } }) },
  'GET /pathways/:id': { access: pub, allowed: 200, request: () => ({ url: PATHWAY }) },
  'POST /pathways/:id/evaluate': { access: pub, allowed: 200, request: () => ({ url: `${PATHWAY}/evaluate`, payload: { credentials: [] } }) },
  'POST /pathways/:id/award': { access: key('issue'), allowed: 422, code: 'ERR_PATHWAY_NOT_SATISFIED', request: () => ({ url: `${PATHWAY}/award`, payload: { credentials: [] } }) },
  'GET /.well-known/did.json': { access: pub, allowed: 404, code: 'ERR_DID_WEB_NOT_CONFIGURED', request: () => ({ url: '/.well-known/did.json' }) },
  'POST /admin/keys/rotate': { access: key('admin'), allowed: 409, code: 'ERR_KEY_ROTATION_UNSUPPORTED', request: () => ({ url: '/admin/keys/rotate' }) },
  'GET /contexts/microcred/v1': { access: pub, allowed: 200, request: () => ({ url: '/contexts/microcred/v1' }) },
  'GET /claim/:token': { access: pub, allowed: 200, request: () => ({ url: claimPaths[0]! }) },
  'POST /claim/:token/download': { access: pub, allowed: 200, request: () => ({ url: `${claimPaths.pop()!}/download` }) },
  'GET /.well-known/openid-credential-issuer': { access: pub, allowed: 200, request: () => ({ url: '/.well-known/openid-credential-issuer' }) },
  'GET /.well-known/oauth-authorization-server': { access: pub, allowed: 200, request: () => ({ url: '/.well-known/oauth-authorization-server' }) },
  'GET /oid4vci/offers/:token': { access: pub, allowed: 200, request: () => ({ url: `/oid4vci/offers/${claimPaths[0]!.split('/').pop()!}` }) },
  'POST /oid4vci/token': {
    access: pub,
    allowed: 200,
    request: () => ({
      url: '/oid4vci/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': claimPaths[0]!.split('/').pop()! }).toString(),
    }),
  },
  'POST /oid4vci/nonce': { access: pub, allowed: 200, request: () => ({ url: '/oid4vci/nonce' }) },
  // An API key is not an OID4VCI access token: every caller gets 401 invalid_token.
  'POST /oid4vci/credential': { access: pub, allowed: 401, request: () => ({ url: '/oid4vci/credential', payload: { credential_configuration_id: 'OpenBadgeCredential_ldp_vc' } }) },
  'POST /workflows/claim/exchanges/:token': { access: pub, allowed: 200, request: () => ({ url: `/workflows/claim/exchanges/${claimPaths[0]!.split('/').pop()!}`, payload: {} }) },
  'GET /offers/:id': { access: key('read'), allowed: 200, request: () => ({ url: `/offers/${offerId}` }) },
  'POST /offers/:id/revoke': { access: key('revoke'), allowed: 200, request: () => ({ url: `/offers/${offerId}/revoke` }) },
  'GET /offers.csv': { access: key('read'), allowed: 200, request: () => ({ url: '/offers.csv?state=pending' }) },
  'GET /claim/:token/credential': { access: pub, allowed: 200, request: () => ({ url: `${claimedPath}/credential?format=json` }) },
  'POST /claim/:token/public': { access: pub, allowed: 200, request: () => ({ url: `${claimedPath}/public`, payload: { public: true } }) },
  'GET /c/:id': { access: pub, allowed: 200, request: () => ({ url: `/c/${encodeURIComponent(credential.id)}` }) },
  // Public once the learner made the credential public (setup); a private one needs a read key (tests/http/learner-pages.test.ts).
  'GET /credentials/:id/badge.png': { access: pub, allowed: 200, request: () => ({ url: `/credentials/${encodeURIComponent(credential.id)}/badge.png` }) },
  'GET /credentials/:id/badge.svg': { access: pub, allowed: 200, request: () => ({ url: `/credentials/${encodeURIComponent(credential.id)}/badge.svg` }) },
  'GET /health': { access: pub, allowed: 200, request: () => ({ url: '/health' }) },
  'GET /docs': { access: pub, allowed: 200, request: () => ({ url: '/docs' }) },
  'GET /': { access: pub, allowed: 200, request: () => ({ url: '/' }) },
  'GET /verify': { access: pub, allowed: 200, request: () => ({ url: '/verify' }) },
  'GET /console': { access: pub, allowed: 200, request: () => ({ url: '/console' }) },
  'POST /console/session': { access: pub, allowed: 201, request: () => ({ url: '/console/session', payload: { apiKey: t.keys.read } }) },
  'GET /console/session': { access: signedIn, allowed: 200, request: () => ({ url: '/console/session' }) },
  'DELETE /console/session': { access: signedIn, allowed: 204, request: () => ({ url: '/console/session' }) },
  'GET /console/api/achievements': { access: key('read'), allowed: 200, request: () => ({ url: '/console/api/achievements' }) },
  'PUT /console/api/achievements/:id': {
    access: key('issue'),
    allowed: 200,
    request: () => ({ url: `/console/api/achievements/${encodeURIComponent(fullDefinition.id as string)}`, payload: fullDefinition as unknown as Record<string, unknown> }),
  },
  'GET /console/api/credentials': { access: key('read'), allowed: 200, request: () => ({ url: '/console/api/credentials?email=someone%40example.org&limit=5' }) },
  'GET /console/api/api-keys': { access: key('admin'), allowed: 200, request: () => ({ url: '/console/api/api-keys' }) },
  'POST /console/api/api-keys': { access: key('admin'), allowed: 201, request: () => ({ url: '/console/api/api-keys', payload: { name: 'matrix', scopes: ['read'] } }) },
  'POST /console/api/api-keys/:id/revoke': { access: key('admin'), allowed: 200, request: () => ({ url: `/console/api/api-keys/${victimKeyId}/revoke` }) },
  'GET /console/api/issuer-keys': { access: key('admin'), allowed: 200, request: () => ({ url: '/console/api/issuer-keys' }) },
  'GET /console/api/audit': { access: key('admin'), allowed: 200, request: () => ({ url: '/console/api/audit?limit=5' }) },
}

/** HEAD mirrors GET; OPTIONS is the CORS preflight every public URL has (204). */
function rowFor(method: string, url: string): Row | undefined {
  if (method === 'HEAD') {
    const get = ROWS[`GET ${url}`]
    return get === undefined ? undefined : { ...get, code: undefined }
  }
  if (method === 'OPTIONS') {
    const isPublicUrl = Object.entries(ROWS).some(([k, r]) => k.split(' ')[1] === url && r.access.kind === 'public')
    return isPublicUrl ? { access: pub, allowed: 204, request: () => ({ url: ROWS[Object.keys(ROWS).find((k) => k.split(' ')[1] === url)!]!.request().url as string }) } : undefined
  }
  return ROWS[`${method} ${url}`]
}

function tokenFor(caller: Caller, access: RouteAccess): string | undefined {
  const scope = access.kind === 'api-key' ? access.scope : 'read'
  switch (caller) {
    case 'none':
      return undefined
    case 'wrongScope':
      return wrongFor[scope]
    case 'revoked':
      return t.keys.revoked
    case 'expired':
      return expired
    case 'right':
      return t.keys[scope]
  }
}

async function call(method: string, row: Row, caller: Caller): Promise<LightMyRequestResponse> {
  const request = row.request()
  const token = tokenFor(caller, row.access)
  return t.app.inject({
    ...request,
    method: method as InjectOptions['method'],
    headers: { ...(request.headers ?? {}), ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
  })
}

beforeAll(async () => {
  t = await makeApp({ limits: { rateLimit: { max: 100_000, windowMs: 60_000 }, apiKeyRateLimit: { max: 100_000, windowMs: 60_000 } } })
  // A key with every scope but the one a route needs (never admin, which implies them all).
  wrongFor = {
    issue: (await createApiKey(t.store, { name: 'not-issue', scopes: ['read', 'revoke'] })).token,
    read: (await createApiKey(t.store, { name: 'not-read', scopes: ['issue', 'revoke'] })).token,
    revoke: (await createApiKey(t.store, { name: 'not-revoke', scopes: ['issue', 'read'] })).token,
    admin: (await createApiKey(t.store, { name: 'not-admin', scopes: ['issue', 'revoke', 'read'] })).token,
  }
  expired = (await createApiKey(t.store, { name: 'expired', scopes: ['admin'], expiresAt: new Date(Date.now() - 1000) })).token
  victimKeyId = (await createApiKey(t.store, { name: 'victim', scopes: ['read'] })).record.id
  const issued = await t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: unsignedCredential('did:example:setup') } })
  credential = json<{ verifiableCredential: typeof credential }>(issued).verifiableCredential
  const second = await t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: unsignedCredential('did:example:setup-2') } })
  untouched = json<{ verifiableCredential: Record<string, unknown> }>(second).verifiableCredential
  statusPath = new URL(credential.credentialStatus[0]!.statusListCredential).pathname
  expect((await t.as('issue', { method: 'POST', url: '/achievements', payload: fullDefinition as unknown as Record<string, unknown> })).statusCode).toBe(201)
  expect((await t.as('issue', { method: 'POST', url: '/pathways', payload: storedPathway })).statusCode).toBe(201)
  const offers = await t.as('issue', {
    method: 'POST',
    url: '/credentials/issue/batch',
    payload: { credentials: Array.from({ length: 16 }, () => unsignedCredential('did:example:offered')), options: { offer: {} } },
  })
  const created = json<{ offers: { id: string; claimUrl: string }[] }>(offers).offers
  offerId = created[0]!.id
  claimPaths = created.slice(2).map((o) => new URL(o.claimUrl).pathname)
  claimedPath = new URL(created[1]!.claimUrl).pathname
  expect((await t.app.inject({ method: 'POST', url: `${claimedPath}/download` })).statusCode).toBe(200)
  await t.store.setCredentialPublicPage(credential.id, true)
  jobId = (await t.store.createJob({ id: 'job-matrix', issuerId: t.issuer.current.id }, [JSON.stringify(unsignedCredential('did:example:job'))])).id
})
afterAll(async () => {
  await t.app.close()
})

describe('authorization matrix', () => {
  it('has one row per route, and each route declares the access its row expects', () => {
    const routes = t.app.routeAccess
    expect(routes.length).toBeGreaterThan(Object.keys(ROWS).length)
    const missing = routes.filter((r) => rowFor(r.method, r.url) === undefined).map((r) => `${r.method} ${r.url}`)
    expect(missing, 'routes without a row in the matrix').toEqual([])
    const mismatched = routes.filter((r) => JSON.stringify(rowFor(r.method, r.url)!.access) !== JSON.stringify(r.access)).map((r) => `${r.method} ${r.url}`)
    expect(mismatched, 'routes whose declared access differs from the matrix').toEqual([])
    const present = new Set(routes.map((r) => `${r.method} ${r.url}`))
    expect(Object.keys(ROWS).filter((k) => !present.has(k)), 'rows for routes that no longer exist').toEqual([])
  })

  it('answers every route × caller with the exact status', async () => {
    const table: string[] = []
    const wrong: string[] = []
    for (const route of t.app.routeAccess) {
      const row = rowFor(route.method, route.url)!
      for (const caller of CALLERS) {
        const res = await call(route.method, row, caller)
        // A signed-in route takes any valid key: a key without some other scope is let in.
        const guarded = route.access.kind === 'api-key' || (route.access.kind === 'signed-in' && caller !== 'wrongScope')
        const refused = guarded && caller !== 'right' ? REFUSED[caller as Exclude<Caller, 'right'>] : undefined
        const status = refused?.status ?? row.allowed
        const code = refused?.code ?? row.code
        const isJson = String(res.headers['content-type'] ?? '').includes('json')
        const got = route.method === 'HEAD' || res.body === '' || !isJson ? undefined : (json(res)['code'] as string | undefined)
        table.push(`${route.method} ${route.url} ${caller}: ${res.statusCode}`)
        if (res.statusCode !== status || (code !== undefined && route.method !== 'HEAD' && got !== code)) {
          wrong.push(`${route.method} ${route.url} as ${caller}: expected ${status} ${code ?? ''}, got ${res.statusCode} ${got ?? ''} ${res.body.slice(0, 200)}`)
        }
      }
    }
    expect(wrong).toEqual([])
    expect(table.length).toBe(t.app.routeAccess.length * CALLERS.length)
  })
})
