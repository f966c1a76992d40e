import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeStatusList, getBit } from '../../src/core/index.js'
import { verifyCredential } from '../../src/index.js'
import { BASE, json, makeApp, unsignedCredential, type TestApp } from './helpers.js'

type Entry = { statusListCredential: string; statusListIndex: string; statusPurpose: string }

let t: TestApp
let vc: { id: string; credentialStatus: Entry[] }
let revocation: Entry
beforeAll(async () => {
  t = await makeApp({ limits: { statusListMaxAgeSeconds: 120 } })
  vc = json<{ verifiableCredential: typeof vc }>(await t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: unsignedCredential() } })).verifiableCredential
  revocation = vc.credentialStatus.find((e) => e.statusPurpose === 'revocation')!
})
afterAll(async () => {
  await t.app.close()
})

const path = (url: string) => url.slice(BASE.length)
const fetchList = (headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: path(revocation.statusListCredential), headers })

describe('GET /status/:listId', () => {
  it('serves the signed BitstringStatusListCredential, cacheable, without an API key', async () => {
    const res = await fetchList()
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('public, max-age=120')
    expect(res.headers['etag']).toMatch(/^W\/".+:1"$/)
    const list = json<Record<string, unknown> & { credentialSubject: Record<string, unknown> }>(res)
    expect(list['id']).toBe(revocation.statusListCredential)
    expect(list['type']).toEqual(['VerifiableCredential', 'BitstringStatusListCredential'])
    expect(list['issuer']).toBe(t.issuer.current.id)
    expect(list.credentialSubject).toMatchObject({ type: 'BitstringStatusList', statusPurpose: 'revocation', ttl: 240_000 })
    const bits = await decodeStatusList(list.credentialSubject['encodedList'] as string)
    expect(bits.length * 8).toBeGreaterThanOrEqual(131_072)
    expect(getBit(bits, Number(revocation.statusListIndex))).toBe(false)
    expect((await verifyCredential(list)).verified).toBe(true)
  })

  it('answers 304 to If-None-Match with the current ETag, and the same bytes while unchanged', async () => {
    const first = await fetchList()
    const again = await fetchList()
    expect(again.body).toBe(first.body) // cached signature
    const notModified = await fetchList({ 'if-none-match': first.headers['etag'] as string })
    expect(notModified.statusCode).toBe(304)
    expect(notModified.body).toBe('')
    expect((await fetchList({ 'if-none-match': 'W/"something-else"' })).statusCode).toBe(200)
  })

  it('changes the ETag and sets the bit when the credential is revoked', async () => {
    const before = await fetchList()
    await t.as('revoke', { method: 'POST', url: '/credentials/status', payload: { credentialId: vc.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, status: true } })
    const after = await fetchList({ 'if-none-match': before.headers['etag'] as string })
    expect(after.statusCode).toBe(200)
    expect(after.headers['etag']).not.toBe(before.headers['etag'])
    const subject = json<{ credentialSubject: { encodedList: string } }>(after).credentialSubject
    expect(getBit(await decodeStatusList(subject.encodedList), Number(revocation.statusListIndex))).toBe(true)
  })

  it('404 for an unknown list, 400 for an id that cannot be one', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/status/revocation-999' })
    expect(missing.statusCode).toBe(404)
    expect(json(missing).code).toBe('ERR_STATUS_LIST_NOT_FOUND')
    const missing304 = await t.app.inject({ method: 'GET', url: '/status/revocation-999', headers: { 'if-none-match': '*' } })
    expect(missing304.statusCode).toBe(404)
    const bad = await t.app.inject({ method: 'GET', url: `/status/${encodeURIComponent('a b')}` })
    expect(bad.statusCode).toBe(400)
    expect(json(bad).code).toBe('ERR_INPUT_INVALID')
  })
})
