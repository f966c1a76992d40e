// issueCredential: what preparation does to the input (and never to the caller's object),
// and everything it refuses to sign, with the code and details a caller can act on.
import { describe, expect, it } from 'vitest'
import {
  createDocumentLoader,
  fixedClock,
  issueCredential,
  MicrocredError,
  OB_EXTENSIONS_CONTEXT,
  verifyCredential,
  type SignedCredential,
} from '../../../src/core/index.js'
import { createIssuer } from '../../../src/kms/issuer-directory.js'

const VC_V2 = 'https://www.w3.org/ns/credentials/v2'
const OB_V3P0 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
const SCHEMA_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json'

const NOW = '2026-03-02T10:11:12Z'
const clock = fixedClock('2026-03-02T10:11:12.345Z') // milliseconds are dropped from what is written
const issuer = createIssuer({ name: 'Configured Name', url: 'https://configured.example' })

function unsigned(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': [VC_V2, OB_V3P0],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Teamwork',
    issuer: {
      id: 'did:example:placeholder',
      type: ['Profile'],
      name: 'Example College',
      url: 'https://college.example',
      address: { type: ['Address'], addressCountryCode: 'NZ', addressLocality: 'Wellington' },
    },
    credentialSubject: {
      id: 'did:example:learner',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://college.example/achievements/teamwork',
        type: ['Achievement'],
        name: 'Teamwork',
        description: 'Works well in a team.',
        criteria: { narrative: 'Nominated by peers.' },
      },
    },
    ...extra,
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

/** The MicrocredError issueCredential rejects with (fails the test if it resolves or throws anything else). */
async function rejection(input: unknown): Promise<MicrocredError> {
  try {
    await issueCredential(input, { issuer, clock })
  } catch (e) {
    expect(e).toBeInstanceOf(MicrocredError)
    return e as MicrocredError
  }
  throw new Error('issueCredential signed a credential it should have refused')
}

