// The wallet protocols over HTTP (memory store, a clock the test moves): the refusals of the
// OID4VCI token and credential endpoints (each OAuth error with its status), proof JWT rules,
// expiry of access tokens, nonces and challenges, a P-256 did:key holder, and the VC-API
// exchange's checks of the DIDAuth presentation. The happy paths across real processes are in
// tests/e2e/wallet-claim.test.ts.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as dbvc from '@digitalbazaar/vc'
import { base58 } from '@scure/base'
import { ECDH } from 'node:crypto'
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose'
import { beforeEach, describe, expect, it } from 'vitest'
import type { FastifyRequest } from 'fastify'
import { loggableUrl } from '../../src/http/app.js'
import { prefersJson } from '../../src/http/routes/wallet-interaction.js'
import { createDocumentLoader } from '../../src/core/index.js'
import { createMemoryStore } from '../../src/storage/memory/memory-store.js'
import { BASE, json, makeApp, unsignedCredential, type TestApp } from './helpers.js'

const PRE_AUTHORIZED = 'urn:ietf:params:oauth:grant-type:pre-authorized_code'
const CONFIG = 'OpenBadgeCredential_ldp_vc'
const documentLoader = createDocumentLoader()

let t: TestApp
let now: number

beforeEach(async () => {
  now = Date.now()
  const clock = { now: () => new Date(now) }
  t = await makeApp({ clock, store: createMemoryStore({ clock }), limits: { rateLimit: { max: 100_000, windowMs: 60_000 } } })
})

/** A fresh offer without a subject id; resolves with its claim token. */
async function offerToken(): Promise<string> {
  const c = unsignedCredential()
  const { id: _id, ...subject } = c['credentialSubject'] as Record<string, unknown>
  const res = await t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: { ...c, credentialSubject: subject }, options: { offer: {} } } })
  expect(res.statusCode).toBe(201)
  return json<{ offers: { claimUrl: string }[] }>(res).offers[0]!.claimUrl.split('/').pop()!
}

function tokenRequest(form: Record<string, string>, contentType = 'application/x-www-form-urlencoded') {
  return t.app.inject({ method: 'POST', url: '/oid4vci/token', headers: { 'content-type': contentType }, payload: new URLSearchParams(form).toString() })
}

async function accessToken(code: string): Promise<string> {
  const res = await tokenRequest({ grant_type: PRE_AUTHORIZED, 'pre-authorized_code': code })
  expect(res.statusCode).toBe(200)
  return json<{ access_token: string }>(res).access_token
}

async function nonce(): Promise<string> {
  return json<{ c_nonce: string }>(await t.app.inject({ method: 'POST', url: '/oid4vci/nonce' })).c_nonce
}

interface Holder {
  did: string
  kid: string
  alg: string
  privateKey: CryptoKey
}

async function ed25519Holder(): Promise<Holder> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
  const mb = `z${base58.encode(Uint8Array.from([0xed, 0x01, ...Buffer.from((await exportJWK(publicKey)).x!, 'base64url')]))}`
  return { did: `did:key:${mb}`, kid: `did:key:${mb}#${mb}`, alg: 'EdDSA', privateKey }
}

async function p256DidKeyHolder(): Promise<Holder> {
  const { publicKey, privateKey } = await generateKeyPair('ES256')
  const { x, y } = await exportJWK(publicKey)
  const uncompressed = Buffer.concat([Buffer.from([4]), Buffer.from(x!, 'base64url'), Buffer.from(y!, 'base64url')])
  const compressed = ECDH.convertKey(uncompressed, 'prime256v1', undefined, undefined, 'compressed') as Buffer
  // p256-pub multicodec 0x1200 as a varint: 0x80 0x24.
  const mb = `z${base58.encode(Uint8Array.from([0x80, 0x24, ...compressed]))}`
  return { did: `did:key:${mb}`, kid: `did:key:${mb}#${mb}`, alg: 'ES256', privateKey }
}

function proof(holder: Holder, options: { nonce?: string; aud?: string; iat?: number; header?: Record<string, unknown> } = {}): Promise<string> {
  const payload: JWTPayload = { aud: options.aud ?? BASE, iat: options.iat ?? Math.floor(now / 1000) }
  if (options.nonce !== undefined) payload['nonce'] = options.nonce
  return new SignJWT(payload).setProtectedHeader({ alg: holder.alg, typ: 'openid4vci-proof+jwt', kid: holder.kid, ...options.header }).sign(holder.privateKey)
}

