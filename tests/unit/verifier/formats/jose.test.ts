// JWS-secured credentials signed IN THIS TEST with `jose` (not microcred): the OB 3.0 JWT
// proof format (VC-JWT) with RS256 / ES256 / EdDSA keys found through the jwk header, a kid
// into a supplied did:web document, did:jwk, or a supplied JWKS; VC-JOSE-COSE vc+jwt, also
// enveloped; and Open Badges 2.0 (signed JWS offline; hosted only with the online opt-in).
// Tampered copies fail with ERR_PROOF_INVALID.
import { CompactSign, exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { fixedClock, verifyCredential, type VerificationResult } from '../../../../src/core/index.js'

const VC_V1 = 'https://www.w3.org/2018/credentials/v1'
const VC_V2 = 'https://www.w3.org/ns/credentials/v2'
const OB_301 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json'
const OB_303 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
const clock = fixedClock('2026-06-01T00:00:00Z')
const check = (r: VerificationResult, id: string) => r.checks.find((c) => c.id === id)!
const notPassed = (r: VerificationResult) => r.checks.filter((c) => c.outcome !== 'pass' && c.outcome !== 'skip')
const utf8 = new TextEncoder()
const b64url = (text: string) => Buffer.from(text).toString('base64url')

const achievementSubject = (id: string) => ({
  id,
  type: ['AchievementSubject'],
  achievement: { id: 'https://issuer.example/achievements/1', type: ['Achievement'], name: 'Data literacy', description: 'Reads a chart.', criteria: { narrative: 'Passed.' } },
})

/** OB 3.0 as most VC-JWT issuers wrote it (VC 1.1 base, OB 3.0.1 context). */
const ob3Vc11 = (issuer: string) => ({
  '@context': [VC_V1, OB_301],
  id: 'urn:uuid:6a8f0b2e-3c7d-4e4e-9f1a-2b3c4d5e6f70',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Data literacy',
  issuer: { id: issuer, type: ['Profile'], name: 'Example University' },
  issuanceDate: '2026-01-10T10:00:00Z',
  credentialSubject: achievementSubject('did:example:learner'),
})

const ob3Vc2 = (issuer: string) => ({
  '@context': [VC_V2, OB_303],
  id: 'urn:uuid:6a8f0b2e-3c7d-4e4e-9f1a-2b3c4d5e6f71',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Data literacy',
  issuer: { id: issuer, type: ['Profile'], name: 'Example University' },
  validFrom: '2026-01-10T10:00:00Z',
  credentialSubject: achievementSubject('did:example:learner'),
})

/** The OB 3.0 JWT proof format: the credential in `vc`, the registered claims beside it. */
function vcJwt(credential: ReturnType<typeof ob3Vc11>, header: Record<string, unknown>, key: CryptoKey): Promise<string> {
  return new SignJWT({ vc: credential })
    .setProtectedHeader({ typ: 'JWT', ...header } as never)
    .setIssuer(credential.issuer.id)
    .setJti(credential.id)
    .setSubject(credential.credentialSubject.id)
    .setNotBefore(Math.floor(Date.parse(credential.issuanceDate) / 1000))
    .sign(key)
}

/** A copy of the JWT whose payload was changed but whose signature was kept. */
function tamper(jwt: string, change: (payload: Record<string, unknown>) => void): string {
  const [h, p, s] = jwt.split('.')
  const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>
  change(payload)
  return `${h}.${b64url(JSON.stringify(payload))}.${s}`
}

describe('OB 3.0 VC-JWT (JWT proof format)', () => {
  it('RS256, key in the jwk header, issuer document supplied: verified; tampered: ERR_PROOF_INVALID', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
    const jwk = await exportJWK(publicKey)
    const issuer = 'https://issuer.example/profile'
    const documents = { [issuer]: { id: issuer, verificationMethod: [{ id: `${issuer}#rsa`, type: 'JsonWebKey2020', controller: issuer, publicKeyJwk: jwk }], assertionMethod: [`${issuer}#rsa`] } }
    const jwt = await vcJwt(ob3Vc11(issuer), { alg: 'RS256', jwk }, privateKey)
    const result = await verifyCredential(jwt, { documents, clock })
    expect(notPassed(result)).toEqual([])
    expect(check(result, 'proof').details).toMatchObject({ format: 'vc-jwt (OB 3.0)', alg: 'RS256', keySource: 'jwk header' })
    expect(check(result, 'issuer')).toMatchObject({ outcome: 'pass' })

    const bad = await verifyCredential(tamper(jwt, (p) => ((p['vc'] as Record<string, unknown>)['name'] = 'Data mastery')), { documents, clock })
    expect(bad.verified).toBe(false)
    expect(check(bad, 'proof')).toMatchObject({ outcome: 'fail', code: 'ERR_PROOF_INVALID' })
  })

  it('a jwk header alone does not make the signer the issuer: without the issuer\'s document the binding is an error', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
    const jwt = await vcJwt(ob3Vc11('https://issuer.example/profile'), { alg: 'ES256', jwk: await exportJWK(publicKey) }, privateKey)
    const result = await verifyCredential(jwt, { clock })
    expect(check(result, 'proof').outcome).toBe('pass')
    expect(check(result, 'issuer')).toMatchObject({ outcome: 'error', code: 'ERR_ISSUER_UNRESOLVABLE' })
    expect(result.verified).toBe(false)
  })

  it('ES256 with a kid into a supplied did:web document', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256')
    const did = 'did:web:issuer.example'
    const kid = `${did}#key-1`
    const documents = { [did]: { '@context': ['https://www.w3.org/ns/did/v1'], id: did, verificationMethod: [{ id: kid, type: 'JsonWebKey2020', controller: did, publicKeyJwk: await exportJWK(publicKey) }], assertionMethod: [kid] } }
    const jwt = await vcJwt(ob3Vc11(did), { alg: 'ES256', kid }, privateKey)
    const result = await verifyCredential(jwt, { documents, clock })
    expect(notPassed(result)).toEqual([])
    expect(check(result, 'proof').details).toMatchObject({ format: 'vc-jwt (OB 3.0)', keySource: 'kid', verificationMethod: kid })
  })

  it('EdDSA with a did:jwk issuer (resolved locally)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
    const did = `did:jwk:${b64url(JSON.stringify(await exportJWK(publicKey)))}`
    const jwt = await vcJwt(ob3Vc11(did), { alg: 'EdDSA', kid: `${did}#0` }, privateKey)
    const result = await verifyCredential(jwt, { clock })
    expect(notPassed(result)).toEqual([])
    const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
    const forged = await vcJwt(ob3Vc11(did), { alg: 'EdDSA', kid: `${did}#0` }, other.privateKey)
    expect(check(await verifyCredential(forged, { clock }), 'proof')).toMatchObject({ code: 'ERR_PROOF_INVALID' })
  })

  it('a key from a supplied JWKS; claims that contradict the credential fail', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256')
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1' } as JWK] }
    const credential = ob3Vc11('https://issuer.example/profile')
    const jwt = await vcJwt(credential, { alg: 'RS256', kid: 'k1' }, privateKey)
    expect(notPassed(await verifyCredential(jwt, { jwks, clock }))).toEqual([])
    const lying = await new SignJWT({ vc: credential }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer('https://elsewhere.example').sign(privateKey)
    expect(check(await verifyCredential(lying, { jwks, clock }), 'proof')).toMatchObject({ outcome: 'fail', code: 'ERR_PROOF_CLAIMS_MISMATCH' })
  })

  it('a JWT that carries no credential, and a string that is no JWT, are malformed input', async () => {
    const { privateKey } = await generateKeyPair('ES256')
    const plain = await new SignJWT({ hello: 'world' }).setProtectedHeader({ alg: 'ES256' }).sign(privateKey)
    expect(check(await verifyCredential(plain, { clock }), 'shape')).toMatchObject({ outcome: 'fail', code: 'ERR_CREDENTIAL_MALFORMED' })
    const result = await verifyCredential('not a jwt', { clock })
    expect(result.verified).toBe(false)
    expect(check(result, 'shape')).toMatchObject({ code: 'ERR_CREDENTIAL_MALFORMED' })
  })
})

