// The micro-credential model: toAchievement maps every Annex I element onto OB 3.0 (and the
// microcred extension only where OB 3.0 has no property), readMicroCredential reads them back
// (OB 3.0 fields first, so OB 3.0-only achievements are understood), and recipients by email
// are written as salted-hash IdentityObjects.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  buildAchievementCredential,
  EXTENSION_TERMS,
  emailIdentityObject,
  hashIdentity,
  matchesEmail,
  MicrocredError,
  readMicroCredential,
  toAchievement,
  usesExtensionTerms,
  type IdentityObject,
  type MicroCredentialDefinition,
} from '../../../src/core/index.js'
import { fullDefinition, GRADE_DESCRIPTION_ID } from '../../fixtures/micro-credential-definition.js'

const FIXTURES = new URL('../../fixtures/', import.meta.url)

const minimal: MicroCredentialDefinition = {
  id: 'urn:example:achievement:teamwork',
  name: 'Teamwork',
  description: 'Works well in a team.',
  criteria: 'Nominated by peers.',
}

function invalid(def: Record<string, unknown>): MicrocredError {
  try {
    toAchievement(def as unknown as MicroCredentialDefinition)
  } catch (e) {
    expect(e).toBeInstanceOf(MicrocredError)
    return e as MicrocredError
  }
  throw new Error('toAchievement accepted an invalid definition')
}

