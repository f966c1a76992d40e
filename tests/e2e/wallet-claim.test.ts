// Acceptance, in real processes: `microcred serve` with SMTP_URL pointing at a real SMTP server
// (smtp-server on loopback) → issue offers with email → read each message, take the claim link →
// a wallet takes the credential:
//   · OID4VCI 1.0 pre-authorized code flow, with a client written here from the spec (fetch +
//     jose; the server has its own implementation), holders did:key (Ed25519) and did:jwk (P-256),
//     and with a third-party wallet library (@openid4vc/openid4vci's Openid4vciClient);
//   · the VC-API exchange Learner Credential Wallet runs, with the DIDAuth presentation signed by
//     plain @digitalbazaar/vc (eddsa-rdfc-2022, and Ed25519Signature2020 over VC 1.1 as LCW does).
// Each credential is bound to the wallet's DID and verifies offline with microcred's verifier
// and with plain @digitalbazaar/vc. A second claim and an expired offer are refused.
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as dbvc from '@digitalbazaar/vc'
import { base58 } from '@scure/base'
import Database from 'better-sqlite3'
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose'
import { createHash, randomBytes } from 'node:crypto'
import { clientAuthenticationAnonymous } from '@openid4vc/oauth2'
import { Openid4vciClient, setGlobalConfig } from '@openid4vc/openid4vci'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDocumentLoader, createStatusListResolver, verifyCredential } from '../../src/core/index.js'
import { client, createKey, startServerProcess, unsigned, type ServerProcess } from './server-process.js'

const PRE_AUTHORIZED = 'urn:ietf:params:oauth:grant-type:pre-authorized_code'
const documentLoader = createDocumentLoader()

let dir: string
let server: ServerProcess
let smtp: SMTPServer
let apiKey: string
const inbox: { to: string; raw: string }[] = []
/** Claim links by learner address, read from the messages the SMTP server received. */
const links = new Map<string, string>()
const offerIds = new Map<string, string>()

const LEARNERS = ['oid4vci-key@example.org', 'oid4vci-jwk@example.org', 'oid4vc-lib@example.org', 'vcapi-eddsa@example.org', 'vcapi-2020@example.org', 'late@example.org']

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'microcred-e2e-wallet-'))
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) inbox.push({ to: r.address, raw: Buffer.concat(chunks).toString('utf8') })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()))
  const port = (smtp.server.address() as AddressInfo).port
  server = await startServerProcess(dir, { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'Badges <badges@example.edu>' })
  apiKey = await createKey(dir, 'issue,read')

  // Offers carry no subject id: the wallet's DID goes in at claim time.
  const credential = unsigned('did:example:unused')
  const { id: _id, ...subject } = credential['credentialSubject'] as Record<string, unknown>
  const res = await client(server.url, apiKey).post('/credentials/issue/batch', {
    credentials: LEARNERS.map(() => ({ ...credential, credentialSubject: subject })),
    options: { offer: { emails: LEARNERS } },
  })
  expect(res.status).toBe(201)
  for (const o of res.json().offers as { id: string; email: string; delivery: string }[]) {
    expect(o.delivery).toBe('email-queued')
    offerIds.set(o.email, o.id)
  }
  const deadline = Date.now() + 20_000
  while (inbox.length < LEARNERS.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  expect(inbox.map((m) => m.to).sort()).toEqual([...LEARNERS].sort())
  for (const m of inbox) {
    const link = /http:\/\/127\.0\.0\.1:\d+\/claim\/[A-Za-z0-9_-]{43}/.exec(m.raw.replace(/=\r?\n/g, ''))?.[0]
    expect(link, `claim link in the message to ${m.to}`).toBeDefined()
    links.set(m.to, link!)
  }
}, 90_000)

afterAll(async () => {
  await server?.stop('SIGKILL')
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
  await rm(dir, { recursive: true, force: true })
})

// ---------------------------------------------------------------------------------------------
// A wallet's side, written from the specifications (no wallet library).

