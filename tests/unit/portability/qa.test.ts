// Verifiable quality assurance: a QA claim is assured only when a trusted QA body's signed
// EndorsementCredential backs it; otherwise it is claimed, unconfirmed, with the reason.
import { beforeAll, describe, expect, it } from 'vitest'
import {
  assessQualityAssurance,
  parseTrustList,
  readCredentialFacts,
  toAchievement,
  verifyCredential,
  type Issuer,
  type MicroCredentialDefinition,
  type SignedCredential,
  type TrustList,
} from '../../../src/index.js'
import { clock, endorse, euDefinition, issueMicro, makeIssuer } from './helpers.js'

let uni: Issuer, nzqa: Issuer, rogue: Issuer
let definition: MicroCredentialDefinition
let trust: TrustList

const verify = (c: unknown) => verifyCredential(c, { clock })

beforeAll(() => {
  uni = makeIssuer('Example Polytechnic', 'NZ')
  nzqa = makeIssuer('NZQA', 'NZ')
  rogue = makeIssuer('Diploma Mill Accreditation', 'NZ')
  definition = euDefinition({
    id: 'https://poly.example/mc/welding-l4',
    levels: [{ framework: 'NZQCF', code: '4', uri: 'https://www.nzqa.govt.nz/nzqf/level-4' }],
    qualityAssurance: [{ body: { id: nzqa.id, name: 'NZQA' }, type: 'external' }],
  })
  trust = parseTrustList({
    name: 'Test verifier',
    entries: [{ did: nzqa.id, name: 'NZQA', scope: { levels: [{ framework: 'NZQCF', min: 1, max: 7 }], countries: ['NZ'] }, validFrom: '2020-01-01T00:00:00Z', validUntil: '2030-01-01T00:00:00Z' }],
  })
})

/** A credential whose achievement embeds `endorsements`. */
async function credentialWith(endorsements: unknown[], def: MicroCredentialDefinition = definition, validFrom?: string): Promise<SignedCredential> {
  const achievement = toAchievement(def)
  if (endorsements.length > 0) achievement['endorsement'] = endorsements
  return issueMicro(uni, achievement, validFrom !== undefined ? { validFrom } : {})
}

async function assess(credential: unknown, options: { trustList?: TrustList; endorsements?: unknown[] } = {}) {
  const { claims, endorsements } = await assessQualityAssurance(readCredentialFacts(credential), { verify, trustList: trust, ...options })
  return { claim: claims[0]!, endorsements }
}

describe('assured', () => {
  it('an embedded endorsement of the achievement by a trusted QA body', async () => {
    const vc = await credentialWith([await endorse(nzqa, definition.id)])
    expect((await verify(vc)).verified).toBe(true) // the embedded endorsement is part of what the issuer signed
    const { claim } = await assess(vc)
    expect(claim).toMatchObject({ status: 'assured', endorsement: { signer: nzqa.id, on: 'achievement', about: 'achievement', trustEntry: 'NZQA' } })
    expect(claim.code).toBeUndefined()
  })

  it('an endorsement of the issuer embedded in the issuer profile (institutional accreditation)', async () => {
    const endorsement = await endorse(nzqa, uni.id)
    const vc = await issueMicro(uni, definition, { edit: (c) => ((c['issuer'] as Record<string, unknown>)['endorsement'] = [endorsement]) })
    expect((await assess(vc)).claim).toMatchObject({ status: 'assured', endorsement: { on: 'issuer', about: 'issuer' } })
  })

  it('an endorsement supplied beside the credential', async () => {
    const vc = await credentialWith([])
    expect((await assess(vc)).claim.status).toBe('claimed-unconfirmed')
    expect((await assess(vc, { endorsements: [await endorse(nzqa, definition.id)] })).claim).toMatchObject({ status: 'assured', endorsement: { on: 'supplied' } })
  })

  it('a trust entry naming the key, and one naming the body by another id (sameAs)', async () => {
    const byUrl = euDefinition({ ...definition, qualityAssurance: [{ body: { id: 'https://www.nzqa.govt.nz', name: 'NZQA' }, type: 'external' }] })
    const vc = await credentialWith([await endorse(nzqa, byUrl.id)], byUrl)
    const keyed = parseTrustList({ entries: [{ key: nzqa.key.id, name: 'NZQA', sameAs: ['https://www.nzqa.govt.nz'] }] })
    expect((await assess(vc, { trustList: keyed })).claim.status).toBe('assured')
    const otherKey = parseTrustList({ entries: [{ key: `${nzqa.id}#z6MkOther`, name: 'NZQA', sameAs: ['https://www.nzqa.govt.nz'] }] })
    const { claim } = await assess(vc, { trustList: otherKey })
    expect(claim).toMatchObject({ status: 'claimed-unconfirmed', code: 'ERR_TRUST_SIGNER_UNTRUSTED' })
    expect(claim.reason).toMatch(/no endorsement signed by NZQA \(https:\/\/www.nzqa.govt.nz\); the endorsement is signed by did:key/)
  })
})