describe('issueCredential: preparation', () => {
  it('never mutates the caller\'s object (deeply frozen input is accepted and left identical)', async () => {
    const input = deepFreeze(unsigned({ credentialSchema: [{ id: SCHEMA_URL, type: '1EdTechJsonSchemaValidator2019' }] }))
    const snapshot = JSON.stringify(input)
    const signed = await issueCredential(input, { issuer, clock })
    expect(JSON.stringify(input)).toBe(snapshot)
    expect(signed).not.toBe(input)
    expect(signed.credentialSubject).not.toBe(input['credentialSubject'])
    expect(signed.issuer).not.toBe(input['issuer'])
  })

  it('always emits proof.created, at the clock\'s time in whole seconds', async () => {
    const signed = await issueCredential(unsigned(), { issuer, clock })
    expect(signed.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      created: NOW,
      proofPurpose: 'assertionMethod',
      verificationMethod: issuer.key.id,
    })
    // Even when validFrom is supplied (created is never derived from it or omitted).
    const withValidFrom = await issueCredential(unsigned({ validFrom: '2020-01-01T00:00:00Z' }), { issuer, clock })
    expect((withValidFrom.proof as { created?: string }).created).toBe(NOW)
  })

  it('sets the issuer id to the issuer\'s and keeps name, url and address', async () => {
    const signed = await issueCredential(unsigned(), { issuer, clock })
    expect(signed.issuer).toEqual({
      id: issuer.id,
      type: ['Profile'],
      name: 'Example College',
      url: 'https://college.example',
      address: { type: ['Address'], addressCountryCode: 'NZ', addressLocality: 'Wellington' },
    })
    expect((await verifyCredential(signed, { clock })).verified).toBe(true)
  })

  it('replaces a string issuer with the issuer\'s id; a missing issuer becomes the configured profile', async () => {
    const asString = await issueCredential(unsigned({ issuer: 'https://someone-else.example' }), { issuer, clock })
    expect(asString.issuer).toBe(issuer.id)
    const { issuer: _none, ...withoutIssuer } = unsigned()
    const missing = await issueCredential(withoutIssuer, { issuer, clock })
    expect(missing.issuer).toEqual({ id: issuer.id, type: ['Profile'], name: 'Configured Name', url: 'https://configured.example' })
  })

  it('adds validFrom and id only when missing', async () => {
    const added = await issueCredential(unsigned(), { issuer, clock })
    expect(added.validFrom).toBe(NOW)
    expect(added.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const other = await issueCredential(unsigned(), { issuer, clock })
    expect(other.id).not.toBe(added.id)

    const kept = await issueCredential(unsigned({ id: 'https://college.example/credentials/42', validFrom: '2026-01-01T00:00:00+13:00' }), { issuer, clock })
    expect(kept.id).toBe('https://college.example/credentials/42')
    expect(kept.validFrom).toBe('2026-01-01T00:00:00+13:00')
  })

  it('adds the OB extensions.json context when credentialSchema uses 1EdTechJsonSchemaValidator2019', async () => {
    const schema = { id: SCHEMA_URL, type: '1EdTechJsonSchemaValidator2019' }
    const asArray = await issueCredential(unsigned({ credentialSchema: [schema] }), { issuer, clock })
    expect(asArray['@context']).toEqual([VC_V2, OB_V3P0, OB_EXTENSIONS_CONTEXT])
    const asObject = await issueCredential(unsigned({ credentialSchema: schema }), { issuer, clock })
    expect(asObject['@context']).toEqual([VC_V2, OB_V3P0, OB_EXTENSIONS_CONTEXT])
    expect((await verifyCredential(asArray, { clock })).verified).toBe(true)
  })

  it('does not add extensions.json twice, nor without a 1EdTech credentialSchema', async () => {
    const schema = { id: SCHEMA_URL, type: '1EdTechJsonSchemaValidator2019' }
    const already = await issueCredential(unsigned({ '@context': [VC_V2, OB_V3P0, OB_EXTENSIONS_CONTEXT], credentialSchema: [schema] }), { issuer, clock })
    expect(already['@context']).toEqual([VC_V2, OB_V3P0, OB_EXTENSIONS_CONTEXT])
    const none = await issueCredential(unsigned(), { issuer, clock })
    expect(none['@context']).toEqual([VC_V2, OB_V3P0])
  })

  it('a custom document loader is used for contexts (an extra trusted context can be signed with)', async () => {
    const extra = 'https://contexts.example/custom/v1'
    const documentLoader = createDocumentLoader({
      documents: { [extra]: { '@context': { '@protected': true, favouriteColour: 'https://contexts.example/custom#favouriteColour' } } },
    })
    const doc = unsigned({ '@context': [VC_V2, OB_V3P0, extra], favouriteColour: 'teal' })
    const signed: SignedCredential = await issueCredential(doc, { issuer, clock, documentLoader })
    expect(signed['favouriteColour']).toBe('teal')
    await expect(issueCredential(doc, { issuer, clock })).rejects.toMatchObject({ code: 'ERR_CONTEXT_NOT_ALLOWED' })
  })
})

