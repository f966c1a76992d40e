// VC-API semantics of the issue and verify routes: any conforming VC 2.0 credential is signed
// as given (a string issuer stays a string, inline contexts are allowed), a VC 1.1 request is
// signed as VC 1.1, input that breaks a VC Data Model 2.0 MUST is a 400 naming the JSON path,
// and verify answers 200 when verified, 400 with the same result body when not.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as vc from '@digitalbazaar/vc'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDocumentLoader } from '../../src/core/index.js'
import { createIssuer } from '../../src/kms/issuer-directory.js'
import { signPresentation } from '../fixtures/presentation.js'
import { json, makeApp, type TestApp } from './helpers.js'

const VC_V2 = 'https://www.w3.org/ns/credentials/v2'
const VC_V1 = 'https://www.w3.org/2018/credentials/v1'
type Result = { verified: boolean; checks: { id: string; outcome: string; code?: string; details?: { problems?: { path: string }[] } }[] }
type Refusal = { code: string; message: string; details: { problems: { path: string; message: string }[] } }

let t: TestApp
beforeAll(async () => {
  t = await makeApp({ statusPurposes: ['revocation'] })
})
afterAll(async () => {
  await t.app.close()
})

const issue = (credential: unknown) => t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential } as Record<string, unknown> })
const verify = (credential: unknown) => t.app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: credential } as Record<string, unknown> })

/** A plain VC 2.0 credential (no Open Badges), with a term from an inline context. */
const plain = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  '@context': [VC_V2, { nickname: 'https://vocab.example/terms#nickname' }],
  type: ['VerifiableCredential'],
  issuer: 'did:example:placeholder',
  name: { '@value': 'Mitgliedsausweis', '@language': 'de' },
  credentialSubject: { id: 'did:example:learner-1', nickname: 'Bo' },
  ...extra,
})