function credentialRequest(access: string | undefined, body: unknown) {
  return t.app.inject({ method: 'POST', url: '/oid4vci/credential', headers: access === undefined ? {} : { authorization: `Bearer ${access}` }, payload: body as Record<string, unknown> })
}

describe('OID4VCI token endpoint', () => {
  it('answers each refusal with its OAuth error and no-store', async () => {
    const code = await offerToken()
    const cases: [Record<string, string>, number, string][] = [
      [{ grant_type: 'authorization_code', code }, 400, 'unsupported_grant_type'],
      [{ grant_type: PRE_AUTHORIZED }, 400, 'invalid_request'],
      [{ grant_type: PRE_AUTHORIZED, 'pre-authorized_code': code, tx_code: '123456' }, 400, 'invalid_request'],
      [{ grant_type: PRE_AUTHORIZED, 'pre-authorized_code': 'A'.repeat(43) }, 400, 'invalid_grant'],
      [{ grant_type: PRE_AUTHORIZED, 'pre-authorized_code': 'not-a-token' }, 400, 'invalid_grant'],
    ]
    for (const [form, status, error] of cases) {
      const res = await tokenRequest(form)
      expect([res.statusCode, json(res)['error']], JSON.stringify(form)).toEqual([status, error])
      expect(res.headers['cache-control']).toBe('no-store')
    }
    const asJson = await t.app.inject({ method: 'POST', url: '/oid4vci/token', payload: { grant_type: PRE_AUTHORIZED, 'pre-authorized_code': code } })
    expect([asJson.statusCode, json(asJson)['error']]).toEqual([400, 'invalid_request'])
    const ok = await tokenRequest({ grant_type: PRE_AUTHORIZED, 'pre-authorized_code': code })
    expect(json(ok)).toMatchObject({ token_type: 'Bearer', expires_in: 600 })
    expect(JSON.stringify(await t.store.listOffers({}))).not.toContain(json<{ access_token: string }>(ok).access_token)
  })

  it('serves the offer by reference and both metadata documents', async () => {
    const code = await offerToken()
    expect(json(await t.app.inject({ url: `/oid4vci/offers/${code}` }))).toEqual({
      credential_issuer: BASE,
      credential_configuration_ids: [CONFIG],
      grants: { [PRE_AUTHORIZED]: { 'pre-authorized_code': code } },
    })
    expect(json(await t.app.inject({ url: '/.well-known/oauth-authorization-server' }))).toMatchObject({
      issuer: BASE,
      token_endpoint: `${BASE}/oid4vci/token`,
      'pre-authorized_grant_anonymous_access_supported': true,
    })
    const meta = json<Record<string, any>>(await t.app.inject({ url: '/.well-known/openid-credential-issuer' }))
    expect(meta).toMatchObject({ credential_issuer: BASE, credential_endpoint: `${BASE}/oid4vci/credential`, nonce_endpoint: `${BASE}/oid4vci/nonce`, display: [{ name: 'Example University' }] })
    expect(meta['credential_configurations_supported'][CONFIG]).toMatchObject({
      format: 'ldp_vc',
      credential_definition: { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'] },
      proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['EdDSA', 'Ed25519', 'ES256'] } },
    })
  })
})

