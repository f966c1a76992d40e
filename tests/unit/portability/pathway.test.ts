// Stacking pathways with real signed credentials: a UK PG Certificate from two universities,
// an NZ certificate from NZQA micro-credentials, and an EU ECTS pathway mixing ECTS and UK
// credit. Exactly enough, one credit short, revoked, expired, another learner, the same
// credential twice, untrusted QA, and every rule failing on its own.
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  evaluatePathway,
  parsePathway,
  parseTrustList,
  toAchievement,
  type Issuer,
  type MicroCredentialDefinition,
  type Pathway,
  type PathwayResult,
  type SignedCredential,
  type TrustList,
} from '../../../src/index.js'
import { clock, endorse, euDefinition, issueMicro, LEARNER, makeIssuer, OTHER_LEARNER, revoking, statusEntry } from './helpers.js'

const example = (name: string): Pathway => parsePathway(JSON.parse(readFileSync(new URL(`../../../pathways/${name}`, import.meta.url), 'utf8')), name)

function module(code: string, credits: MicroCredentialDefinition['credits'], levels: MicroCredentialDefinition['levels'], extra: Partial<MicroCredentialDefinition> = {}): MicroCredentialDefinition {
  return euDefinition({ id: `https://modules.example/${code}`, name: `Module ${code}`, humanCode: code, credits, workloadHours: undefined, levels, ...extra })
}

const fheq = (l: number) => [{ framework: 'FHEQ', code: String(l), uri: `https://www.qaa.ac.uk/fheq/level-${l}` }]
const eqf = (l: number) => [{ framework: 'EQF', code: String(l), uri: `http://data.europa.eu/snb/eqf/${l}` }]
const nzqcf = (l: number) => [{ framework: 'NZQCF', code: String(l), uri: `https://www.nzqa.govt.nz/nzqf/level-${l}` }]
const uk = (value: number) => ({ value, system: 'UK-CATS' as const })
const ects = (value: number) => ({ value, system: 'ECTS' as const })
const nzc = (value: number) => ({ value, system: 'NZQF' as const })

function rule(result: PathwayResult, id: string) {
  return result.rules.find((r) => r.id === id)
}

