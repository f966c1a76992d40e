// The console's session and its routes, through app.inject: sign-in makes an HttpOnly,
// SameSite=Strict session cookie and a CSRF token; a state-changing request without the
// token (or with a wrong one) is 403; an expired, signed-out or unknown session is 401; the
// session carries the key's scopes and ends when the key is revoked. Then the console's own
// routes: search by learner email, achievement edit, API keys, the audit log (who, what,
// reason) written by the API routes and the console alike.
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import type { Clock } from '../../src/core/index.js'
import { createMemoryStore } from '../../src/storage/memory/memory-store.js'
import { fullDefinition } from '../fixtures/micro-credential-definition.js'
import { json, makeApp, type TestApp } from './helpers.js'

class SettableClock implements Clock {
  at = new Date('2026-06-01T09:00:00Z')
  now(): Date {
    return new Date(this.at.getTime())
  }
}

let t: TestApp | undefined
afterEach(async () => {
  await t?.app.close()
  t = undefined
})

interface Session {
  cookie: string
  csrf: string
  setCookie: string
}

async function signIn(app: TestApp, token: string): Promise<Session> {
  const res = await app.app.inject({ method: 'POST', url: '/console/session', payload: { apiKey: token } })
  expect(res.statusCode, res.body).toBe(201)
  const setCookie = String(res.headers['set-cookie'])
  const cookie = setCookie.split(';')[0]!
  return { cookie, csrf: json<{ csrfToken: string }>(res).csrfToken, setCookie }
}

function withSession(app: TestApp, s: Session, options: InjectOptions, csrf: string | null = s.csrf): Promise<LightMyRequestResponse> {
  return app.app.inject({ ...options, headers: { ...(options.headers ?? {}), cookie: s.cookie, ...(csrf === null ? {} : { 'x-csrf-token': csrf }) } })
}

async function issueTo(app: TestApp, achievementId: string, emails: string[]): Promise<string[]> {
  const res = await app.as('issue', { method: 'POST', url: `/achievements/${encodeURIComponent(achievementId)}/issue`, payload: { recipients: emails.map((email) => ({ email })) } })
  expect(res.statusCode, res.body).toBe(201)
  return json<{ verifiableCredentials: { id: string }[] }>(res).verifiableCredentials.map((c) => c.id)
}

const revokeBody = (credentialId: string, reason?: string) => ({
  credentialId,
  credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' },
  status: true,
  ...(reason === undefined ? {} : { reason }),
})

