import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyCredential } from '../../src/index.js'
import { BASE, json, makeApp, unsignedCredential, type TestApp } from './helpers.js'

type VC = Record<string, unknown> & { id: string; credentialStatus: Record<string, string>[] }

let t: TestApp
beforeAll(async () => {
  t = await makeApp()
})
afterAll(async () => {
  await t.app.close()
})

const issue = (credential: unknown, headers: Record<string, string> = {}) =>
  t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential }, headers })

describe('POST /credentials/issue', () => {
  it('signs, stores and returns the credential with a revocation and a suspension status entry', async () => {
    const res = await issue(unsignedCredential('did:example:ana'))
    expect(res.statusCode).toBe(201)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    const vc = json<{ verifiableCredential: VC }>(res).verifiableCredential
    expect(vc.id).toMatch(new RegExp(`^${BASE}/credentials/[0-9a-f-]{36}$`))
    expect(vc['issuer']).toMatchObject({ id: t.issuer.current.id, name: 'Example University' })
    expect(vc.credentialStatus.map((e) => e['statusPurpose'])).toEqual(['revocation', 'suspension'])
    for (const entry of vc.credentialStatus) {
      expect(entry).toMatchObject({ type: 'BitstringStatusListEntry', statusListCredential: expect.stringMatching(`^${BASE}/status/`) })
      expect(entry['id']).toBe(`${entry['statusListCredential']}#${entry['statusListIndex']}`)
    }
    // Stored as signed, returned byte for byte.
    const stored = await t.store.getCredential(vc.id)
    expect(res.body).toBe(`{"verifiableCredential":${stored!.json}}`)
    const result = await verifyCredential(vc)
    expect(result.checks.filter((c) => c.outcome !== 'pass').map((c) => c.id)).toEqual(['status']) // no status list supplied offline
    expect(result.checks.find((c) => c.id === 'proof')!.outcome).toBe('pass')
    expect(result.checks.find((c) => c.id === 'schema')!.outcome).toBe('pass')
  })

  it('keeps a given credential id and takes options.credentialId for a credential without one', async () => {
    const given = await issue(unsignedCredential('did:example:b', { id: 'urn:uuid:6f1e1c1e-0d3a-4e3a-9d8e-2f0b7c6a5d4e' }))
    expect(json<{ verifiableCredential: VC }>(given).verifiableCredential.id).toBe('urn:uuid:6f1e1c1e-0d3a-4e3a-9d8e-2f0b7c6a5d4e')
    const viaOption = await t.as('issue', {
      method: 'POST',
      url: '/credentials/issue',
      payload: { credential: unsignedCredential('did:example:c'), options: { credentialId: 'urn:uuid:0b6a3c1d-93c4-4b8e-a3a4-1d9e2f3a4b5c' } },
    })
    expect(json<{ verifiableCredential: VC }>(viaOption).verifiableCredential.id).toBe('urn:uuid:0b6a3c1d-93c4-4b8e-a3a4-1d9e2f3a4b5c')
  })

  it('refuses an id that was already issued (409) and conflicting ids (400)', async () => {
    const id = 'urn:uuid:1c2d3e4f-0000-4000-8000-000000000001'
    expect((await issue(unsignedCredential('did:example:d', { id }))).statusCode).toBe(201)
    const again = await issue(unsignedCredential('did:example:d', { id }))
    expect(again.statusCode).toBe(409)
    expect(json(again).code).toBe('ERR_STORE_CONFLICT')
    const both = await t.as('issue', {
      method: 'POST',
      url: '/credentials/issue',
      payload: { credential: unsignedCredential('did:example:d', { id: 'urn:uuid:a' }), options: { credentialId: 'urn:uuid:b' } },
    })
    expect(both.statusCode).toBe(400)
    expect(json(both).code).toBe('ERR_INPUT_INVALID')
  })

  it('with an Idempotency-Key, a retry returns the first credential', async () => {
    const credential = unsignedCredential('did:example:retry')
    const first = await issue(credential, { 'idempotency-key': 'single-1' })
    const second = await issue(credential, { 'idempotency-key': 'single-1' })
    expect(first.statusCode).toBe(201)
    expect(second.statusCode).toBe(201)
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(second.body).toBe(first.body)
  })

  describe('refuses bad input with a 4xx and a code, never a 5xx', () => {
    const cases: [string, () => Promise<{ statusCode: number; body: string }>, number, string][] = [
      ['malformed JSON', () => t.as('issue', { method: 'POST', url: '/credentials/issue', headers: { 'content-type': 'application/json' }, payload: '{"credential": {' }), 400, 'ERR_INPUT_INVALID_JSON'],
      ['an empty body', () => t.as('issue', { method: 'POST', url: '/credentials/issue', headers: { 'content-type': 'application/json' }, payload: '' }), 400, 'ERR_INPUT_INVALID_JSON'],
      ['a JSON array body', () => t.as('issue', { method: 'POST', url: '/credentials/issue', payload: [1, 2] }), 400, 'ERR_INPUT_INVALID'],
      ['a missing credential', () => t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { options: {} } }), 400, 'ERR_INPUT_INVALID'],
      ['a credential that is a string', () => issue('not a credential'), 400, 'ERR_INPUT_INVALID'],
      ['an unknown option', () => t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: unsignedCredential(), options: { mandatoryPointers: ['/issuer'] } } }), 400, 'ERR_INPUT_INVALID'],
      ['a type that is a number', () => issue(unsignedCredential('did:example:x', { type: 42 })), 400, 'ERR_CREDENTIAL_MALFORMED'],
      ['validFrom that is not a date', () => issue(unsignedCredential('did:example:x', { validFrom: 'yesterday' })), 400, 'ERR_CREDENTIAL_MALFORMED'],
      ['a credentialSubject that is a string', () => issue(unsignedCredential('did:example:x', { credentialSubject: 'ana' })), 400, 'ERR_CREDENTIAL_MALFORMED'],
      ['a credential already carrying a proof', () => issue(unsignedCredential('did:example:x', { proof: { type: 'DataIntegrityProof' } })), 400, 'ERR_CREDENTIAL_MALFORMED'],
      ['a credential carrying its own credentialStatus', () => issue(unsignedCredential('did:example:x', { credentialStatus: { id: 'https://elsewhere.example/1#1', type: 'BitstringStatusListEntry' } })), 400, 'ERR_CREDENTIAL_MALFORMED'],
      ['an unknown context', () => issue({ ...unsignedCredential(), '@context': ['https://www.w3.org/ns/credentials/v2', 'https://evil.example/context.json'] }), 400, 'ERR_CONTEXT_NOT_ALLOWED'],
      ['an undefined term', () => issue(unsignedCredential('did:example:x', { favouriteColour: 'blue' })), 400, 'ERR_JSONLD_UNDEFINED_TERM'],
      ['a text/plain body', () => t.as('issue', { method: 'POST', url: '/credentials/issue', headers: { 'content-type': 'text/plain' }, payload: 'hello' }), 415, 'ERR_INPUT_UNSUPPORTED_MEDIA_TYPE'],
      ['a body over the limit', () => issue(unsignedCredential('did:example:x', { description: 'x'.repeat(2 * 1024 * 1024) })), 413, 'ERR_INPUT_TOO_LARGE'],
      ['a __proto__ key', () => t.as('issue', { method: 'POST', url: '/credentials/issue', headers: { 'content-type': 'application/json' }, payload: '{"credential":{"__proto__":{"x":1}}}' }), 400, 'ERR_INPUT_INVALID_JSON'],
    ]
    it.each(cases)('%s', async (_name, send, status, code) => {
      const res = await send()
      expect(res.statusCode).toBe(status)
      const body = JSON.parse(res.body) as { code: string; message: string }
      expect(body.code).toBe(code)
      expect(body.message.length).toBeGreaterThan(0)
    })

    it('names the undefined term and where it is', async () => {
      const res = await issue(unsignedCredential('did:example:x', { favouriteColour: 'blue' }))
      expect(json(res).details).toMatchObject({ term: 'favouriteColour' })
    })

    it('accepts application/ld+json bodies', async () => {
      const res = await t.as('issue', {
        method: 'POST',
        url: '/credentials/issue',
        headers: { 'content-type': 'application/ld+json' },
        payload: JSON.stringify({ credential: unsignedCredential('did:example:ld') }),
      })
      expect(res.statusCode).toBe(201)
    })
  })

  describe('authentication', () => {
    it('401 without a key, with another scheme, with an unknown or a revoked key; 403 without the issue scope', async () => {
      const payload = { credential: unsignedCredential() }
      const none = await t.app.inject({ method: 'POST', url: '/credentials/issue', payload })
      expect(none.statusCode).toBe(401)
      expect(json(none).code).toBe('ERR_AUTH_REQUIRED')
      expect(none.headers['www-authenticate']).toMatch(/^Bearer/)
      const basic = await t.app.inject({ method: 'POST', url: '/credentials/issue', payload, headers: { authorization: 'Basic dXNlcjpwYXNz' } })
      expect(json(basic).code).toBe('ERR_AUTH_REQUIRED')
      const unknown = await t.app.inject({ method: 'POST', url: '/credentials/issue', payload, headers: { authorization: `Bearer mck_000000000000_${'A'.repeat(43)}` } })
      expect(unknown.statusCode).toBe(401)
      expect(json(unknown).code).toBe('ERR_AUTH_INVALID')
      const garbage = await t.app.inject({ method: 'POST', url: '/credentials/issue', payload, headers: { authorization: 'Bearer nonsense' } })
      expect(json(garbage).code).toBe('ERR_AUTH_INVALID')
      const revoked = await t.as('revoked', { method: 'POST', url: '/credentials/issue', payload })
      expect(revoked.statusCode).toBe(401)
      expect(json(revoked).code).toBe('ERR_AUTH_INVALID')
      const readOnly = await t.as('read', { method: 'POST', url: '/credentials/issue', payload })
      expect(readOnly.statusCode).toBe(403)
      expect(json(readOnly).code).toBe('ERR_AUTH_FORBIDDEN')
      const admin = await t.as('admin', { method: 'POST', url: '/credentials/issue', payload })
      expect(admin.statusCode).toBe(201)
    })

    it('checks the key before reading the body', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/credentials/issue', headers: { 'content-type': 'application/json' }, payload: '{not json' })
      expect(res.statusCode).toBe(401)
    })
  })
})

