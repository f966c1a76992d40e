// The rule engine: every rule kind, select, requiredWhen, match any/all, warnings, and the
// profile schema (a user's own profile is validated like the shipped ones).
import { describe, expect, it } from 'vitest'
import {
  buildAchievementCredential,
  evaluateProfile,
  MicrocredError,
  parseProfile,
  readCredentialFacts,
  resolveProfile,
  toAchievement,
  type FrameworkProfile,
  type ProfileElement,
} from '../../../src/core/index.js'
import { euDefinition, LEARNER } from './helpers.js'

async function credentialFor(overrides: Parameters<typeof euDefinition>[0] = {}, edit?: (c: Record<string, unknown>) => void): Promise<Record<string, unknown>> {
  const c = (await buildAchievementCredential({
    achievement: toAchievement(euDefinition(overrides)),
    recipient: { id: LEARNER },
    issuer: { id: 'did:example:issuer', name: 'Example University', address: { type: ['Address'], addressCountryCode: 'IE' } },
    validFrom: '2026-01-15T09:00:00Z',
  })) as unknown as Record<string, unknown>
  edit?.(c)
  return c
}

function profileOf(...elements: ProfileElement[]): FrameworkProfile {
  return parseProfile({ id: 'test', name: 'Test profile', version: '1', elements })
}

async function element(profileElement: ProfileElement, credential: Record<string, unknown>) {
  const result = await evaluateProfile(profileOf(profileElement), credential)
  return result.elements[0]!
}

describe('facts', () => {
  it('reads OB 3.0 fields first and the extension second', async () => {
    const facts = readCredentialFacts(await credentialFor({ credits: { value: 10, system: 'NZQF' } }))
    expect(facts).toMatchObject({
      learner: { id: LEARNER },
      title: 'Data Visualisation',
      issuer: { id: 'did:example:issuer', name: 'Example University' },
      issuerCountry: 'IE',
      issued: '2026-01-15T09:00:00Z',
      credits: { value: 10, system: 'NZQF', declaredSystem: 'NZQF' },
      workloadHours: 125,
      levels: [{ framework: 'EQF', code: '6', known: true }],
      assessmentType: 'Project-based assessment',
      participationMode: 'online',
      humanCode: 'DV-201',
    })
    expect(facts.competencies).toHaveLength(1)
    expect(facts.awardingBodies).toEqual([{ id: 'did:example:issuer', name: 'Example University' }])
  })

  it('understands a credential with only OB 3.0 fields (no extension)', () => {
    const facts = readCredentialFacts({
      issuer: { id: 'did:example:x', address: { addressCountryCode: 'FI' } },
      validFrom: '2026-01-01T00:00:00Z',
      awardedDate: '2025-12-20T00:00:00Z',
      credentialSubject: {
        id: 'did:example:y',
        achievement: {
          id: 'urn:x',
          name: 'Plain OB 3.0',
          creditsAvailable: 3,
          otherIdentifier: [{ identifierType: 'ext:NZSCED', identifier: '020103' }],
          alignment: [
            { targetName: 'EQF 5', targetUrl: 'http://data.europa.eu/snb/eqf/5' },
            { targetName: 'Software', targetUrl: 'http://data.europa.eu/snb/isced-f/0613', targetFramework: 'ISCED-F', targetCode: '0613' },
            { targetName: 'Write tests', targetUrl: 'http://data.europa.eu/esco/skill/abc', targetFramework: 'ESCO', targetType: 'ceasn:Competency' },
          ],
        },
      },
    })
    expect(facts.issued).toBe('2025-12-20T00:00:00Z')
    expect(facts.credits).toEqual({ value: 3 }) // no unit: not guessed
    expect(facts.levels).toEqual([{ framework: 'EQF', code: '5', uri: 'http://data.europa.eu/snb/eqf/5', declaredFramework: 'EQF', known: true }])
    expect(facts.fieldCodes).toEqual([
      { scheme: 'ISCED-F', code: '0613' },
      { scheme: 'NZSCED', code: '020103' },
    ])
    expect(facts.learningOutcomes).toEqual([{ text: 'Write tests', skills: ['http://data.europa.eu/esco/skill/abc'] }])
  })

  it('reads field codes from identifiers and from field-classification alignments, never as levels', () => {
    const facts = readCredentialFacts({
      credentialSubject: {
        achievement: {
          id: 'urn:y',
          otherIdentifier: [{ identifierType: 'ext:ISCED-F', identifier: '0613' }],
          alignment: [{ targetName: 'Carpentry', targetUrl: 'https://nzqa.example/nzsced/040399', targetFramework: 'NZSCED', targetCode: '040399' }],
        },
      },
    })
    expect(facts.fieldCodes).toEqual([
      { scheme: 'NZSCED', code: '040399' },
      { scheme: 'ISCED-F', code: '0613' },
    ])
    expect(facts.levels).toEqual([])
    expect(facts.competencies).toEqual([])
  })

  it('names the awarding bodies the achievement declares when the issuer is not one', async () => {
    const facts = readCredentialFacts(await credentialFor({ issuerIsAwardingBody: false, awardingBody: [{ id: 'https://awarding.example', name: 'Awarding Body' }] }))
    expect(facts.awardingBodies).toEqual([{ id: 'https://awarding.example', name: 'Awarding Body' }])
  })

  it('never throws on junk', () => {
    for (const junk of [null, 42, 'x', [], { credentialSubject: 'nope' }, { credentialSubject: [{ achievement: [] }] }]) {
      expect(() => readCredentialFacts(junk)).not.toThrow()
    }
  })
})

