import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashIdentity, readMicroCredential } from '../../src/core/index.js'
import { fullDefinition, GRADE_DESCRIPTION_ID } from '../fixtures/micro-credential-definition.js'
import { BASE, json, makeApp, type TestApp } from './helpers.js'

interface Record_ {
  id: string
  definition: Record<string, unknown>
  achievement: Record<string, unknown>
  createdAt: string
}
type VC = Record<string, unknown> & { id: string; credentialSubject: Record<string, unknown> }

let t: TestApp
beforeAll(async () => {
  t = await makeApp()
})
afterAll(async () => {
  await t.app.close()
})

const create = (body: unknown, scope: 'issue' | 'read' = 'issue') => t.as(scope, { method: 'POST', url: '/achievements', payload: body as Record<string, unknown> })
const issueTo = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  t.as('issue', { method: 'POST', url: `/achievements/${encodeURIComponent(id)}/issue`, payload: body as Record<string, unknown>, headers })

describe('POST /achievements and GET /achievements/:id', () => {
  it('stores a definition with its OB 3.0 Achievement and serves it publicly', async () => {
    const res = await create(fullDefinition)
    expect(res.statusCode).toBe(201)
    const record = json<Record_>(res)
    expect(record.id).toBe(fullDefinition.id)
    expect(record.achievement).toMatchObject({ id: fullDefinition.id, type: ['Achievement'], creditsAvailable: 5, inLanguage: 'de-AT' })
    expect(res.headers['location']).toBe(`/achievements/${encodeURIComponent(fullDefinition.id)}`)
    const got = await t.app.inject({ method: 'GET', url: `/achievements/${encodeURIComponent(fullDefinition.id)}` })
    expect(got.statusCode).toBe(200)
    expect(json<Record_>(got)).toEqual(record)
  })

  it('mints an id under PUBLIC_URL when the definition has none', async () => {
    const { id: _id, ...withoutId } = fullDefinition
    const record = json<Record_>(await create({ ...withoutId, name: 'Minted' }))
    expect(record.id).toMatch(new RegExp(`^${BASE}/achievements/[0-9a-f-]{36}$`))
    const bySegment = await t.app.inject({ method: 'GET', url: `/achievements/${record.id.split('/').pop()}` })
    expect(json<Record_>(bySegment).id).toBe(record.id)
  })

  it('409 for an id already defined; 400 for a bad definition; 404 for an unknown id; 401/403', async () => {
    const again = await create(fullDefinition)
    expect(again.statusCode).toBe(409)
    expect(json(again).code).toBe('ERR_STORE_CONFLICT')
    const missingName = await create({ description: 'd', criteria: 'c' })
    expect(missingName.statusCode).toBe(400)
    expect(json(missingName).code).toBe('ERR_INPUT_INVALID')
    const wrongType = await create({ ...fullDefinition, id: 'urn:example:x', workloadHours: 'many' })
    expect(json(wrongType).code).toBe('ERR_INPUT_INVALID')
    const unknownField = await create({ ...fullDefinition, id: 'urn:example:y', colour: 'blue' })
    expect(json(unknownField).code).toBe('ERR_INPUT_INVALID')
    const badSystem = await create({ ...fullDefinition, id: 'urn:example:z', credits: { value: 5, system: 'PARSECS' } })
    expect(badSystem.statusCode).toBe(400)
    expect(json(badSystem).code).toBe('ERR_ACHIEVEMENT_INVALID')
    const missing = await t.app.inject({ method: 'GET', url: `/achievements/${encodeURIComponent('urn:example:none')}` })
    expect(missing.statusCode).toBe(404)
    expect(json(missing).code).toBe('ERR_ACHIEVEMENT_NOT_FOUND')
    expect((await t.app.inject({ method: 'POST', url: '/achievements', payload: fullDefinition })).statusCode).toBe(401)
    expect((await create(fullDefinition, 'read')).statusCode).toBe(403)
  })
})

describe('POST /achievements/:id/issue', () => {
  it('issues one verifiable credential per recipient, emails as salted hashes', async () => {
    const res = await issueTo(fullDefinition.id, {
      recipients: [{ id: 'did:example:ana' }, { email: 'Ben@Example.org', salt: 'pepper' }],
      validUntil: '2031-01-01T00:00:00Z',
      result: [{ type: ['Result'], resultDescription: GRADE_DESCRIPTION_ID, value: 'A' }],
    })
    expect(res.statusCode).toBe(201)
    const vcs = json<{ verifiableCredentials: VC[] }>(res).verifiableCredentials
    expect(vcs).toHaveLength(2)
    expect(vcs[0]!.credentialSubject['id']).toBe('did:example:ana')
    expect(vcs[1]!.credentialSubject['identifier']).toEqual([
      { type: 'IdentityObject', hashed: true, identityHash: await hashIdentity('ben@example.org', 'pepper'), identityType: 'emailAddress', salt: 'pepper' },
    ])
    expect(res.body).not.toContain('Ben@Example.org')
    expect(readMicroCredential(vcs[0]!.credentialSubject['achievement'] as Record<string, unknown>).credits).toEqual({ value: 5, system: 'ECTS' })
    for (const vc of vcs) {
      const verified = json<{ verified: boolean; checks: unknown[] }>(await t.app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: vc } }))
      expect(verified.verified, JSON.stringify(verified.checks)).toBe(true)
    }
    const listed = json<{ credentials: { id: string }[] }>(await t.as('read', { method: 'GET', url: `/credentials?achievement=${encodeURIComponent(fullDefinition.id)}` }))
    expect(listed.credentials.map((c) => c.id)).toEqual(vcs.map((vc) => vc.id))
  })

  it('is idempotent with an Idempotency-Key', async () => {
    const body = { recipients: [{ id: 'did:example:carla' }] }
    const first = await issueTo(fullDefinition.id, body, { 'idempotency-key': 'award-1' })
    const second = await issueTo(fullDefinition.id, body, { 'idempotency-key': 'award-1' })
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(second.body).toBe(first.body)
  })

  it('400 for bad recipients, 404 for an unknown achievement, 401 without a key', async () => {
    for (const body of [{ recipients: [] }, { recipients: [{ name: 'Ana' }] }, { recipients: [{ id: 'did:example:a' }], extra: true }]) {
      const res = await issueTo(fullDefinition.id, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(json(res).code).toBe('ERR_INPUT_INVALID')
    }
    const notEmail = await issueTo(fullDefinition.id, { recipients: [{ id: 'did:example:a' }, { email: 'not-an-email' }] })
    expect(notEmail.statusCode).toBe(400)
    expect(json(notEmail)).toMatchObject({ code: 'ERR_RECIPIENT_INVALID', details: { index: 1 } })
    const unknown = await issueTo('urn:example:none', { recipients: [{ id: 'did:example:a' }] })
    expect(unknown.statusCode).toBe(404)
    expect(json(unknown).code).toBe('ERR_ACHIEVEMENT_NOT_FOUND')
    const anonymous = await t.app.inject({ method: 'POST', url: `/achievements/${encodeURIComponent(fullDefinition.id)}/issue`, payload: { recipients: [{ id: 'did:example:a' }] } })
    expect(anonymous.statusCode).toBe(401)
  })
})
