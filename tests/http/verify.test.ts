import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createIssuer } from '../../src/kms/issuer-directory.js'
import { signPresentation } from '../fixtures/presentation.js'
import { buildStatusListCredential, createBitstring, encodeStatusList, generateKeyMaterial, issueCredential, setBit, signingKeyFromMaterial } from '../../src/index.js'
import { clock, endorse, euDefinition, issueMicro, makeIssuer, statusEntry } from '../unit/portability/helpers.js'
import { json, makeApp, unsignedCredential, type TestApp } from './helpers.js'

interface Result {
  verified: boolean
  checks: { id: string; outcome: string; code?: string; message?: string; details?: Record<string, unknown> }[]
  verdict?: { level: string; headline: string; warnings: unknown[]; problems: unknown[] }
  summary?: Record<string, unknown>
  portability?: { profiles: Result['checks'] }
  credentials?: { verified: boolean; checks: { id: string; outcome: string; code?: string }[]; verdict?: Result['verdict'] }[]
}

let t: TestApp
let vc: Record<string, unknown>
beforeAll(async () => {
  t = await makeApp()
  vc = json<{ verifiableCredential: Record<string, unknown> }>(
    await t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: unsignedCredential('did:example:holder') } }),
  ).verifiableCredential
})
afterAll(async () => {
  await t.app.close()
})

const verifyVc = (body: unknown) => t.app.inject({ method: 'POST', url: '/credentials/verify', payload: body as Record<string, unknown> })
const verifyVp = (body: unknown) => t.app.inject({ method: 'POST', url: '/presentations/verify', payload: body as Record<string, unknown> })
const failing = (r: Result) => r.checks.filter((c) => c.outcome === 'fail' || c.outcome === 'error').map((c) => c.code)