describe('rules', () => {
  it('required: missing fails with ERR_PROFILE_ELEMENT_MISSING; optional missing is skipped', async () => {
    const c = await credentialFor({ prerequisites: undefined })
    expect(await element({ id: 'p', name: 'Prerequisites', fact: 'prerequisites', required: true }, c)).toMatchObject({
      status: 'missing',
      outcome: 'fail',
      code: 'ERR_PROFILE_ELEMENT_MISSING',
      rule: 'required',
    })
    expect(await element({ id: 'p', name: 'Prerequisites', fact: 'prerequisites' }, c)).toMatchObject({ status: 'missing', outcome: 'skip' })
  })

  it('range: out of range reports the value found and the rule', async () => {
    const c = await credentialFor({ credits: { value: 45, system: 'NZQF' } })
    const result = await element({ id: 'c', name: 'Credits', fact: 'credits', required: true, rules: [{ kind: 'range', field: 'value', min: 5, max: 40 }] }, c)
    expect(result).toMatchObject({ status: 'out-of-range', outcome: 'fail', code: 'ERR_PROFILE_ELEMENT_OUT_OF_RANGE', value: 45, rule: '5 ≤ value ≤ 40' })
    expect(result.message).toMatch(/found 45, needs 5 ≤ value ≤ 40/)
  })

  it('oneOf, pattern, notPattern: invalid values fail with ERR_PROFILE_ELEMENT_INVALID', async () => {
    const c = await credentialFor()
    expect(await element({ id: 'u', name: 'Unit', fact: 'credits', rules: [{ kind: 'oneOf', field: 'system', values: ['NZQF'] }] }, c)).toMatchObject({
      status: 'invalid',
      code: 'ERR_PROFILE_ELEMENT_INVALID',
      value: 'ECTS',
    })
    expect(await element({ id: 'm', name: 'Mode', fact: 'participationMode', rules: [{ kind: 'oneOf', values: ['ONLINE'], caseInsensitive: true }] }, c)).toMatchObject({ outcome: 'pass' })
    expect(await element({ id: 'cc', name: 'Country', fact: 'issuerCountry', rules: [{ kind: 'pattern', pattern: '^[A-Z]{3}$' }] }, c)).toMatchObject({ status: 'invalid' })
    expect(await element({ id: 't', name: 'Title', fact: 'title', rules: [{ kind: 'notPattern', pattern: 'visual', flags: 'i' }] }, c)).toMatchObject({ status: 'invalid', value: 'Data Visualisation' })
  })

  it('minItems counts the selected items', async () => {
    const c = await credentialFor()
    expect(await element({ id: 'o', name: 'Outcomes', fact: 'learningOutcomes', rules: [{ kind: 'minItems', min: 2 }] }, c)).toMatchObject({ status: 'invalid', value: 1 })
  })

  it('ratio compares with another fact and is skipped when that fact is absent', async () => {
    const rule = { id: 'h', name: 'Hours', fact: 'workloadHours', rules: [{ kind: 'ratio', of: { fact: 'credits', field: 'value' }, equals: 10 }] } as ProfileElement
    expect(await element(rule, await credentialFor({ credits: { value: 12, system: 'NZQF' }, workloadHours: 120 }))).toMatchObject({ outcome: 'pass' })
    expect(await element(rule, await credentialFor({ credits: { value: 12, system: 'NZQF' }, workloadHours: 100 }))).toMatchObject({ status: 'out-of-range', value: 100 })
    expect(await element(rule, await credentialFor({ credits: undefined, workloadHours: 100 }))).toMatchObject({ outcome: 'pass' })
  })

  it('present and dateTime', async () => {
    const c = await credentialFor()
    expect(await element({ id: 'q', name: 'QA regime', fact: 'qualityAssurance', rules: [{ kind: 'present', field: 'accreditation' }] }, c)).toMatchObject({ status: 'missing', outcome: 'fail' })
    expect(await element({ id: 'd', name: 'Date', fact: 'issued', rules: [{ kind: 'dateTime' }] }, c)).toMatchObject({ outcome: 'pass' })
    const bad = await credentialFor({}, (x) => (x['awardedDate'] = '15 January 2026'))
    expect(await element({ id: 'd', name: 'Date', fact: 'issued', rules: [{ kind: 'dateTime' }] }, bad)).toMatchObject({ status: 'invalid' })
  })

  it('anyOf passes when one alternative holds', async () => {
    const rule = { id: 'w', name: 'Workload', fact: 'workload', required: true, rules: [{ kind: 'anyOf', rules: [{ kind: 'range', field: 'credits.value', min: 1 }, { kind: 'range', field: 'hours', min: 1 }] }] } as ProfileElement
    expect(await element(rule, await credentialFor({ credits: undefined, workloadHours: 40 }))).toMatchObject({ outcome: 'pass' })
    expect(await element(rule, await credentialFor({ credits: { value: 0, system: 'ECTS' }, workloadHours: 0 }))).toMatchObject({ outcome: 'fail', status: 'out-of-range' })
  })

  it('a warning rule is reported and never fails the element', async () => {
    const result = await element(
      { id: 'w', name: 'Workload', fact: 'credits', required: true, rules: [{ kind: 'oneOf', field: 'system', values: ['ECTS'], severity: 'warning', message: 'in ECTS' }] },
      await credentialFor({ credits: { value: 10, system: 'UK-CATS' } }),
    )
    expect(result).toMatchObject({ status: 'present', outcome: 'warn', warnings: [{ message: 'in ECTS', value: 'UK-CATS' }] })
  })

  it('select narrows a list; match "all" needs every selected item to pass, "any" one', async () => {
    const c = await credentialFor({
      levels: [
        { framework: 'NZQF', code: '5', uri: 'https://nzqa.example/5' },
        { framework: 'NZQF', code: '12', uri: 'https://nzqa.example/12' },
        { framework: 'EQF', code: '5', uri: 'http://data.europa.eu/snb/eqf/5' },
      ],
    })
    const base = { id: 'l', name: 'NZ level', fact: 'levels', select: { framework: 'NZQCF' }, rules: [{ kind: 'range', field: 'code', min: 1, max: 10 }] } as ProfileElement
    expect(await element({ ...base, match: 'any' }, c)).toMatchObject({ outcome: 'pass' })
    expect(await element({ ...base, match: 'all' }, c)).toMatchObject({ outcome: 'fail', value: '12' })
    expect(await element({ ...base, select: { framework: 'AQF' }, required: true }, c)).toMatchObject({ status: 'missing' })
    expect(await element({ ...base, select: { framework: ['AQF', 'EQF'] } }, c)).toMatchObject({ outcome: 'pass' })
  })

  it('requiredWhen: required only when the condition holds, otherwise not applicable', async () => {
    const rule = { id: 'M8', name: 'EQF level', fact: 'levels', select: { framework: 'EQF' }, requiredWhen: { fact: 'levels', select: { known: true }, present: true } } as ProfileElement
    expect(await element(rule, await credentialFor({ levels: [] }))).toMatchObject({ status: 'not-applicable', outcome: 'skip', required: false })
    expect(await element(rule, await credentialFor({ levels: [{ framework: 'FHEQ', code: '7', uri: 'https://fheq.example/7' }] }))).toMatchObject({
      status: 'missing',
      outcome: 'fail',
      required: true,
    })
  })
})