describe('console session', () => {
  it('signs in with an API key: HttpOnly, Secure (https base), SameSite=Strict cookie and a CSRF token; the key is never echoed', async () => {
    t = await makeApp()
    const res = await t.app.inject({ method: 'POST', url: '/console/session', payload: { apiKey: t.keys.admin } })
    expect(res.statusCode).toBe(201)
    const setCookie = String(res.headers['set-cookie'])
    expect(setCookie).toMatch(/^mc_console=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800; Secure$/)
    expect(res.headers['cache-control']).toBe('no-store')
    const body = json<{ csrfToken: string; key: { scopes: string[] } }>(res)
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(body.key.scopes).toEqual(['admin'])
    expect(res.body).not.toContain(t.keys.admin)
    const s = await signIn(t, t.keys.read)
    const info = await withSession(t, s, { method: 'GET', url: '/console/session' }, null)
    expect(info.statusCode).toBe(200)
    expect(json<{ csrfToken: string; key: { scopes: string[] }; issuer: { id: string } }>(info)).toMatchObject({ csrfToken: s.csrf, key: { scopes: ['read'] }, issuer: { id: t.issuer.current.id } })
  })

  it('has no Secure flag when the public URL is http (local use)', async () => {
    t = await makeApp({ baseUrl: () => 'http://127.0.0.1:3000' })
    expect((await signIn(t, t.keys.read)).setCookie).not.toContain('Secure')
  })

  it('refuses a wrong, revoked or expired key at sign-in', async () => {
    t = await makeApp()
    const bad = await t.app.inject({ method: 'POST', url: '/console/session', payload: { apiKey: 'mck_nope' } })
    expect([bad.statusCode, json(bad)['code']]).toEqual([401, 'ERR_AUTH_INVALID'])
    const revoked = await t.app.inject({ method: 'POST', url: '/console/session', payload: { apiKey: t.keys.revoked } })
    expect([revoked.statusCode, json(revoked)['code']]).toEqual([401, 'ERR_AUTH_INVALID'])
    expect(revoked.headers['set-cookie']).toBeUndefined()
  })

  it('refuses a state-changing request without the CSRF token or with a wrong one (403), and takes it with the right one', async () => {
    t = await makeApp()
    const [id] = await issueTo(t, json<{ id: string }>(await t.as('issue', { method: 'POST', url: '/achievements', payload: fullDefinition as unknown as Record<string, unknown> })).id, ['ana@example.org'])
    const s = await signIn(t, t.keys.revoke)
    const missing = await withSession(t, s, { method: 'POST', url: '/credentials/status', payload: revokeBody(id!) }, null)
    expect([missing.statusCode, json(missing)['code']]).toEqual([403, 'ERR_AUTH_CSRF'])
    const wrong = await withSession(t, s, { method: 'POST', url: '/credentials/status', payload: revokeBody(id!) }, 'x'.repeat(43))
    expect([wrong.statusCode, json(wrong)['code']]).toEqual([403, 'ERR_AUTH_CSRF'])
    const other = await signIn(t, t.keys.revoke)
    const crossed = await withSession(t, s, { method: 'POST', url: '/credentials/status', payload: revokeBody(id!) }, other.csrf)
    expect([crossed.statusCode, json(crossed)['code']]).toEqual([403, 'ERR_AUTH_CSRF'])
    expect((await t.store.getCredential(id!))!.revoked).toBe(false)
    const signOutWithout = await withSession(t, s, { method: 'DELETE', url: '/console/session' }, null)
    expect(signOutWithout.statusCode).toBe(403)

    const ok = await withSession(t, s, { method: 'POST', url: '/credentials/status', payload: revokeBody(id!, 'awarded in error') })
    expect(ok.statusCode, ok.body).toBe(200)
    const stored = (await t.store.getCredential(id!))!
    expect([stored.revoked, stored.statusReason]).toEqual([true, 'awarded in error'])
  })

  it('carries the key’s scopes: a read key’s session may search but not issue or revoke (403 ERR_AUTH_FORBIDDEN)', async () => {
    t = await makeApp()
    const s = await signIn(t, t.keys.read)
    expect((await withSession(t, s, { method: 'GET', url: '/console/api/credentials' }, null)).statusCode).toBe(200)
    expect((await withSession(t, s, { method: 'GET', url: '/credentials?limit=1' }, null)).statusCode).toBe(200)
    const issue = await withSession(t, s, { method: 'POST', url: '/achievements', payload: fullDefinition as unknown as Record<string, unknown> })
    expect([issue.statusCode, json(issue)['code']]).toEqual([403, 'ERR_AUTH_FORBIDDEN'])
    const keys = await withSession(t, s, { method: 'GET', url: '/console/api/api-keys' }, null)
    expect([keys.statusCode, json(keys)['code']]).toEqual([403, 'ERR_AUTH_FORBIDDEN'])
  })

  it('answers 401 ERR_AUTH_SESSION_EXPIRED once the session has expired, after sign-out and for an unknown cookie', async () => {
    const clock = new SettableClock()
    t = await makeApp({ clock, consoleSessionTtlMs: 60_000 })
    const s = await signIn(t, t.keys.read)
    expect((await withSession(t, s, { method: 'GET', url: '/console/session' }, null)).statusCode).toBe(200)
    clock.at = new Date(clock.at.getTime() + 60_000)
    const expired = await withSession(t, s, { method: 'GET', url: '/console/session' }, null)
    expect([expired.statusCode, json(expired)['code']]).toEqual([401, 'ERR_AUTH_SESSION_EXPIRED'])

    const s2 = await signIn(t, t.keys.read)
    const out = await withSession(t, s2, { method: 'DELETE', url: '/console/session' })
    expect(out.statusCode).toBe(204)
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0')
    const after = await withSession(t, s2, { method: 'GET', url: '/console/api/credentials' }, null)
    expect([after.statusCode, json(after)['code']]).toEqual([401, 'ERR_AUTH_SESSION_EXPIRED'])

    const unknown = await t.app.inject({ method: 'GET', url: '/console/session', headers: { cookie: `mc_console=${'a'.repeat(43)}` } })
    expect([unknown.statusCode, json(unknown)['code']]).toEqual([401, 'ERR_AUTH_SESSION_EXPIRED'])
    const none = await t.app.inject({ method: 'GET', url: '/console/session' })
    expect([none.statusCode, json(none)['code']]).toEqual([401, 'ERR_AUTH_REQUIRED'])
  })

  it('ends with its key: revoking the key makes the session 401 ERR_AUTH_INVALID', async () => {
    t = await makeApp()
    const admin = await signIn(t, t.keys.admin)
    const created = await withSession(t, admin, { method: 'POST', url: '/console/api/api-keys', payload: { name: 'temp staff', scopes: ['read'] } })
    expect(created.statusCode, created.body).toBe(201)
    const { token, key } = json<{ token: string; key: { id: string } }>(created)
    const s = await signIn(t, token)
    expect((await withSession(t, s, { method: 'GET', url: '/console/api/credentials' }, null)).statusCode).toBe(200)
    expect((await withSession(t, admin, { method: 'POST', url: `/console/api/api-keys/${key.id}/revoke` })).statusCode).toBe(200)
    const after = await withSession(t, s, { method: 'GET', url: '/console/api/credentials' }, null)
    expect([after.statusCode, json(after)['code']]).toEqual([401, 'ERR_AUTH_INVALID'])
  })
})