describe('POST /credentials/verify', () => {
  it('verifies a credential issued here, status included, without an API key', async () => {
    const res = await verifyVc({ verifiableCredential: vc })
    expect(res.statusCode).toBe(200)
    const result = json<Result>(res)
    expect(result.verified).toBe(true)
    expect(result.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['shape', 'pass'],
      ['context', 'pass'],
      ['schema', 'pass'],
      ['proof', 'pass'],
      ['issuer', 'pass'],
      ['validity', 'pass'],
      ['status', 'pass'],
    ])
  })

  it('reports a tampered credential as not verified (400 with the result body, ERR_PROOF_INVALID)', async () => {
    const res = await verifyVc({ verifiableCredential: { ...vc, name: 'Advanced Data Literacy' } })
    expect(res.statusCode).toBe(400)
    expect(json<Result>(res).verified).toBe(false)
    expect(failing(json<Result>(res))).toContain('ERR_PROOF_INVALID')
  })

  it('reports an unknown context as a failed check', async () => {
    const foreign = { ...vc, '@context': [...(vc['@context'] as string[]), 'https://evil.example/ctx'] }
    expect(failing(json<Result>(await verifyVc({ verifiableCredential: foreign })))).toContain('ERR_CONTEXT_NOT_ALLOWED')
  })

  it('a status list published elsewhere is unknown (a warning, never "not revoked"); options.statusLists answers it; options.strict fails it', async () => {
    const other = makeIssuer('Other University', 'IE')
    const elsewhere = await issueMicro(other, euDefinition(), { recipient: { id: 'did:example:holder' }, edit: (c) => (c['credentialStatus'] = statusEntry(5)) })
    const result = json<Result>(await verifyVc({ verifiableCredential: elsewhere }))
    expect(result.verified).toBe(true)
    expect(result.checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'warn', code: 'ERR_STATUS_UNKNOWN' })
    expect(result.verdict).toMatchObject({ level: 'verified-with-warnings', warnings: [{ check: 'status', code: 'ERR_STATUS_UNKNOWN', next: { option: expect.stringContaining('options.statusLists') } }] })
    expect(result.verdict!.headline).not.toMatch(/not revoked/)

    const strict = json<Result>(await verifyVc({ verifiableCredential: elsewhere, options: { strict: true } }))
    expect(strict.verified).toBe(false)
    expect(strict.checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'error', code: 'ERR_STATUS_UNKNOWN' })

    const bits = createBitstring()
    setBit(bits, 5, true)
    const list = await issueCredential(
      buildStatusListCredential({ id: 'https://status.example/lists/1', issuer: other.id, purpose: 'revocation', encodedList: await encodeStatusList(bits), validFrom: '2026-01-01T00:00:00Z' }),
      { issuer: other, clock },
    )
    const revoked = json<Result>(await verifyVc({ verifiableCredential: elsewhere, options: { statusLists: [list] } }))
    expect(revoked.verified).toBe(false)
    expect(revoked.checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'fail', code: 'ERR_STATUS_REVOKED' })
    expect(revoked.verdict!.headline).toBe('NOT VERIFIED: the issuer has revoked it')
  })

  it('answers with the verdict, the claim summary and, for a tampered credential, dependent checks skipped', async () => {
    const ok = json<Result>(await verifyVc({ verifiableCredential: vc }))
    expect(ok.verdict).toMatchObject({ level: 'verified', strict: false, problems: [], warnings: [] })
    expect(ok.verdict!.headline).toMatch(/^VERIFIED: .*not revoked or suspended/)
    expect(ok.summary).toMatchObject({ achievement: { name: expect.any(String) }, issuer: { id: vc['issuer'] && expect.any(String) }, recipient: { id: 'did:example:holder' } })
    const tampered = json<Result>(await verifyVc({ verifiableCredential: { ...vc, name: 'Advanced Data Literacy' } }))
    expect(tampered.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['shape', 'pass'],
      ['context', 'pass'],
      ['schema', 'pass'],
      ['proof', 'fail'],
      ['issuer', 'skip'],
      ['validity', 'skip'],
      ['status', 'skip'],
    ])
    expect(tampered.verdict).toMatchObject({ level: 'not-verified', problems: [{ check: 'proof', code: 'ERR_PROOF_INVALID' }] })
  })

  it('a URL issuer: not verified without its controller document (says to supply options.documents); verified with it', async () => {
    const controller = 'https://issuer.example/org'
    const material = generateKeyMaterial()
    const key = signingKeyFromMaterial(material, { controller, id: `${controller}#key-1` })
    const urlIssuer = { id: controller, profile: { name: 'URL Issuer' }, key }
    const controllerDocument = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: controller,
      verificationMethod: [{ id: key.id, type: 'Multikey', controller, publicKeyMultibase: material.publicKeyMultibase }],
      assertionMethod: [key.id],
    }
    const signed = await issueMicro(urlIssuer, euDefinition(), { recipient: { id: 'did:example:holder' } })
    const without = json<Result>(await verifyVc({ verifiableCredential: signed }))
    expect(without.verified).toBe(false)
    expect(without.verdict).toMatchObject({ problems: [{ code: 'ERR_KEY_UNRESOLVABLE', next: { option: expect.stringContaining('options.documents') } }] })
    const withDoc = json<Result>(await verifyVc({ verifiableCredential: signed, options: { documents: { [controller]: controllerDocument } } }))
    expect(withDoc.verified).toBe(true)
    expect(withDoc.summary).toMatchObject({ issuer: { id: controller, domain: 'issuer.example' } })
  })

  it('options.email checks the hashed recipient: matches, does not match', async () => {
    const uni = makeIssuer('Example University', 'IE')
    const byEmail = await issueMicro(uni, euDefinition(), { recipient: { email: 'Ada@Example.org' } as never })
    const match = json<Result>(await verifyVc({ verifiableCredential: byEmail, options: { email: 'ada@example.org' } }))
    expect(match.checks.find((c) => c.id === 'recipient')).toMatchObject({ outcome: 'pass' })
    expect(match.summary).toMatchObject({ recipient: { email: 'matches', identities: [{ type: 'emailAddress', hashed: true }] } })
    const other = json<Result>(await verifyVc({ verifiableCredential: byEmail, options: { email: 'bob@example.org' } }))
    expect(other.verified).toBe(false)
    expect(other.checks.find((c) => c.id === 'recipient')).toMatchObject({ outcome: 'fail', code: 'ERR_RECIPIENT_MISMATCH' })
    expect(other.summary).toMatchObject({ recipient: { email: 'does-not-match' } })
  })

  it('400 when the body is not a verify request', async () => {
    for (const body of [{}, { verifiableCredential: 'x' }, { verifiableCredential: vc, extra: 1 }]) {
      const res = await verifyVc(body)
      expect(res.statusCode).toBe(400)
      expect(json(res).code).toBe('ERR_INPUT_INVALID')
    }
    const malformed = await t.app.inject({ method: 'POST', url: '/credentials/verify', headers: { 'content-type': 'application/json' }, payload: '{"verifiableCredential":' })
    expect(json(malformed).code).toBe('ERR_INPUT_INVALID_JSON')
  })
})