describe('POST /credentials/issue/batch', () => {
  const batch = (credentials: unknown[], key?: string, scope: 'issue' | 'read' = 'issue') =>
    t.as(scope, { method: 'POST', url: '/credentials/issue/batch', payload: { credentials }, headers: key === undefined ? {} : { 'idempotency-key': key } })

  it('issues every credential, and a retry with the same key returns the same credentials', async () => {
    const credentials = Array.from({ length: 5 }, (_, i) => unsignedCredential(`did:example:batch-${i}`))
    const first = await batch(credentials, 'batch-1')
    expect(first.statusCode).toBe(201)
    const vcs = json<{ verifiableCredentials: VC[] }>(first).verifiableCredentials
    expect(vcs.map((vc) => (vc['credentialSubject'] as { id: string }).id)).toEqual(credentials.map((c) => (c['credentialSubject'] as { id: string }).id))
    const positions = vcs.flatMap((vc) => vc.credentialStatus.map((e) => e['id']))
    expect(new Set(positions).size).toBe(positions.length)
    const stored = await t.store.getCredentials(vcs.map((vc) => vc.id))
    expect(first.body).toBe(`{"verifiableCredentials":[${stored.map((s) => s.json).join(',')}]}`)

    const retry = await batch(credentials, 'batch-1')
    expect(retry.statusCode).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.body).toBe(first.body)
  })

  it('refuses the same key with another body (422) and a missing key (400)', async () => {
    expect((await batch([unsignedCredential('did:example:k1')], 'batch-2')).statusCode).toBe(201)
    const other = await batch([unsignedCredential('did:example:k2')], 'batch-2')
    expect(other.statusCode).toBe(422)
    expect(json(other).code).toBe('ERR_IDEMPOTENCY_KEY_REUSED')
    const missing = await batch([unsignedCredential('did:example:k3')])
    expect(missing.statusCode).toBe(400)
    expect(json(missing).code).toBe('ERR_IDEMPOTENCY_KEY_REQUIRED')
  })

  it('is all or nothing: one bad credential and nothing is stored', async () => {
    const before = (await t.store.listCredentials({ limit: 1000 })).items.length
    const credentials = [unsignedCredential('did:example:ok-1'), unsignedCredential('did:example:bad', { favouriteColour: 'blue' }), unsignedCredential('did:example:ok-2')]
    const res = await batch(credentials, 'batch-3')
    expect(res.statusCode).toBe(400)
    expect(json(res)).toMatchObject({ code: 'ERR_JSONLD_UNDEFINED_TERM', details: { index: 1 } })
    expect(json(res).message).toMatch(/^credentials\[1\]/)
    expect((await t.store.listCredentials({ limit: 1000 })).items.length).toBe(before)
    // The key was not used up: the corrected batch goes through with it.
    credentials[1] = unsignedCredential('did:example:fixed')
    expect((await batch(credentials, 'batch-3')).statusCode).toBe(201)
  })

  it('refuses duplicate ids in one batch, empty batches and batches over the limit', async () => {
    const dup = await batch([unsignedCredential('did:example:1', { id: 'urn:uuid:dup' }), unsignedCredential('did:example:2', { id: 'urn:uuid:dup' })], 'batch-4')
    expect(dup.statusCode).toBe(400)
    expect(json(dup).code).toBe('ERR_INPUT_INVALID')
    const empty = await batch([], 'batch-5')
    expect(empty.statusCode).toBe(400)
    expect(json(empty).code).toBe('ERR_INPUT_INVALID')
    const small = await makeApp({ limits: { maxBatchSize: 2 } })
    const tooMany = await small.as('issue', {
      method: 'POST',
      url: '/credentials/issue/batch',
      payload: { credentials: [unsignedCredential(), unsignedCredential(), unsignedCredential()] },
      headers: { 'idempotency-key': 'x' },
    })
    expect(tooMany.statusCode).toBe(413)
    expect(json(tooMany).code).toBe('ERR_BATCH_TOO_LARGE')
    await small.app.close()
  })

  it('needs the issue scope', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/credentials/issue/batch', payload: { credentials: [] } })).statusCode).toBe(401)
    expect((await batch([unsignedCredential()], 'batch-6', 'read')).statusCode).toBe(403)
  })
})