describe('VC-JOSE-COSE (application/vc+jwt)', () => {
  let jwt: string
  let did: string
  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256')
    did = `did:jwk:${b64url(JSON.stringify(await exportJWK(publicKey)))}`
    jwt = await new CompactSign(utf8.encode(JSON.stringify(ob3Vc2(did)))).setProtectedHeader({ alg: 'ES256', typ: 'vc+jwt', cty: 'vc', kid: `${did}#0` }).sign(privateKey)
  })

  it('the compact form verifies, labelled vc+jwt', async () => {
    const result = await verifyCredential(jwt, { clock })
    expect(notPassed(result)).toEqual([])
    expect(check(result, 'proof').details).toMatchObject({ format: 'vc+jwt (VC-JOSE-COSE)' })
    expect(check(result, 'schema').outcome).toBe('pass')
  })

  it('an EnvelopedVerifiableCredential (data: URL) verifies; a tampered one does not', async () => {
    const enveloped = { '@context': VC_V2, id: `data:application/vc+jwt,${jwt}`, type: 'EnvelopedVerifiableCredential' }
    expect((await verifyCredential(enveloped, { clock })).verified).toBe(true)
    const tampered = { ...enveloped, id: `data:application/vc+jwt,${tamper(jwt, (p) => (p['name'] = 'Data mastery'))}` }
    expect(check(await verifyCredential(tampered, { clock }), 'proof')).toMatchObject({ code: 'ERR_PROOF_INVALID' })
  })
})

