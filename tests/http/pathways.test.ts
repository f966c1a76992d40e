// Pathways in the service: define (issue scope), read (public), evaluate (public) and award
// (issue scope) a UK PG Certificate (60 UK credits, ≥ 40 at FHEQ 7, DA-701 required, issuers
// from the verifier's trust list) from real signed modules: two issued by the service (status
// entries in its own lists, so one can be revoked) and one signed by another university.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createIssuer, createStatusListResolver, verifyCredential, type Issuer, type MicroCredentialDefinition, type PathwayResult } from '../../src/index.js'
import { signPresentation } from '../fixtures/presentation.js'
import { euDefinition, issueMicro, makeIssuer } from '../unit/portability/helpers.js'
import { BASE, json, makeApp, type TestApp } from './helpers.js'

type Credential = Record<string, unknown> & { id: string }
interface Award {
  verifiableCredential: Credential
  evaluation: PathwayResult
}

const pathwayDoc = JSON.parse(readFileSync(new URL('../../pathways/uk-pgcert-data-analytics.json', import.meta.url), 'utf8')) as Record<string, unknown>
const { $schema: _schema, ...storedDoc } = pathwayDoc
const PATHWAY = pathwayDoc['id'] as string
const PATH = `/pathways/${encodeURIComponent(PATHWAY)}`

const fheq = (l: number) => [{ framework: 'FHEQ', code: String(l), uri: `https://www.qaa.ac.uk/fheq/level-${l}` }]
const module = (code: string, level: number, credits = 20): MicroCredentialDefinition => ({
  id: `https://modules.example/${code}`,
  name: `Module ${code}`,
  description: `The ${code} module.`,
  criteria: 'Pass the assessed project.',
  credits: { value: credits, system: 'UK-CATS' },
  levels: fheq(level),
  humanCode: code,
})

let t: TestApp
let holder: Issuer
let otherUni: Issuer
let trustList: Record<string, unknown>
let da701: Credential, da702: Credential, da601: Credential

/** Issues a defined module to a recipient through the service. */
async function issueHere(achievementId: string, recipient: string): Promise<Credential> {
  const res = await t.as('issue', { method: 'POST', url: `/achievements/${encodeURIComponent(achievementId)}/issue`, payload: { recipients: [{ id: recipient }] } })
  expect(res.statusCode).toBe(201)
  return json<{ verifiableCredentials: Credential[] }>(res).verifiableCredentials[0]!
}

const evaluate = (body: Record<string, unknown>, path = PATH) => t.app.inject({ method: 'POST', url: `${path}/evaluate`, payload: body })
const award = (body: Record<string, unknown>, headers: Record<string, string> = {}) => t.as('issue', { method: 'POST', url: `${PATH}/award`, payload: body, headers })

beforeAll(async () => {
  t = await makeApp()
  holder = createIssuer() // the learner: a did:key that can sign presentations
  otherUni = makeIssuer('Sampleshire University', 'GB')
  trustList = {
    entries: [
      { did: t.issuer.current.id, name: 'Example University', roles: ['issuer'] },
      { did: otherUni.id, name: 'Sampleshire University', roles: ['issuer'] },
    ],
  }
  for (const def of [module('DA-701', 7), module('DA-601', 6)]) {
    expect((await t.as('issue', { method: 'POST', url: '/achievements', payload: def })).statusCode).toBe(201)
  }
  da701 = await issueHere('https://modules.example/DA-701', holder.id)
  da601 = await issueHere('https://modules.example/DA-601', holder.id)
  da702 = (await issueMicro(otherUni, euDefinition({ ...module('DA-702', 7), workloadHours: undefined }), { recipient: { id: holder.id } })) as unknown as Credential
  expect((await t.as('issue', { method: 'POST', url: '/pathways', payload: pathwayDoc })).statusCode).toBe(201)
})
afterAll(async () => {
  await t.app.close()
})