describe('issueCredential: refuses to sign', () => {
  it.each([
    ['a non-URL id', { id: 'not a url' }, '$.id'],
    ['a type without VerifiableCredential', { type: ['OpenBadgeCredential'] }, '$.type'],
    ['a credentialSchema without type', { credentialSchema: [{ id: SCHEMA_URL }] }, '$.credentialSchema[0].type'],
    ['a validFrom without time zone', { validFrom: '2026-03-02T10:11:12' }, '$.validFrom'],
    ['a validFrom that is not a date', { validFrom: 'yesterday' }, '$.validFrom'],
    ['a credentialSubject that is not an object', { credentialSubject: 'did:example:learner' }, '$.credentialSubject'],
    ['an issuanceDate (VC 1.1)', { issuanceDate: '2026-03-02T10:11:12Z' }, '$.issuanceDate'],
    ['an expirationDate (VC 1.1)', { expirationDate: '2027-03-02T10:11:12Z' }, '$.expirationDate'],
    ['a validUntil before validFrom', { validFrom: '2026-03-02T10:11:12Z', validUntil: '2026-03-01T00:00:00Z' }, '$.validUntil'],
    ['a first context that is neither VC 2.0 nor VC 1.1', { '@context': ['https://contexts.example/v1', OB_V3P0] }, '$["@context"][0]'],
    ['VC 1.1 (credentials/v1 first) with the VC 2.0 validFrom', { '@context': ['https://www.w3.org/2018/credentials/v1', OB_V3P0], validFrom: '2026-03-02T10:11:12Z' }, '$.validFrom'],
  ])('%s → ERR_CREDENTIAL_MALFORMED naming %s', async (_what, change, path) => {
    const error = await rejection(unsigned(change))
    expect(error.code).toBe('ERR_CREDENTIAL_MALFORMED')
    expect(error.details?.['problems']).toEqual(expect.arrayContaining([expect.objectContaining({ path })]))
    expect(error.message).toContain(path)
  })

  it('something that is not a JSON object → ERR_CREDENTIAL_MALFORMED', async () => {
    for (const input of [null, 'text', 42, [unsigned()]]) expect((await rejection(input)).code).toBe('ERR_CREDENTIAL_MALFORMED')
  })

  it('an unknown context → ERR_CONTEXT_NOT_ALLOWED with the URL', async () => {
    const error = await rejection(unsigned({ '@context': [VC_V2, OB_V3P0, 'https://contexts.example/unknown/v1'] }))
    expect(error.code).toBe('ERR_CONTEXT_NOT_ALLOWED')
    expect(error.details?.['problems']).toEqual([expect.objectContaining({ index: 2, url: 'https://contexts.example/unknown/v1' })])
  })

  it('members VC 2.0 requires a type of (credentialStatus, evidence, termsOfUse, refreshService), and name as a number → ERR_CREDENTIAL_MALFORMED with paths', async () => {
    const error = await rejection(
      unsigned({
        credentialStatus: { id: 'https://status.example/1#1' },
        evidence: [{ id: 'https://evidence.example/1' }],
        termsOfUse: { id: 'https://terms.example/1' },
        refreshService: { id: 'https://refresh.example/1', type: [] },
        name: 42,
      }),
    )
    expect(error.code).toBe('ERR_CREDENTIAL_MALFORMED')
    expect((error.details as { problems: { path: string }[] }).problems.map((p) => p.path)).toEqual([
      '$.name',
      '$.credentialStatus.type',
      '$.evidence[0].type',
      '$.termsOfUse.type',
      '$.refreshService.type',
    ])
  })

  it('an inline context that refers to an unknown context URL → ERR_CONTEXT_NOT_ALLOWED (nothing is fetched)', async () => {
    const error = await rejection(unsigned({ '@context': [VC_V2, OB_V3P0, { extra: { '@id': 'https://contexts.example/extra', '@context': 'https://contexts.example/v1' } }] }))
    expect(error.code).toBe('ERR_CONTEXT_NOT_ALLOWED')
    expect(error.message).toContain('https://contexts.example/v1')
  })

  it('an inline context beyond the size or depth limit → ERR_CONTEXT_NOT_ALLOWED', async () => {
    const deep: Record<string, unknown> = {}
    let node = deep
    for (let i = 0; i < 40; i++) node = node['x'] = {} as Record<string, unknown>
    expect((await rejection(unsigned({ '@context': [VC_V2, OB_V3P0, { extra: deep }] }))).message).toContain('deeper')
    const big = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`term${i}`, `https://contexts.example/terms#t${i}`]))
    expect((await rejection(unsigned({ '@context': [VC_V2, OB_V3P0, big] }))).message).toContain('larger')
  })

  it('an undefined term → ERR_JSONLD_UNDEFINED_TERM with details.term and its JSON path', async () => {
    const input = unsigned()
    ;(input['credentialSubject'] as { achievement: Record<string, unknown> }).achievement['favouriteColour'] = 'teal'
    const error = await rejection(input)
    expect(error.code).toBe('ERR_JSONLD_UNDEFINED_TERM')
    expect(error.details).toEqual({ term: 'favouriteColour', paths: ['$.credentialSubject.achievement.favouriteColour'] })
    expect(error.message).toContain('favouriteColour')
    expect(error.message).toContain('$.credentialSubject.achievement.favouriteColour')
  })

  it('an undefined type → ERR_JSONLD_UNDEFINED_TERM naming the type and where it is used', async () => {
    const error = await rejection(unsigned({ type: ['VerifiableCredential', 'OpenBadgeCredential', 'MysteryCredential'] }))
    expect(error.code).toBe('ERR_JSONLD_UNDEFINED_TERM')
    expect(error.details).toEqual({ term: 'MysteryCredential', paths: ['$.type'] })
  })

  it('a credential that already has a proof → ERR_CREDENTIAL_MALFORMED', async () => {
    const signed = await issueCredential(unsigned(), { issuer, clock })
    const error = await rejection(signed)
    expect(error.code).toBe('ERR_CREDENTIAL_MALFORMED')
    expect(error.message).toMatch(/already signed/)
  })

  it('without an issuer it is a programmer error (TypeError), not a credential problem', async () => {
    await expect(issueCredential(unsigned(), {} as never)).rejects.toBeInstanceOf(TypeError)
  })
})