describe('toAchievement', () => {
  const achievement = toAchievement(fullDefinition)

  it('writes the OB 3.0 core: id, type, achievementType, name, description, criteria, image, humanCode, tags', () => {
    expect(achievement).toMatchObject({
      id: fullDefinition.id,
      type: ['Achievement'],
      achievementType: 'MicroCredential',
      name: fullDefinition.name,
      description: fullDefinition.description,
      criteria: { narrative: fullDefinition.criteria },
      image: { id: fullDefinition.image, type: 'Image' },
      humanCode: 'DL-101',
      tag: ['data', 'literacy', '数据'],
      fieldOfStudy: fullDefinition.fieldOfStudy,
      inLanguage: 'de-AT',
    })
  })

  it('credits → OB 3.0 creditsAvailable plus the credit system; workload in hours', () => {
    expect(achievement.creditsAvailable).toBe(5)
    expect(achievement['creditSystem']).toBe('ECTS')
    expect(achievement['workloadHours']).toBe(125)
  })

  it('levels → alignments with targetFramework, targetCode, targetUrl (and a default targetName)', () => {
    const levels = achievement.alignment!.filter((a) => a.targetFramework !== 'ESCO')
    expect(levels).toEqual([
      { type: ['Alignment'], targetName: 'EQF level 5', targetUrl: 'http://data.europa.eu/snb/eqf/5', targetFramework: 'EQF', targetCode: '5' },
      { type: ['Alignment'], targetName: 'NZQF Level 5', targetUrl: 'https://www.nzqa.govt.nz/nzqf/level-5', targetFramework: 'NZQF', targetCode: '5' },
    ])
  })

  it('ESCO skills of learning outcomes → competency alignments', () => {
    expect(achievement.alignment!.filter((a) => a.targetFramework === 'ESCO')).toEqual([
      {
        type: ['Alignment'],
        targetName: fullDefinition.learningOutcomes![0]!.text,
        targetUrl: fullDefinition.learningOutcomes![0]!.skills![0],
        targetFramework: 'ESCO',
        targetType: 'ceasn:Competency',
      },
    ])
  })

  it('quality assurance: body as a Profile, type, regime, accreditation URL and reference, description', () => {
    expect(achievement['qualityAssurance']).toEqual([
      {
        type: 'QualityAssurance',
        qaType: 'external',
        qaBody: { id: 'https://aq.example/agency', type: ['Profile'], name: 'AQ Austria — Agentur für Qualitätssicherung', url: 'https://aq.example' },
        regime: 'ESG 2015',
        accreditation: 'https://aq.example/decisions/2025-042',
        accreditationReference: 'AQ-2025/042',
        description: 'Programme accreditation',
      },
      { type: 'QualityAssurance', qaType: 'internal', qaBody: { id: 'https://uni.example', type: ['Profile'], name: 'Universität Beispiel' } },
    ])
  })

  it('the awarding body flag and the awarding bodies', () => {
    expect(achievement['issuerIsAwardingBody']).toBe(false)
    expect(achievement['awardingBody']).toEqual([{ id: 'https://awarding.example', type: ['Profile'], name: 'Awarding Body Ltd', url: 'https://awarding.example/about' }])
  })

  it('learning outcomes, with their related skills', () => {
    expect(achievement['learningOutcome']).toEqual([
      { type: 'LearningOutcome', description: fullDefinition.learningOutcomes![0]!.text, relatedSkill: fullDefinition.learningOutcomes![0]!.skills },
      { type: 'LearningOutcome', description: fullDefinition.learningOutcomes![1]!.text },
    ])
  })

  it('assessment, participation, prerequisites, supervision, stackability, parent course', () => {
    expect(achievement).toMatchObject({
      assessmentType: 'Proctored online exam and project',
      participationMode: 'blended',
      prerequisites: 'None — open to everyone',
      supervisionAndIdVerification: 'supervised-with-id-check',
      stackability: 'stackable',
      parentCourse: 'https://uni.example/programmes/msc-data-science',
    })
  })

  it('result descriptions, copied', () => {
    expect(achievement.resultDescription).toEqual(fullDefinition.resultDescriptions)
    expect(achievement.resultDescription![0]).not.toBe(fullDefinition.resultDescriptions![0])
    expect(achievement.resultDescription![0]!.id).toBe(GRADE_DESCRIPTION_ID)
  })

  it('uses every extension term, and only the extension terms outside OB 3.0', () => {
    expect(usesExtensionTerms(achievement)).toBe(true)
    for (const term of EXTENSION_TERMS) expect(achievement).toHaveProperty(term)
  })

  it('a minimal definition is plain OB 3.0: no extension terms, no empty members', () => {
    const plain = toAchievement(minimal)
    expect(plain).toEqual({
      id: minimal.id,
      type: ['Achievement'],
      achievementType: 'MicroCredential',
      name: 'Teamwork',
      description: 'Works well in a team.',
      criteria: { narrative: 'Nominated by peers.' },
    })
    expect(usesExtensionTerms(plain)).toBe(false)
  })

  it('keeps an explicit achievementType', () => {
    expect(toAchievement({ ...minimal, achievementType: 'Certificate' }).achievementType).toBe('Certificate')
  })

  it('shares no arrays with the definition', () => {
    const copy = toAchievement(fullDefinition)
    ;(copy['tag'] as string[]).push('mutated')
    ;(copy['learningOutcome'] as { relatedSkill?: string[] }[])[0]!.relatedSkill!.push('urn:mutated')
    expect(fullDefinition.tags).toEqual(['data', 'literacy', '数据'])
    expect(fullDefinition.learningOutcomes![0]!.skills).toHaveLength(1)
  })
})