describe('POST /pathways and GET /pathways/:id', () => {
  it('defines a pathway with the issue scope (201) and anyone can read it', async () => {
    const doc = { ...storedDoc, id: 'urn:pathway:test-define', $schema: '../schemas/pathway.schema.json' }
    const res = await t.as('issue', { method: 'POST', url: '/pathways', payload: doc })
    expect(res.statusCode).toBe(201)
    const created = json(res)
    expect(created).toEqual({ id: 'urn:pathway:test-define', pathway: { ...storedDoc, id: 'urn:pathway:test-define' }, createdAt: expect.any(String) })
    expect(res.headers['location']).toBe('/pathways/urn%3Apathway%3Atest-define')
    const got = await t.app.inject({ method: 'GET', url: res.headers['location'] as string })
    expect(got.statusCode).toBe(200)
    expect(json(got)).toEqual(created)
  })

  it('mints <PUBLIC_URL>/pathways/<uuid> when the document has no id; the last segment finds it', async () => {
    const { id: _id, ...doc } = storedDoc
    const created = json<{ id: string }>(await t.as('admin', { method: 'POST', url: '/pathways', payload: doc }))
    expect(created.id).toMatch(new RegExp(`^${BASE}/pathways/[0-9a-f-]{36}$`))
    const got = await t.app.inject({ method: 'GET', url: `/pathways/${created.id.split('/').pop()}` })
    expect(json(got)).toMatchObject({ id: created.id, pathway: { ...doc, id: created.id } })
  })

  it('refuses an invalid pathway with every problem (400 ERR_PATHWAY_INVALID), a body that is not an object (400) and a known id (409)', async () => {
    const bad = await t.as('issue', { method: 'POST', url: '/pathways', payload: { id: 'urn:pathway:bad', name: 'Bad', creditUnit: 7, rules: { minTotalCredits: -1 } } })
    expect(bad.statusCode).toBe(400)
    const body = json<{ code: string; details: { problems: { path: string }[] } }>(bad)
    expect(body.code).toBe('ERR_PATHWAY_INVALID')
    expect(body.details.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['/', '/creditUnit', '/rules/minTotalCredits']))
    const unit = await t.as('issue', { method: 'POST', url: '/pathways', payload: { ...storedDoc, id: 'urn:pathway:zork', creditUnit: 'Zorkmids' } })
    expect([unit.statusCode, json(unit).code]).toEqual([400, 'ERR_PATHWAY_INVALID'])
    const array = await t.as('issue', { method: 'POST', url: '/pathways', payload: [storedDoc] as unknown as Record<string, unknown> })
    expect([array.statusCode, json(array).code]).toEqual([400, 'ERR_INPUT_INVALID'])
    const again = await t.as('issue', { method: 'POST', url: '/pathways', payload: pathwayDoc })
    expect([again.statusCode, json(again).code]).toEqual([409, 'ERR_STORE_CONFLICT'])
    expect(json((await t.app.inject({ method: 'GET', url: PATH }))).pathway).toEqual(storedDoc)
  })

  it('401 without a key or with a revoked one (before the body is read), 403 without the issue scope', async () => {
    const none = await t.app.inject({ method: 'POST', url: '/pathways', headers: { 'content-type': 'application/json' }, payload: '{"not json' })
    expect([none.statusCode, json(none).code]).toEqual([401, 'ERR_AUTH_REQUIRED'])
    const revoked = await t.as('revoked', { method: 'POST', url: '/pathways', payload: storedDoc })
    expect([revoked.statusCode, json(revoked).code]).toEqual([401, 'ERR_AUTH_INVALID'])
    for (const scope of ['read', 'revoke'] as const) {
      const forbidden = await t.as(scope, { method: 'POST', url: '/pathways', payload: { ...storedDoc, id: 'urn:pathway:forbidden' } })
      expect([forbidden.statusCode, json(forbidden).code]).toEqual([403, 'ERR_AUTH_FORBIDDEN'])
    }
    expect((await t.app.inject({ method: 'GET', url: '/pathways/urn%3Apathway%3Aforbidden' })).statusCode).toBe(404)
  })

  it('404 ERR_PATHWAY_NOT_FOUND for an unknown pathway, on every route', async () => {
    const unknown = '/pathways/urn%3Apathway%3Anone'
    for (const res of [
      await t.app.inject({ method: 'GET', url: unknown }),
      await evaluate({ credentials: [da701] }, unknown),
      await t.as('issue', { method: 'POST', url: `${unknown}/award`, payload: { credentials: [da701] } }),
    ]) {
      expect([res.statusCode, json(res).code]).toEqual([404, 'ERR_PATHWAY_NOT_FOUND'])
    }
  })
})

