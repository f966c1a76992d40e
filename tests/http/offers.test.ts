// Offers over HTTP (memory store, no SMTP): issue as an offer, claim once (JSON, PNG, SVG),
// the coded refusals (claimed, expired, revoked, unknown), the CSV exports, and that claim
// tokens and email addresses never reach the log.
import { Writable } from 'node:stream'
import { beforeEach, describe, expect, it } from 'vitest'
import { createIssuer, createStatusListResolver, defaultBadgePng, matchesEmail, readCredentialInput, verifyCredential, type IdentityObject } from '../../src/index.js'
import { createMemoryStore } from '../../src/storage/memory/memory-store.js'
import { BASE, json, makeApp, unsignedCredential, type TestApp } from './helpers.js'

interface Created {
  offers: { id: string; claimUrl: string; expiresAt: string; email?: string; delivery: string }[]
  emailDelivery: string
}
type VC = Record<string, unknown> & { credentialSubject: Record<string, unknown>; credentialStatus: { statusListCredential: string }[] }

const HOLDER = createIssuer({ name: 'wallet' }).id
const withoutSubjectId = (): Record<string, unknown> => {
  const c = unsignedCredential()
  const { id: _id, ...subject } = c['credentialSubject'] as Record<string, unknown>
  return { ...c, credentialSubject: subject }
}
const pathOf = (url: string): string => new URL(url).pathname

let t: TestApp
let now: number
beforeEach(async () => {
  now = Date.parse('2026-12-01T10:00:00.000Z')
  const clock = { now: () => new Date(now) }
  t = await makeApp({ clock, store: createMemoryStore({ clock }) })
})

async function offer(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.as('issue', { method: 'POST', url: '/credentials/issue', payload: body, headers })
}