describe('console routes', () => {
  it('finds credentials by learner email (hashed with each credential’s salt), achievement and date', async () => {
    const clock = new SettableClock()
    t = await makeApp({ clock, store: createMemoryStore({ clock }) })
    const a = json<{ id: string }>(await t.as('issue', { method: 'POST', url: '/achievements', payload: fullDefinition as unknown as Record<string, unknown> })).id
    const b = json<{ id: string }>(await t.as('issue', { method: 'POST', url: '/achievements', payload: { ...fullDefinition, id: 'https://example.edu/achievements/other' } as Record<string, unknown> })).id
    const [ana1] = await issueTo(t, a, ['Ana@Example.org', 'ben@example.org'])
    clock.at = new Date('2026-07-15T09:00:00Z')
    const [ana2] = await issueTo(t, b, ['ana@example.org'])
    const search = async (q: string) => json<{ credentials: { id: string; revoked: boolean }[]; complete: boolean }>(await t!.as('read', { method: 'GET', url: `/console/api/credentials?${q}` }))
    const byEmail = await search('email=ana%40example.org')
    expect(byEmail.credentials.map((c) => c.id)).toEqual([ana1, ana2])
    expect(byEmail.complete).toBe(true)
    expect((await search(`email=ana%40example.org&achievement=${encodeURIComponent(b)}`)).credentials.map((c) => c.id)).toEqual([ana2])
    expect((await search('email=ana%40example.org&from=2026-07-01')).credentials.map((c) => c.id)).toEqual([ana2])
    expect((await search('email=ana%40example.org&to=2026-07-01')).credentials.map((c) => c.id)).toEqual([ana1])
    expect((await search('email=nobody%40example.org')).credentials).toEqual([])
    const bad = await t.as('read', { method: 'GET', url: '/console/api/credentials?from=yesterday' })
    expect([bad.statusCode, json(bad)['code']]).toEqual([400, 'ERR_INPUT_INVALID'])
  })

  it('edits an achievement (credentials issued before keep theirs) and lists them', async () => {
    t = await makeApp()
    const id = json<{ id: string }>(await t.as('issue', { method: 'POST', url: '/achievements', payload: fullDefinition as unknown as Record<string, unknown> })).id
    const res = await t.as('issue', { method: 'PUT', url: `/console/api/achievements/${encodeURIComponent(id)}`, payload: { ...fullDefinition, name: 'Renamed' } as Record<string, unknown> })
    expect(res.statusCode, res.body).toBe(200)
    expect(json<{ achievement: { name: string } }>(res).achievement.name).toBe('Renamed')
    const list = json<{ achievements: { id: string; achievement: { name: string } }[] }>(await t.as('read', { method: 'GET', url: '/console/api/achievements' }))
    expect(list.achievements.map((x) => [x.id, x.achievement.name])).toEqual([[id, 'Renamed']])
    const missing = await t.as('issue', { method: 'PUT', url: `/console/api/achievements/${encodeURIComponent('https://example.edu/none')}`, payload: { ...fullDefinition, id: 'https://example.edu/none' } as Record<string, unknown> })
    expect(json(missing)['code']).toBe('ERR_ACHIEVEMENT_NOT_FOUND')
    const invalid = await t.as('issue', { method: 'PUT', url: `/console/api/achievements/${encodeURIComponent(id)}`, payload: { ...fullDefinition, credits: { value: 5, system: 'NOPE' } } as Record<string, unknown> })
    expect(invalid.statusCode).toBe(400)
  })

  it('writes the audit log from the API and the console: who, what, target, reason; the reason is not in the status list', async () => {
    t = await makeApp()
    const a = json<{ id: string }>(await t.as('issue', { method: 'POST', url: '/achievements', payload: fullDefinition as unknown as Record<string, unknown> })).id
    const [id] = await issueTo(t, a, ['ana@example.org'])
    const s = await signIn(t, t.keys.admin)
    expect((await withSession(t, s, { method: 'POST', url: '/credentials/status', payload: { ...revokeBody(id!, 'plagiarism found'), credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'suspension' } } })).statusCode).toBe(200)
    expect((await withSession(t, s, { method: 'POST', url: '/console/api/api-keys', payload: { name: 'registry', scopes: ['issue'] } })).statusCode).toBe(201)
    const audit = json<{ entries: { actor: string; actorName?: string; action: string; target?: string; reason?: string }[] }>(await withSession(t, s, { method: 'GET', url: '/console/api/audit' }, null))
    const actions = audit.entries.slice(0, 4).map((e) => [e.action, e.actorName, e.reason])
    expect(actions).toEqual([
      ['apikey.create', 'admin', undefined],
      ['credential.suspend', 'admin', 'plagiarism found'],
      ['credentials.issue', 'issue', undefined],
      ['achievement.create', 'issue', undefined],
    ])
    expect(audit.entries[1]!.target).toBe(id)
    const stored = JSON.parse((await t.store.getCredential(id!))!.json) as { credentialStatus: { statusListCredential: string }[] }
    const list = await t.app.inject({ method: 'GET', url: new URL(stored.credentialStatus[1]!.statusListCredential).pathname })
    expect(list.statusCode).toBe(200)
    expect(list.body).not.toContain('plagiarism')
  })

  it('serves the console page with its own CSP, and GET / links to it', async () => {
    t = await makeApp()
    const page = await t.app.inject({ method: 'GET', url: '/console' })
    expect(page.statusCode).toBe(200)
    expect(String(page.headers['content-security-policy'])).toMatch(/script-src 'sha256-[^']+'; .*connect-src 'self'.*frame-ancestors 'none'/)
    expect(page.body).toContain('Issuer console')
    expect((await t.app.inject({ method: 'GET', url: '/' })).body).toContain('href="console"')
  })
})