describe('POST /pathways/:id/evaluate (public)', () => {
  it('satisfied: 60 UK credits from two issuers, 40 at FHEQ 7, DA-701 present', async () => {
    const res = await evaluate({ credentials: [da701, da702, da601], trustList })
    expect(res.statusCode).toBe(200)
    const result = json<PathwayResult>(res)
    expect(result).toMatchObject({
      pathway: { id: PATHWAY, version: '2026-01' },
      satisfied: true,
      learner: { id: holder.id },
      excluded: [],
      totals: { credits: 60, unit: 'UK-CATS', components: 3, atOrAboveLevel: [{ framework: 'FHEQ', level: '7', credits: 40 }] },
      missing: [],
    })
    expect(result.counted.map((c) => [c.credential, c.issuer, c.usedFor])).toEqual([
      [da701.id, t.issuer.current.id, ['requiredAchievements[0]']],
      [da702.id, otherUni.id, []],
      [da601.id, t.issuer.current.id, []],
    ])
    expect(result.rules.every((r) => r.outcome === 'pass')).toBe(true)
  })

  it('one module short: 200 with satisfied false and what is missing', async () => {
    const result = json<PathwayResult>(await evaluate({ credentials: [da701, da702], trustList }))
    expect(result.satisfied).toBe(false)
    expect(result.missing).toEqual([{ rule: 'minTotalCredits', detail: '20 more UK-CATS', need: 60, have: 40, unit: 'UK-CATS' }])
  })

  it('a component revoked in the service status list does not count', async () => {
    const revoked = await issueHere('https://modules.example/DA-601', holder.id)
    const change = await t.as('revoke', { method: 'POST', url: '/credentials/status', payload: { credentialId: revoked.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, status: true } })
    expect(change.statusCode).toBe(200)
    const result = json<PathwayResult>(await evaluate({ credentials: [da701, da702, revoked], trustList }))
    expect(result.satisfied).toBe(false)
    expect(result.excluded).toEqual([
      expect.objectContaining({ index: 2, credential: revoked.id, code: 'ERR_PATHWAY_COMPONENT_UNVERIFIED', check: expect.objectContaining({ id: 'status', code: 'ERR_STATUS_REVOKED' }) }),
    ])
  })

  it("another learner's module is excluded; issuers must be in the trust list sent with the request", async () => {
    const others = await issueHere('https://modules.example/DA-601', 'did:example:someone-else')
    const mixed = json<PathwayResult>(await evaluate({ credentials: [da701, da702, others], trustList, learner: { id: holder.id } }))
    expect(mixed.excluded.map((e) => [e.credential, e.code])).toEqual([[others.id, 'ERR_PATHWAY_LEARNER_MISMATCH']])
    expect(mixed.rules.find((r) => r.id === 'sameLearner')).toMatchObject({ outcome: 'fail' })

    const untrusted = json<PathwayResult>(await evaluate({ credentials: [da701, da702, da601] }))
    expect(untrusted.satisfied).toBe(false)
    expect(untrusted.excluded.map((e) => e.code)).toEqual(['ERR_PATHWAY_ISSUER_NOT_ACCEPTED', 'ERR_PATHWAY_ISSUER_NOT_ACCEPTED', 'ERR_PATHWAY_ISSUER_NOT_ACCEPTED'])
    const badList = await evaluate({ credentials: [da701], trustList: { entries: [{ did: 'did:example:x' }] } })
    expect([badList.statusCode, json(badList).code]).toEqual([400, 'ERR_TRUST_LIST_INVALID'])
  })

  it('takes a signed presentation: its holder is the learner', async () => {
    const vp = await signPresentation(holder, [da701, da702, da601], { challenge: 'pathway-1' })
    const result = json<PathwayResult>(await evaluate({ presentation: vp, trustList }))
    expect(result).toMatchObject({ satisfied: true, learner: { id: holder.id }, presentation: { verified: true, holder: holder.id } })
  })

  it('400 ERR_INPUT_INVALID for both or neither of credentials and presentation, or wrong types', async () => {
    for (const body of [{}, { credentials: [da701], presentation: {} }, { credentials: da701 }, { credentials: ['x'] }, { credentials: [], learner: { name: 'x' } }, { credentials: [], extra: 1 }]) {
      const res = await evaluate(body)
      expect([res.statusCode, json(res).code], JSON.stringify(Object.keys(body))).toEqual([400, 'ERR_INPUT_INVALID'])
    }
  })
})