describe('UK PG Certificate: 60 UK credits, at least 40 at FHEQ 7, from two universities', () => {
  let uniA: Issuer, uniB: Issuer, uniC: Issuer
  let trust: TrustList
  let pathway: Pathway
  let da701: SignedCredential, da702: SignedCredential, da601: SignedCredential
  const evaluate = (credentials: unknown[], options: Parameters<typeof evaluatePathway>[2] = {}) =>
    evaluatePathway(pathway, credentials, { verify: { clock }, trustList: trust, ...options })

  beforeAll(async () => {
    uniA = makeIssuer('University of Exampleton', 'GB')
    uniB = makeIssuer('Sampleshire University', 'GB')
    uniC = makeIssuer('Unlisted Academy', 'GB')
    trust = parseTrustList({
      entries: [
        { did: uniA.id, name: 'University of Exampleton', roles: ['issuer'] },
        { did: uniB.id, name: 'Sampleshire University', roles: ['issuer'] },
      ],
    })
    pathway = example('uk-pgcert-data-analytics.json')
    da701 = await issueMicro(uniA, module('DA-701', uk(20), fheq(7)))
    da702 = await issueMicro(uniB, module('DA-702', uk(20), fheq(7)))
    da601 = await issueMicro(uniA, module('DA-601', uk(20), fheq(6)))
  })

  it('exactly enough: satisfied, with every component counted and every rule passing', async () => {
    const result = await evaluate([da701, da702, da601])
    expect(result.satisfied).toBe(true)
    expect(result.excluded).toEqual([])
    expect(result.totals).toMatchObject({ credits: 60, unit: 'UK-CATS', method: 'fte-year', components: 3, atOrAboveLevel: [{ framework: 'FHEQ', level: '7', credits: 40 }] })
    expect(result.counted.map((c) => c.usedFor)).toEqual([['requiredAchievements[0]'], [], []])
    expect(result.counted[0]!.credits).toMatchObject({ value: 20, method: 'declared', from: { value: 20, system: 'UK-CATS' } })
    expect(result.rules.every((r) => r.outcome === 'pass')).toBe(true)
    expect(result.rules.map((r) => r.id)).toEqual(['sameLearner', 'maxAgeYears', 'issuers', 'allowedCreditUnits', 'noDoubleCounting', 'minTotalCredits', 'minCreditsAtOrAboveLevel[0]', 'requiredAchievements[0]'])
    expect(result.missing).toEqual([])
    expect(result.learner).toEqual({ id: LEARNER })
  })

  it('one credit short', async () => {
    const short = await issueMicro(uniA, module('DA-601', uk(19), fheq(6)))
    const result = await evaluate([da701, da702, short])
    expect(result.satisfied).toBe(false)
    expect(rule(result, 'minTotalCredits')).toMatchObject({ outcome: 'fail', code: 'ERR_PATHWAY_RULE_NOT_MET', detail: '59 of 60 UK-CATS (fte-year)' })
    expect(result.missing).toEqual([{ rule: 'minTotalCredits', detail: '1 more UK-CATS', need: 60, have: 59, unit: 'UK-CATS' }])
  })

  it('not enough at FHEQ 7', async () => {
    const l6 = await issueMicro(uniB, module('DA-702', uk(20), fheq(6)))
    const result = await evaluate([da701, l6, da601])
    expect(result.satisfied).toBe(false)
    expect(rule(result, 'minCreditsAtOrAboveLevel[0]')).toMatchObject({ outcome: 'fail' })
    expect(result.missing).toEqual([expect.objectContaining({ rule: 'minCreditsAtOrAboveLevel[0]', need: 40, have: 20 })])
  })

  it('a revoked component never counts', async () => {
    const revocable = await issueMicro(uniB, module('DA-702', uk(20), fheq(7)), { edit: (c) => (c['credentialStatus'] = statusEntry(7)) })
    const result = await evaluate([da701, revocable, da601], { verify: { clock, statusResolver: revoking(String(revocable.id)) } })
    expect(result.satisfied).toBe(false)
    expect(result.excluded).toEqual([
      expect.objectContaining({ index: 1, credential: revocable.id, code: 'ERR_PATHWAY_COMPONENT_UNVERIFIED', check: expect.objectContaining({ id: 'status', code: 'ERR_STATUS_REVOKED' }) }),
    ])
    const active = await evaluate([da701, revocable, da601], { verify: { clock, statusResolver: revoking() } })
    expect(active.satisfied).toBe(true)
  })

  it('an expired component never counts', async () => {
    const expired = await issueMicro(uniB, module('DA-702', uk(20), fheq(7)), { validUntil: '2026-03-01T00:00:00Z' })
    const result = await evaluate([da701, expired, da601])
    expect(result.satisfied).toBe(false)
    expect(result.excluded[0]).toMatchObject({ index: 1, code: 'ERR_PATHWAY_COMPONENT_UNVERIFIED', check: { id: 'validity', code: 'ERR_VALIDITY_EXPIRED' } })
  })

  it('a tampered component never counts', async () => {
    const tampered = structuredClone(da702) as unknown as { credentialSubject: { achievement: { creditsAvailable: number } } }
    tampered.credentialSubject.achievement.creditsAvailable = 60
    const result = await evaluate([da701, tampered, da601])
    expect(result.excluded[0]).toMatchObject({ index: 1, code: 'ERR_PATHWAY_COMPONENT_UNVERIFIED', check: { id: 'proof', code: 'ERR_PROOF_INVALID' } })
  })

  it('a component for another learner is excluded and the set is rejected', async () => {
    const others = await issueMicro(uniB, module('DA-703', uk(20), fheq(7)), { recipient: { id: OTHER_LEARNER } })
    const result = await evaluate([da701, da702, da601, others])
    expect(result.satisfied).toBe(false)
    expect(rule(result, 'sameLearner')).toMatchObject({ outcome: 'fail', code: 'ERR_PATHWAY_LEARNER_MISMATCH' })
    expect(result.excluded).toEqual([expect.objectContaining({ index: 3, code: 'ERR_PATHWAY_LEARNER_MISMATCH' })])
    expect(result.excluded[0]!.reason).toContain(OTHER_LEARNER)
    expect(result.totals.credits).toBe(60) // the others' credits are not counted
  })

  it('the same credential twice counts once', async () => {
    const result = await evaluate([da701, da702, da701])
    expect(result.satisfied).toBe(false)
    expect(result.excluded).toEqual([expect.objectContaining({ index: 2, code: 'ERR_PATHWAY_DOUBLE_COUNTED' })])
    expect(result.excluded[0]!.reason).toMatch(/same credential as component #0/)
    expect(result.totals.credits).toBe(40)
  })

  it('the same achievement in two credentials counts once', async () => {
    const again = await issueMicro(uniA, module('DA-701', uk(20), fheq(7)))
    const result = await evaluate([da701, again, da702])
    expect(result.excluded).toEqual([expect.objectContaining({ index: 1, code: 'ERR_PATHWAY_DOUBLE_COUNTED' })])
    expect(result.totals.credits).toBe(40)
  })

  it('an issuer that is not accepted (not in the trust list as an issuer)', async () => {
    const unlisted = await issueMicro(uniC, module('DA-601', uk(20), fheq(6)))
    const result = await evaluate([da701, da702, unlisted])
    expect(result.satisfied).toBe(false)
    expect(result.excluded).toEqual([expect.objectContaining({ index: 2, code: 'ERR_PATHWAY_ISSUER_NOT_ACCEPTED' })])
    expect(rule(result, 'issuers')!.detail).toMatch(/1 component\(s\) excluded/)
    const noTrust = await evaluatePathway(pathway, [da701], { verify: { clock } })
    expect(noTrust.excluded[0]!.reason).toMatch(/no trust list was supplied/)
  })

  it('a component older than five years', async () => {
    const old = await issueMicro(uniA, module('DA-601', uk(20), fheq(6)), { validFrom: '2020-09-01T00:00:00Z' })
    const result = await evaluate([da701, da702, old])
    expect(result.excluded).toEqual([expect.objectContaining({ index: 2, code: 'ERR_PATHWAY_COMPONENT_TOO_OLD' })])
  })

  it('a component in a credit unit the pathway does not accept', async () => {
    const ectsModule = await issueMicro(uniB, module('DA-601', ects(10), fheq(6)))
    const result = await evaluate([da701, da702, ectsModule])
    expect(result.excluded).toEqual([expect.objectContaining({ index: 2, code: 'ERR_PATHWAY_UNIT_NOT_ACCEPTED' })])
  })

  it('the required achievement missing', async () => {
    const other = await issueMicro(uniA, module('DA-703', uk(20), fheq(7)))
    const result = await evaluate([other, da702, da601])
    expect(result.satisfied).toBe(false)
    expect(rule(result, 'requiredAchievements[0]')).toMatchObject({ outcome: 'fail', detail: 'DA-701 Research Methods: missing' })
    expect(result.missing).toEqual([expect.objectContaining({ rule: 'requiredAchievements[0]', detail: 'DA-701 Research Methods' })])
  })

  it('an explicit allow list accepts issuers without a trust list', async () => {
    const allowed = parsePathway({ ...pathway, rules: { ...pathway.rules, issuers: { allow: [uniA.id, uniB.id] } } })
    expect((await evaluatePathway(allowed, [da701, da702, da601], { verify: { clock } })).satisfied).toBe(true)
    const denied = parsePathway({ ...pathway, rules: { ...pathway.rules, issuers: { allow: [uniA.id, uniB.id], deny: [uniB.id] } } })
    expect((await evaluatePathway(denied, [da701, da702, da601], { verify: { clock } })).excluded[0]!.reason).toMatch(/deny list/)
  })
})

describe('NZ certificate (level 4, 60 credits) from NZQA micro-credentials with assured QA', () => {
  let poly: Issuer, nzqa: Issuer, rogue: Issuer
  let trust: TrustList
  let pathway: Pathway
  let defs: MicroCredentialDefinition[]

  async function issueNz(def: MicroCredentialDefinition, endorser: Issuer | undefined, recipient: { id: string } | { email: string } = { id: LEARNER }) {
    const achievement = toAchievement(def)
    if (endorser !== undefined) achievement['endorsement'] = [await endorse(endorser, def.id)]
    return issueMicro(poly, achievement, { recipient })
  }

  beforeAll(async () => {
    poly = makeIssuer('Example Polytechnic', 'NZ')
    nzqa = makeIssuer('NZQA', 'NZ')
    rogue = makeIssuer('Totally Real QA', 'NZ')
    trust = parseTrustList({ entries: [{ did: nzqa.id, name: 'NZQA', scope: { levels: [{ framework: 'NZQCF', min: 1, max: 6 }] } }] })
    pathway = example('nz-cert-l4-construction.json')
    const qa = [{ body: { id: nzqa.id, name: 'NZQA' }, type: 'external' as const }]
    defs = [
      module('BCATS-1', nzc(20), nzqcf(4), { qualityAssurance: qa }),
      module('BCATS-2', nzc(20), nzqcf(4), { qualityAssurance: qa }),
      module('BCATS-3', nzc(20), nzqcf(3), { qualityAssurance: qa }),
    ]
  })

  it('satisfied when every component’s QA is assured by NZQA', async () => {
    const creds = await Promise.all(defs.map((d) => issueNz(d, nzqa)))
    const result = await evaluatePathway(pathway, creds, { verify: { clock }, trustList: trust })
    expect(result.satisfied).toBe(true)
    expect(result.counted.map((c) => c.qa)).toEqual(['assured', 'assured', 'assured'])
    expect(result.totals).toMatchObject({ credits: 60, unit: 'NZQF', atOrAboveLevel: [{ framework: 'NZQCF', level: '4', credits: 40 }] })
  })

  it('an untrusted QA claim does not count', async () => {
    const creds = [await issueNz(defs[0]!, nzqa), await issueNz(defs[1]!, nzqa), await issueNz({ ...defs[2]!, qualityAssurance: [{ body: { id: rogue.id, name: 'Totally Real QA' }, type: 'external' }] }, rogue)]
    const result = await evaluatePathway(pathway, creds, { verify: { clock }, trustList: trust })
    expect(result.satisfied).toBe(false)
    expect(result.excluded).toEqual([expect.objectContaining({ index: 2, code: 'ERR_TRUST_SIGNER_UNTRUSTED' })])
    expect(result.excluded[0]!.reason).toMatch(/claimed, unconfirmed/)
    expect(rule(result, 'minTotalCredits')!.outcome).toBe('fail')
  })

  it('without a trust list no QA is assured', async () => {
    const creds = await Promise.all(defs.map((d) => issueNz(d, nzqa)))
    const result = await evaluatePathway(pathway, creds, { verify: { clock } })
    expect(result.excluded.map((e) => e.code)).toEqual(['ERR_TRUST_NO_TRUST_LIST', 'ERR_TRUST_NO_TRUST_LIST', 'ERR_TRUST_NO_TRUST_LIST'])
    expect(rule(result, 'components')).toMatchObject({ outcome: 'fail' })
  })

  it('salted-hash email identities count only when the email proves them', async () => {
    const email = 'aroha@example.nz'
    const creds = await Promise.all(defs.map((d) => issueNz(d, nzqa, { email })))
    const unproven = await evaluatePathway(pathway, creds, { verify: { clock }, trustList: trust })
    expect(unproven.satisfied).toBe(false)
    expect(unproven.excluded.map((e) => e.code)).toEqual(Array(3).fill('ERR_PATHWAY_IDENTITY_UNPROVEN'))
    expect(rule(unproven, 'sameLearner')!.outcome).toBe('pass') // not evidence of another learner

    const proven = await evaluatePathway(pathway, creds, { verify: { clock }, trustList: trust, learner: { email: ' Aroha@Example.NZ ' } })
    expect(proven.satisfied).toBe(true)
    expect(proven.learner).toEqual({ email: true })

    const wrong = await evaluatePathway(pathway, creds, { verify: { clock }, trustList: trust, learner: { email: 'someone@else.nz' } })
    expect(wrong.excluded.map((e) => e.code)).toEqual(Array(3).fill('ERR_PATHWAY_LEARNER_MISMATCH'))
    expect(rule(wrong, 'sameLearner')!.outcome).toBe('fail')
  })

  it('with only an email, a subject id nothing links to it does not count (and is not taken as the learner)', async () => {
    const email = 'aroha@example.nz'
    const creds = [await issueNz(defs[0]!, nzqa, { id: OTHER_LEARNER }), await issueNz(defs[1]!, nzqa, { email }), await issueNz(defs[2]!, nzqa, { email })]
    const result = await evaluatePathway(pathway, creds, { verify: { clock }, trustList: trust, learner: { email } })
    expect(result.excluded).toEqual([expect.objectContaining({ index: 0, code: 'ERR_PATHWAY_IDENTITY_UNPROVEN' })])
    expect(result.counted.map((c) => c.index)).toEqual([1, 2])
    expect(result.learner).toEqual({ email: true })
  })

  it('a mix of subject id and proven email is one learner', async () => {
    const creds = [await issueNz(defs[0]!, nzqa), await issueNz(defs[1]!, nzqa, { email: 'aroha@example.nz' }), await issueNz(defs[2]!, nzqa)]
    const result = await evaluatePathway(pathway, creds, { verify: { clock }, trustList: trust, learner: { id: LEARNER, email: 'aroha@example.nz' } })
    expect(result.satisfied).toBe(true)
  })

  it('fewer components than the minimum', async () => {
    const big = await issueNz(module('BCATS-9', nzc(60), nzqcf(4), { qualityAssurance: defs[0]!.qualityAssurance }), nzqa)
    const result = await evaluatePathway(pathway, [big], { verify: { clock }, trustList: trust })
    expect(rule(result, 'minComponents')).toMatchObject({ outcome: 'fail', detail: '1 of 2 components' })
    expect(result.satisfied).toBe(false)
  })
})

describe('EU PG Certificate in ECTS, mixing ECTS and UK-credit components', () => {
  let ie: Issuer, gb: Issuer
  let pathway: Pathway
  let ds101: SignedCredential, ds201: SignedCredential, ds202: SignedCredential
  const evaluate = (credentials: unknown[], p: Pathway = pathway) => evaluatePathway(p, credentials, { verify: { clock } })

  beforeAll(async () => {
    ie = makeIssuer('Example University Dublin', 'IE')
    gb = makeIssuer('Example University Leeds', 'GB')
    pathway = example('pgcert-data-science.json')
    ds101 = await issueMicro(ie, module('DS-101', ects(10), eqf(7)))
    ds201 = await issueMicro(gb, module('DS-201', uk(20), fheq(7))) // 20 UK credits = 10 ECTS (fte-year); FHEQ 7 → EQF 7
    ds202 = await issueMicro(ie, module('DS-202', ects(10), eqf(6)))
  })

  it('satisfied: 30 ECTS, 20 at EQF 7, the UK credits converted and the original kept', async () => {
    const result = await evaluate([ds101, ds201, ds202])
    expect(result.satisfied).toBe(true)
    expect(result.totals).toMatchObject({ credits: 30, unit: 'ECTS', method: 'fte-year', atOrAboveLevel: [{ framework: 'EQF', level: '7', credits: 20 }] })
    expect(result.counted[1]).toMatchObject({ credits: { value: 10, system: 'ECTS', method: 'fte-year', from: { value: 20, system: 'UK-CATS' } }, eqf: [7], usedFor: ['chooseFrom[0]'] })
    expect(rule(result, 'chooseFrom[0]')).toMatchObject({ outcome: 'pass' })
  })

  it('the conversion method matters: hour-based, 20 UK credits are only 6.67 ECTS', async () => {
    const hours = parsePathway({ ...pathway, conversion: 'hours-30' })
    const result = await evaluate([ds101, ds201, ds202], hours)
    expect(result.counted[1]!.credits).toMatchObject({ method: 'hours-30' })
    expect(result.totals.credits).toBeCloseTo(26.67, 2)
    expect(result.satisfied).toBe(false)
  })

  it('an elective group short of its minimum', async () => {
    const elsewhere = await issueMicro(ie, module('XX-999', ects(10), eqf(7)))
    const result = await evaluate([ds101, ds201, elsewhere])
    expect(rule(result, 'chooseFrom[0]')).toMatchObject({ outcome: 'fail', code: 'ERR_PATHWAY_RULE_NOT_MET' })
    expect(result.missing).toEqual([expect.objectContaining({ rule: 'chooseFrom[0]', need: 2, have: 1 })])
    expect(result.missing[0]!.detail).toMatch(/1 more of: DS-202 Data Visualisation, DS-203 Data Engineering/)
  })

  it('a level outside the range is excluded (SCQF 7 is EQF 4 or 5: below 6 whichever it is)', async () => {
    const scqf7 = await issueMicro(gb, module('DS-203', uk(20), [{ framework: 'SCQF', code: '7', uri: 'https://scqf.example/7' }]))
    const result = await evaluate([ds101, ds201, scqf7])
    expect(result.excluded).toEqual([expect.objectContaining({ index: 2, code: 'ERR_PATHWAY_LEVEL_OUT_OF_RANGE' })])
  })

  it('ambiguous mappings are conservative: AQF 8 (EQF 6 or 7) is not "at EQF 7" unless the pathway opts into any', async () => {
    const au = makeIssuer('Example University Sydney', 'AU')
    const aqf8 = await issueMicro(au, module('DS-202', ects(10), [{ framework: 'AQF', code: '8', uri: 'https://www.aqf.edu.au/level-8' }]))
    const strict = await evaluate([ds101, ds201, aqf8])
    expect(strict.excluded[0]).toMatchObject({ code: 'ERR_PATHWAY_LEVEL_OUT_OF_RANGE' }) // unverified mapping: no EQF level at all by default
    expect(strict.excluded[0]!.reason).toMatch(/unverified/)

    const needs30at7 = { ...pathway.rules, minCreditsAtOrAboveLevel: [{ framework: 'EQF', level: 7, credits: 30 }] }
    const all = await evaluate([ds101, ds201, aqf8], parsePathway({ ...pathway, levelConfidence: 'unverified', rules: needs30at7 }))
    expect(all.counted).toHaveLength(3)
    expect(all.counted[2]!.eqf).toEqual([6, 7])
    expect(rule(all, 'minCreditsAtOrAboveLevel[0]')).toMatchObject({ outcome: 'fail' })
    const any = await evaluate([ds101, ds201, aqf8], parsePathway({ ...pathway, levelConfidence: 'unverified', levelMatch: 'any', rules: needs30at7 }))
    expect(rule(any, 'minCreditsAtOrAboveLevel[0]')).toMatchObject({ outcome: 'pass' })
    expect(any.satisfied).toBe(true)
  })

  it('no double counting: one component cannot satisfy two requirements', async () => {
    const overlapping = parsePathway({
      ...pathway,
      rules: { ...pathway.rules, chooseFrom: [{ min: 3, of: [{ match: { humanCode: 'DS-101' } }, { match: { humanCode: 'DS-201' } }, { match: { humanCode: 'DS-202' } }] }] },
    })
    const result = await evaluate([ds101, ds201, ds202], overlapping)
    expect(result.satisfied).toBe(false)
    expect(rule(result, 'requiredAchievements[0]')!.outcome).toBe('pass')
    expect(rule(result, 'chooseFrom[0]')).toMatchObject({ outcome: 'fail', code: 'ERR_PATHWAY_DOUBLE_COUNTED' })
    const allowed = await evaluate([ds101, ds201, ds202], parsePathway({ ...overlapping, rules: { ...overlapping.rules, noDoubleCounting: false } }))
    expect(allowed.satisfied).toBe(true)
  })

  it('components already counted towards another award are excluded', async () => {
    const result = await evaluatePathway(pathway, [ds101, ds201, ds202], { verify: { clock }, alreadyCounted: [String(ds202.id)] })
    expect(result.excluded).toEqual([expect.objectContaining({ index: 2, code: 'ERR_PATHWAY_DOUBLE_COUNTED', reason: 'already counted towards another award' })])
  })

  it('per-component constraints (an LLE-style parent course and minimum size)', async () => {
    const lle = parsePathway({ ...pathway, rules: { ...pathway.rules, componentConstraints: { minCredits: 10, parentCourse: 'https://uni.example/pgcert-ds' } } })
    const inCourse = await issueMicro(ie, module('DS-101', ects(10), eqf(7), { parentCourse: 'https://uni.example/pgcert-ds' }))
    const result = await evaluate([inCourse, ds201], lle)
    expect(result.excluded).toEqual([expect.objectContaining({ index: 1, code: 'ERR_PATHWAY_COMPONENT_CONSTRAINT' })])
    expect(result.excluded[0]!.reason).toMatch(/parent course not stated/)
  })

  it('takes a verifiable presentation; its holder names the learner only when its proof verifies', async () => {
    const vp = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: OTHER_LEARNER, verifiableCredential: [ds101, ds201, ds202] }
    const result = await evaluatePathway(pathway, vp, { verify: { clock } })
    expect(result.satisfied).toBe(true)
    expect(result.learner.id).toBe(LEARNER) // unsigned: the holder is not proven, the subject decides
    expect(result.presentation).toEqual({ verified: false, holder: OTHER_LEARNER })
  })

  it('a credential that is not an achievement credential does not count', async () => {
    const result = await evaluate([ds101, ds201, ds202, { not: 'a credential' }])
    expect(result.excluded).toEqual([expect.objectContaining({ index: 3, credential: '#3', code: 'ERR_PATHWAY_COMPONENT_UNVERIFIED' })])
    expect(result.satisfied).toBe(true)
  })
})

