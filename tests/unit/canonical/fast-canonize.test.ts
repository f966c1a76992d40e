// Each trap that breaks byte equality, as its own case: the fast path either equals
// jsonld.canonize (safe mode) or declines (undefined) — and declines exactly where jsonld.js
// rejects the document.
import { describe, expect, it } from 'vitest'
import { fastCanonize, fastPathGap, fastToQuads } from '../../../src/core/canonical/fast-canonize.js'
import { jsonldCanonize } from './differential.js'
import { MICROCRED_CONTEXT, OB_V3P0, VC_V2 } from './ob3-arbitraries.js'

type Json = Record<string, unknown>

function badge(achievementExtra: Json = {}, subjectExtra: Json = {}, credentialExtra: Json = {}): Json {
  return {
    '@context': MICROCRED_CONTEXT,
    id: 'urn:uuid:2f3a4c1e-0d9b-4a8e-8f1f-5b7c6d9e0a11',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', type: ['Profile'], name: 'Example College' },
    validFrom: '2026-01-01T00:00:00Z',
    name: 'Intro to Data',
    credentialSubject: {
      type: ['AchievementSubject'],
      id: 'did:example:learner-1',
      achievement: {
        id: 'https://college.example/achievements/intro-data',
        type: ['Achievement'],
        name: 'Intro to Data',
        description: 'Basics.',
        criteria: { narrative: 'Pass the quiz.' },
        ...achievementExtra,
      },
      ...subjectExtra,
    },
    ...credentialExtra,
  }
}

async function expectEqual(document: Json): Promise<string> {
  const fast = fastCanonize(document)
  expect(fast, fastPathGap(document)).toBeTypeOf('string')
  expect(fast).toBe(await jsonldCanonize(document))
  return fast!
}

async function expectDeclinedAndRejected(document: Json, gap: RegExp): Promise<void> {
  expect(fastCanonize(document)).toBeUndefined()
  expect(fastPathGap(document)).toMatch(gap)
  await expect(jsonldCanonize(document)).rejects.toThrow()
}

describe('fastCanonize: numbers', () => {
  it.each([
    ['whole numbers typed xsd:float stay plain', { creditsAvailable: 5 }, '"5"^^<https://www.w3.org/2001/XMLSchema#float>'],
    ['fractions in E notation', { creditsAvailable: 1.5 }, '"1.5E0"^^<https://www.w3.org/2001/XMLSchema#float>'],
    ['≥ 1e21 in E notation', { creditsAvailable: 1e21 }, '"1.0E21"^^<https://www.w3.org/2001/XMLSchema#float>'],
    ['tiny numbers print as toFixed(0)', { workloadHours: 1e-7 }, '"0"^^<http://www.w3.org/2001/XMLSchema#integer>'],
    ['…with their sign', { workloadHours: -1e-7 }, '"-0"^^<http://www.w3.org/2001/XMLSchema#integer>'],
    ['negative zero', { workloadHours: -0 }, '"0"^^<http://www.w3.org/2001/XMLSchema#integer>'],
    ['untyped doubles → xsd:double', { workloadHours: 12.25 }, '"1.225E1"^^<http://www.w3.org/2001/XMLSchema#double>'],
    ['numbers as strings under a typed term stay as written', { creditsAvailable: '5.50' }, '"5.50"^^<https://www.w3.org/2001/XMLSchema#float>'],
    ['booleans → xsd:boolean', { issuerIsAwardingBody: false }, '"false"^^<http://www.w3.org/2001/XMLSchema#boolean>'],
  ])('%s', async (_name, extra, expected) => {
    expect(await expectEqual(badge(extra))).toContain(expected)
  })

  it('a value typed xsd:double is written in E notation even when given as a string', async () => {
    const canonical = await expectEqual(badge({ fieldOfStudy: { '@value': '2', '@type': 'http://www.w3.org/2001/XMLSchema#double' } }))
    expect(canonical).toContain('"2.0E0"^^<http://www.w3.org/2001/XMLSchema#double>')
  })
})

describe('fastCanonize: strings and language tags', () => {
  it('escapes and unicode survive byte for byte (NFD stays NFD)', async () => {
    await expectEqual(badge({ name: 'Cafe\u0301 “quoted” \\ \n\t\u0000 数据 🎓 \ud800' }))
  })
  it('language tags are lower-cased', async () => {
    expect(await expectEqual(badge({ name: { '@value': 'Daten', '@language': 'de-AT' } }))).toContain('"Daten"@de-at')
  })
  it('an invalid BCP 47 tag: declined, and jsonld.js rejects it in safe mode', async () => {
    await expectDeclinedAndRejected(badge({ name: { '@value': 'Daten', '@language': 'de_AT' } }), /BCP 47/)
  })
  it('@direction is left to jsonld.js', () => {
    expect(fastPathGap(badge({ name: { '@value': 'x', '@direction': 'rtl' } }))).toMatch(/@direction/)
  })
})

