// Every shipped profile, through verifyCredential({ profiles }) on real signed credentials:
// a compliant credential passes; for every rule, a credential that breaks only that rule
// fails only that element, with its status and code. Warnings never fail a profile.
import { beforeAll, describe, expect, it } from 'vitest'
import {
  BUNDLED_PROFILE_IDS,
  bundledProfiles,
  toAchievement,
  verifyCredential,
  type Achievement,
  type ElementResult,
  type Issuer,
  type MicroCredentialDefinition,
} from '../../../src/index.js'
import { clock, euDefinition, issueMicro, LEARNER, makeIssuer } from './helpers.js'

type Edit = (credential: Record<string, unknown>, achievement: Record<string, unknown>) => void

interface Case {
  name: string
  def?: Partial<MicroCredentialDefinition>
  edit?: Edit
  issuer?: 'other'
  /** The one element that fails, its status and code; absent: the profile is met. */
  fails?: [string, ElementResult['status'], string]
  /** Elements expected to warn (the profile is still met). */
  warns?: string[]
}

const subjectOf = (c: Record<string, unknown>): Record<string, unknown> => c['credentialSubject'] as Record<string, unknown>

async function run(profile: string, issuer: Issuer, base: MicroCredentialDefinition, baseEdit: Edit | undefined, c: Case) {
  const definition = { ...base, ...c.def } as MicroCredentialDefinition
  const achievement: Achievement = toAchievement(definition)
  const signed = await issueMicro(issuer, achievement, {
    edit: (unsigned) => {
      const ach = subjectOf(unsigned)['achievement'] as Record<string, unknown>
      baseEdit?.(unsigned, ach)
      c.edit?.(unsigned, ach)
    },
  })
  const result = await verifyCredential(signed, { clock, profiles: [profile] })
  const check = result.portability!.profiles.find((x) => x.id === `profile:${profile}`)!
  return { result, check, elements: check.details!['elements'] as ElementResult[] }
}

function expectCase(outcome: Awaited<ReturnType<typeof run>>, c: Case): void {
  const { check, elements } = outcome
  const failing = elements.filter((e) => e.outcome === 'fail')
  if (c.fails === undefined) {
    expect(failing).toEqual([])
    expect(check.outcome).toBe('pass')
  } else {
    const [id, status, code] = c.fails
    expect(failing.map((e) => e.id)).toEqual([id])
    expect(failing[0]).toMatchObject({ status, code })
    expect(failing[0]!.rule).toBeTruthy()
    expect(check).toMatchObject({ outcome: 'fail', code: 'ERR_PROFILE_NOT_MET' })
    expect(check.message).toContain(id)
  }
  expect(elements.filter((e) => e.outcome === 'warn').map((e) => e.id).sort()).toEqual([...(c.warns ?? [])].sort())
}

let ie: Issuer, nz: Issuer, gb: Issuer, au: Issuer, ca: Issuer
beforeAll(() => {
  ie = makeIssuer('Example University', 'IE')
  nz = makeIssuer('Example Polytechnic', 'NZ')
  gb = makeIssuer('Example College London', 'GB')
  au = makeIssuer('Example TAFE', 'AU')
  ca = makeIssuer('Example College Ontario', 'CA')
})

describe('the shipped profiles', () => {
  it('are the six named ones, valid against the profile schema, each element with a source', () => {
    expect([...bundledProfiles().keys()].sort()).toEqual([...BUNDLED_PROFILE_IDS].sort())
    for (const profile of bundledProfiles().values()) {
      expect(profile.source).toBeTruthy()
      for (const e of profile.elements) expect(e.source, `${profile.id} ${e.id}`).toBeTruthy()
    }
  })

  it('the EU profile has all 11 mandatory Annex I elements required and the optional ones not', () => {
    const eu = bundledProfiles().get('eu-microcredential-2022')!
    const required = eu.elements.filter((e) => e.required).map((e) => e.id)
    expect(required).toEqual(['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M9', 'M10', 'M11'])
    expect(eu.elements.find((e) => e.id === 'M8')!.requiredWhen).toBeDefined() // level: only when claimed
    expect(eu.elements.filter((e) => e.id.startsWith('O')).map((e) => e.id)).toEqual(['O1', 'O2', 'O3', 'O4', 'O5'])
  })
})