describe('pathway documents', () => {
  it('the example pathways are valid', () => {
    for (const name of ['pgcert-data-science.json', 'nz-cert-l4-construction.json', 'uk-pgcert-data-analytics.json']) expect(example(name).id).toMatch(/^urn:pathway:/)
  })

  it.each([
    [{ id: 'urn:x', name: 'X', targetAward: { name: 'X' }, creditUnit: 'ECTS' }, /rules/],
    [{ id: 'not a uri', name: 'X', targetAward: { name: 'X' }, creditUnit: 'ECTS', rules: {} }, /pattern/],
    [{ id: 'urn:x', name: 'X', targetAward: { name: 'X' }, creditUnit: 'bananas', rules: {} }, /not a credit system/],
    [{ id: 'urn:x', name: 'X', targetAward: { name: 'X' }, creditUnit: 'ECTS', rules: { maxAgeYear: 5 } }, /maxAgeYear/],
    [{ id: 'urn:x', name: 'X', targetAward: { name: 'X' }, creditUnit: 'ECTS', rules: { chooseFrom: [{ min: 3, of: [{ match: { humanCode: 'A' } }] }] } }, /asks for 3 of 1/],
    [{ id: 'urn:x', name: 'X', targetAward: { name: 'X' }, creditUnit: 'ECTS', conversion: 'vibes', rules: {} }, /conversion/],
  ])('refuses an invalid pathway with ERR_PATHWAY_INVALID (%#)', (doc, message) => {
    expect(() => parsePathway(doc, 'p.json')).toThrow(expect.objectContaining({ code: 'ERR_PATHWAY_INVALID', message: expect.stringMatching(message) }))
  })
})
