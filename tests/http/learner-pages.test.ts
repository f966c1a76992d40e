// The learner's side after an offer, over HTTP (memory store): GET /claim/:token answers a
// browser with the claim page (200 pending, 409 claimed, 410 expired/withdrawn, 404 unknown)
// and keeps JSON for other clients; the claim link downloads the claimed credential again and
// turns its public page on and off; /c/:id and the badge images are served only for public
// credentials (a private one looks exactly like a missing one), badges also with a read key.
import { beforeEach, describe, expect, it } from 'vitest'
import { createStatusListResolver, readCredentialInput, verifyCredential } from '../../src/index.js'
import { createMemoryStore } from '../../src/storage/memory/memory-store.js'
import { renderPage } from '../../src/web-pages.js'
import { json, makeApp, unsignedCredential, type TestApp } from './helpers.js'

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }
const pathOf = (url: string): string => new URL(url).pathname

let t: TestApp
let now: number
beforeEach(async () => {
  now = Date.parse('2026-12-01T10:00:00.000Z')
  const clock = { now: () => new Date(now) }
  t = await makeApp({ clock, store: createMemoryStore({ clock }) })
})

async function newOffer(expiresInDays = 30): Promise<{ id: string; path: string }> {
  const res = await t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: unsignedCredential('did:example:ana'), options: { offer: { expiresInDays } } } })
  expect(res.statusCode).toBe(201)
  const [o] = json<{ offers: { id: string; claimUrl: string }[] }>(res).offers
  return { id: o!.id, path: pathOf(o!.claimUrl) }
}

/** The JSON in the page's data block. */
function pageData(html: string): Record<string, unknown> {
  const match = /<script type="application\/json" id="page-data">(.*?)<\/script>/s.exec(html)
  expect(match).not.toBeNull()
  return JSON.parse(match![1]!) as Record<string, unknown>
}

async function verifyHere(text: string): Promise<Awaited<ReturnType<typeof verifyCredential>>> {
  const lists = new Map<string, unknown>()
  const vc = JSON.parse(text) as { credentialStatus: { statusListCredential: string }[] }
  for (const entry of vc.credentialStatus) lists.set(entry.statusListCredential, json(await t.app.inject({ method: 'GET', url: pathOf(entry.statusListCredential) })))
  const clock = { now: () => new Date(now) }
  return verifyCredential(vc, { clock, statusResolver: createStatusListResolver({ clock, lists: [...lists.values()] }) })
}

describe('the claim page', () => {
  it('goes to browsers (strict CSP, no referrer, no cache); other clients keep the JSON summary', async () => {
    const { path } = await newOffer()
    const page = await t.app.inject({ method: 'GET', url: path, headers: HTML })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+'; img-src data: blob:; connect-src 'self'/)
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    expect(page.headers['cache-control']).toBe('no-store')
    const data = pageData(page.body)
    expect(data).toMatchObject({ state: 'pending', summary: { achievement: { name: 'Data Literacy' }, issuer: { name: 'Example University' } }, expiresAt: '2026-12-31T10:00:00.000Z' })
    expect((data['qr'] as Record<string, string>)['oid4vci']).toMatch(/^data:image\/svg\+xml;base64,/)
    expect((data['links'] as Record<string, string>)['lcw']).toMatch(/^https:\/\/lcw\.app\/request\.html\?request=/)
    for (const accept of [undefined, 'application/json', 'application/json, text/html;q=0.5']) {
      const res = await t.app.inject({ method: 'GET', url: path, headers: accept === undefined ? {} : { accept } })
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      expect(json(res)['state']).toBe('pending')
    }
  })

  it('shows claimed (409), expired and withdrawn (410) and unknown (404) offers as pages', async () => {
    const claimed = await newOffer()
    expect((await t.app.inject({ method: 'POST', url: `${claimed.path}/download` })).statusCode).toBe(200)
    const claimedPage = await t.app.inject({ method: 'GET', url: claimed.path, headers: HTML })
    expect(claimedPage.statusCode).toBe(409)
    expect(pageData(claimedPage.body)).toMatchObject({ state: 'claimed', credential: { publicPage: false } })
    expect(pageData(claimedPage.body)['qr']).toBeUndefined()

    const withdrawn = await newOffer()
    expect((await t.as('revoke', { method: 'POST', url: `/offers/${withdrawn.id}/revoke` })).statusCode).toBe(200)
    const revokedPage = await t.app.inject({ method: 'GET', url: withdrawn.path, headers: HTML })
    expect([revokedPage.statusCode, pageData(revokedPage.body)['state']]).toEqual([410, 'revoked'])

    const old = await newOffer(1)
    now += 2 * 86_400_000
    const expiredPage = await t.app.inject({ method: 'GET', url: old.path, headers: HTML })
    expect([expiredPage.statusCode, pageData(expiredPage.body)['state']]).toEqual([410, 'expired'])

    const unknown = await t.app.inject({ method: 'GET', url: `/claim/${'A'.repeat(43)}`, headers: HTML })
    expect([unknown.statusCode, pageData(unknown.body)['state']]).toEqual([404, 'not-found'])
  })

  it('escapes the page data so that credential text cannot close the data block', () => {
    const { html } = renderPage('claim', { data: { text: '</script><script>alert(1)</script>\u2028' } })
    expect(html).not.toContain('</script><script>alert(1)')
    expect(pageData(html)).toEqual({ text: '</script><script>alert(1)</script>\u2028' })
  })
})

