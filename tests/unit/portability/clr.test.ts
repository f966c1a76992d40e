// The award as a CLR 2.0 ClrCredential: built from a satisfied pathway, signed with
// issueCredential, verified with verifyCredential including every nested credential. And
// the 1EdTech CLR 2.0 eddsa-rdfc-2022 vector: it verifies with our verifier, and signing its
// input with its key reproduces its proof byte for byte.
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  MICROCRED_V1_INLINE_CONTEXT,
  buildClrAward,
  checkNestedCredentials,
  CLR_CREDENTIAL_SCHEMA,
  CLR_V2P0_CONTEXT,
  evaluatePathway,
  fixedClock,
  issueCredential,
  matchesEmail,
  MAX_NESTING,
  parsePathway,
  signingKeyFromMaterial,
  verifyCredential,
  type IdentityObject,
  type Issuer,
  type Pathway,
  type PathwayResult,
  type SignedCredential,
} from '../../../src/index.js'
import { clock, euDefinition, issueMicro, LEARNER, makeIssuer, revoking, statusEntry } from './helpers.js'

const fixture = (path: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8'))

const pathwayDoc = {
  id: 'urn:pathway:cert-data-literacy',
  name: 'Certificate in Data Literacy',
  version: '2026-01',
  targetAward: { name: 'Certificate in Data Literacy', achievementType: 'Certificate', level: { framework: 'EQF', code: 6 } },
  creditUnit: 'ECTS',
  rules: { minTotalCredits: 10, requiredAchievements: [{ match: { humanCode: 'DL-1' } }, { match: { humanCode: 'DL-2' } }] },
}

describe('CLR 2.0 award', () => {
  let uni: Issuer
  let pathway: Pathway
  let components: SignedCredential[]
  let result: PathwayResult
  let clr: SignedCredential

  beforeAll(async () => {
    uni = makeIssuer('Example University', 'IE')
    pathway = parsePathway(pathwayDoc)
    components = [
      await issueMicro(uni, euDefinition({ id: 'https://uni.example/mc/dl-1', humanCode: 'DL-1', credits: { value: 5, system: 'ECTS' } })),
      await issueMicro(uni, euDefinition({ id: 'https://uni.example/mc/dl-2', humanCode: 'DL-2', credits: { value: 10, system: 'UK-CATS' } })),
    ]
    result = await evaluatePathway(pathway, components, { verify: { clock } })
    const unsigned = await buildClrAward({ pathway, result, credentials: components, issuer: { id: uni.id, ...uni.profile }, now: clock.now(), withCredentialSchema: true })
    clr = await issueCredential(unsigned, { issuer: uni, clock })
  })

  it('holds the award, the component credentials as they were, and isPartOf associations', () => {
    expect(result.satisfied).toBe(true)
    expect(clr['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', CLR_V2P0_CONTEXT, 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', MICROCRED_V1_INLINE_CONTEXT, 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'])
    expect(clr.type).toEqual(['VerifiableCredential', 'ClrCredential'])
    expect(clr.credentialSchema).toEqual([{ id: CLR_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }])
    const subject = clr.credentialSubject as Record<string, unknown>
    expect(subject['id']).toBe(LEARNER)
    expect(subject['verifiableCredential']).toEqual(components)
    const achievements = subject['achievement'] as Record<string, unknown>[]
    expect(achievements.map((a) => a['id'])).toEqual(['urn:pathway:cert-data-literacy', 'https://uni.example/mc/dl-1', 'https://uni.example/mc/dl-2'])
    expect(achievements[0]).toMatchObject({ achievementType: 'Certificate', name: 'Certificate in Data Literacy', alignment: [{ targetUrl: 'http://data.europa.eu/snb/eqf/6', targetCode: '6' }] })
    expect(subject['association']).toEqual([
      { type: 'Association', associationType: 'isPartOf', sourceId: 'https://uni.example/mc/dl-1', targetId: 'urn:pathway:cert-data-literacy' },
      { type: 'Association', associationType: 'isPartOf', sourceId: 'https://uni.example/mc/dl-2', targetId: 'urn:pathway:cert-data-literacy' },
    ])
  })

  it('verifies with our verifier: the CLR schema, the signature and every nested credential', async () => {
    const verification = await verifyCredential(clr, { clock })
    expect(verification.verified).toBe(true)
    expect(verification.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['shape', 'pass'],
      ['context', 'pass'],
      ['schema', 'pass'],
      ['proof', 'pass'],
      ['issuer', 'pass'],
      ['validity', 'pass'],
      ['status', 'skip'],
      ['nested', 'pass'],
    ])
    expect(verification.checks.find((c) => c.id === 'schema')!.message).toMatch(/CLR 2.0 ClrCredential/)
    expect(verification.checks.at(-1)!.details!['credentials']).toEqual([
      { index: 0, id: components[0]!.id, verified: true },
      { index: 1, id: components[1]!.id, verified: true },
    ])
  })

  it('a nested credential tampered after the award was signed breaks both the award and the nested check', async () => {
    const tampered = structuredClone(clr) as unknown as { credentialSubject: { verifiableCredential: { name: string }[] } }
    tampered.credentialSubject.verifiableCredential[1]!.name = 'Advanced Data Literacy'
    const verification = await verifyCredential(tampered, { clock })
    expect(verification.verified).toBe(false)
    expect(verification.checks.find((c) => c.id === 'proof')).toMatchObject({ outcome: 'fail', code: 'ERR_PROOF_INVALID' })
    expect(verification.checks.find((c) => c.id === 'nested')).toMatchObject({ outcome: 'fail', code: 'ERR_PROOF_INVALID' })
  })

  it('a tampered credential inside a correctly signed award still fails the nested check', async () => {
    const forged = structuredClone(components[1]!) as unknown as { credentialSubject: { achievement: { creditsAvailable: number } } }
    forged.credentialSubject.achievement.creditsAvailable = 60
    const unsigned = await buildClrAward({ pathway, result, credentials: [components[0], forged], issuer: { id: uni.id }, now: clock.now() })
    const award = await issueCredential(unsigned, { issuer: uni, clock })
    const verification = await verifyCredential(award, { clock })
    expect(verification.checks.find((c) => c.id === 'proof')!.outcome).toBe('pass')
    const nested = verification.checks.find((c) => c.id === 'nested')!
    expect(nested).toMatchObject({ outcome: 'fail', code: 'ERR_PROOF_INVALID' })
    expect(nested.message).toMatch(/1 of 2 nested credential\(s\) do not verify; #1/)
    expect(verification.verified).toBe(false)
  })

  it('a nested credential revoked since the award fails the nested check', async () => {
    const revocable = await issueMicro(uni, euDefinition({ id: 'https://uni.example/mc/dl-2', humanCode: 'DL-2', credits: { value: 10, system: 'ECTS' } }), {
      edit: (c) => (c['credentialStatus'] = statusEntry(3)),
    })
    const creds = [components[0]!, revocable]
    const ok = await evaluatePathway(pathway, creds, { verify: { clock, statusResolver: revoking() } })
    const award = await issueCredential(await buildClrAward({ pathway, result: ok, credentials: creds, issuer: { id: uni.id }, now: clock.now() }), { issuer: uni, clock })
    expect((await verifyCredential(award, { clock, statusResolver: revoking() })).verified).toBe(true)
    const later = await verifyCredential(award, { clock, statusResolver: revoking(String(revocable.id)) })
    expect(later.checks.find((c) => c.id === 'nested')).toMatchObject({ outcome: 'fail', code: 'ERR_STATUS_REVOKED' })
  })

  it('is refused when the pathway is not satisfied', async () => {
    const short = await evaluatePathway(pathway, [components[0]], { verify: { clock } })
    await expect(buildClrAward({ pathway, result: short, credentials: [components[0]], issuer: { id: uni.id } })).rejects.toMatchObject({ code: 'ERR_PATHWAY_NOT_SATISFIED' })
  })

  it('a learner identified by a proven email gets a fresh salted-hash identifier', async () => {
    const email = 'learner@example.org'
    const creds = [
      await issueMicro(uni, euDefinition({ id: 'https://uni.example/mc/dl-1', humanCode: 'DL-1', credits: { value: 5, system: 'ECTS' } }), { recipient: { email } }),
      await issueMicro(uni, euDefinition({ id: 'https://uni.example/mc/dl-2', humanCode: 'DL-2', credits: { value: 5, system: 'ECTS' } }), { recipient: { email } }),
    ]
    const evaluation = await evaluatePathway(pathway, creds, { verify: { clock }, learner: { email } })
    expect(evaluation.satisfied).toBe(true)
    const award = await issueCredential(await buildClrAward({ pathway, result: evaluation, credentials: creds, issuer: { id: uni.id }, learnerEmail: email, now: clock.now() }), { issuer: uni, clock })
    const subject = award.credentialSubject as { id?: string; identifier: IdentityObject[] }
    expect(subject.id).toBeUndefined()
    expect(await matchesEmail(subject.identifier[0]!, email)).toBe(true)
    expect((await verifyCredential(award, { clock })).verified).toBe(true)
  })

  it('a ClrCredential without nested credentials fails the nested check', async () => {
    const empty = await issueCredential(
      { '@context': ['https://www.w3.org/ns/credentials/v2', CLR_V2P0_CONTEXT, 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'], type: ['VerifiableCredential', 'ClrCredential'], name: 'Empty', credentialSubject: { id: LEARNER, type: ['ClrSubject'] } },
      { issuer: uni, clock },
    )
    const verification = await verifyCredential(empty, { clock })
    expect(verification.checks.find((c) => c.id === 'nested')).toMatchObject({ outcome: 'fail', code: 'ERR_CREDENTIAL_MALFORMED' })
  })
})

it('refuses credentials nested deeper than MAX_NESTING (fail closed)', async () => {
  const check = await checkNestedCredentials({ credentialSubject: { verifiableCredential: [{}] } }, async () => ({ verified: true, checks: [] }), MAX_NESTING)
  expect(check).toMatchObject({ id: 'nested', outcome: 'error', code: 'ERR_CREDENTIAL_MALFORMED' })
})

describe('the 1EdTech CLR 2.0 eddsa-rdfc-2022 vector', () => {
  const signed = fixture('vectors/clr2-eddsa-rdfc-2022/signed.json')
  const keyPair = fixture('vectors/clr2-eddsa-rdfc-2022/keyPair.json') as { id: string; controller: string; publicKeyMultibase: string; secretKeyMultibase: string }
  // The vector names its key <issuer URL>#<key>; a verifier binds it through the issuer's controller document.
  const controller = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: keyPair.controller,
    verificationMethod: [{ id: keyPair.id, type: 'Multikey', controller: keyPair.controller, publicKeyMultibase: keyPair.publicKeyMultibase }],
    assertionMethod: [keyPair.id],
  }
  const at = fixedClock('2024-01-01T00:00:00Z')

  it('verifies with our verifier, including its nested AchievementCredential', async () => {
    const verification = await verifyCredential(signed, { clock: at, documents: { [keyPair.controller]: controller } })
    expect(verification.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['shape', 'pass'],
      ['context', 'pass'],
      ['schema', 'pass'],
      ['proof', 'pass'],
      ['issuer', 'pass'],
      ['validity', 'pass'],
      ['status', 'skip'],
      ['nested', 'pass'],
    ])
    expect(verification.verified).toBe(true)
  })

  it('signing its input with its key reproduces its proof byte for byte', async () => {
    const unsigned = fixture('vectors/clr2-eddsa-rdfc-2022/unsigned.json')
    const proof = fixture('vectors/clr2-eddsa-rdfc-2022/proof.json')
    const key = signingKeyFromMaterial({ publicKeyMultibase: keyPair.publicKeyMultibase, secretKeyMultibase: keyPair.secretKeyMultibase }, { controller: keyPair.controller, id: keyPair.id })
    const issuer: Issuer = { id: keyPair.controller, profile: {}, key }
    const ours = await issueCredential(unsigned, { issuer, clock: fixedClock(proof['created'] as string) })
    expect(ours.proof).toEqual(proof) // the same proofValue: eddsa-rdfc-2022 is deterministic
    // The vector writes its one proof in an array; everything else is the same, in the same order.
    expect(JSON.stringify({ ...ours, proof: [ours.proof] })).toBe(JSON.stringify(signed))
  })

  it('is refused without the issuer’s controller document, and when tampered', async () => {
    const unbound = await verifyCredential(signed, { clock: at })
    expect(unbound.checks.find((c) => c.id === 'proof')!.code).toBe('ERR_KEY_UNRESOLVABLE')
    const tampered = structuredClone(signed) as { credentialSubject: { achievement: { name: string }[] } }
    tampered.credentialSubject.achievement[1]!.name = 'Achievement 3'
    const verification = await verifyCredential(tampered, { clock: at, documents: { [keyPair.controller]: controller } })
    expect(verification.checks.find((c) => c.id === 'proof')).toMatchObject({ outcome: 'fail', code: 'ERR_PROOF_INVALID' })
    expect(verification.checks.find((c) => c.id === 'nested')!.outcome).toBe('pass') // the nested credential itself is intact
  })
})