describe('POST /credentials/issue: any conforming credential', () => {
  it('signs a plain VC 2.0 credential as given: the string issuer stays a string, the inline context stays', async () => {
    const res = await issue(plain())
    expect(res.statusCode, res.body).toBe(201)
    const signed = json<{ verifiableCredential: Record<string, unknown> }>(res).verifiableCredential
    expect(signed['issuer']).toBe(t.issuer.current.id)
    expect(signed['@context']).toEqual(plain()['@context'])
    expect(signed['proof']).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' })
    const verified = await verify(signed)
    expect(verified.statusCode, verified.body).toBe(200)
    expect(json<Result>(verified).verified).toBe(true)
  })

  it('signs a VC 1.1 request as VC 1.1 (issuanceDate; data-integrity v2 and status list contexts added for the proof and status terms)', async () => {
    const request = {
      '@context': [VC_V1],
      type: ['VerifiableCredential'],
      issuer: 'did:example:placeholder',
      issuanceDate: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:learner-1' },
    }
    const res = await issue(request)
    expect(res.statusCode, res.body).toBe(201)
    const signed = json<{ verifiableCredential: Record<string, unknown> }>(res).verifiableCredential
    expect(signed['@context']).toEqual([VC_V1, 'https://www.w3.org/ns/credentials/status/v1', 'https://w3id.org/security/data-integrity/v2'])
    expect(signed).toMatchObject({ issuer: t.issuer.current.id, issuanceDate: '2026-01-01T00:00:00Z', credentialStatus: { type: 'BitstringStatusListEntry' } })
    expect(signed).not.toHaveProperty('validFrom')
    expect(signed['proof']).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' })
    // Plain @digitalbazaar/vc checks it as VC 1.1 (status is not its business here: the list lives in our service).
    const { credentialStatus: _status, ...withoutStatus } = signed
    const plainResult = await vc.verifyCredential({
      credential: signed,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: createDocumentLoader(),
      checkStatus: async () => ({ verified: true }),
    })
    expect(plainResult.error, String(plainResult.error)).toBeUndefined()
    expect(plainResult.verified).toBe(true)
    const tampered = await vc.verifyCredential({
      credential: { ...signed, issuanceDate: '2026-01-02T00:00:00Z' },
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: createDocumentLoader(),
      checkStatus: async () => ({ verified: true }),
    })
    expect(tampered.verified).toBe(false)
    expect(withoutStatus).not.toHaveProperty('credentialStatus')
  })

  it('our verifier reads VC 1.1 dates: issuanceDate/expirationDate decide validity', async () => {
    const request = (extra: Record<string, unknown>) => ({
      '@context': [VC_V1],
      type: ['VerifiableCredential'],
      issuer: 'did:example:placeholder',
      credentialSubject: { id: 'did:example:learner-1' },
      ...extra,
    })
    const current = json<{ verifiableCredential: Record<string, unknown> }>(await issue(request({ issuanceDate: '2026-01-01T00:00:00Z', expirationDate: '2999-01-01T00:00:00Z' }))).verifiableCredential
    const ok = await verify(current)
    expect(ok.statusCode, ok.body).toBe(200)
    expect(json<Result>(ok).checks.find((c) => c.id === 'shape')).toMatchObject({ outcome: 'pass' })
    const expired = json<{ verifiableCredential: Record<string, unknown> }>(await issue(request({ issuanceDate: '2020-01-01T00:00:00Z', expirationDate: '2021-01-01T00:00:00' }))).verifiableCredential
    const res = await verify(expired)
    expect(res.statusCode).toBe(400)
    expect(json<Result>(res).checks.find((c) => c.id === 'validity')).toMatchObject({ outcome: 'fail', code: 'ERR_VALIDITY_EXPIRED' })
    const future = json<{ verifiableCredential: Record<string, unknown> }>(await issue(request({ issuanceDate: '2999-01-01T00:00:00Z' }))).verifiableCredential
    expect(json<Result>(await verify(future)).checks.find((c) => c.id === 'validity')).toMatchObject({ outcome: 'fail', code: 'ERR_VALIDITY_NOT_YET_VALID' })
  })

  it('an issuer object keeps its fields (only its id is set)', async () => {
    const res = await issue(plain({ issuer: { id: 'did:example:placeholder', name: 'Example Club' } }))
    expect(res.statusCode, res.body).toBe(201)
    expect(json<{ verifiableCredential: Record<string, unknown> }>(res).verifiableCredential['issuer']).toEqual({ id: t.issuer.current.id, name: 'Example Club' })
  })

  const violations: [string, Record<string, unknown>, string][] = [
    ['missing type', { type: undefined }, '$.type'],
    ['type without VerifiableCredential', { type: ['ExampleCredential'] }, '$.type'],
    ['a non-string type', { type: ['VerifiableCredential', 7] }, '$.type'],
    ['a multi-valued id', { id: ['urn:uuid:1', 'urn:uuid:2'] }, '$.id'],
    ['a non-URL id', { id: 'not a url' }, '$.id'],
    ['an issuer that is not a URL', { issuer: 'Example Club' }, '$.issuer'],
    ['an issuer object whose id is not a URL', { issuer: { id: 'Example Club' } }, '$.issuer.id'],
    ['a name that is a number', { name: 42 }, '$.name'],
    ['a description object without @value', { description: { '@language': 'en' } }, '$.description'],
    // the service assigns credentialStatus itself (the core's issueCredential reports $.credentialStatus.type)
    ['any credentialStatus in the request', { credentialStatus: { id: 'https://status.example/1#1' } }, '$.credentialStatus'],
    ['evidence without type', { evidence: [{ id: 'https://evidence.example/1' }] }, '$.evidence[0].type'],
    ['termsOfUse without type', { termsOfUse: { id: 'https://terms.example/1' } }, '$.termsOfUse.type'],
    ['refreshService without type', { refreshService: { id: 'https://refresh.example/1' } }, '$.refreshService.type'],
    ['credentialSchema without type', { credentialSchema: { id: 'https://schema.example/1' } }, '$.credentialSchema.type'],
    ['validFrom without a time zone', { validFrom: '2026-01-01T00:00:00' }, '$.validFrom'],
    ['validUntil that is not a date', { validUntil: 'tomorrow' }, '$.validUntil'],
    ['credentialSubject that is not an object', { credentialSubject: 'did:example:learner-1' }, '$.credentialSubject'],
  ]
  it.each(violations)('%s → 400 ERR_CREDENTIAL_MALFORMED naming %s', async (_what, change, path) => {
    const credential = plain(change)
    for (const [k, v] of Object.entries(change)) if (v === undefined) delete credential[k]
    const res = await issue(credential)
    expect(res.statusCode, res.body).toBe(400)
    const body = json<Refusal>(res)
    expect(body.code).toBe('ERR_CREDENTIAL_MALFORMED')
    expect(body.details.problems.map((p) => p.path)).toContain(path)
  })

  it('a hostile inline context (100 000 levels deep) → a coded 400 on issue and a 400 result on verify, never a 5xx', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`
    const body = (doc: string) => `{"@context":["${VC_V2}",${doc}],"type":["VerifiableCredential"],"issuer":"did:example:x","credentialSubject":{"id":"did:example:s"}}`
    const issued = await t.as('issue', { method: 'POST', url: '/credentials/issue', headers: { 'content-type': 'application/json' }, payload: `{"credential":${body(deep)}}` })
    expect(issued.statusCode, issued.body.slice(0, 300)).toBeLessThan(500)
    // Refused before any route work: the body nests deeper than any document accepted.
    expect(json<Refusal>(issued)).toMatchObject({ code: 'ERR_INPUT_INVALID' })
    const verified = await t.app.inject({ method: 'POST', url: '/credentials/verify', headers: { 'content-type': 'application/json' }, payload: `{"verifiableCredential":${body(deep)}}` })
    expect(verified.statusCode, verified.body.slice(0, 300)).toBe(400)
  })

  it('an inline context that would fetch → 400 ERR_CONTEXT_NOT_ALLOWED', async () => {
    const res = await issue(plain({ '@context': [VC_V2, { '@import': 'https://contexts.example/remote' }] }))
    expect(res.statusCode).toBe(400)
    expect(json<Refusal>(res).code).toBe('ERR_CONTEXT_NOT_ALLOWED')
  })
})

describe('POST /credentials/verify and /presentations/verify: 200 verified, 400 not', () => {
  let signed: Record<string, unknown>
  beforeAll(async () => {
    signed = json<{ verifiableCredential: Record<string, unknown> }>(await issue(plain())).verifiableCredential
  })

  it('200 with the result when verified; 400 with the same kind of result body when not', async () => {
    const ok = await verify(signed)
    expect(ok.statusCode).toBe(200)
    const bad = await verify({ ...signed, credentialSubject: { id: 'did:example:learner-1', nickname: 'Al' } })
    expect(bad.statusCode).toBe(400)
    const result = json<Result>(bad)
    expect(result.verified).toBe(false)
    expect(result.checks.map((c) => c.id)).toEqual(json<Result>(ok).checks.map((c) => c.id))
    expect(result.checks.find((c) => c.id === 'proof')).toMatchObject({ outcome: 'fail', code: 'ERR_PROOF_INVALID' })
  })

  it('malformed input: a coded 400', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: 5 } })
    expect(res.statusCode).toBe(400)
    expect(json<Refusal>(res).code).toBe('ERR_INPUT_INVALID')
  })

  it('a presentation: 200 when it and its credentials verify; without @context and type, 400 naming both paths', async () => {
    const holder = createIssuer()
    const vp = await signPresentation(holder, [signed], { challenge: 'c-1' })
    const ok = await t.app.inject({ method: 'POST', url: '/presentations/verify', payload: { verifiablePresentation: vp, options: { challenge: 'c-1' } } })
    expect(ok.statusCode, ok.body).toBe(200)
    const { '@context': _c, type: _t, ...bare } = vp
    const res = await t.app.inject({ method: 'POST', url: '/presentations/verify', payload: { verifiablePresentation: bare, options: { challenge: 'c-1' } } })
    expect(res.statusCode).toBe(400)
    const result = json<Result>(res)
    expect(result.verified).toBe(false)
    const shape = result.checks.find((c) => c.id === 'presentation.shape')!
    expect(shape).toMatchObject({ outcome: 'fail', code: 'ERR_PRESENTATION_MALFORMED' })
    expect(shape.details!.problems!.map((p) => p.path)).toEqual(['$["@context"]', '$.type'])
  })
})