describe('OID4VCI credential endpoint', () => {
  it('refuses bad requests and bad proofs with the spec error, then issues to a P-256 did:key', async () => {
    const access = await accessToken(await offerToken())
    const holder = await p256DidKeyHolder()
    const other = await ed25519Holder()
    const n = await nonce()
    const expectError = async (body: unknown, status: number, error: string, token: string | null = access) => {
      const res = await credentialRequest(token ?? undefined, body)
      expect([res.statusCode, json(res)['error']], JSON.stringify(json(res))).toEqual([status, error])
    }
    await expectError({ credential_configuration_id: CONFIG }, 401, 'invalid_token', null)
    await expectError({ credential_configuration_id: CONFIG }, 401, 'invalid_token', t.keys.admin)
    await expectError({ credential_configuration_id: 'Other' }, 400, 'unknown_credential_configuration')
    await expectError({ credential_identifier: 'x', credential_configuration_id: CONFIG }, 400, 'invalid_credential_request')
    await expectError({ credential_configuration_id: CONFIG }, 400, 'invalid_proof')
    const good = await proof(holder, { nonce: n })
    await expectError({ credential_configuration_id: CONFIG, proofs: { jwt: [good, good] } }, 400, 'invalid_proof')
    await expectError({ credential_configuration_id: CONFIG, proofs: { jwt: [good] }, proof: { proof_type: 'jwt', jwt: good } }, 400, 'invalid_proof')
    await expectError({ credential_configuration_id: CONFIG, proofs: { jwt: [await proof(holder, { nonce: n, header: { typ: 'JWT' } })] } }, 400, 'invalid_proof')
    await expectError({ credential_configuration_id: CONFIG, proofs: { jwt: [await proof(holder, { nonce: n, aud: 'https://other.example' })] } }, 400, 'invalid_proof')
    await expectError({ credential_configuration_id: CONFIG, proofs: { jwt: [await proof(holder, { nonce: n, iat: Math.floor(now / 1000) - 600 })] } }, 400, 'invalid_proof')
    await expectError({ credential_configuration_id: CONFIG, proofs: { jwt: [await proof(holder, { nonce: n, header: { kid: other.kid } })] } }, 400, 'invalid_proof')
    await expectError({ credential_configuration_id: CONFIG, proofs: { jwt: [await proof(holder, { nonce: n, header: { kid: `${holder.did}#other` } })] } }, 400, 'invalid_proof')
    await expectError({ credential_configuration_id: CONFIG, proofs: { jwt: [await proof(holder, { nonce: n, header: { kid: 'https://example.org/key' } })] } }, 400, 'invalid_proof')
    await expectError({ credential_configuration_id: CONFIG, proofs: { jwt: [await proof(holder)] } }, 400, 'invalid_nonce')
    await expectError({ credential_configuration_id: CONFIG, proofs: { jwt: [await proof(holder, { nonce: 'never-issued' })] } }, 400, 'invalid_nonce')

    // None of the refusals used up the nonce.
    const res = await credentialRequest(access, { credential_configuration_id: CONFIG, proofs: { jwt: [await proof(holder, { nonce: n })] } })
    expect(res.statusCode, res.body).toBe(200)
    const vc = json<{ credentials: { credential: { credentialSubject: { id: string } } }[] }>(res).credentials[0]!.credential
    expect(vc.credentialSubject.id).toBe(holder.did)
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('lets access tokens and nonces expire', async () => {
    const code = await offerToken()
    const holder = await ed25519Holder()
    const access = await accessToken(code)
    const n = await nonce()
    now += 5 * 60_000 + 1
    const stale = await credentialRequest(access, { credential_configuration_id: CONFIG, proofs: { jwt: [await proof(holder, { nonce: n })] } })
    expect(json(stale)['error']).toBe('invalid_nonce')
    now += 5 * 60_000
    const expired = await credentialRequest(access, { credential_configuration_id: CONFIG, proofs: { jwt: [await proof(holder, { nonce: await nonce() })] } })
    expect([expired.statusCode, json(expired)['error']]).toEqual([401, 'invalid_token'])
    expect(expired.headers['www-authenticate']).toBe('Bearer error="invalid_token"')
    // A new token from the same (still pending) offer works.
    const fresh = await credentialRequest(await accessToken(code), { credential_configuration_id: CONFIG, proofs: { jwt: [await proof(holder, { nonce: await nonce() })] } })
    expect(fresh.statusCode).toBe(200)
  })
})

describe('VC-API exchange', () => {
  async function didKey() {
    const key = await Ed25519Multikey.generate()
    key.controller = `did:key:${key.publicKeyMultibase}`
    key.id = `${key.controller}#${key.publicKeyMultibase}`
    return key
  }
  const exchange = (token: string, payload: unknown) => t.app.inject({ method: 'POST', url: `/workflows/claim/exchanges/${token}`, payload: payload as Record<string, unknown> })
  async function start(token: string): Promise<{ challenge: string; domain: string }> {
    const res = await exchange(token, {})
    expect(res.statusCode).toBe(200)
    return json<{ verifiablePresentationRequest: { challenge: string; domain: string } }>(res).verifiablePresentationRequest
  }
  /** `holder: null` leaves the holder out. */
  async function didAuth(key: Awaited<ReturnType<typeof didKey>>, request: { challenge: string; domain: string }, holder: string | null = key.controller!) {
    return dbvc.signPresentation({
      presentation: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], ...(holder === null ? {} : { holder }) },
      suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 }),
      challenge: request.challenge,
      domain: request.domain,
      documentLoader,
    })
  }

  it('checks the holder, the challenge (of this offer, live) and the proof before it claims', async () => {
    const token = await offerToken()
    const otherToken = await offerToken()
    const key = await didKey()
    const request = await start(token)
    expect(request.domain).toBe(BASE)

    const code = async (payload: unknown) => {
      const res = await exchange(token, payload)
      return [res.statusCode, json(res)['code']]
    }
    expect(await code([])).toEqual([400, 'ERR_INPUT_INVALID'])
    expect(await code({ verifiablePresentation: await didAuth(key, request, null) })).toEqual([400, 'ERR_PRESENTATION_HOLDER'])
    const stranger = await didKey()
    expect(await code({ verifiablePresentation: await didAuth(key, request, stranger.controller!) })).toEqual([400, 'ERR_PRESENTATION_HOLDER'])
    expect(await code({ verifiablePresentation: await didAuth(key, await start(otherToken)) })).toEqual([400, 'ERR_PRESENTATION_CHALLENGE'])
    const signed = await didAuth(key, request)
    const tampered = { ...signed, proof: { ...(signed['proof'] as Record<string, unknown>), type: 'RsaSignature2018', cryptosuite: undefined } }
    expect(await code({ verifiablePresentation: tampered })).toEqual([400, 'ERR_PROOF_UNSUPPORTED'])
    // Another key's signature under this holder's proof: the signature does not verify.
    const strangerValue = ((await didAuth(stranger, request))['proof'] as { proofValue: string }).proofValue
    expect(await code({ verifiablePresentation: { ...signed, proof: { ...(signed['proof'] as Record<string, unknown>), proofValue: strangerValue } } })).toEqual([400, 'ERR_PROOF_INVALID'])

    // After all those refusals the challenge still works, once.
    const res = await exchange(token, { verifiablePresentation: signed })
    expect(res.statusCode, res.body).toBe(200)
    expect(json<{ verifiablePresentation: { verifiableCredential: { credentialSubject: { id: string } }[] } }>(res).verifiablePresentation.verifiableCredential[0]!.credentialSubject.id).toBe(key.controller)
    expect(await code({ verifiablePresentation: signed })).toEqual([409, 'ERR_OFFER_CLAIMED'])
  })

  it('accepts Ed25519Signature2020 over the VC 2.0 context too (newer LCW builds)', async () => {
    const token = await offerToken()
    const key = await didKey()
    const request = await start(token)
    const vp = await dbvc.signPresentation({
      presentation: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: key.controller },
      suite: new Ed25519Signature2020({ signer: key.signer() }),
      challenge: request.challenge,
      domain: request.domain,
      documentLoader,
    })
    const res = await exchange(token, { verifiablePresentation: vp })
    expect(res.statusCode, res.body).toBe(200)
  })

  it('lets a challenge expire', async () => {
    const token = await offerToken()
    const key = await didKey()
    const request = await start(token)
    now += 10 * 60_000 + 1
    const res = await exchange(token, { verifiablePresentation: await didAuth(key, request) })
    expect([res.statusCode, json(res)['code']]).toEqual([400, 'ERR_PRESENTATION_CHALLENGE'])
  })
})