interface Holder {
  did: string
  kid: string
  alg: 'EdDSA' | 'ES256'
  privateKey: CryptoKey
  publicJwk: { kty: string; crv?: string; x?: string; y?: string }
}

async function didKeyHolder(): Promise<Holder> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
  const { kty, crv, x } = await exportJWK(publicKey)
  const raw = Buffer.from(x!, 'base64url')
  // did:key: multibase base58btc of the ed25519-pub multicodec (0xed 0x01) + the raw key.
  const multibase = `z${base58.encode(Uint8Array.from([0xed, 0x01, ...raw]))}`
  return { did: `did:key:${multibase}`, kid: `did:key:${multibase}#${multibase}`, alg: 'EdDSA', privateKey, publicJwk: { kty: kty!, crv, x } }
}

async function didJwkHolder(): Promise<Holder> {
  const { publicKey, privateKey } = await generateKeyPair('ES256')
  const { kty, crv, x, y } = await exportJWK(publicKey)
  const did = `did:jwk:${Buffer.from(JSON.stringify({ kty, crv, x, y })).toString('base64url')}`
  return { did, kid: `${did}#0`, alg: 'ES256', privateKey, publicJwk: { kty: kty!, crv, x, y } }
}

function proofJwt(holder: Holder, issuer: string, nonce: string): Promise<string> {
  return new SignJWT({ nonce }).setProtectedHeader({ alg: holder.alg, typ: 'openid4vci-proof+jwt', kid: holder.kid }).setAudience(issuer).setIssuedAt().sign(holder.privateKey)
}

async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { headers })
  return { status: res.status, body: await res.json() }
}

async function postForm(url: string, form: Record<string, string>): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() })
  return { status: res.status, body: await res.json() }
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  return { status: res.status, body: await res.json(), headers: res.headers }
}

/** From the claim link to the OID4VCI endpoints, as a wallet does it after scanning the offer. */
async function discover(claimLink: string) {
  const interaction = await getJson(claimLink, { accept: 'application/json' })
  expect(interaction.status).toBe(200)
  const offerUri = new URL(interaction.body.protocols.OID4VCI as string)
  expect(offerUri.protocol).toBe('openid-credential-offer:')
  const offer = await getJson(offerUri.searchParams.get('credential_offer_uri')!)
  expect(offer.status).toBe(200)
  const issuer = offer.body.credential_issuer as string
  const configurationId = (offer.body.credential_configuration_ids as string[])[0]!
  const code = offer.body.grants[PRE_AUTHORIZED]['pre-authorized_code'] as string
  expect(offer.body.grants[PRE_AUTHORIZED].tx_code).toBeUndefined()
  const metadata = (await getJson(`${issuer}/.well-known/openid-credential-issuer`)).body
  expect(metadata.credential_issuer).toBe(issuer)
  expect(metadata.credential_configurations_supported[configurationId]).toMatchObject({
    format: 'ldp_vc',
    credential_definition: { type: ['VerifiableCredential', 'OpenBadgeCredential'] },
    cryptographic_binding_methods_supported: ['did:key', 'did:jwk'],
    proof_types_supported: { jwt: { proof_signing_alg_values_supported: expect.arrayContaining(['EdDSA', 'ES256']) } },
  })
  const as = (await getJson(`${issuer}/.well-known/oauth-authorization-server`)).body
  expect(as['pre-authorized_grant_anonymous_access_supported']).toBe(true)
  return { issuer, configurationId, code, metadata, tokenEndpoint: as.token_endpoint as string, interaction: interaction.body }
}

