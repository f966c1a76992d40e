// The per-element fact readers (src/core/portability/facts/readers.ts), each on its own, and
// the order readCredentialFacts runs them in (later readers read what earlier ones wrote).
import { describe, expect, it } from 'vitest'
import { readCredentialFacts } from '../../../src/core/portability/facts.js'
import { FACT_READERS, readAwardingBodies, readCriteria, readCredits, readDates, readIssuer, readLevels, type FactSources } from '../../../src/core/portability/facts/readers.js'
import type { CredentialFacts } from '../../../src/core/portability/facts/types.js'
import { readMicroCredential } from '../../../src/core/model/micro-credential.js'

const empty = (): CredentialFacts => ({ awardingBodies: [], learningOutcomes: [], competencies: [], alignments: [], levels: [], fieldCodes: [], otherIdentifiers: [], qualityAssurance: [], results: [], evidence: [], endorsements: [] })

function sources(credential: Record<string, unknown>): FactSources {
  const subject = credential['credentialSubject'] as Record<string, unknown>
  const achievement = (subject['achievement'] ?? {}) as Record<string, unknown>
  return { credential, subject, achievement, issuer: (credential['issuer'] ?? {}) as Record<string, unknown>, mc: readMicroCredential(achievement), alignments: (achievement['alignment'] ?? []) as Record<string, unknown>[] }
}

const credential = {
  issuer: { id: 'did:example:uni', name: 'Example University', address: { addressCountryCode: 'IE' } },
  validFrom: '2026-01-01T00:00:00Z',
  awardedDate: '2025-12-20T00:00:00Z',
  credentialSubject: {
    id: 'did:example:learner',
    achievement: {
      id: 'urn:example:mc',
      criteria: { id: 'https://uni.example/criteria' },
      creditsAvailable: 5,
      creditSystem: 'ECTS',
      alignment: [{ type: ['Alignment'], targetName: 'EQF level 6', targetUrl: 'http://data.europa.eu/snb/eqf/6', targetFramework: 'EQF', targetCode: '6' }],
      awardingBody: [{ id: 'did:example:partner', name: 'Partner College' }],
    },
  },
}

describe('fact readers', () => {
  it('each reader writes its own element only', () => {
    const dates = empty()
    readDates(sources(credential), dates)
    expect(dates).toEqual({ ...empty(), validFrom: '2026-01-01T00:00:00Z', issued: '2025-12-20T00:00:00Z' })
    const credits = empty()
    readCredits(sources(credential), credits)
    expect(credits).toEqual({ ...empty(), credits: { value: 5, system: 'ECTS', declaredSystem: 'ECTS' }, workload: { credits: { value: 5, system: 'ECTS', declaredSystem: 'ECTS' } } })
    const levels = empty()
    readLevels(sources(credential), levels)
    expect(levels.levels).toEqual([{ framework: 'EQF', code: '6', uri: 'http://data.europa.eu/snb/eqf/6', declaredFramework: 'EQF', known: true }])
    const issuer = empty()
    readIssuer(sources(credential), issuer)
    expect(issuer).toEqual({ ...empty(), issuer: { id: 'did:example:uni', name: 'Example University' }, issuerCountry: 'IE' })
  })

  it('readers that build on earlier ones: awarding bodies after the issuer, further information after the criteria', () => {
    const facts = empty()
    readAwardingBodies(sources(credential), facts)
    expect(facts.awardingBodies).toEqual([]) // no issuer read yet
    readIssuer(sources(credential), facts)
    readAwardingBodies(sources(credential), facts)
    expect(facts.awardingBodies).toEqual([{ id: 'did:example:uni', name: 'Example University' }, { id: 'did:example:partner', name: 'Partner College' }])
    readCriteria(sources(credential), facts)
    expect(facts.furtherInformation).toBe('https://uni.example/criteria')
    expect(FACT_READERS.indexOf(readIssuer)).toBeLessThan(FACT_READERS.indexOf(readAwardingBodies))
  })

  it('readCredentialFacts runs every reader; anything not an object gives the empty facts', () => {
    const facts = readCredentialFacts(credential)
    expect(facts).toMatchObject({ learner: { id: 'did:example:learner' }, achievementId: 'urn:example:mc', issued: '2025-12-20T00:00:00Z', credits: { value: 5 } })
    expect(facts.awardingBodies).toHaveLength(2)
    for (const bad of [null, 42, 'x', []]) expect(readCredentialFacts(bad)).toEqual(empty())
  })
})
