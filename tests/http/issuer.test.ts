import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ActiveIssuer } from '../../src/issuance/context.js'
import { createDidWebIssuer, didWebFromUrl } from '../../src/issuance/did-web.js'
import { json, makeApp, unsignedCredential, type TestApp } from './helpers.js'

type VC = Record<string, unknown> & { proof: { verificationMethod: string } }
interface DidDoc {
  id: string
  verificationMethod: { id: string; type: string; controller: string; publicKeyMultibase: string }[]
  assertionMethod: string[]
  authentication: string[]
}

describe('did:key issuer', () => {
  it('has no did.json to serve (404) and cannot rotate (409); rotation needs admin', async () => {
    const t = await makeApp()
    const res = await t.app.inject({ method: 'GET', url: '/.well-known/did.json' })
    expect(res.statusCode).toBe(404)
    expect(json(res).code).toBe('ERR_DID_WEB_NOT_CONFIGURED')
    const rotate = await t.as('admin', { method: 'POST', url: '/admin/keys/rotate' })
    expect(rotate.statusCode).toBe(409)
    expect(json(rotate).code).toBe('ERR_KEY_ROTATION_UNSUPPORTED')
    expect((await t.as('issue', { method: 'POST', url: '/admin/keys/rotate' })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url: '/admin/keys/rotate' })).statusCode).toBe(401)
    await t.app.close()
  })
})

describe('did:web issuer', () => {
  let dir: string
  let t: TestApp
  const did = didWebFromUrl('https://badges.example.edu')

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'microcred-didweb-'))
    const { issuer } = await createDidWebIssuer(dir, { did, profile: { name: 'Example University' }, now: new Date('2026-01-10T09:00:00Z') })
    t = await makeApp({ issuer: new ActiveIssuer(issuer, dir) })
  })
  afterAll(async () => {
    await t.app.close()
    await rm(dir, { recursive: true, force: true })
  })

  const issue = async (subject: string): Promise<VC> =>
    json<{ verifiableCredential: VC }>(await t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: unsignedCredential(subject) } })).verifiableCredential
  const verified = async (vc: unknown): Promise<boolean> =>
    json<{ verified: boolean }>(await t.app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: vc } })).verified
  const didJson = async (): Promise<DidDoc> => json<DidDoc>(await t.app.inject({ method: 'GET', url: '/.well-known/did.json' }))

  it('serves the DID document with the dated key', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/.well-known/did.json' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/did\+json/)
    const doc = json<DidDoc>(res)
    expect(doc.id).toBe('did:web:badges.example.edu')
    expect(doc.verificationMethod.map((m) => m.id)).toEqual(['did:web:badges.example.edu#key-2026-01-10'])
    expect(doc.assertionMethod).toEqual(['did:web:badges.example.edu#key-2026-01-10'])
  })

  it('rotates: new credentials use the new key, old ones keep verifying, the old key stays listed', async () => {
    const before = await issue('did:example:before')
    expect(before.proof.verificationMethod).toBe(`${did}#key-2026-01-10`)
    expect(await verified(before)).toBe(true)

    const rotate = await t.as('admin', { method: 'POST', url: '/admin/keys/rotate' })
    expect(rotate.statusCode).toBe(200)
    const rotation = json<{ activeKey: string; previousKey: string; keys: { id: string; retired?: string }[] }>(rotate)
    expect(rotation.previousKey).toBe(`${did}#key-2026-01-10`)
    expect(rotation.activeKey).toMatch(new RegExp(`^${did}#key-\\d{4}-\\d{2}-\\d{2}$`))
    expect(rotation.keys[0]!.retired).toBeDefined()

    const doc = await didJson()
    expect(doc.verificationMethod.map((m) => m.id)).toEqual([rotation.previousKey, rotation.activeKey])
    expect(doc.assertionMethod).toEqual([rotation.previousKey, rotation.activeKey])
    expect(doc.authentication).toEqual([rotation.activeKey])

    const after = await issue('did:example:after')
    expect(after.proof.verificationMethod).toBe(rotation.activeKey)
    expect(await verified(after)).toBe(true)
    expect(await verified(before)).toBe(true)

    // The status lists are re-signed with the new key too.
    const statusUrl = (after['credentialStatus'] as { statusListCredential: string }[])[0]!.statusListCredential
    const list = json<VC>(await t.app.inject({ method: 'GET', url: new URL(statusUrl).pathname }))
    expect(list.proof.verificationMethod).toBe(rotation.activeKey)

    // microcred.json records both keys; the new private key file is 0600.
    const config = JSON.parse(await readFile(join(dir, 'microcred.json'), 'utf8')) as { activeKey: string; keys: { id: string; file: string; retired?: string }[] }
    expect(config.activeKey).toBe(rotation.activeKey)
    expect(config.keys.map((k) => k.id)).toEqual([rotation.previousKey, rotation.activeKey])
    expect((await stat(join(dir, config.keys[1]!.file))).mode & 0o777).toBe(0o600)
    expect(await readFile(join(dir, 'microcred.json'), 'utf8')).not.toContain('secretKeyMultibase')

    // The console's view of the keys, and the audit entry naming who rotated.
    const keys = json<{ didWeb: boolean; rotatable: boolean; activeKey: string; keys: { id: string; retiredAt?: string }[] }>(await t.as('admin', { method: 'GET', url: '/console/api/issuer-keys' }))
    expect([keys.didWeb, keys.rotatable, keys.activeKey]).toEqual([true, true, rotation.activeKey])
    expect(keys.keys.map((k) => [k.id, k.retiredAt !== undefined])).toEqual([[rotation.previousKey, true], [rotation.activeKey, false]])
    const audit = json<{ entries: { action: string; actorName?: string; target?: string }[] }>(await t.as('admin', { method: 'GET', url: `/console/api/audit?target=${encodeURIComponent(rotation.activeKey)}` }))
    expect(audit.entries).toMatchObject([{ action: 'issuer.key.rotate', actorName: 'admin', target: rotation.activeKey }])
  })
})