/** Offline checks of a received credential: bound to `did`, verifies with microcred and with plain @digitalbazaar/vc. */
async function expectVerifiesOffline(credential: any, did: string): Promise<void> {
  expect(credential.credentialSubject.id).toBe(did)
  expect(credential.credentialSubject.identifier[0].hashed).toBe(true) // the email stays hashed
  const lists = await Promise.all(
    (credential.credentialStatus as { statusListCredential: string }[]).map(async (e) => (await getJson(e.statusListCredential)).body),
  )
  const ours = await verifyCredential(credential, { statusResolver: createStatusListResolver({ lists }) })
  expect(ours.checks.filter((c) => c.outcome !== 'pass')).toEqual([])
  expect(ours.verified).toBe(true)
  // Plain Digital Bazaar: the signature only (status was checked above, against the served lists).
  const plain = await dbvc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    documentLoader,
    checkStatus: async () => ({ verified: true }),
  })
  expect(plain.error).toBeUndefined()
  expect(plain.verified).toBe(true)
}

// ---------------------------------------------------------------------------------------------

describe('OID4VCI 1.0 pre-authorized code flow (client from the spec: fetch + jose)', () => {
  it.each([
    ['did:key (Ed25519)', 'oid4vci-key@example.org', didKeyHolder],
    ['did:jwk (P-256)', 'oid4vci-jwk@example.org', didJwkHolder],
  ] as const)('an emailed claim link gives a %s holder its credential, once', async (_name, email, makeHolder) => {
    const holder = await makeHolder()
    const { issuer, configurationId, code, metadata, tokenEndpoint } = await discover(links.get(email)!)

    const token = await postForm(tokenEndpoint, { grant_type: PRE_AUTHORIZED, 'pre-authorized_code': code })
    expect(token.status).toBe(200)
    expect(token.body).toMatchObject({ token_type: 'Bearer' })
    expect(token.body.expires_in).toBeGreaterThan(0)
    const bearer = { authorization: `Bearer ${token.body.access_token as string}` }

    const nonce = (await fetch(metadata.nonce_endpoint, { method: 'POST' }).then((r) => r.json())).c_nonce as string
    // A proof for another audience is refused, and does not use up the nonce.
    const wrongAud = await postJson(metadata.credential_endpoint, { credential_configuration_id: configurationId, proofs: { jwt: [await proofJwt(holder, 'https://elsewhere.example', nonce)] } }, bearer)
    expect(wrongAud.status).toBe(400)
    expect(wrongAud.body.error).toBe('invalid_proof')

    const issued = await postJson(metadata.credential_endpoint, { credential_configuration_id: configurationId, proofs: { jwt: [await proofJwt(holder, issuer, nonce)] } }, bearer)
    expect(issued.status, JSON.stringify(issued.body)).toBe(200)
    expect(issued.body.credentials).toHaveLength(1)
    await expectVerifiesOffline(issued.body.credentials[0].credential, holder.did)

    // The nonce works once; the offer is claimed once.
    const replay = await postJson(metadata.credential_endpoint, { credential_configuration_id: configurationId, proofs: { jwt: [await proofJwt(holder, issuer, nonce)] } }, bearer)
    expect(replay.body.error).toBe('invalid_nonce')
    const fresh = (await fetch(metadata.nonce_endpoint, { method: 'POST' }).then((r) => r.json())).c_nonce as string
    const again = await postJson(metadata.credential_endpoint, { credential_configuration_id: configurationId, proof: { proof_type: 'jwt', jwt: await proofJwt(holder, issuer, fresh) } }, bearer)
    expect(again.status).toBe(400)
    expect(again.body.error).toBe('credential_request_denied')
    expect(again.body.error_description).toMatch(/already claimed/)
    const secondToken = await postForm(tokenEndpoint, { grant_type: PRE_AUTHORIZED, 'pre-authorized_code': code })
    expect(secondToken.status).toBe(400)
    expect(secondToken.body.error).toBe('invalid_grant')

    const view = await client(server.url, apiKey).get(`/offers/${offerIds.get(email)!}`)
    expect(view.json()).toMatchObject({ state: 'claimed', holder: holder.did, delivery: { state: 'sent' } })
  }, 60_000)

  it('refuses a missing access token (401 invalid_token) and a tx_code the offer does not have', async () => {
    const { metadata, tokenEndpoint, code } = await discover(links.get('late@example.org')!)
    const noToken = await postJson(metadata.credential_endpoint, { credential_configuration_id: 'OpenBadgeCredential_ldp_vc' })
    expect(noToken.status).toBe(401)
    expect(noToken.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
    expect(noToken.body.error).toBe('invalid_token')
    const withTx = await postForm(tokenEndpoint, { grant_type: PRE_AUTHORIZED, 'pre-authorized_code': code, tx_code: '1234' })
    expect(withTx).toMatchObject({ status: 400, body: { error: 'invalid_request' } })
  })
})

describe('OID4VCI with a third-party wallet library (@openid4vc/openid4vci)', () => {
  it('resolves the offer, gets a token, a nonce and the credential bound to its did:key', async () => {
    // The test server is plain http on loopback; the library refuses that by default.
    setGlobalConfig({ allowInsecureUrls: true })
    const holder = await didKeyHolder()
    const wallet = new Openid4vciClient({
      callbacks: {
        fetch,
        hash: (data, alg) => new Uint8Array(createHash(alg.replace('-', '')).update(data).digest()),
        generateRandom: (n) => new Uint8Array(randomBytes(n)),
        clientAuthentication: clientAuthenticationAnonymous(),
        signJwt: async (_signer, { header, payload }) => ({
          jwt: await new SignJWT(payload as Record<string, unknown>).setProtectedHeader(header as { alg: string }).sign(holder.privateKey),
          signerJwk: holder.publicJwk,
        }),
      },
    })
    const interaction = await getJson(links.get('oid4vc-lib@example.org')!, { accept: 'application/json' })
    const offer = await wallet.resolveCredentialOffer(interaction.body.protocols.OID4VCI as string)
    const issuerMetadata = await wallet.resolveIssuerMetadata(offer.credential_issuer)
    const { accessTokenResponse } = await wallet.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer: offer, issuerMetadata })
    const { c_nonce } = await wallet.requestNonce({ issuerMetadata })
    const configurationId = offer.credential_configuration_ids[0]!
    const { jwt } = await wallet.createCredentialRequestJwtProof({
      issuerMetadata,
      credentialConfigurationId: configurationId,
      signer: { method: 'did', didUrl: holder.kid, alg: holder.alg },
      nonce: c_nonce,
    })
    const result = await wallet.retrieveCredentials({ issuerMetadata, accessToken: accessTokenResponse.access_token, credentialConfigurationId: configurationId, proofs: { jwt: [jwt] } })
    const credentials = (result.credentialResponse as { credentials?: { credential: unknown }[] }).credentials!
    expect(credentials).toHaveLength(1)
    await expectVerifiesOffline(credentials[0]!.credential, holder.did)
  }, 60_000)
})