describe('toAchievement rejects bad definitions with ERR_ACHIEVEMENT_INVALID naming each problem', () => {
  it.each([
    ['id', { id: 'not a uri' }, 'id must be a URL or URN'],
    ['name', { name: '  ' }, 'name must be a non-empty string'],
    ['description', { description: '' }, 'description must be a non-empty string'],
    ['criteria', { criteria: undefined }, 'criteria must be a non-empty string'],
    ['credits.value', { credits: { value: -1, system: 'ECTS' } }, 'credits.value must be a number ≥ 0'],
    ['credits.value NaN', { credits: { value: Number.NaN, system: 'ECTS' } }, 'credits.value must be a number ≥ 0'],
    ['credits.system', { credits: { value: 5, system: 'POINTS' } }, 'credits.system must be one of'],
    ['workloadHours', { workloadHours: -3 }, 'workloadHours must be a number ≥ 0'],
    ['level framework', { levels: [{ framework: '', code: '5', uri: 'http://data.europa.eu/snb/eqf/5' }] }, 'levels[0] needs framework and code'],
    ['level uri', { levels: [{ framework: 'EQF', code: '5', uri: 'EQF 5' }] }, 'levels[0].uri must be a URI'],
    ['QA body', { qualityAssurance: [{ body: { id: 'agency', name: '' }, type: 'external' }] }, 'qualityAssurance[0].body needs id (URI) and name'],
    ['QA type', { qualityAssurance: [{ body: { id: 'https://qa.example', name: 'QA' }, type: 'peer' }] }, 'qualityAssurance[0].type must be internal or external'],
    ['QA accreditation', { qualityAssurance: [{ body: { id: 'https://qa.example', name: 'QA' }, type: 'external', accreditation: 'see report' }] }, 'qualityAssurance[0].accreditation must be a URI'],
    ['outcome text', { learningOutcomes: [{ text: '' }] }, 'learningOutcomes[0].text must be a non-empty string'],
    ['outcome skill', { learningOutcomes: [{ text: 'ok', skills: ['not a uri'] }] }, 'learningOutcomes[0].skills: not a uri is not a URI'],
    ['participation', { participationMode: 'hybrid' }, 'participationMode must be one of online, onsite, blended'],
    ['supervision', { supervisionAndIdVerification: 'proctored' }, 'supervisionAndIdVerification must be one of'],
    ['stackability', { stackability: 'maybe' }, 'stackability must be one of standalone, stackable'],
    ['parentCourse', { parentCourse: 'MSc Data' }, 'parentCourse must be a URI'],
  ])('%s', (_what, change, problem) => {
    const error = invalid({ ...minimal, ...change })
    expect(error.code).toBe('ERR_ACHIEVEMENT_INVALID')
    const problems = error.details?.['problems'] as string[]
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(problem)
    expect(error.message).toContain(problem)
  })

  it('lists every problem at once, not just the first', () => {
    const error = invalid({ ...minimal, id: 'x', name: '', credits: { value: -1, system: 'ECTS' }, participationMode: 'hybrid', parentCourse: 'nope' })
    expect(error.details?.['problems']).toEqual([
      'id must be a URL or URN',
      'name must be a non-empty string',
      'credits.value must be a number ≥ 0',
      'participationMode must be one of online, onsite, blended',
      'parentCourse must be a URI',
    ])
  })

  it('accepts every credit system, participation mode, supervision level and stackability it names', () => {
    for (const system of ['ECTS', 'UK-CATS', 'NZQF', 'US-SEMESTER', 'US-QUARTER', 'CEU'] as const) {
      expect(toAchievement({ ...minimal, credits: { value: 0, system } })['creditSystem']).toBe(system)
    }
    for (const participationMode of ['online', 'onsite', 'blended'] as const) expect(() => toAchievement({ ...minimal, participationMode })).not.toThrow()
    for (const s of ['unsupervised-no-id-check', 'supervised-no-id-check', 'supervised-with-id-check'] as const) {
      expect(() => toAchievement({ ...minimal, supervisionAndIdVerification: s })).not.toThrow()
    }
    for (const stackability of ['standalone', 'stackable'] as const) expect(() => toAchievement({ ...minimal, stackability })).not.toThrow()
  })
})

