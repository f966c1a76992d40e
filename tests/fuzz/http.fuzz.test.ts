// The bad-input corpus through every HTTP route (app.inject), with and without a valid API
// key: no 2xx for garbage (verify answers 200 only with verified: false), no 5xx, no crash,
// p99 < 100 ms per request (the maximum is reported).
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey } from '../../src/issuance/api-keys.js'
import { json, makeApp, unsignedCredential, type TestApp } from '../http/helpers.js'
import { makeBases } from './bases.js'
import { buildCorpus, latencySummary, PRESENTATION_CHALLENGE, type CorpusEntry } from './corpus.js'

let t: TestApp
let token: string
let corpus: CorpusEntry[]
let achievementId: string
let pathwayId: string
const unhandled: unknown[] = []
const onUnhandled = (e: unknown): void => void unhandled.push(e)

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled)
  t = await makeApp({ limits: { rateLimit: { max: 1_000_000, windowMs: 60_000 } } })
  token = (await createApiKey(t.store, { name: 'fuzz', scopes: ['issue', 'revoke', 'read', 'admin'] })).token
  const issued = await t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: unsignedCredential('did:example:fuzz-holder') } })
  const vc = json<{ verifiableCredential: Record<string, unknown> }>(issued).verifiableCredential
  corpus = buildCorpus((await makeBases(vc)).bases)
  const definition = JSON.parse(readFileSync(new URL('../../examples/data-literacy.achievement.json', import.meta.url), 'utf8')) as Record<string, unknown>
  achievementId = json<{ id: string }>(await t.as('issue', { method: 'POST', url: '/achievements', payload: definition })).id
  const pathway = JSON.parse(readFileSync(new URL('../../pathways/pgcert-data-science.json', import.meta.url), 'utf8')) as Record<string, unknown>
  pathwayId = json<{ id: string }>(await t.as('issue', { method: 'POST', url: '/pathways', payload: pathway })).id
})
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  await t?.app.close()
})

interface Route {
  name: string
  /** The request carrying `entry`; undefined when the entry does not apply to the route. */
  request(entry: CorpusEntry, i: number): InjectOptions | undefined
  /** Public routes do the same work with or without a key: the keyless pass takes every 10th entry. */
  public?: true
  /** Routes that do not read credentials (definitions, status changes, rotation) take every 3rd entry. */
  every?: number
  /** May answer 2xx to garbage (lookups and listings: an unknown id or an empty page is no acceptance). */
  readOnly?: true
}

const post = (url: string, entry: CorpusEntry, wrap?: (text: string) => string, headers: Record<string, string> = {}): InjectOptions => ({
  method: 'POST',
  url,
  payload: wrap === undefined || entry.contentType !== undefined ? entry.text : wrap(entry.text),
  headers: { 'content-type': entry.contentType ?? 'application/json', ...headers },
})
const idOf = (entry: CorpusEntry): string => encodeURIComponent(entry.text.slice(0, 1500))

