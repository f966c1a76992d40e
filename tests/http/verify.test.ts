import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createIssuer } from '../../src/kms/issuer-directory.js'
import { signPresentation } from '../fixtures/presentation.js'
import { endorse, euDefinition, issueMicro, makeIssuer } from '../unit/portability/helpers.js'
import { json, makeApp, unsignedCredential, type TestApp } from './helpers.js'

interface Result {
  verified: boolean
  checks: { id: string; outcome: string; code?: string; message?: string; details?: Record<string, unknown> }[]
  credentials?: { verified: boolean; checks: { id: string; outcome: string; code?: string }[] }[]
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

  it('reports an unknown context as a failed check, and a status list published elsewhere as unknown', async () => {
    const foreign = { ...vc, '@context': [...(vc['@context'] as string[]), 'https://evil.example/ctx'] }
    expect(failing(json<Result>(await verifyVc({ verifiableCredential: foreign })))).toContain('ERR_CONTEXT_NOT_ALLOWED')
    const elsewhere = { ...vc, credentialStatus: { id: 'https://other.example/status/1#5', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '5', statusListCredential: 'https://other.example/status/1' } }
    const result = json<Result>(await verifyVc({ verifiableCredential: elsewhere }))
    expect(result.verified).toBe(false)
    expect(result.checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'error', code: 'ERR_STATUS_UNKNOWN' })
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
    (result.checks.find((c) => c.id === `profile:${profile}`)!.details!['elements'] as Element[]).find((e) => e.id === id)!

  it('adds one profile:<id> check per profile, by shipped name or as a document, after the other checks', async () => {
    const res = await verifyVc({ verifiableCredential: eu, options: { profiles: ['eu-microcredential-2022', houseRule] } })
    // VC-API: the status code follows `verified` (200 verified, 400 not), the body is the result either way
    expect(res.statusCode).toBe(json<Result>(res).verified ? 200 : 400)
    const result = json<Result>(res)
    expect(result.checks.map((c) => [c.id, c.outcome]).slice(-3)).toEqual([
      ['status', 'skip'],
      ['profile:eu-microcredential-2022', 'pass'],
      ['profile:house-10-ects', 'fail'],
    ])
    expect(result.checks.at(-1)).toMatchObject({ code: 'ERR_PROFILE_NOT_MET', details: { elements: [expect.objectContaining({ id: 'credits', outcome: 'fail' })] } })
    expect(result.verified).toBe(false)
    expect(json<Result>(await verifyVc({ verifiableCredential: eu, options: { profiles: ['eu-microcredential-2022'] } })).verified).toBe(true)
  })

  it('reports a credential issued here that does not meet a profile as a failed check (200)', async () => {
    const result = json<Result>(await verifyVc({ verifiableCredential: vc, options: { profiles: ['nzqa'] } }))
    expect(result.verified).toBe(false)
    expect(failing(result)).toEqual(['ERR_PROFILE_NOT_MET'])
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