describe('fastCanonize: duplicates', () => {
  it('removes duplicates as jsonld.js does (5 and "5" are different values; equal blank nodes stay)', async () => {
    const alignment = { type: ['Alignment'], targetName: 'x', targetUrl: 'https://example.org/x' }
    const canonical = await expectEqual(badge({ tag: ['a', 'a', 5, '5', 5], alignment: [alignment, { ...alignment }] }))
    expect(canonical.match(/keywords> "a" \./g)).toHaveLength(1)
    expect(canonical.match(/targetName> "x" \./g)).toHaveLength(2)
  })
  it('a typed string and a native value that are the same RDF literal stay two quads (as jsonld.js keeps them)', async () => {
    const document = badge({}, { identifier: [{ type: 'IdentityObject', hashed: [true, 'true'], identityHash: 'h', identityType: 'emailAddress' }] })
    const canonical = await expectEqual(document)
    expect(canonical.match(/"true"\^\^<https:\/\/www.w3.org\/2001\/XMLSchema#boolean>/g)).toHaveLength(2)
  })
  it('merges a node embedded twice', async () => {
    const issuer = { id: 'https://college.example', type: ['Profile'], name: 'College' }
    await expectEqual(badge({ awardingBody: [issuer, { ...issuer, name: 'Other' }] }, {}, { issuer }))
  })
})

describe('fastCanonize: contexts', () => {
  it('type-scoped terms do not propagate into nested nodes', async () => {
    // achievementType is defined only inside Achievement's scoped context
    await expectDeclinedAndRejected(badge({ criteria: { narrative: 'x', achievementType: 'Course' } }), /achievementType/)
  })
  it('property-scoped contexts apply (proofPurpose: @vocab against its own scoped context)', async () => {
    const config = {
      '@context': MICROCRED_CONTEXT,
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      created: '2026-01-01T00:00:00Z',
      verificationMethod: 'did:key:z6Mk#z6Mk',
      proofPurpose: 'assertionMethod',
    }
    expect(await expectEqual(config)).toContain('<https://w3id.org/security#assertionMethod>')
  })
  it('@type: @id and compact IRIs (mc: prefix)', async () => {
    const canonical = await expectEqual(badge({ parentCourse: 'https://college.example/p', 'mc:custom': 'v' }))
    expect(canonical).toContain('<https://w3id.org/microcred/v1#parentCourse> <https://college.example/p>')
    expect(canonical).toContain('<https://w3id.org/microcred/v1#custom> "v"')
  })
  it('@list containers (ResultDescription.allowedValue), empty lists too', async () => {
    const rd = (allowedValue: unknown) => ({ id: 'urn:uuid:1', type: ['ResultDescription'], name: 'g', resultType: 'LetterGrade', allowedValue })
    expect(await expectEqual(badge({ resultDescription: [rd(['A', 'B', 'A'])] }))).toContain('rdf-syntax-ns#first')
    expect(await expectEqual(badge({ resultDescription: [rd([])] }))).toContain('rdf-syntax-ns#nil')
    await expectEqual(badge({ resultDescription: [rd('A')] }))
  })
  it('null values and empty arrays are dropped; subject references are kept', async () => {
    await expectEqual(badge({ tag: [], alignment: [null], humanCode: null }, { source: { id: 'https://college.example/registrar' } }))
  })
  it('other context sets of bundled contexts', async () => {
    await expectEqual({ ...badge(), '@context': [VC_V2, OB_V3P0] })
    await expectEqual({
      ...badge(),
      '@context': VC_V2,
      type: 'VerifiableCredential',
      issuer: 'did:example:issuer',
      credentialSubject: { id: 'did:example:1' },
    })
  })
})

describe('fastCanonize: declines what it does not cover', () => {
  it.each([
    ['an unknown context URL', { '@context': [VC_V2, 'https://example.org/ctx'] }, /bundled/],
    ['an inline context', { '@context': [...MICROCRED_CONTEXT, { ex: 'https://example.org/' }] }, /bundled/],
    ['an embedded proof (@graph container)', { proof: { type: 'DataIntegrityProof' } }, /@graph/],
    ['blank node identifiers', { id: '_:b0' }, /absolute/],
    ['relative IRIs', { id: 'credentials/1' }, /absolute|relative/],
    ['no @context', { '@context': undefined }, /context/],
  ])('%s', (_name, override, gap) => {
    const document = { ...badge(), ...override }
    expect(fastToQuads(document)).toBeUndefined()
    expect(fastPathGap(document)).toMatch(gap)
  })
  it('undefined terms (safe mode rejects them)', async () => {
    await expectDeclinedAndRejected(badge({ notATerm: 'x' }), /notATerm/)
  })
  it('an empty top-level object / only an id', async () => {
    await expectDeclinedAndRejected({ '@context': MICROCRED_CONTEXT, id: 'urn:x:1' }, /dropped/)
  })
})

describe('fastCanonize: VC 1.1 documents (credentials/v1 is bundled)', () => {
  it('takes the fast path and equals jsonld.js for a VC 1.1 credential with status and data-integrity contexts', async () => {
    const document = {
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/ns/credentials/status/v1', 'https://w3id.org/security/data-integrity/v2'],
      id: 'urn:uuid:2f3a4c1e-0d9b-4a8e-8f1f-5b7c6d9e0a11',
      type: ['VerifiableCredential'],
      issuer: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      issuanceDate: '2026-01-01T00:00:00Z',
      expirationDate: '2027-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:learner-1' },
      credentialStatus: {
        id: 'https://status.example/1#5',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '5',
        statusListCredential: 'https://status.example/1',
      },
    }
    const reference = await jsonldCanonize(document)
    expect(fastCanonize(document), fastPathGap(document)).toBe(reference)
    expect(reference).toContain('<https://www.w3.org/2018/credentials#issuanceDate>')
  })
})