describe('VC-API exchange (Learner Credential Wallet), DIDAuth signed with plain @digitalbazaar/vc', () => {
  async function didKeyMultikey() {
    const key = await Ed25519Multikey.generate()
    key.controller = `did:key:${key.publicKeyMultibase}`
    key.id = `${key.controller}#${key.publicKeyMultibase}`
    return key
  }

  it.each([
    ['eddsa-rdfc-2022 over VC 2.0', 'vcapi-eddsa@example.org'],
    ['Ed25519Signature2020 over VC 1.1 (what LCW signs)', 'vcapi-2020@example.org'],
  ] as const)('%s: the exchange binds the credential to the presenting DID, once', async (variant, email) => {
    const interaction = await getJson(links.get(email)!, { accept: 'application/json' })
    const exchange = interaction.body.protocols.vcapi as string
    expect(exchange).toBe(links.get(email)!.replace('/claim/', '/workflows/claim/exchanges/'))

    const started = await postJson(exchange, {})
    expect(started.status).toBe(200)
    const vpr = started.body.verifiablePresentationRequest
    expect(vpr.query).toEqual([expect.objectContaining({ type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] })])
    expect(vpr.domain).toBe(new URL(server.publicUrl).origin)

    const key = await didKeyMultikey()
    const lcwStyle = variant.startsWith('Ed25519Signature2020')
    const sign = (challenge: string, domain: string) =>
      dbvc.signPresentation({
        presentation: { '@context': [lcwStyle ? 'https://www.w3.org/2018/credentials/v1' : 'https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: key.controller },
        suite: lcwStyle ? new Ed25519Signature2020({ signer: key.signer() }) : new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 }),
        challenge,
        domain,
        documentLoader,
      })

    // Signed for another domain: refused, and the challenge still works afterwards.
    const wrongDomain = await postJson(exchange, { verifiablePresentation: await sign(vpr.challenge, 'https://elsewhere.example') })
    expect(wrongDomain.status).toBe(400)
    expect(wrongDomain.body.code).toMatch(/^ERR_(PRESENTATION_DOMAIN|PROOF_INVALID)$/)

    const done = await postJson(exchange, { verifiablePresentation: await sign(vpr.challenge, vpr.domain) })
    expect(done.status, JSON.stringify(done.body)).toBe(200)
    expect(done.body.verifiablePresentation.type).toEqual(['VerifiablePresentation'])
    const [credential] = done.body.verifiablePresentation.verifiableCredential
    await expectVerifiesOffline(credential, key.controller!)

    // Once claimed: the exchange refuses to start again, and the download link too.
    const restart = await postJson(exchange, {})
    expect(restart.status).toBe(409)
    expect(restart.body.code).toBe('ERR_OFFER_CLAIMED')
    const download = await client(server.url).post(`${new URL(links.get(email)!).pathname}/download`, {})
    expect(download.status).toBe(409)
  }, 60_000)

  it('refuses a presentation without a live challenge of this exchange', async () => {
    const exchange = links.get('late@example.org')!.replace('/claim/', '/workflows/claim/exchanges/')
    const key = await didKeyMultikey()
    const vp = await dbvc.signPresentation({
      presentation: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: key.controller },
      suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 }),
      challenge: 'made-up-by-the-wallet',
      domain: new URL(server.publicUrl).origin,
      documentLoader,
    })
    const res = await postJson(exchange, { verifiablePresentation: vp })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('ERR_PRESENTATION_CHALLENGE')
  })
})