describe('readMicroCredential', () => {
  it('reads back every element toAchievement wrote', () => {
    const def = fullDefinition
    expect(readMicroCredential(toAchievement(def))).toEqual({
      name: def.name,
      credits: { value: def.credits!.value, system: def.credits!.system },
      workloadHours: def.workloadHours,
      levels: [
        { framework: 'EQF', code: '5', uri: 'http://data.europa.eu/snb/eqf/5', name: 'EQF level 5' },
        { framework: 'NZQF', code: '5', uri: 'https://www.nzqa.govt.nz/nzqf/level-5', name: 'NZQF Level 5' },
      ],
      fieldOfStudy: def.fieldOfStudy,
      inLanguage: def.inLanguage,
      qualityAssurance: def.qualityAssurance,
      issuerIsAwardingBody: false,
      awardingBody: def.awardingBody,
      learningOutcomes: def.learningOutcomes,
      resultDescriptions: def.resultDescriptions,
      assessmentType: def.assessmentType,
      participationMode: def.participationMode,
      prerequisites: def.prerequisites,
      supervisionAndIdVerification: def.supervisionAndIdVerification,
      stackability: def.stackability,
      parentCourse: def.parentCourse,
    })
  })

  it('a minimal achievement has no levels, QA or outcomes, and no invented values', () => {
    expect(readMicroCredential(toAchievement(minimal))).toEqual({ name: 'Teamwork', levels: [], qualityAssurance: [], learningOutcomes: [], awardingBody: [], resultDescriptions: [] })
  })

  it('reads an OB 3.0-only achievement (1EdTech complete example) from OB 3.0 fields', () => {
    const example = JSON.parse(readFileSync(new URL('ob3/examples/complete-openbadgecredential.unsigned.json', FIXTURES), 'utf8'))
    const achievement = example.credentialSubject.achievement as Record<string, unknown>
    expect(usesExtensionTerms(achievement)).toBe(false)
    const facts = readMicroCredential(achievement)
    expect(facts.name).toBe(achievement['name'])
    expect(facts.credits).toEqual({ value: achievement['creditsAvailable'] }) // no credit system in OB 3.0
    expect(facts.fieldOfStudy).toBe(achievement['fieldOfStudy'])
    // Its alignments point into a course catalog (targetType CFItem / CTDL): neither levels nor skills.
    expect(facts.levels).toEqual([])
    expect(facts.learningOutcomes).toEqual([])
    expect(facts.qualityAssurance).toEqual([])
    expect(facts.workloadHours).toBeUndefined()
    expect(facts.issuerIsAwardingBody).toBeUndefined()
  })

  it('reads levels and outcomes of an OB 3.0-only achievement from its alignments', () => {
    const achievement = {
      id: 'https://other-issuer.example/achievements/1',
      type: ['Achievement'],
      name: 'Cloud Basics',
      description: 'd',
      criteria: { narrative: 'n' },
      creditsAvailable: 3,
      alignment: [
        { type: ['Alignment'], targetName: 'EQF level 4', targetUrl: 'http://data.europa.eu/snb/eqf/4', targetFramework: 'EQF', targetCode: '4' },
        { type: ['Alignment'], targetName: 'Use cloud services', targetUrl: 'http://data.europa.eu/esco/skill/cloud', targetType: 'ceasn:Competency' },
      ],
    }
    const facts = readMicroCredential(achievement)
    expect(facts.credits).toEqual({ value: 3 })
    expect(facts.levels).toEqual([{ framework: 'EQF', code: '4', uri: 'http://data.europa.eu/snb/eqf/4', name: 'EQF level 4' }])
    expect(facts.learningOutcomes).toEqual([{ text: 'Use cloud services', skills: ['http://data.europa.eu/esco/skill/cloud'] }])
  })

  it('ignores malformed extension values instead of guessing', () => {
    const facts = readMicroCredential({
      name: 'x',
      creditsAvailable: '5',
      workloadHours: 'many',
      issuerIsAwardingBody: 'yes',
      qualityAssurance: [{ qaType: 'peer', qaBody: { id: 'https://qa.example' } }, { qaType: 'external' }],
      learningOutcome: [{ description: 42 }],
    })
    expect(facts).toEqual({ name: 'x', levels: [], qualityAssurance: [], learningOutcomes: [], awardingBody: [], resultDescriptions: [] })
  })
})