describe('Open Badges 2.0', () => {
  const OB2 = 'https://w3id.org/openbadges/v2'
  const assertion = (verification: Record<string, unknown>) => ({
    '@context': OB2,
    type: 'Assertion',
    id: 'https://issuer.example/assertions/42',
    recipient: { type: 'email', hashed: false, identity: 'learner@example.org' },
    badge: 'https://issuer.example/badges/data-literacy',
    verification,
    issuedOn: '2026-01-10T10:00:00Z',
  })

  it('a signed (JWS) assertion verifies offline with the issuer\'s CryptographicKey supplied; tampered fails', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
    const keyUrl = 'https://issuer.example/keys/1'
    const documents = { [keyUrl]: { '@context': OB2, type: 'CryptographicKey', id: keyUrl, owner: 'https://issuer.example/profile', publicKeyPem: await exportSPKI(publicKey) } }
    const signed = assertion({ type: 'SignedBadge', creator: keyUrl })
    const jws = await new CompactSign(utf8.encode(JSON.stringify(signed))).setProtectedHeader({ alg: 'RS256' }).sign(privateKey)
    const result = await verifyCredential(jws, { documents, clock })
    expect(notPassed(result)).toEqual([])
    expect(check(result, 'proof').details).toMatchObject({ format: 'ob2-jws' })
    expect(check(result, 'issuer')).toMatchObject({ outcome: 'pass', details: { issuer: 'https://issuer.example/profile' } })
    expect(check(await verifyCredential(tamper(jws, (p) => (p['issuedOn'] = '2026-01-11T10:00:00Z')), { documents, clock }), 'proof')).toMatchObject({ code: 'ERR_PROOF_INVALID' })
    expect(check(await verifyCredential(jws, { clock }), 'proof')).toMatchObject({ outcome: 'fail', code: 'ERR_KEY_UNRESOLVABLE' })
  })

  it('a hosted assertion offline is recognised and explained, not verified', async () => {
    const result = await verifyCredential(assertion({ type: 'hosted' }), { clock })
    expect(result.verified).toBe(false)
    expect(check(result, 'proof')).toMatchObject({
      outcome: 'error',
      code: 'ERR_PROOF_ONLINE_REQUIRED',
      message: "hosted OB 2.0 assertion: verification needs the issuer's server; enable online checks",
      details: { format: 'ob2-hosted' },
    })
  })

  it('with the online opt-in (an injected fetcher) the hosted copy is fetched and compared; revoked is reported', async () => {
    const hosted = assertion({ type: 'HostedBadge' })
    const fetched: string[] = []
    const fetchJson = async (url: string) => {
      fetched.push(url)
      return structuredClone(hosted)
    }
    const result = await verifyCredential(hosted, { fetchJson, clock })
    expect(notPassed(result)).toEqual([])
    expect(fetched).toEqual([hosted.id])
    expect(check(await verifyCredential({ ...hosted, issuedOn: '2025-01-01T00:00:00Z' }, { fetchJson, clock }), 'proof')).toMatchObject({ code: 'ERR_PROOF_INVALID' })
    const revoked = await verifyCredential(hosted, { fetchJson: async () => ({ ...hosted, revoked: true, revocationReason: 'issued in error' }), clock })
    expect(revoked.verified).toBe(false)
    expect(check(revoked, 'status')).toMatchObject({ outcome: 'fail', code: 'ERR_STATUS_REVOKED', message: 'the issuer has revoked this badge: issued in error' })
  })
})