describe('claimed, unconfirmed — with the reason', () => {
  it('no endorsement at all', async () => {
    const { claim } = await assess(await credentialWith([]))
    expect(claim).toMatchObject({ status: 'claimed-unconfirmed', code: 'ERR_TRUST_NO_ENDORSEMENT' })
    expect(claim.reason).toMatch(/no endorsement signed by NZQA/)
  })

  it('no trust list supplied', async () => {
    const vc = await credentialWith([await endorse(nzqa, definition.id)])
    const { claims } = await assessQualityAssurance(readCredentialFacts(vc), { verify })
    expect(claims[0]).toMatchObject({ status: 'claimed-unconfirmed', code: 'ERR_TRUST_NO_TRUST_LIST' })
  })

  it('an untrusted signer', async () => {
    const def = euDefinition({ ...definition, qualityAssurance: [{ body: { id: rogue.id, name: 'Diploma Mill Accreditation' }, type: 'external' }] })
    const { claim } = await assess(await credentialWith([await endorse(rogue, def.id)], def))
    expect(claim).toMatchObject({ status: 'claimed-unconfirmed', code: 'ERR_TRUST_SIGNER_UNTRUSTED' })
    expect(claim.reason).toContain(rogue.id)
  })

  it('a trusted body endorsing, but the claim names another body', async () => {
    const def = euDefinition({ ...definition, qualityAssurance: [{ body: { id: 'https://elsewhere.example', name: 'Elsewhere' }, type: 'external' }] })
    const { claim } = await assess(await credentialWith([await endorse(nzqa, def.id)], def))
    expect(claim).toMatchObject({ status: 'claimed-unconfirmed', code: 'ERR_TRUST_NO_ENDORSEMENT' })
    expect(claim.reason).toMatch(/endorsed by NZQA .* not by Elsewhere/)
  })

  it('an achievement outside the trust entry’s scope (level)', async () => {
    const def = euDefinition({ ...definition, levels: [{ framework: 'NZQCF', code: '9', uri: 'https://www.nzqa.govt.nz/nzqf/level-9' }] })
    const { claim } = await assess(await credentialWith([await endorse(nzqa, def.id)], def))
    expect(claim).toMatchObject({ status: 'claimed-unconfirmed', code: 'ERR_TRUST_OUT_OF_SCOPE' })
    expect(claim.reason).toMatch(/NZQCF 1–7/)
  })

  it('an achievement outside the trust entry’s scope (field)', async () => {
    const fields = parseTrustList({ entries: [{ did: nzqa.id, name: 'NZQA', scope: { fields: ['0715'] } }] })
    const vc = await credentialWith([await endorse(nzqa, definition.id)])
    expect((await assess(vc, { trustList: fields })).claim).toMatchObject({ code: 'ERR_TRUST_OUT_OF_SCOPE' })
    const named = parseTrustList({ entries: [{ did: nzqa.id, name: 'NZQA', scope: { fields: ['data science'] } }] })
    expect((await assess(vc, { trustList: named })).claim.status).toBe('assured')
  })

  it('an expired trust entry (no longer trusted when the credential was issued)', async () => {
    const expired = parseTrustList({ entries: [{ did: nzqa.id, name: 'NZQA', validFrom: '2015-01-01T00:00:00Z', validUntil: '2025-12-31T23:59:59Z' }] })
    const vc = await credentialWith([await endorse(nzqa, definition.id, { validFrom: '2024-03-01T00:00:00Z' })])
    const { claim } = await assess(vc, { trustList: expired })
    expect(claim).toMatchObject({ status: 'claimed-unconfirmed', code: 'ERR_TRUST_ENTRY_EXPIRED' })
    expect(claim.reason).toMatch(/only until 2025-12-31/)
  })

  it('a trust entry not yet valid when the credential was issued', async () => {
    const future = parseTrustList({ entries: [{ did: nzqa.id, name: 'NZQA', validFrom: '2026-03-01T00:00:00Z' }] })
    const { claim } = await assess(await credentialWith([await endorse(nzqa, definition.id)]), { trustList: future })
    expect(claim).toMatchObject({ code: 'ERR_TRUST_ENTRY_NOT_YET_VALID' })
  })

  it('a tampered endorsement supplied beside the credential', async () => {
    const endorsement = structuredClone(await endorse(nzqa, definition.id)) as unknown as Record<string, unknown>
    ;(endorsement['credentialSubject'] as Record<string, unknown>)['endorsementComment'] = 'Rated outstanding'
    const { claim } = await assess(await credentialWith([]), { endorsements: [endorsement] })
    expect(claim).toMatchObject({ status: 'claimed-unconfirmed', code: 'ERR_TRUST_ENDORSEMENT_INVALID' })
    expect(claim.reason).toMatch(/does not verify: proof/)
  })

  it('a forged endorsement embedded by the issuer (the outer signature is fine, the endorsement is not)', async () => {
    const forged = structuredClone(await endorse(nzqa, 'https://poly.example/mc/something-else')) as unknown as Record<string, unknown>
    ;(forged['credentialSubject'] as Record<string, unknown>)['id'] = definition.id
    const vc = await credentialWith([forged])
    expect((await verify(vc)).verified).toBe(true)
    expect((await assess(vc)).claim).toMatchObject({ code: 'ERR_TRUST_ENDORSEMENT_INVALID' })
  })

  it('an endorsement of another achievement', async () => {
    const { claim } = await assess(await credentialWith([await endorse(nzqa, 'https://poly.example/mc/other')]))
    expect(claim).toMatchObject({ status: 'claimed-unconfirmed', code: 'ERR_TRUST_ENDORSEMENT_MISMATCH' })
    expect(claim.reason).toMatch(/is about https:\/\/poly.example\/mc\/other, not this achievement/)
  })

  it('an entry trusted only as an issuer does not assure QA', async () => {
    const issuerOnly = parseTrustList({ entries: [{ did: nzqa.id, name: 'NZQA', roles: ['issuer'] }] })
    const { claim } = await assess(await credentialWith([await endorse(nzqa, definition.id)]), { trustList: issuerOnly })
    expect(claim.code).toBe('ERR_TRUST_SIGNER_UNTRUSTED')
  })
})