describe('GET /credentials/:id and GET /credentials', () => {
  let ana: VC
  let ben: VC
  beforeAll(async () => {
    const achievementB = { id: 'urn:example:achievement:b', type: ['Achievement'], name: 'B', description: 'B.', criteria: { narrative: 'B.' } }
    ana = json<{ verifiableCredential: VC }>(await issue(unsignedCredential('did:example:list-ana'))).verifiableCredential
    const other = unsignedCredential('did:example:list-ben')
    ;(other['credentialSubject'] as Record<string, unknown>)['achievement'] = achievementB
    ben = json<{ verifiableCredential: VC }>(await issue(other)).verifiableCredential
  })

  it('returns a credential byte for byte, by the last segment of its URL or by its whole id', async () => {
    const stored = await t.store.getCredential(ana.id)
    const bySegment = await t.as('read', { method: 'GET', url: `/credentials/${ana.id.split('/').pop()}` })
    expect(bySegment.statusCode).toBe(200)
    expect(bySegment.body).toBe(stored!.json)
    expect(bySegment.headers['credential-revoked']).toBe('false')
    const byId = await t.as('read', { method: 'GET', url: `/credentials/${encodeURIComponent(ana.id)}` })
    expect(byId.body).toBe(stored!.json)
  })

  it('404 for an unknown credential; 401/403 without the read scope', async () => {
    const missing = await t.as('read', { method: 'GET', url: '/credentials/00000000-0000-4000-8000-000000000000' })
    expect(missing.statusCode).toBe(404)
    expect(json(missing).code).toBe('ERR_CREDENTIAL_NOT_FOUND')
    expect((await t.app.inject({ method: 'GET', url: `/credentials/${encodeURIComponent(ana.id)}` })).statusCode).toBe(401)
    expect((await t.as('issue', { method: 'GET', url: `/credentials/${encodeURIComponent(ana.id)}` })).statusCode).toBe(403)
    expect((await t.as('issue', { method: 'GET', url: '/credentials' })).statusCode).toBe(403)
  })

  it('lists by recipient and by achievement, with the signed credentials as stored', async () => {
    const byRecipient = await t.as('read', { method: 'GET', url: `/credentials?recipient=${encodeURIComponent('did:example:list-ana')}` })
    expect(byRecipient.statusCode).toBe(200)
    const items = json<{ credentials: { id: string; revoked: boolean; verifiableCredential: VC }[] }>(byRecipient).credentials
    expect(items.map((i) => i.id)).toEqual([ana.id])
    expect(items[0]!.revoked).toBe(false)
    expect(byRecipient.body).toContain((await t.store.getCredential(ana.id))!.json)
    const byAchievement = await t.as('read', { method: 'GET', url: `/credentials?achievement=${encodeURIComponent('urn:example:achievement:b')}` })
    expect(json<{ credentials: { id: string }[] }>(byAchievement).credentials.map((i) => i.id)).toEqual([ben.id])
  })

  it('pages with limit and page', async () => {
    const first = json<{ credentials: { id: string }[]; nextPage?: string }>(await t.as('read', { method: 'GET', url: '/credentials?limit=2' }))
    expect(first.credentials).toHaveLength(2)
    expect(first.nextPage).toBeDefined()
    const second = json<{ credentials: { id: string }[] }>(await t.as('read', { method: 'GET', url: `/credentials?limit=2&page=${encodeURIComponent(first.nextPage!)}` }))
    expect(second.credentials[0]!.id).not.toBe(first.credentials[0]!.id)
    const badLimit = await t.as('read', { method: 'GET', url: '/credentials?limit=abc' })
    expect(badLimit.statusCode).toBe(400)
    expect(json(badLimit).code).toBe('ERR_INPUT_INVALID')
    const badPage = await t.as('read', { method: 'GET', url: '/credentials?page=%%%' })
    expect(badPage.statusCode).toBe(400)
    const unknownParam = await t.as('read', { method: 'GET', url: '/credentials?colour=blue' })
    expect(unknownParam.statusCode).toBe(400)
  })
})