describe('POST /pathways/:id/award', () => {
  let res: Awaited<ReturnType<typeof award>>
  let awarded: Award

  beforeAll(async () => {
    res = await award({ credentials: [da701, da702, da601], trustList })
    awarded = json<Award>(res)
  })

  it('signs a CLR 2.0 award with the service issuer (201), stored and returned byte for byte', async () => {
    expect(res.statusCode, res.body).toBe(201)
    const vc = awarded.verifiableCredential
    expect(vc.type).toEqual(['VerifiableCredential', 'ClrCredential'])
    expect(vc['issuer']).toMatchObject({ id: t.issuer.current.id, name: 'Example University' })
    expect(vc.id).toMatch(new RegExp(`^${BASE}/credentials/`))
    const subject = vc['credentialSubject'] as Record<string, unknown>
    expect(subject['id']).toBe(holder.id)
    expect(subject['verifiableCredential']).toEqual([da701, da702, da601])
    expect((subject['achievement'] as { id: string }[])[0]!.id).toBe(PATHWAY)
    expect(awarded.evaluation).toMatchObject({ satisfied: true, pathway: { id: PATHWAY } })

    const stored = await t.as('read', { method: 'GET', url: `/credentials/${vc.id.split('/').pop()}` })
    expect(stored.statusCode).toBe(200)
    expect(res.body).toContain(`"verifiableCredential":${stored.body}}`)
    const listed = json<{ credentials: { id: string }[] }>(await t.as('read', { method: 'GET', url: `/credentials?achievement=${encodeURIComponent(PATHWAY)}` }))
    expect(listed.credentials.map((c) => c.id)).toEqual([vc.id])
  })

  it('verifies with verifyCredential and the published status lists: schema, proof, status and every nested credential', async () => {
    const vc = awarded.verifiableCredential
    const urls = new Set<string>()
    for (const c of [vc, da701, da601]) for (const e of [c['credentialStatus']].flat() as { statusListCredential: string }[]) urls.add(e.statusListCredential)
    const lists = await Promise.all([...urls].map(async (url) => json((await t.app.inject({ method: 'GET', url: new URL(url).pathname })))))
    const result = await verifyCredential(vc, { statusResolver: createStatusListResolver({ lists }) })
    expect(result.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['shape', 'pass'],
      ['context', 'pass'],
      ['schema', 'pass'],
      ['proof', 'pass'],
      ['issuer', 'pass'],
      ['validity', 'pass'],
      ['status', 'pass'],
      ['nested', 'pass'],
    ])
    expect(result.verified).toBe(true)
    expect(result.checks.at(-1)!.details!['credentials']).toEqual([0, 1, 2].map((index) => expect.objectContaining({ index, verified: true })))

    const here = json<{ verified: boolean; checks: { id: string; outcome: string }[] }>(await t.app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: vc } }))
    expect(here.verified).toBe(true)
    expect(here.checks.find((c) => c.id === 'nested')).toMatchObject({ outcome: 'pass' })
  })

  it('a tampered nested credential breaks the award', async () => {
    const vc = structuredClone(awarded.verifiableCredential)
    ;((vc['credentialSubject'] as { verifiableCredential: Credential[] }).verifiableCredential[0]!)['name'] = 'Forged'
    const result = json<{ verified: boolean; checks: { id: string; code?: string }[] }>(await t.app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: vc } }))
    expect(result.verified).toBe(false)
    expect(result.checks.filter((c) => c.code !== undefined).map((c) => [c.id, c.code])).toEqual([
      ['proof', 'ERR_PROOF_INVALID'],
      ['nested', 'ERR_PROOF_INVALID'],
    ])
  })

  it('422 ERR_PATHWAY_NOT_SATISFIED with the evaluation when not satisfied; nothing is issued', async () => {
    const before = json<{ credentials: unknown[] }>(await t.as('read', { method: 'GET', url: '/credentials' })).credentials.length
    const refused = await award({ credentials: [da701, da702], trustList })
    expect(refused.statusCode).toBe(422)
    const body = json<{ code: string; details: { missing: unknown[]; evaluation: PathwayResult } }>(refused)
    expect(body.code).toBe('ERR_PATHWAY_NOT_SATISFIED')
    expect(body.details.missing).toEqual([{ rule: 'minTotalCredits', detail: '20 more UK-CATS', need: 60, have: 40, unit: 'UK-CATS' }])
    expect(body.details.evaluation.satisfied).toBe(false)
    expect(json<{ credentials: unknown[] }>(await t.as('read', { method: 'GET', url: '/credentials' })).credentials.length).toBe(before)
  })

  it('401 without a key, 403 without the issue scope', async () => {
    const none = await t.app.inject({ method: 'POST', url: `${PATH}/award`, payload: { credentials: [da701] } })
    expect([none.statusCode, json(none).code]).toEqual([401, 'ERR_AUTH_REQUIRED'])
    const read = await t.as('read', { method: 'POST', url: `${PATH}/award`, payload: { credentials: [da701] } })
    expect([read.statusCode, json(read).code]).toEqual([403, 'ERR_AUTH_FORBIDDEN'])
  })

  it('an Idempotency-Key retry returns the award issued the first time', async () => {
    const body = { credentials: [da701, da702, da601], trustList, learner: { id: holder.id } }
    const first = await award(body, { 'idempotency-key': 'award-retry-1' })
    const retry = await award(body, { 'idempotency-key': 'award-retry-1' })
    expect([first.statusCode, retry.statusCode]).toEqual([201, 201])
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(json<Award>(retry).verifiableCredential).toEqual(json<Award>(first).verifiableCredential)
  })

  it('the award is revocable like any credential issued here', async () => {
    const { verifiableCredential: vc } = json<Award>(await award({ credentials: [da701, da702, da601], trustList }))
    const revoked = await t.as('revoke', { method: 'POST', url: '/credentials/status', payload: { credentialId: vc.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, status: true } })
    expect(json(revoked)).toMatchObject({ credentialId: vc.id, revoked: true, changed: true })
    const result = json<{ verified: boolean; checks: { id: string; code?: string }[] }>(await t.app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: vc } }))
    expect(result.verified).toBe(false)
    expect(result.checks.find((c) => c.id === 'status')).toMatchObject({ code: 'ERR_STATUS_REVOKED' })
  })
})