describe('POST /credentials/verify with framework profiles, a trust list and endorsements', () => {
  const qa = makeIssuer('QA Agency', 'IE')
  const uni = makeIssuer('Example University', 'IE')
  const definition = euDefinition({ qualityAssurance: [{ body: { id: qa.id, name: 'QA Agency' }, type: 'external', regime: 'ESG 2015' }] })
  const houseRule = {
    id: 'house-10-ects',
    name: 'House rule: at least 10 ECTS',
    version: '1',
    elements: [{ id: 'credits', name: 'Credit value', fact: 'credits', required: true, rules: [{ kind: 'range', field: 'value', min: 10 }] }],
  }
  let eu: Record<string, unknown>
  let endorsement: Record<string, unknown>
  beforeAll(async () => {
    eu = (await issueMicro(uni, definition, { recipient: { id: 'did:example:holder' } })) as unknown as Record<string, unknown>
    endorsement = (await endorse(qa, definition.id)) as unknown as Record<string, unknown>
  })
  type Element = { id: string; outcome: string; assurance?: { status: string }[]; warnings?: { message: string }[] }
  const element = (result: Result, profile: string, id: string) =>
    (result.portability!.profiles.find((c) => c.id === `profile:${profile}`)!.details!['elements'] as Element[]).find((e) => e.id === id)!

  it('reports one profile:<id> entry per profile in portability, by shipped name or as a document, never changing verified', async () => {
    const res = await verifyVc({ verifiableCredential: eu, options: { profiles: ['eu-microcredential-2022', houseRule] } })
    // VC-API: the status code follows `verified` (200 verified, 400 not), the body is the result either way
    expect(res.statusCode).toBe(json<Result>(res).verified ? 200 : 400)
    const result = json<Result>(res)
    expect(result.checks.at(-1)).toMatchObject({ id: 'status', outcome: 'skip' })
    expect(result.portability!.profiles.map((c) => [c.id, c.outcome])).toEqual([
      ['profile:eu-microcredential-2022', 'pass'],
      ['profile:house-10-ects', 'fail'],
    ])
    expect(result.portability!.profiles.at(-1)).toMatchObject({ code: 'ERR_PROFILE_NOT_MET', details: { elements: [expect.objectContaining({ id: 'credits', outcome: 'fail' })] } })
    expect(result.verified).toBe(true)
    expect(json<Result>(await verifyVc({ verifiableCredential: eu, options: { profiles: ['eu-microcredential-2022'] } })).verified).toBe(true)
  })

  it('reports a credential issued here that does not meet a profile in portability; it stays verified (200)', async () => {
    const result = json<Result>(await verifyVc({ verifiableCredential: vc, options: { profiles: ['nzqa'] } }))
    expect(result.verified).toBe(true)
    expect(failing(result)).toEqual([])
    expect(result.portability!.profiles).toEqual([expect.objectContaining({ id: 'profile:nzqa', outcome: 'fail', code: 'ERR_PROFILE_NOT_MET' })])
  })

  it('QA is assured with the trust list and the QA body\'s endorsement sent with the request; claimed, unconfirmed without', async () => {
    const trustList = { entries: [{ did: qa.id, name: 'QA Agency' }] }
    const assured = json<Result>(await verifyVc({ verifiableCredential: eu, options: { profiles: ['eu-microcredential-2022'], trustList, endorsements: [endorsement] } }))
    expect(element(assured, 'eu-microcredential-2022', 'M11')).toMatchObject({ outcome: 'pass', assurance: [{ status: 'assured' }] })
    const noEndorsement = json<Result>(await verifyVc({ verifiableCredential: eu, options: { profiles: ['eu-microcredential-2022'], trustList } }))
    expect(element(noEndorsement, 'eu-microcredential-2022', 'M11').assurance).toEqual([expect.objectContaining({ status: 'claimed-unconfirmed' })])
    const noTrust = json<Result>(await verifyVc({ verifiableCredential: eu, options: { profiles: ['eu-microcredential-2022'], endorsements: [endorsement] } }))
    expect(element(noTrust, 'eu-microcredential-2022', 'M11').warnings![0]!.message).toMatch(/claimed, unconfirmed: no trust list/)
  })

  it('400 for an unknown profile name, an invalid profile or trust list, and options of the wrong type', async () => {
    const unknown = await verifyVc({ verifiableCredential: eu, options: { profiles: ['eu-microcredential-2022', 'atlantis'] } })
    expect(unknown.statusCode).toBe(400)
    expect(json(unknown)).toMatchObject({ code: 'ERR_PROFILE_NOT_FOUND', message: expect.stringMatching(/^options\.profiles\[1\]: no profile named atlantis/), details: { profile: 'atlantis', index: 1 } })
    const invalid = await verifyVc({ verifiableCredential: eu, options: { profiles: [{ ...houseRule, elements: [] }] } })
    expect([invalid.statusCode, json(invalid).code]).toEqual([400, 'ERR_PROFILE_INVALID'])
    const badTrust = await verifyVc({ verifiableCredential: eu, options: { trustList: { entries: [{ name: 'No id' }] } } })
    expect([badTrust.statusCode, json(badTrust).code]).toEqual([400, 'ERR_TRUST_LIST_INVALID'])
    for (const options of [{ profiles: 'nzqa' }, { profiles: [42] }, { trustList: [] }, { endorsements: ['x'] }, { endorsements: {} }]) {
      const res = await verifyVc({ verifiableCredential: eu, options })
      expect([res.statusCode, json(res).code], JSON.stringify(options)).toEqual([400, 'ERR_INPUT_INVALID'])
    }
  })

  it('ignores other VC-API options', async () => {
    const res = await verifyVc({ verifiableCredential: vc, options: { checks: ['proof'] } })
    expect(res.statusCode).toBe(200)
    expect(json<Result>(res).verified).toBe(true)
  })
})