describe('POST /credentials/status', () => {
  const setStatus = (body: unknown, scope: 'revoke' | 'issue' = 'revoke') => t.as(scope, { method: 'POST', url: '/credentials/status', payload: body as Record<string, unknown> })
  const verify = async (vc: unknown) => json<{ verified: boolean; checks: { id: string; outcome: string; code?: string }[] }>(await t.app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: vc } }))
  const statusCheck = async (vc: unknown) => (await verify(vc)).checks.find((c) => c.id === 'status')!

  it('suspends, reinstates and revokes (VC-API shape); revocation is final', async () => {
    const vc = json<{ verifiableCredential: VC }>(await issue(unsignedCredential('did:example:status'))).verifiableCredential
    expect(await statusCheck(vc)).toMatchObject({ outcome: 'pass' })

    const suspend = await setStatus({ credentialId: vc.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'suspension' }, status: true })
    expect(suspend.statusCode).toBe(200)
    expect(json(suspend)).toMatchObject({ credentialId: vc.id, suspended: true, revoked: false, changed: true })
    expect(await statusCheck(vc)).toMatchObject({ outcome: 'fail', code: 'ERR_STATUS_SUSPENDED' })

    const again = await setStatus({ credentialId: vc.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'suspension' }, status: true })
    expect(json(again)).toMatchObject({ changed: false })

    await setStatus({ credentialId: vc.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'suspension' }, status: false })
    expect(await statusCheck(vc)).toMatchObject({ outcome: 'pass' })

    const revoke = await setStatus({ credentialId: vc.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, status: true })
    expect(json(revoke)).toMatchObject({ revoked: true })
    const result = await verify(vc)
    expect(result.verified).toBe(false)
    expect(result.checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'fail', code: 'ERR_STATUS_REVOKED' })

    const unrevoke = await setStatus({ credentialId: vc.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, status: false })
    expect(unrevoke.statusCode).toBe(409)
    expect(json(unrevoke).code).toBe('ERR_STATUS_IRREVERSIBLE')
    const unsuspendRevoked = await setStatus({ credentialId: vc.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'suspension' }, status: true })
    expect(unsuspendRevoked.statusCode).toBe(409)
  })

  it('accepts the earlier VC-API shape and the last segment of a credential URL', async () => {
    const vc = json<{ verifiableCredential: VC }>(await issue(unsignedCredential('did:example:legacy'))).verifiableCredential
    const res = await setStatus({ credentialId: vc.id.split('/').pop(), credentialStatus: [{ type: 'BitstringStatusListCredential', status: 'revoked' }] })
    expect(res.statusCode).toBe(200)
    expect(json(res)).toMatchObject({ credentialId: vc.id, revoked: true })
  })

  it('keeps an optional reason with the change (as the CLI --reason does), never in the status list', async () => {
    const vc = json<{ verifiableCredential: VC }>(await issue(unsignedCredential('did:example:reason'))).verifiableCredential
    const reason = 'Plagiarism finding of 2 December, case ref 4471'
    const suspend = await setStatus({ credentialId: vc.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'suspension' }, status: true, reason: `  ${reason} ` })
    expect(suspend.statusCode).toBe(200)
    expect(json(suspend)).toMatchObject({ credentialId: vc.id, suspended: true, changed: true, statusReason: reason })
    expect((await t.store.getCredential(vc.id))!.statusReason).toBe(reason)
    const list = await t.app.inject({ method: 'GET', url: new URL(vc.credentialStatus[1]!['statusListCredential']!).pathname })
    expect(list.statusCode).toBe(200)
    expect(list.body).not.toContain('Plagiarism')

    // A change without a reason clears the previous one; the earlier VC-API shape takes one too.
    const reinstate = await setStatus({ credentialId: vc.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'suspension' }, status: false })
    expect(json(reinstate)).not.toHaveProperty('statusReason')
    expect((await t.store.getCredential(vc.id))!.statusReason).toBeUndefined()
    const revoke = await setStatus({ credentialId: vc.id, credentialStatus: [{ type: 'BitstringStatusListCredential', status: 'revoked' }], reason: 'issued in error' })
    expect(json(revoke)).toMatchObject({ revoked: true, statusReason: 'issued in error' })

    // Bounded: over 1000 characters, or not a string, is a 400 and changes nothing.
    const other = json<{ verifiableCredential: VC }>(await issue(unsignedCredential('did:example:reason-2'))).verifiableCredential
    for (const bad of ['x'.repeat(1001), 42, ['a']]) {
      const res = await setStatus({ credentialId: other.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, status: true, reason: bad })
      expect(res.statusCode).toBe(400)
      expect(json(res).code).toBe('ERR_INPUT_INVALID')
    }
    expect((await t.store.getCredential(other.id))!.revoked).toBe(false)
    const longest = await setStatus({ credentialId: other.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, status: true, reason: 'y'.repeat(1000) })
    expect(json(longest)).toMatchObject({ revoked: true, statusReason: 'y'.repeat(1000) })
  })

  it('404 for an unknown credential; 400 for a malformed request; 401/403', async () => {
    const unknown = await setStatus({ credentialId: 'urn:uuid:nope', credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, status: true })
    expect(unknown.statusCode).toBe(404)
    expect(json(unknown).code).toBe('ERR_CREDENTIAL_NOT_FOUND')
    for (const bad of [
      { credentialId: 'urn:uuid:x' },
      { credentialId: 'urn:uuid:x', credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'refresh' }, status: true },
      { credentialId: 'urn:uuid:x', credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' } },
      { credentialId: 'urn:uuid:x', credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, status: 'yes' },
      { credentialId: 42, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, status: true },
    ]) {
      const res = await setStatus(bad)
      expect(res.statusCode, JSON.stringify(bad)).toBe(400)
      expect(json(res).code).toBe('ERR_INPUT_INVALID')
    }
    const body = { credentialId: 'urn:uuid:x', credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, status: true }
    expect((await t.app.inject({ method: 'POST', url: '/credentials/status', payload: body })).statusCode).toBe(401)
    expect((await setStatus(body, 'issue')).statusCode).toBe(403)
  })
})