describe('in the verifier', () => {
  it('the profile check reports assured or claimed, unconfirmed per QA element', async () => {
    const def = euDefinition({ ...definition, levels: [...definition.levels!, { framework: 'EQF', code: '4', uri: 'http://data.europa.eu/snb/eqf/4' }] })
    const vc = await credentialWith([await endorse(nzqa, def.id)], def)
    const assured = await verifyCredential(vc, { clock, profiles: ['eu-microcredential-2022'], trustList: trust })
    const m11 = (assured.portability!.profiles.at(-1)!.details!['elements'] as { id: string; outcome: string; assurance?: { status: string }[] }[]).find((e) => e.id === 'M11')!
    expect(m11).toMatchObject({ outcome: 'pass', assurance: [{ status: 'assured' }] })
    // The claim summary says the same, apart from any profile.
    expect(assured.summary.qualityAssurance.find((q) => q.body.id === definition.qualityAssurance![0]!.body.id)).toMatchObject({ assurance: 'assured' })
    const unconfirmed = await verifyCredential(vc, { clock, profiles: ['eu-microcredential-2022'] })
    const m11b = (unconfirmed.portability!.profiles.at(-1)!.details!['elements'] as { id: string; outcome: string; warnings?: { message: string }[] }[]).find((e) => e.id === 'M11')!
    expect(m11b.outcome).toBe('warn')
    expect(m11b.warnings![0]!.message).toMatch(/claimed, unconfirmed: no trust list/)
    expect(unconfirmed.verified).toBe(true) // a warning never fails
    expect(unconfirmed.summary.qualityAssurance.every((q) => q.assurance === 'claimed')).toBe(true)
  })

  it('a profile can require assured QA (assurance: "required")', async () => {
    const strict = { id: 'strict-qa', name: 'Strict QA', version: '1', elements: [{ id: 'qa', name: 'Assured QA', fact: 'qualityAssurance', required: true, assurance: 'required' }] }
    const vc = await credentialWith([await endorse(rogue, definition.id)])
    const result = await verifyCredential(vc, { clock, profiles: [strict as never], trustList: trust })
    const element = (result.portability!.profiles.at(-1)!.details!['elements'] as { code?: string; outcome: string }[])[0]!
    expect(element).toMatchObject({ outcome: 'fail', code: 'ERR_TRUST_SIGNER_UNTRUSTED' })
    const ok = await verifyCredential(await credentialWith([await endorse(nzqa, definition.id)]), { clock, profiles: [strict as never], trustList: trust })
    expect(ok.verified).toBe(true)
  })
})

describe('trust list documents', () => {
  it.each([
    [{}, /entries/],
    [{ entries: [{ name: 'No id' }] }, /must match a schema in anyOf|required/],
    [{ entries: [{ did: 'not a did', name: 'X' }] }, /pattern/],
    [{ entries: [{ did: 'did:example:x', name: 'X', roles: ['king'] }] }, /allowed values/],
    [{ entries: [{ did: 'did:example:x', name: 'X', validUntil: '2026-13-45T00:00:00Z' }] }, /date-time/],
  ])('refuses %j with ERR_TRUST_LIST_INVALID', (doc, message) => {
    expect(() => parseTrustList(doc, 'trust.json')).toThrow(expect.objectContaining({ code: 'ERR_TRUST_LIST_INVALID', message: expect.stringMatching(message) }))
  })
})