const ROUTES: Route[] = [
  { name: 'POST /credentials/verify', public: true, request: (e, i) => post('/credentials/verify', e, i % 4 === 3 ? undefined : (x) => `{"verifiableCredential":${x}}`) },
  {
    name: 'POST /presentations/verify',
    public: true,
    request: (e, i) => post('/presentations/verify', e, i % 4 === 3 ? undefined : (x) => `{"verifiablePresentation":${x},"options":{"challenge":"${PRESENTATION_CHALLENGE}"}}`),
  },
  { name: 'POST /credentials/issue', request: (e) => (e.issuable ? undefined : post('/credentials/issue', e, (x) => `{"credential":${x}}`)) },
  { name: 'POST /credentials/issue/batch', request: (e, i) => (e.issuable ? undefined : post('/credentials/issue/batch', e, (x) => `{"credentials":[${x}]}`, { 'idempotency-key': `fuzz-${i}` })) },
  { name: 'POST /credentials/status', every: 3, request: (e) => post('/credentials/status', e) },
  { name: 'POST /achievements', every: 3, request: (e) => post('/achievements', e) },
  { name: 'POST /achievements/:id/issue', every: 3, request: (e, i) => post(`/achievements/${encodeURIComponent(achievementId)}/issue`, e, undefined, { 'idempotency-key': `fuzz-a-${i}` }) },
  { name: 'POST /pathways', every: 3, request: (e) => post('/pathways', e) },
  { name: 'POST /pathways/:id/evaluate', every: 3, public: true, request: (e) => post(`/pathways/${encodeURIComponent(pathwayId)}/evaluate`, e) },
  { name: 'POST /pathways/:id/award', every: 3, request: (e) => post(`/pathways/${encodeURIComponent(pathwayId)}/award`, e) },
  { name: 'POST /admin/keys/rotate', every: 3, request: (e) => post('/admin/keys/rotate', e) },
  { name: 'GET /credentials/:id', readOnly: true, request: (e) => ({ method: 'GET', url: `/credentials/${idOf(e)}` }) },
  { name: 'GET /credentials', readOnly: true, request: (e, i) => ({ method: 'GET', url: `/credentials?${['recipient', 'achievement', 'page', 'limit'][i % 4]}=${idOf(e)}` }) },
  { name: 'GET /achievements/:id', readOnly: true, public: true, request: (e) => ({ method: 'GET', url: `/achievements/${idOf(e)}` }) },
  { name: 'GET /pathways/:id', readOnly: true, public: true, request: (e) => ({ method: 'GET', url: `/pathways/${idOf(e)}` }) },
  { name: 'GET /status/:listId', readOnly: true, public: true, request: (e, i) => ({ method: 'GET', url: `/status/${idOf(e)}`, headers: i % 2 === 0 ? { 'if-none-match': e.text.slice(0, 200).replace(/[^\x20-\x7e]/g, '?') } : {} }) },
  { name: 'GET /.well-known/did.json', readOnly: true, public: true, request: (e, i) => (i % 10 === 0 ? { method: 'GET', url: `/.well-known/did.json?x=${idOf(e)}` } : undefined) },
  { name: 'GET /contexts/microcred/v1', readOnly: true, public: true, request: (e, i) => (i % 10 === 0 ? { method: 'GET', url: `/contexts/microcred/v1?x=${idOf(e)}` } : undefined) },
  { name: 'GET /health', readOnly: true, public: true, request: (e, i) => (i % 10 === 0 ? { method: 'GET', url: `/health?x=${idOf(e)}` } : undefined) },
  { name: 'GET /docs', readOnly: true, public: true, request: (e, i) => (i % 50 === 0 ? { method: 'GET', url: `/docs?x=${idOf(e)}` } : undefined) },
]

describe('bad-input corpus through every HTTP route', () => {
  it('0 accepted, 0 5xx, 0 crashes; p99 < 100 ms', async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(1000)
    const accepted: string[] = []
    const serverErrors: string[] = []
    const latency: number[] = []
    const perRoute: Record<string, number[]> = {}
    let requests = 0
    for (const route of ROUTES) {
      for (const withKey of [true, false]) {
        for (const [i, entry] of corpus.entries()) {
          if (!withKey && route.public && i % 10 !== 0) continue
          // lookups by id only need the strings: every 3rd entry
          if (route.readOnly && i % 3 !== 0) continue
          if (route.every !== undefined && i % route.every !== 0) continue
          const request = route.request(entry, i)
          if (request === undefined) continue
          const headers = { ...(request.headers ?? {}), ...(withKey ? { authorization: `Bearer ${token}` } : {}) }
          const start = performance.now()
          const res = await t.app.inject({ ...request, headers })
          const ms = performance.now() - start
          requests++
          latency.push(ms)
          ;(perRoute[route.name] ??= []).push(ms)
          const label = `${route.name} ${withKey ? 'key' : 'no-key'} ${entry.name}`
          if (res.statusCode >= 500) serverErrors.push(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`)
          else if (res.statusCode < 300 && !route.readOnly) {
            const body = JSON.parse(res.body) as { verified?: unknown; eligible?: unknown }
            if (!route.name.includes('verify') && !route.name.includes('evaluate')) accepted.push(`${label}: ${res.statusCode}`)
            else if (body.verified !== false && body.eligible !== false) accepted.push(`${label}: ${res.body.slice(0, 200)}`)
          }
        }
      }
    }
    const routes = Object.fromEntries(Object.entries(perRoute).map(([k, v]) => [k, latencySummary(v)]))
    console.log(JSON.stringify({ runner: 'http', corpus: corpus.length, routes: ROUTES.length, requests, accepted: accepted.length, serverErrors: serverErrors.length, unhandled: unhandled.length, latencyMs: latencySummary(latency) }))
    console.log(JSON.stringify(routes))
    expect(serverErrors).toEqual([])
    expect(accepted).toEqual([])
    expect(unhandled).toEqual([])
    expect(latencySummary(latency).p99).toBeLessThan(100)
  }, 600_000)
})