describe('offers made out to a subject id', () => {
  it('are declined to a wallet with another DID (credential_request_denied)', async () => {
    const res = await t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: unsignedCredential('did:example:someone'), options: { offer: {} } } })
    const code = json<{ offers: { claimUrl: string }[] }>(res).offers[0]!.claimUrl.split('/').pop()!
    const holder = await ed25519Holder()
    const denied = await credentialRequest(await accessToken(code), { credential_configuration_id: CONFIG, proofs: { jwt: [await proof(holder, { nonce: await nonce() })] } })
    expect([denied.statusCode, json(denied)['error']]).toEqual([400, 'credential_request_denied'])
    expect(json(denied)['error_description']).toMatch(/another subject id/)
  })
})

describe('prefersJson (GET /claim/:token: JSON clients here, browsers to the claim page)', () => {
  it.each([
    [undefined, true],
    ['*/*', true],
    ['application/json', true],
    ['application/ld+json, */*;q=0.1', true],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', false],
    ['text/html;q=0.5, application/json', true],
    ['application/json;q=0.2, text/html', false],
    ['application/json;q=0', false],
    ['text/html', false],
    ['text/html;q=0', true],
    ['application/xml', true],
  ])('Accept: %s → %s', (accept, expected) => {
    expect(prefersJson({ headers: accept === undefined ? {} : { accept } } as FastifyRequest)).toBe(expected)
  })
})

describe('request logs', () => {
  it('mask the token in every wallet path', () => {
    const token = 'Xq'.repeat(21) + 'A'
    expect(loggableUrl(`/claim/${token}`)).toBe('/claim/[redacted]')
    expect(loggableUrl(`/workflows/claim/exchanges/${token}`)).toBe('/workflows/claim/exchanges/[redacted]')
    expect(loggableUrl(`/oid4vci/offers/${token}?x=1`)).toBe('/oid4vci/offers/[redacted]?x=1')
  })
})