describe('profile documents', () => {
  it('a user profile is validated by the schema (ERR_PROFILE_INVALID with the path)', () => {
    const bad = (doc: unknown): MicrocredError => {
      try {
        parseProfile(doc, 'my-profile.json')
      } catch (e) {
        return e as MicrocredError
      }
      throw new Error('accepted')
    }
    expect(bad({ id: 'x', name: 'X', version: '1', elements: [{ id: 'a', name: 'A', fact: 'shoeSize' }] })).toMatchObject({ code: 'ERR_PROFILE_INVALID' })
    expect(bad({ id: 'x', name: 'X', version: '1', elements: [{ id: 'a', name: 'A', fact: 'title', rules: [{ kind: 'between' }] }] }).message).toMatch(/my-profile.json/)
    expect(bad({ id: 'x', name: 'X', version: '1', elements: [] }).code).toBe('ERR_PROFILE_INVALID')
    expect(bad({ id: 'x', name: 'X', version: '1', elements: [{ id: 'a', name: 'A', fact: 'title' }, { id: 'a', name: 'B', fact: 'title' }] }).message).toMatch(/used twice/)
    expect(bad({ id: 'x', name: 'X', version: '1', elements: [{ id: 'a', name: 'A', fact: 'title', rules: [{ kind: 'pattern', pattern: '(' }] }] }).message).toMatch(/invalid pattern/)
  })

  it('resolves shipped profiles by name and refuses unknown names', () => {
    expect(resolveProfile('nzqa').elements.length).toBeGreaterThan(3)
    expect(() => resolveProfile('atlantis')).toThrow(expect.objectContaining({ code: 'ERR_PROFILE_NOT_FOUND' }))
  })

  it('evaluates a user profile object the same way', async () => {
    const result = await evaluateProfile(resolveProfile({ id: 'mine', name: 'Mine', version: '1', elements: [{ id: 'code', name: 'Course code', fact: 'humanCode', required: true, rules: [{ kind: 'pattern', pattern: '^[A-Z]{2}-\\d{3}$' }] }] }), await credentialFor())
    expect(result).toMatchObject({ met: true, profile: { id: 'mine' }, summary: { required: 1, failed: 0 } })
  })
})