describe('an expired offer', () => {
  it('is refused by every wallet door', async () => {
    const email = 'late@example.org'
    const { code, tokenEndpoint, interaction } = await discover(links.get(email)!)
    // Age the offer in the server's own database (the link's shortest life is a day).
    const db = new Database(join(dir, 'data', 'microcred.sqlite'))
    db.prepare('UPDATE offers SET expires_at = ? WHERE id = ?').run(new Date(Date.now() - 1000).toISOString(), offerIds.get(email))
    db.close()

    const token = await postForm(tokenEndpoint, { grant_type: PRE_AUTHORIZED, 'pre-authorized_code': code })
    expect(token.status).toBe(400)
    expect(token.body.error).toBe('invalid_grant')
    expect(token.body.error_description).toMatch(/expired/)
    const byReference = await getJson(new URL(interaction.protocols.OID4VCI as string).searchParams.get('credential_offer_uri')!)
    expect(byReference).toMatchObject({ status: 410, body: { code: 'ERR_OFFER_EXPIRED' } })
    const exchange = await postJson(interaction.protocols.vcapi as string, {})
    expect(exchange).toMatchObject({ status: 410, body: { code: 'ERR_OFFER_EXPIRED' } })
  })

  it('never logs a claim token, access token or challenge', () => {
    const log = server.logs.join('\n')
    for (const link of links.values()) expect(log).not.toContain(link.split('/').pop())
    expect(log).toMatch(/"via":"oid4vci"/)
    expect(log).toMatch(/"via":"vc-api"/)
  })
})
