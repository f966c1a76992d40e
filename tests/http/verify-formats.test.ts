// POST /credentials/verify accepts a JWT string in verifiableCredential (signed here with jose).
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { json, makeApp, type TestApp } from './helpers.js'

let t: TestApp
let jwt: string
beforeAll(async () => {
  t = await makeApp()
  const { privateKey, publicKey } = await generateKeyPair('ES256')
  const did = `did:jwk:${Buffer.from(JSON.stringify(await exportJWK(publicKey))).toString('base64url')}`
  const credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer: did,
    validFrom: '2026-01-10T10:00:00Z',
    credentialSubject: { id: 'did:example:learner' },
  }
  jwt = await new SignJWT(credential).setProtectedHeader({ alg: 'ES256', typ: 'vc+jwt', kid: `${did}#0` }).sign(privateKey)
})
afterAll(async () => {
  await t.app.close()
})

describe('POST /credentials/verify with a JWT', () => {
  it('verifies a vc+jwt string', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: jwt } })
    const result = json<{ verified: boolean; checks: { id: string; details?: Record<string, unknown> }[] }>(res)
    expect(result.verified).toBe(true)
    expect(res.statusCode).toBe(200)
    expect(result.checks.find((c) => c.id === 'proof')!.details).toMatchObject({ format: 'vc+jwt (VC-JOSE-COSE)' })
  })

  it('a string that is not a compact JWT is a coded 400, never a 5xx', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: 'hello world' } })
    expect(res.statusCode).toBe(400)
    expect(json<{ code: string }>(res).code).toMatch(/^ERR_/)
  })
})