describe('recipients by email', () => {
  const sha256 = (s: string): string => 'sha256$' + createHash('sha256').update(s, 'utf8').digest('hex')

  it('an email becomes a salted sha256 IdentityObject of the normalized address', async () => {
    const identity = await emailIdentityObject('  Learner@Example.ORG ', 'pepper')
    expect(identity).toEqual({
      type: 'IdentityObject',
      hashed: true,
      identityHash: sha256('learner@example.org' + 'pepper'),
      identityType: 'emailAddress',
      salt: 'pepper',
    })
    expect(JSON.stringify(identity)).not.toContain('learner@')
    expect(await hashIdentity('learner@example.org', 'pepper')).toBe(identity.identityHash)
  })

  it('without a salt a fresh random one is used each time', async () => {
    const a = await emailIdentityObject('learner@example.org')
    const b = await emailIdentityObject('learner@example.org')
    expect(a.salt).toMatch(/^[0-9a-f]{32}$/)
    expect(a.salt).not.toBe(b.salt)
    expect(a.identityHash).not.toBe(b.identityHash)
    expect(a.identityHash).toBe(sha256('learner@example.org' + a.salt))
  })

  it('matchesEmail is true for the address (any case, surrounding spaces) and false for any other', async () => {
    const identity = await emailIdentityObject('learner@example.org')
    expect(await matchesEmail(identity, 'learner@example.org')).toBe(true)
    expect(await matchesEmail(identity, ' LEARNER@example.org')).toBe(true)
    expect(await matchesEmail(identity, 'learner@example.com')).toBe(false)
    expect(await matchesEmail(identity, 'learner2@example.org')).toBe(false)
    expect(await matchesEmail({ ...identity, salt: 'other' }, 'learner@example.org')).toBe(false)
    expect(await matchesEmail({ ...identity, identityType: 'url' }, 'learner@example.org')).toBe(false)
  })

  it('matchesEmail compares an unhashed identity directly', async () => {
    const plain: IdentityObject = { type: 'IdentityObject', hashed: false, identityHash: 'learner@example.org', identityType: 'emailAddress' }
    expect(await matchesEmail(plain, 'Learner@example.org')).toBe(true)
    expect(await matchesEmail(plain, 'someone@example.org')).toBe(false)
  })

  it('rejects what is not an email address with ERR_RECIPIENT_INVALID', async () => {
    for (const bad of ['learner', 'learner@', '@example.org', 'a b@example.org', 'learner@example']) {
      await expect(emailIdentityObject(bad)).rejects.toMatchObject({ code: 'ERR_RECIPIENT_INVALID' })
    }
  })

  it('the credential builder writes an email recipient only as its hash, and an id recipient as the subject id', async () => {
    const issuer = { id: 'did:example:issuer', name: 'Uni' }
    const achievement = toAchievement(minimal)
    const byEmail = await buildAchievementCredential({ achievement, recipient: { email: 'learner@example.org', salt: 's1' }, issuer }, new Date('2026-01-01T00:00:00Z'))
    expect(byEmail.credentialSubject.id).toBeUndefined()
    expect(byEmail.credentialSubject.identifier).toEqual([await emailIdentityObject('learner@example.org', 's1')])
    expect(JSON.stringify(byEmail)).not.toContain('learner@example.org')
    expect(await matchesEmail(byEmail.credentialSubject.identifier![0]!, 'learner@example.org')).toBe(true)

    const byId = await buildAchievementCredential({ achievement, recipient: { id: 'did:example:learner' }, issuer }, new Date('2026-01-01T00:00:00Z'))
    expect(byId.credentialSubject.id).toBe('did:example:learner')
    expect(byId.credentialSubject.identifier).toBeUndefined()
    await expect(buildAchievementCredential({ achievement, recipient: { id: 'learner' }, issuer })).rejects.toMatchObject({ code: 'ERR_RECIPIENT_INVALID' })
  })
})