describe('after the claim, the claim link', () => {
  it('downloads the same credential again (JSON, PNG, SVG) and refuses before the claim', async () => {
    const { path } = await newOffer()
    const early = await t.app.inject({ method: 'GET', url: `${path}/credential` })
    expect([early.statusCode, json(early)['code']]).toEqual([409, 'ERR_OFFER_NOT_CLAIMED'])
    const claim = await t.app.inject({ method: 'POST', url: `${path}/download` })
    const again = await t.app.inject({ method: 'GET', url: `${path}/credential?format=json` })
    expect(again.statusCode).toBe(200)
    expect(again.body).toBe(claim.body)
    const verified = await verifyHere(again.body)
    expect(verified.verdict.level, JSON.stringify(verified.checks.filter((c) => c.outcome !== 'pass'))).toBe('verified')
    for (const format of ['png', 'svg'] as const) {
      const badge = await t.app.inject({ method: 'GET', url: `${path}/credential?format=${format}` })
      expect(badge.statusCode).toBe(200)
      const input = readCredentialInput(format === 'png' ? new Uint8Array(badge.rawPayload) : badge.body)
      expect(input.kind).toBe('credential')
      expect(JSON.stringify((input as { credential: unknown }).credential)).toBe(JSON.stringify(JSON.parse(claim.body)))
    }
    expect((await t.app.inject({ method: 'POST', url: `${path}/download` })).statusCode).toBe(409) // still a single claim
  })

  it('makes the public page and badge available, and private again; private looks like missing', async () => {
    const { path } = await newOffer()
    const claim = await t.app.inject({ method: 'POST', url: `${path}/download` })
    const id = (JSON.parse(claim.body) as { id: string }).id
    const short = id.split('/').pop()!
    const hidden = await t.app.inject({ method: 'GET', url: `/c/${short}` })
    const missing = await t.app.inject({ method: 'GET', url: `/c/${crypto.randomUUID()}` })
    expect([hidden.statusCode, missing.statusCode]).toEqual([404, 404])
    expect(hidden.body).toBe(missing.body)
    const noKey = await t.app.inject({ method: 'GET', url: `/credentials/${short}/badge.png` })
    expect([noKey.statusCode, json(noKey)['code']]).toEqual([404, 'ERR_CREDENTIAL_NOT_FOUND'])
    // Staff with a read key get any badge; a key without "read" is refused.
    expect((await t.as('read', { method: 'GET', url: `/credentials/${short}/badge.png` })).statusCode).toBe(200)
    expect((await t.as('issue', { method: 'GET', url: `/credentials/${short}/badge.png` })).statusCode).toBe(403)

    const on = await t.app.inject({ method: 'POST', url: `${path}/public`, payload: { public: true } })
    expect(json(on)).toEqual({ credentialId: id, public: true, pageUrl: `https://badges.example.edu/c/${short}`, badgeUrl: `https://badges.example.edu/credentials/${short}/badge.png` })
    const page = await t.app.inject({ method: 'GET', url: `/c/${short}` })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-security-policy']).toMatch(/img-src 'self' data: blob:/)
    expect(page.headers['content-security-policy']).not.toMatch(/connect-src/)
    expect(page.body).toContain('<meta property="og:title" content="Data Literacy">')
    expect(page.body).toContain(`<meta property="og:image" content="https://badges.example.edu/credentials/${short}/badge.png">`)
    expect(page.body).toContain(`<meta property="og:url" content="https://badges.example.edu/c/${short}">`)
    expect(page.body).toMatch(/<meta property="og:description" content="Data Literacy, issued by Example University\./)
    const data = pageData(page.body)
    expect(data['credential']).toBe(claim.body)
    expect((data['statusLists'] as unknown[]).length).toBeGreaterThan(0)
    const png = await t.app.inject({ method: 'GET', url: `/credentials/${short}/badge.png` })
    expect(png.statusCode).toBe(200)
    expect(png.headers['content-type']).toBe('image/png')
    expect(readCredentialInput(new Uint8Array(png.rawPayload)).kind).toBe('credential')
    const svg = await t.app.inject({ method: 'GET', url: `/credentials/${short}/badge.svg` })
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/)

    const off = await t.app.inject({ method: 'POST', url: `${path}/public`, payload: { public: false } })
    expect(json(off)).toEqual({ credentialId: id, public: false })
    expect((await t.app.inject({ method: 'GET', url: `/c/${short}` })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: `/credentials/${short}/badge.png` })).statusCode).toBe(404)
  })

  it('refuses the public toggle before the claim and for an unknown link', async () => {
    const { path } = await newOffer()
    const early = await t.app.inject({ method: 'POST', url: `${path}/public`, payload: { public: true } })
    expect([early.statusCode, json(early)['code']]).toEqual([409, 'ERR_OFFER_NOT_CLAIMED'])
    const unknown = await t.app.inject({ method: 'POST', url: `/claim/${'B'.repeat(43)}/public`, payload: { public: true } })
    expect([unknown.statusCode, json(unknown)['code']]).toEqual([404, 'ERR_OFFER_NOT_FOUND'])
  })
})