describe('offers', () => {
  it('issues an offer instead of a credential, and the claim signs it bound to the holder DID with the email identity kept', async () => {
    const res = await offer({ credential: withoutSubjectId(), options: { offer: { email: 'Ana@Example.org', expiresInDays: 14 } } })
    expect(res.statusCode).toBe(201)
    expect(res.headers['cache-control']).toBe('no-store')
    const created = json<Created>(res)
    expect(created.emailDelivery).toMatch(/^not configured/)
    const [o] = created.offers
    expect(o).toMatchObject({ email: 'Ana@Example.org', expiresAt: '2026-12-15T10:00:00.000Z', delivery: 'not-sent: no SMTP configured' })
    expect(o!.claimUrl).toMatch(new RegExp(`^${BASE}/claim/[A-Za-z0-9_-]{43}$`))
    expect((await t.store.listCredentials({})).items).toEqual([]) // nothing signed yet
    expect(JSON.stringify(await t.store.getOffer(o!.id))).not.toContain(o!.claimUrl.split('/').pop())

    const summary = await t.app.inject({ method: 'GET', url: pathOf(o!.claimUrl), headers: { accept: 'application/json' } })
    expect(summary.statusCode).toBe(200)
    const token = o!.claimUrl.split('/').pop()!
    expect(json(summary)).toEqual({
      // The VC-API interaction document: where a wallet takes the offer.
      protocols: {
        vcapi: `${BASE}/workflows/claim/exchanges/${token}`,
        OID4VCI: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${BASE}/oid4vci/offers/${token}`)}`,
      },
      state: 'pending',
      achievement: { id: 'urn:example:achievement:data-literacy', name: 'Data Literacy', description: 'Reads and questions data.' },
      issuer: { id: t.issuer.current.id, name: 'Example University' },
      expiresAt: '2026-12-15T10:00:00.000Z',
    })
    expect(summary.body).not.toMatch(/example\.org/i)

    now += 3_600_000
    const claim = await t.app.inject({ method: 'POST', url: `${pathOf(o!.claimUrl)}/download`, payload: { holder: HOLDER } })
    expect(claim.statusCode).toBe(200)
    const vc = json<VC>(claim)
    expect(vc.credentialSubject['id']).toBe(HOLDER)
    const identity = (vc.credentialSubject['identifier'] as IdentityObject[])[0]!
    expect(await matchesEmail(identity, 'ana@example.org')).toBe(true)
    expect(claim.body).not.toMatch(/example\.org/i)
    const lists = await Promise.all(vc.credentialStatus.map(async (e) => json((await t.app.inject({ method: 'GET', url: pathOf(e.statusListCredential) })))))
    const result = await verifyCredential(vc, { statusResolver: createStatusListResolver({ lists, clock: { now: () => new Date(now) } }), clock: { now: () => new Date(now) } })
    expect(result.checks.filter((c) => c.outcome !== 'pass')).toEqual([])
    expect(result.verified).toBe(true)
    expect((await t.store.getCredential(vc['id'] as string))!.json).toBe(claim.body)

    const again = await t.app.inject({ method: 'POST', url: `${pathOf(o!.claimUrl)}/download` })
    expect(again.statusCode).toBe(409)
    expect(json(again)).toMatchObject({ code: 'ERR_OFFER_CLAIMED', message: 'this offer was already claimed on 2026-12-01; ask the issuer for a new link' })
    const after = json(await t.app.inject({ method: 'GET', url: pathOf(o!.claimUrl) }))
    expect(after).toMatchObject({ state: 'claimed', claimedAt: '2026-12-01T11:00:00.000Z' })
    const view = json(await t.as('read', { method: 'GET', url: `/offers/${o!.id}` }))
    expect(view).toMatchObject({ id: o!.id, state: 'claimed', holder: HOLDER, credentialId: vc['id'], deliveryAttempts: [] })
  })

  it('a plain download (no DID) signs with the email identity only; PNG and SVG carry the credential', async () => {
    const created = json<Created>(
      await t.as('issue', {
        method: 'POST',
        url: '/credentials/issue/batch',
        payload: { credentials: [withoutSubjectId(), withoutSubjectId(), withoutSubjectId()], options: { offer: { emails: ['a@example.org', 'b@example.org', null] } } },
      }),
    )
    expect(created.offers.map((o) => o.delivery)).toEqual(['not-sent: no SMTP configured', 'not-sent: no SMTP configured', 'not-sent: no email address'])
    const [plain, png, svg] = created.offers
    const vc = json<VC>(await t.app.inject({ method: 'POST', url: `${pathOf(plain!.claimUrl)}/download` }))
    expect(vc.credentialSubject['id']).toBeUndefined()
    expect(await matchesEmail((vc.credentialSubject['identifier'] as IdentityObject[])[0]!, 'a@example.org')).toBe(true)
    expect((await verifyCredential(vc)).checks.find((c) => c.id === 'proof')!.outcome).toBe('pass')

    const pngRes = await t.app.inject({ method: 'POST', url: `${pathOf(png!.claimUrl)}/download?format=png`, payload: { holder: HOLDER } })
    expect(pngRes.statusCode).toBe(200)
    expect(pngRes.headers['content-type']).toBe('image/png')
    const fromPng = readCredentialInput(new Uint8Array(pngRes.rawPayload))
    expect(fromPng).toMatchObject({ kind: 'credential', container: 'png' })
    const svgRes = await t.app.inject({ method: 'POST', url: `${pathOf(svg!.claimUrl)}/download?format=svg`, payload: { holder: HOLDER } })
    expect(svgRes.headers['content-type']).toMatch(/^image\/svg\+xml/)
    expect(readCredentialInput(svgRes.body)).toMatchObject({ kind: 'credential', container: 'svg' })
  })

  it('bakes the achievement\'s own image when it is a data: URL, and the default one when it is not an image', async () => {
    const own = defaultBadgePng('Own', 48)
    const width = (png: Uint8Array): number => new DataView(png.buffer, png.byteOffset).getUint32(16)
    const withImage = (image: string) => {
      const c = withoutSubjectId()
      const subject = c['credentialSubject'] as { achievement: Record<string, unknown> }
      return { ...c, credentialSubject: { ...subject, achievement: { ...subject.achievement, image: { id: image, type: 'Image' } } } }
    }
    const created = json<Created>(
      await t.as('issue', {
        method: 'POST',
        url: '/credentials/issue/batch',
        payload: { credentials: [withImage(`data:image/png;base64,${Buffer.from(own).toString('base64')}`), withImage('data:image/png;base64,bm90IGEgcG5n')], options: { offer: {} } },
      }),
    )
    const [good, broken] = await Promise.all(created.offers.map((o) => t.app.inject({ method: 'POST', url: `${pathOf(o.claimUrl)}/download?format=png` })))
    expect(width(new Uint8Array(good!.rawPayload))).toBe(48)
    expect(width(new Uint8Array(broken!.rawPayload))).toBe(256) // the generated default badge
    for (const res of [good!, broken!]) expect(readCredentialInput(new Uint8Array(res.rawPayload))).toMatchObject({ kind: 'credential', container: 'png' })
  })

  it('refuses expired, revoked and unknown offers with their codes, and a holder that is not a DID', async () => {
    const created = json<Created>(
      await t.as('issue', { method: 'POST', url: '/credentials/issue/batch', payload: { credentials: [withoutSubjectId(), withoutSubjectId()], options: { offer: { expiresInDays: 1 } } } }),
    )
    const [expiring, withdrawn] = created.offers
    const notDid = await t.app.inject({ method: 'POST', url: `${pathOf(expiring!.claimUrl)}/download`, payload: { holder: 'https://example.org/me' } })
    expect(json(notDid)).toMatchObject({ code: 'ERR_INPUT_INVALID' })

    expect((await t.as('read', { method: 'POST', url: `/offers/${withdrawn!.id}/revoke` })).statusCode).toBe(403)
    const revoked = await t.as('revoke', { method: 'POST', url: `/offers/${withdrawn!.id}/revoke` })
    expect(json(revoked)).toMatchObject({ id: withdrawn!.id, state: 'revoked' })
    const r = await t.app.inject({ method: 'POST', url: `${pathOf(withdrawn!.claimUrl)}/download` })
    expect(r.statusCode).toBe(410)
    expect(json(r)).toMatchObject({ code: 'ERR_OFFER_REVOKED' })

    now += 2 * 86_400_000
    const e = await t.app.inject({ method: 'POST', url: `${pathOf(expiring!.claimUrl)}/download` })
    expect(e.statusCode).toBe(410)
    expect(json(e)).toMatchObject({ code: 'ERR_OFFER_EXPIRED', message: 'this offer expired on 2026-12-02; ask the issuer for a new link' })

    for (const url of ['/claim/not-a-token', `/claim/${'A'.repeat(43)}`]) {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.statusCode).toBe(404)
      expect(json(res)).toMatchObject({ code: 'ERR_OFFER_NOT_FOUND' })
    }
    expect((await t.as('read', { method: 'GET', url: '/offers/none' })).statusCode).toBe(404)
    expect((await t.store.listCredentials({})).items).toEqual([])
  })

  it('exports the links once at creation (Accept: text/csv) and the states later without them', async () => {
    const res = await t.as('issue', {
      method: 'POST',
      url: '/credentials/issue/batch',
      headers: { accept: 'text/csv' },
      payload: { credentials: [withoutSubjectId(), withoutSubjectId()], options: { offer: { emails: ['=cmd@example.org', null] } } },
    })
    expect(res.statusCode).toBe(201)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    const lines = res.body.trimEnd().split('\r\n')
    expect(lines[0]).toBe('offer_id,email,claim_url,expires_at,delivery')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toMatch(new RegExp(`^[0-9a-f-]{36},'=cmd@example.org,${BASE}/claim/[A-Za-z0-9_-]{43},2026-12-31T10:00:00.000Z,not-sent: no SMTP configured$`))
    const [firstId] = lines[1]!.split(',')
    await t.as('revoke', { method: 'POST', url: `/offers/${firstId}/revoke` })

    const all = await t.as('read', { method: 'GET', url: '/offers.csv' })
    expect(all.statusCode).toBe(200)
    expect(all.body).not.toContain('/claim/')
    expect(all.body.split('\r\n')[0]).toBe('offer_id,achievement_id,email,state,expires_at,created_at,claimed_at,revoked_at,credential_id,holder,delivery_state,delivery_attempts,delivery_last_error')
    const revoked = (await t.as('read', { method: 'GET', url: '/offers.csv?state=revoked' })).body.trimEnd().split('\r\n')
    expect(revoked.slice(1).map((l) => l.split(',')[0])).toEqual([firstId])
    const byAchievement = await t.as('read', { method: 'GET', url: `/offers.csv?achievementId=${encodeURIComponent('urn:example:achievement:data-literacy')}&state=pending` })
    expect(byAchievement.body.trimEnd().split('\r\n')).toHaveLength(2)
    expect((await t.as('read', { method: 'GET', url: '/offers.csv?state=lost' })).statusCode).toBe(400)
  })

  it('offers from a defined achievement: one per recipient, email recipients hashed', async () => {
    const defined = json<{ id: string }>(
      await t.as('issue', { method: 'POST', url: '/achievements', payload: { name: 'Data Analysis', description: 'Analyses data.', criteria: 'Passed.' } }),
    )
    const res = await t.as('issue', {
      method: 'POST',
      url: `/achievements/${encodeURIComponent(defined.id)}/issue`,
      payload: { recipients: [{ email: 'ana@example.org' }, { id: 'did:example:ben' }], offer: { expiresInDays: 7 } },
    })
    expect(res.statusCode).toBe(201)
    const [ana, ben] = json<Created>(res).offers
    expect(ana).toMatchObject({ email: 'ana@example.org' })
    expect(ben!.email).toBeUndefined()
    expect((await t.store.getOffer(ana!.id))!.achievementId).toBe(defined.id)
    const vc = json<VC>(await t.app.inject({ method: 'POST', url: `${pathOf(ana!.claimUrl)}/download`, payload: { holder: HOLDER } }))
    expect(vc.credentialSubject['id']).toBe(HOLDER)
    const other = await t.app.inject({ method: 'POST', url: `${pathOf(ben!.claimUrl)}/download`, payload: { holder: HOLDER } })
    expect(json(other)).toMatchObject({ code: 'ERR_INPUT_INVALID' }) // made out to did:example:ben
    expect(json<VC>(await t.app.inject({ method: 'POST', url: `${pathOf(ben!.claimUrl)}/download` })).credentialSubject['id']).toBe('did:example:ben')
    expect((await t.store.listCredentials({ achievementId: defined.id })).items).toHaveLength(2)
  })

  it('refuses an Idempotency-Key with offers and a wrong number of emails', async () => {
    const keyed = await offer({ credential: withoutSubjectId(), options: { offer: {} } }, { 'idempotency-key': 'k1' })
    expect(json(keyed)).toMatchObject({ code: 'ERR_INPUT_INVALID' })
    const mismatch = await t.as('issue', { method: 'POST', url: '/credentials/issue/batch', payload: { credentials: [withoutSubjectId()], options: { offer: { emails: [] } } } })
    expect(json(mismatch)).toMatchObject({ code: 'ERR_INPUT_INVALID' })
    const days = await offer({ credential: withoutSubjectId(), options: { offer: { expiresInDays: 400 } } })
    expect(days.statusCode).toBe(400)
    expect(await t.store.listOffers({})).toEqual({ items: [] })
  })
})

describe('offer logging', () => {
  it('never writes claim tokens, claim URLs or email addresses to the log', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const logged = await makeApp({ logger: { level: 'trace', stream } })
    const res = await logged.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: withoutSubjectId(), options: { offer: { email: 'secret-ana@example.org' } } } })
    const { claimUrl } = json<Created>(res).offers[0]!
    const token = claimUrl.split('/').pop()!
    await logged.app.inject({ method: 'GET', url: pathOf(claimUrl) })
    await logged.app.inject({ method: 'POST', url: `${pathOf(claimUrl)}/download`, payload: { holder: HOLDER } })
    await logged.app.inject({ method: 'POST', url: `${pathOf(claimUrl)}/download` })
    const log = lines.join('')
    expect(log).toContain('/claim/[redacted]')
    expect(log).toContain('offer claimed')
    expect(log).not.toContain(token)
    expect(log).not.toContain('secret-ana')
  })
})