describe('POST /presentations/verify', () => {
  const holder = createIssuer()

  it('verifies the holder proof with the expected challenge and domain, and every credential', async () => {
    const vp = await signPresentation(holder, [vc], { challenge: 'c-123', domain: 'employer.example' })
    const res = await verifyVp({ verifiablePresentation: vp, options: { challenge: 'c-123', domain: 'employer.example' } })
    expect(res.statusCode).toBe(200)
    const result = json<Result>(res)
    expect(result.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['presentation.shape', 'pass'],
      ['presentation.proof', 'pass'],
      ['presentation.challenge', 'pass'],
      ['presentation.domain', 'pass'],
      ['presentation.holder', 'pass'],
    ])
    expect(result.credentials).toHaveLength(1)
    expect(result.credentials![0]!.verified).toBe(true)
    expect(result.verified).toBe(true)
    // Per-credential verdicts and summaries, and one verdict over the whole presentation.
    expect(result.credentials![0]).toMatchObject({ verdict: { level: 'verified' }, summary: { recipient: { id: 'did:example:holder' } } })
    expect(result.verdict).toMatchObject({ level: 'verified', problems: [], warnings: [] })
  })

  it('fails on another challenge, another domain, or a holder who did not sign', async () => {
    const vp = await signPresentation(holder, [vc], { challenge: 'c-123', domain: 'employer.example' })
    const wrongChallenge = json<Result>(await verifyVp({ verifiablePresentation: vp, options: { challenge: 'c-999', domain: 'employer.example' } }))
    expect(wrongChallenge.verified).toBe(false)
    expect(failing(wrongChallenge)).toEqual(['ERR_PRESENTATION_CHALLENGE'])
    const wrongDomain = json<Result>(await verifyVp({ verifiablePresentation: vp, options: { challenge: 'c-123', domain: 'other.example' } }))
    expect(failing(wrongDomain)).toEqual(['ERR_PRESENTATION_DOMAIN'])
    const impostor = await signPresentation(createIssuer(), [vc], { challenge: 'c-123', holderId: holder.id })
    expect(failing(json<Result>(await verifyVp({ verifiablePresentation: impostor, options: { challenge: 'c-123' } })))).toEqual(['ERR_PRESENTATION_HOLDER'])
    const tampered = { ...vp, holder: 'did:example:someone-else' }
    expect(failing(json<Result>(await verifyVp({ verifiablePresentation: tampered, options: { challenge: 'c-123' } })))).toContain('ERR_PROOF_INVALID')
  })

  it('fails when an embedded credential is revoked, or the presentation is unsigned or malformed', async () => {
    const revokedVc = json<{ verifiableCredential: Record<string, unknown> & { id: string } }>(
      await t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: unsignedCredential('did:example:holder-2') } }),
    ).verifiableCredential
    await t.as('revoke', { method: 'POST', url: '/credentials/status', payload: { credentialId: revokedVc.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, status: true } })
    const vp = await signPresentation(holder, [vc, revokedVc], { challenge: 'c-1' })
    const result = json<Result>(await verifyVp({ verifiablePresentation: vp, options: { challenge: 'c-1' } }))
    expect(result.verified).toBe(false)
    expect(result.credentials!.map((c) => c.verified)).toEqual([true, false])
    expect(failing(result.credentials![1]!)).toEqual(['ERR_STATUS_REVOKED'])

    const { proof: _proof, ...unsigned } = vp
    expect(failing(json<Result>(await verifyVp({ verifiablePresentation: unsigned, options: { challenge: 'c-1' } })))).toContain('ERR_PROOF_MISSING')
    const malformed = json<Result>(await verifyVp({ verifiablePresentation: { type: 'Nothing' } }))
    expect(malformed.verified).toBe(false)
    expect(failing(malformed)).toEqual(['ERR_PRESENTATION_MALFORMED'])
    expect((await verifyVp({ verifiablePresentation: vp, options: { challenge: 42 } })).statusCode).toBe(400)
    expect((await verifyVp({ presentation: vp })).statusCode).toBe(400)
  })
})