describe('eu-microcredential-2022', () => {
  const base = (): MicroCredentialDefinition => euDefinition({ prerequisites: 'None', supervisionAndIdVerification: 'supervised-with-id-check', stackability: 'stackable' })
  const cases: Case[] = [
    { name: 'a compliant credential passes, optional elements reported' },
    { name: 'M1 no learner identification', edit: (c) => delete subjectOf(c)['id'], fails: ['M1', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'M1 a salted-hash email identifies the learner', edit: (c) => { delete subjectOf(c)['id']; subjectOf(c)['identifier'] = [{ type: 'IdentityObject', hashed: true, identityHash: 'sha256$' + 'a'.repeat(64), identityType: 'emailAddress', salt: 'x' }] } },
    { name: 'M2 no title', edit: (c, a) => { delete a['name']; delete c['name'] }, fails: ['M2', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'M3 no issuer country', edit: (c) => delete (c['issuer'] as Record<string, unknown>)['address'], fails: ['M3', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'M3 a country that is not an ISO code', edit: (c) => ((c['issuer'] as Record<string, unknown>)['address'] = { type: ['Address'], addressCountryCode: 'Ireland' }), fails: ['M3', 'invalid', 'ERR_PROFILE_ELEMENT_INVALID'] },
    { name: 'M4 issuer is not the awarding body and none is named', def: { issuerIsAwardingBody: false }, fails: ['M4', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'M5 an awarded date that is not a date-time', edit: (c) => (c['awardedDate'] = '2026-01-15T09:00:00'), fails: ['M5', 'invalid', 'ERR_PROFILE_ELEMENT_INVALID'] },
    { name: 'M6 no learning outcomes', def: { learningOutcomes: undefined }, fails: ['M6', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'M7 no workload', def: { credits: undefined, workloadHours: undefined }, fails: ['M7', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'M7 workload in UK credits only warns', def: { credits: { value: 10, system: 'UK-CATS' } }, warns: ['M7'] },
    { name: 'M7 workload in hours only warns', def: { credits: undefined, workloadHours: 125 }, warns: ['M7'] },
    { name: 'M8 no level claimed: not applicable', def: { levels: [] } },
    { name: 'M8 a national level claimed without an EQF level', def: { levels: [{ framework: 'FHEQ', code: '6', uri: 'https://qaa.example/fheq/6' }] }, fails: ['M8', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'M8 EQF level out of range', def: { levels: [{ framework: 'EQF', code: '9', uri: 'http://data.europa.eu/snb/eqf/9' }] }, fails: ['M8', 'out-of-range', 'ERR_PROFILE_ELEMENT_OUT_OF_RANGE'] },
    { name: 'M9 no assessment type', def: { assessmentType: undefined }, fails: ['M9', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'M10 no form of participation', def: { participationMode: undefined }, fails: ['M10', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'M10 an unknown form of participation', edit: (_c, a) => (a['participationMode'] = 'by post'), fails: ['M10', 'invalid', 'ERR_PROFILE_ELEMENT_INVALID'] },
    { name: 'M11 no quality assurance', def: { qualityAssurance: undefined }, fails: ['M11', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'O2 an unknown supervision value', edit: (_c, a) => (a['supervisionAndIdVerification'] = 'proctored'), fails: ['O2', 'invalid', 'ERR_PROFILE_ELEMENT_INVALID'] },
    { name: 'O4 an unknown stackability value', edit: (_c, a) => (a['stackability'] = 'sometimes'), fails: ['O4', 'invalid', 'ERR_PROFILE_ELEMENT_INVALID'] },
  ]
  it.each(cases)('$name', async (c) => {
    const outcome = await run('eu-microcredential-2022', ie, base(), undefined, c)
    expectCase(outcome, { ...c, warns: [...(c.warns ?? []), ...(c.fails?.[0] === 'M11' ? [] : ['M11'])] }) // QA is claimed, unconfirmed without a trust list: a warning
    if (c.name.startsWith('a compliant')) {
      expect(outcome.result.verified).toBe(true)
      const byId = Object.fromEntries(outcome.elements.map((e) => [e.id, e]))
      expect(byId['O1']).toMatchObject({ status: 'present', value: 'None' })
      expect(byId['O3']).toMatchObject({ status: 'missing', outcome: 'skip' })
      expect(byId['M11']!.warnings![0]!.message).toMatch(/claimed, unconfirmed/)
    }
  })
})

describe('nzqa', () => {
  const base = (): MicroCredentialDefinition => ({
    ...euDefinition(),
    id: 'https://poly.example/mc/te-reo-workplace',
    name: 'Te Reo Māori for the Workplace',
    credits: { value: 10, system: 'NZQF' },
    workloadHours: 100,
    levels: [{ framework: 'NZQCF', code: '4', uri: 'https://www.nzqa.govt.nz/nzqf/level-4' }],
    qualityAssurance: [{ body: { id: 'https://www.nzqa.govt.nz', name: 'NZQA' }, type: 'external' }],
  })
  const nzsced: Edit = (_c, a) => (a['otherIdentifier'] = [{ type: 'IdentifierEntry', identifier: '091505', identifierType: 'ext:NZSCED' }])
  const cases: Case[] = [
    { name: 'a compliant credential passes' },
    { name: 'title with a restricted word only warns', def: { name: 'Diploma taster: Te Reo Māori' }, warns: ['title'] },
    // Converted with the credit table (10 UK credits = 10 NZ credits by the full-time year): met, with a warning.
    { name: 'credits in another unit are converted, with a warning', def: { credits: { value: 10, system: 'UK-CATS' } }, warns: ['credits'] },
    { name: 'credits in another unit, converted, still out of range', def: { credits: { value: 50, system: 'UK-CATS' }, workloadHours: 500 }, fails: ['credits', 'out-of-range', 'ERR_PROFILE_ELEMENT_OUT_OF_RANGE'] },
    { name: 'more than 40 credits', def: { credits: { value: 60, system: 'NZQF' }, workloadHours: 600 }, fails: ['credits', 'out-of-range', 'ERR_PROFILE_ELEMENT_OUT_OF_RANGE'] },
    { name: 'fewer than 5 credits only warns (historical minimum)', def: { credits: { value: 3, system: 'NZQF' }, workloadHours: 30 }, warns: ['credits'] },
    { name: 'no credits', def: { credits: undefined, workloadHours: undefined }, fails: ['credits', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'no NZQCF level', def: { levels: [{ framework: 'EQF', code: '4', uri: 'http://data.europa.eu/snb/eqf/4' }] }, fails: ['level', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'NZQCF level 11', def: { levels: [{ framework: 'NZQCF', code: '11', uri: 'https://www.nzqa.govt.nz/nzqf/level-11' }] }, fails: ['level', 'out-of-range', 'ERR_PROFILE_ELEMENT_OUT_OF_RANGE'] },
    { name: 'hours not credits × 10', def: { workloadHours: 120 }, fails: ['hours', 'out-of-range', 'ERR_PROFILE_ELEMENT_OUT_OF_RANGE'] },
    { name: 'no NZSCED code', edit: (_c, a) => delete a['otherIdentifier'], fails: ['field', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'an NZSCED code that is not six digits', edit: (_c, a) => (a['otherIdentifier'] = [{ type: 'IdentifierEntry', identifier: '0915', identifierType: 'ext:NZSCED' }]), fails: ['field', 'invalid', 'ERR_PROFILE_ELEMENT_INVALID'] },
    { name: 'no learning outcomes', def: { learningOutcomes: undefined }, fails: ['outcomes', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'no QA', def: { qualityAssurance: undefined }, fails: ['qa', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'QA by another body', def: { qualityAssurance: [{ body: { id: 'https://qa.example', name: 'QA Agency' }, type: 'external' }] }, fails: ['qa', 'invalid', 'ERR_PROFILE_ELEMENT_INVALID'] },
    { name: 'a provider outside New Zealand only warns', issuer: 'other', warns: ['issuer-country'] },
  ]
  it.each(cases)('$name', async (c) => {
    const noQa = c.fails?.[0] === 'qa'
    expectCase(await run('nzqa', c.issuer === 'other' ? ie : nz, base(), nzsced, c), { ...c, warns: [...(c.warns ?? []), ...(noQa ? [] : ['qa'])] })
  })
})

describe('uk-qaa', () => {
  const base = (): MicroCredentialDefinition => ({
    ...euDefinition(),
    credits: { value: 30, system: 'UK-CATS' },
    workloadHours: 300,
    levels: [{ framework: 'FHEQ', code: '6', uri: 'https://www.qaa.ac.uk/fheq/level-6' }],
    stackability: 'stackable',
  })
  const cases: Case[] = [
    { name: 'a compliant credential passes' },
    { name: 'SCQF credit points are UK credit too', def: { credits: { value: 30, system: 'UK-CATS' }, levels: [{ framework: 'SCQF', code: '9', uri: 'https://scqf.example/9' }] } },
    // ECTS → UK credits by the full-time year (60 ECTS = 120 UK credits): met, with a warning naming the conversion.
    { name: 'credits in ECTS are converted to UK credits, with a warning', def: { credits: { value: 15, system: 'ECTS' } }, warns: ['credits'] },
    { name: 'no credits', def: { credits: undefined }, fails: ['credits', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'no UK framework level', def: { levels: [{ framework: 'EQF', code: '6', uri: 'http://data.europa.eu/snb/eqf/6' }] }, fails: ['level', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'no learning outcomes', def: { learningOutcomes: undefined }, fails: ['outcomes', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'no assessment', def: { assessmentType: undefined }, fails: ['assessment', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'no QA', def: { qualityAssurance: undefined }, fails: ['qa', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'an unknown stackability value', edit: (_c, a) => (a['stackability'] = 'maybe'), fails: ['stackability', 'invalid', 'ERR_PROFILE_ELEMENT_INVALID'] },
  ]
  it.each(cases)('$name', async (c) => {
    expectCase(await run('uk-qaa', gb, base(), undefined, c), { ...c, warns: [...(c.warns ?? []), ...(c.fails?.[0] === 'qa' ? [] : ['qa'])] })
  })
})

describe('uk-lle-module', () => {
  const base = (): MicroCredentialDefinition => ({
    ...euDefinition(),
    credits: { value: 30, system: 'UK-CATS' },
    workloadHours: 300,
    levels: [{ framework: 'FHEQ', code: '5', uri: 'https://www.qaa.ac.uk/fheq/level-5' }],
    parentCourse: 'urn:course:htq-l5-cyber',
  })
  const cases: Case[] = [
    { name: 'a compliant module passes' },
    { name: 'RQF levels count too', def: { levels: [{ framework: 'RQF', code: '4', uri: 'https://ofqual.example/rqf/4' }] } },
    { name: 'fewer than 30 UK credits', def: { credits: { value: 20, system: 'UK-CATS' } }, fails: ['credits', 'out-of-range', 'ERR_PROFILE_ELEMENT_OUT_OF_RANGE'] },
    { name: 'credits in ECTS are converted (30 ECTS = 60 UK credits), with a warning', def: { credits: { value: 30, system: 'ECTS' } }, warns: ['credits'] },
    { name: 'credits in ECTS, converted, still too few', def: { credits: { value: 10, system: 'ECTS' } }, fails: ['credits', 'out-of-range', 'ERR_PROFILE_ELEMENT_OUT_OF_RANGE'] },
    { name: 'FHEQ level 7', def: { levels: [{ framework: 'FHEQ', code: '7', uri: 'https://www.qaa.ac.uk/fheq/level-7' }] }, fails: ['level', 'out-of-range', 'ERR_PROFILE_ELEMENT_OUT_OF_RANGE'] },
    { name: 'no FHEQ/RQF level', def: { levels: [{ framework: 'EQF', code: '5', uri: 'http://data.europa.eu/snb/eqf/5' }] }, fails: ['level', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'no parent course', def: { parentCourse: undefined }, fails: ['parent-course', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'a provider outside the UK', issuer: 'other', fails: ['issuer-country', 'invalid', 'ERR_PROFILE_ELEMENT_INVALID'] },
  ]
  it.each(cases)('$name', async (c) => {
    expectCase(await run('uk-lle-module', c.issuer === 'other' ? ie : gb, base(), undefined, c), { ...c, warns: [...(c.warns ?? []), 'qa'] })
  })
})

describe('au-nmf', () => {
  const teqsa = [{ body: { id: 'https://www.teqsa.gov.au', name: 'TEQSA' }, type: 'external' as const }]
  const base = (): MicroCredentialDefinition => ({
    ...euDefinition(),
    credits: undefined,
    workloadHours: 20,
    participationMode: 'blended',
    levels: [{ framework: 'AQF', code: '5', uri: 'https://www.aqf.edu.au/level-5' }],
    qualityAssurance: teqsa,
  })
  const cases: Case[] = [
    { name: 'a regulated provider passes without a QA statement', warns: ['regulator'] },
    { name: 'an unregulated provider with a QA statement passes', def: { qualityAssurance: [{ body: { id: 'https://skills.example', name: 'Skills Co' }, type: 'internal', description: 'Our QA statement: provider profile, QA processes, annual review.' }] } },
    { name: 'an unregulated provider without a QA statement', def: { qualityAssurance: [{ body: { id: 'https://skills.example', name: 'Skills Co' }, type: 'internal' }] }, fails: ['qa-statement', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    { name: 'no AQF level is fine (optional)', def: { levels: [] }, warns: ['regulator'] },
    { name: 'less than one hour of learning', def: { workloadHours: 0.5 }, fails: ['volume', 'out-of-range', 'ERR_PROFILE_ELEMENT_OUT_OF_RANGE'], warns: ['regulator'] },
    { name: 'no volume of learning', def: { workloadHours: undefined }, fails: ['volume', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'], warns: ['regulator'] },
    { name: 'no learning outcomes', def: { learningOutcomes: undefined }, fails: ['outcomes', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'], warns: ['regulator'] },
    { name: 'no assessment', def: { assessmentType: undefined }, fails: ['assessment', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'], warns: ['regulator'] },
    { name: 'no delivery mode', def: { participationMode: undefined }, fails: ['delivery-mode', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'], warns: ['regulator'] },
    { name: 'AQF level 11', def: { levels: [{ framework: 'AQF', code: '11', uri: 'https://www.aqf.edu.au/level-11' }] }, fails: ['aqf-level', 'out-of-range', 'ERR_PROFILE_ELEMENT_OUT_OF_RANGE'], warns: ['regulator'] },
  ]
  it.each(cases)('$name', async (c) => {
    expectCase(await run('au-nmf', au, base(), undefined, c), c)
  })
})

describe('ca-ontario', () => {
  const base = (): MicroCredentialDefinition => ({ ...euDefinition(), credits: undefined })
  const evidence: Edit = (c) => (c['evidence'] = [{ id: 'https://college.example/evidence/42', type: ['Evidence'], name: 'Capstone', narrative: 'Summative capstone assessed by an industry panel.' }])
  const cases: Case[] = [
    { name: 'a compliant credential passes' },
    { name: 'no competency alignment', def: { learningOutcomes: [{ text: 'Explain a chart' }] }, fails: ['competencies', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
    {
      name: 'no outcomes (a CASE competency is not an outcome statement)',
      def: { learningOutcomes: undefined },
      edit: (_c, a) => (a['alignment'] = [...((a['alignment'] as unknown[]) ?? []), { type: ['Alignment'], targetName: 'Data viz', targetUrl: 'https://case.example/CFItem/1', targetFramework: 'CASE', targetType: 'CFItem' }]),
      fails: ['outcomes', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'],
    },
    { name: 'no summative assessment evidence', edit: (c) => delete c['evidence'], fails: ['assessment-evidence', 'missing', 'ERR_PROFILE_ELEMENT_MISSING'] },
  ]
  it.each(cases)('$name', async (c) => {
    expectCase(await run('ca-ontario', ca, base(), evidence, c), c)
  })
})

it('several profiles in one verification: one portability entry each, in order, never changing authenticity', async () => {
  const signed = await issueMicro(ie, euDefinition())
  const result = await verifyCredential(signed, { clock, profiles: ['eu-microcredential-2022', 'nzqa', 'ca-ontario'] })
  expect(result.portability!.profiles.map((c) => [c.id, c.outcome])).toEqual([
    ['profile:eu-microcredential-2022', 'pass'],
    ['profile:nzqa', 'fail'],
    ['profile:ca-ontario', 'fail'],
  ])
  expect(result.checks.some((c) => c.id.startsWith('profile:'))).toBe(false)
  // Two profiles missed, yet the credential is authentic: portability is a separate verdict.
  expect(result.verified).toBe(true)
  expect(result.verdict.level).toBe('verified')
  expect(subjectOf(signed as unknown as Record<string, unknown>)['id']).toBe(LEARNER)
})

it('an unknown profile name is a programmer error (thrown), not a failed check', async () => {
  const signed = await issueMicro(ie, euDefinition())
  await expect(verifyCredential(signed, { clock, profiles: ['atlantis'] })).rejects.toMatchObject({ code: 'ERR_PROFILE_NOT_FOUND' })
})
