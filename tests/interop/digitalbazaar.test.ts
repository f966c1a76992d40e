// Interop both ways with the plain Digital Bazaar stack (@digitalbazaar/vc + data-integrity +
// eddsa-rdfc-2022-cryptosuite + ed25519-multikey), written here without our issuing or
// verifying code. Only our static document loader is shared: it serves the bundled contexts
// and resolves did:key, so nothing is fetched on either side.
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as vc from '@digitalbazaar/vc'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  MICROCRED_V1_INLINE_CONTEXT,
  buildAchievementCredential,
  createDocumentLoader,
  fixedClock,
  issueCredential,
  readMicroCredential,
  toAchievement,
  verifyCredential,
  type Issuer,
  type SignedCredential,
} from '../../src/core/index.js'
import { createIssuer } from '../../src/kms/issuer-directory.js'
import { signingKeyFromMaterial } from '../../src/kms/ed25519-key.js'
import { fullDefinition, GRADE_DESCRIPTION_ID, NON_ASCII } from '../fixtures/micro-credential-definition.js'

const VC_V2 = 'https://www.w3.org/ns/credentials/v2'
const OB_V3P0 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
const MICROCRED_V1 = 'https://w3id.org/microcred/v1'

const documentLoader = createDocumentLoader()
const ISSUED_AT = new Date('2026-03-02T10:00:00Z')
const clock = fixedClock(ISSUED_AT)
const VERIFY_AT = fixedClock('2026-06-01T00:00:00Z')

/** Plain @digitalbazaar/vc verification with the eddsa-rdfc-2022 cryptosuite. */
async function plainVerify(credential: unknown): Promise<{ verified: boolean; error?: unknown }> {
  return vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    documentLoader,
    now: new Date('2026-06-01T00:00:00Z'),
  })
}

/** An Ed25519 Multikey as did:key, made by @digitalbazaar/ed25519-multikey. */
async function plainDidKey(): Promise<Awaited<ReturnType<typeof Ed25519Multikey.generate>>> {
  const key = await Ed25519Multikey.generate()
  key.controller = `did:key:${key.publicKeyMultibase}`
  key.id = `${key.controller}#${key.publicKeyMultibase}`
  return key
}

/** Plain @digitalbazaar/vc issuing. */
async function plainIssue(credential: Record<string, unknown>, key: Awaited<ReturnType<typeof plainDidKey>>, date = ISSUED_AT) {
  const suite = new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022, date })
  return (await vc.issue({ credential: structuredClone(credential), suite, documentLoader })) as SignedCredential
}

const smallBadge = (issuerId: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  '@context': [VC_V2, OB_V3P0],
  id: 'urn:uuid:3f0c1b8e-6a55-4f31-9d0c-1f7a2b3c4d5e',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Teamwork',
  issuer: { id: issuerId, type: ['Profile'], name: 'Example College' },
  validFrom: '2026-03-01T00:00:00Z',
  credentialSubject: {
    id: 'did:example:learner-1',
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
})

async function fullMicroCredential(issuer: Issuer): Promise<Record<string, unknown>> {
  return (await buildAchievementCredential(
    {
      achievement: toAchievement(fullDefinition),
      recipient: { email: 'learner@example.org' },
      issuer: { id: issuer.id, ...issuer.profile },
      validUntil: '2031-03-01T00:00:00Z',
      result: [{ type: ['Result'], resultDescription: GRADE_DESCRIPTION_ID, value: 'A' }],
      withCredentialSchema: true,
    },
    ISSUED_AT,
  )) as unknown as Record<string, unknown>
}

describe('credentials microcred issues verify with plain @digitalbazaar/vc', () => {
  const issuer = createIssuer({ name: 'Universität Beispiel', url: 'https://uni.example', address: { type: ['Address'], addressCountryCode: 'AT' } })
  let badge: SignedCredential
  let micro: SignedCredential

  beforeAll(async () => {
    badge = await issueCredential(smallBadge('did:example:replaced-by-issuer'), { issuer, clock })
    micro = await issueCredential(await fullMicroCredential(issuer), { issuer, clock })
  })

  it('a small badge', async () => {
    const result = await plainVerify(badge)
    expect(result.error).toBeUndefined()
    expect(result.verified).toBe(true)
  })

  it('a full micro-credential (every definition field, extension context, credentialSchema, hashed email, result)', async () => {
    expect(micro['@context']).toEqual([VC_V2, OB_V3P0, MICROCRED_V1_INLINE_CONTEXT, 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'])
    const result = await plainVerify(micro)
    expect(result.error).toBeUndefined()
    expect(result.verified).toBe(true)
  })

  it('and plain verification really checks: a changed credit value is rejected', async () => {
    const tampered = structuredClone(micro) as unknown as { credentialSubject: { achievement: { creditsAvailable: number } } }
    tampered.credentialSubject.achievement.creditsAvailable += 1
    expect((await plainVerify(tampered)).verified).toBe(false)
  })

  it('our own verifier agrees on both', async () => {
    expect((await verifyCredential(badge, { clock: VERIFY_AT })).verified).toBe(true)
    expect((await verifyCredential(micro, { clock: VERIFY_AT })).verified).toBe(true)
  })
})

describe('credentials plain @digitalbazaar/vc issues verify with microcred', () => {
  let key: Awaited<ReturnType<typeof plainDidKey>>

  beforeAll(async () => {
    key = await plainDidKey()
  })

  it('a small badge: every check passes', async () => {
    const signed = await plainIssue(smallBadge(key.controller!), key)
    expect(signed.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', verificationMethod: key.id })
    const result = await verifyCredential(signed, { clock: VERIFY_AT })
    expect(result.checks.filter((c) => c.outcome !== 'pass' && c.outcome !== 'skip')).toEqual([])
    expect(result.checks.find((c) => c.id === 'issuer')).toMatchObject({ outcome: 'pass', details: { issuer: key.controller } })
    expect(result.verified).toBe(true)
  })

  it('a micro-credential using the extension context; its facts read back', async () => {
    const unsigned = {
      ...smallBadge(key.controller!),
      '@context': [VC_V2, OB_V3P0, MICROCRED_V1],
      name: fullDefinition.name,
      credentialSubject: { id: 'did:example:learner-2', type: ['AchievementSubject'], achievement: toAchievement(fullDefinition) },
    }
    const signed = await plainIssue(unsigned, key)
    const result = await verifyCredential(signed, { clock: VERIFY_AT })
    expect(result.checks.filter((c) => c.outcome !== 'pass' && c.outcome !== 'skip')).toEqual([])
    expect(result.verified).toBe(true)
    const facts = readMicroCredential((signed.credentialSubject as { achievement: Record<string, unknown> }).achievement)
    expect(facts.credits).toEqual({ value: 5, system: 'ECTS' })
    expect(facts.levels.map((l) => l.uri)).toEqual(fullDefinition.levels!.map((l) => l.uri))
  })

  it('a plainly signed credential changed afterwards fails our proof check with ERR_PROOF_INVALID', async () => {
    const signed = await plainIssue(smallBadge(key.controller!), key)
    const tampered = { ...signed, name: 'Teamwork (edited)' }
    const result = await verifyCredential(tampered, { clock: VERIFY_AT })
    expect(result.checks.find((c) => c.id === 'proof')).toMatchObject({ outcome: 'fail', code: 'ERR_PROOF_INVALID' })
    expect(result.verified).toBe(false)
  })

  it('a key exported by ed25519-multikey signs through microcred into the same proof (Ed25519 is deterministic)', async () => {
    const exported = await key.export({ publicKey: true, secretKey: true })
    const ours: Issuer = {
      id: key.controller!,
      profile: {},
      key: signingKeyFromMaterial(
        { publicKeyMultibase: exported.publicKeyMultibase, secretKeyMultibase: exported.secretKeyMultibase! },
        { controller: key.controller!, id: key.id! },
      ),
    }
    const unsigned = smallBadge(key.controller!)
    const theirs = await plainIssue(unsigned, key)
    const mine = await issueCredential(unsigned, { issuer: ours, clock })
    expect(mine.proof).toEqual(theirs.proof)
    expect(mine).toEqual(theirs)
  })
})

describe('non-ASCII text round-trips byte for byte', () => {
  const strings = [NON_ASCII.name, NON_ASCII.description, NON_ASCII.decomposed, 'AQ Austria — Agentur für Qualitätssicherung', '数据']
  const issuer = createIssuer({ name: 'Université de Montréal — Faculté des arts®' })

  it('the decomposed accent is really NFD (the test would be vacuous otherwise)', () => {
    expect(NON_ASCII.decomposed).not.toBe(NON_ASCII.decomposed.normalize('NFC'))
  })

  it('issued by microcred: the signed JSON holds the exact strings, and neither verifier changes the credential', async () => {
    const signed = await issueCredential(await fullMicroCredential(issuer), { issuer, clock })
    const serialized = JSON.stringify(signed)
    for (const s of [...strings, 'Université de Montréal — Faculté des arts®']) expect(serialized).toContain(s)

    // Through bytes and back, as a file or an HTTP body would carry it.
    const reparsed = JSON.parse(Buffer.from(serialized, 'utf8').toString('utf8')) as SignedCredential
    const before = JSON.stringify(reparsed)
    expect((await plainVerify(reparsed)).verified).toBe(true)
    expect((await verifyCredential(reparsed, { clock: VERIFY_AT })).verified).toBe(true)
    expect(JSON.stringify(reparsed)).toBe(before)
    expect(reparsed).toEqual(signed)
  })

  it('issued by the plain stack: microcred verifies it and leaves the strings untouched', async () => {
    const key = await plainDidKey()
    const unsigned = smallBadge(key.controller!, {
      '@context': [VC_V2, OB_V3P0, MICROCRED_V1],
      name: NON_ASCII.name,
      credentialSubject: { id: 'did:example:learner-3', type: ['AchievementSubject'], achievement: toAchievement(fullDefinition) },
    })
    const signed = await plainIssue(unsigned, key)
    const serialized = JSON.stringify(signed)
    for (const s of strings) expect(serialized).toContain(s)
    const reparsed = JSON.parse(serialized) as SignedCredential
    expect((await verifyCredential(reparsed, { clock: VERIFY_AT })).verified).toBe(true)
    expect(JSON.stringify(reparsed)).toBe(serialized)
  })

  it('normalizing the decomposed accent after signing breaks the signature (it is signed as given)', async () => {
    const signed = await issueCredential(await fullMicroCredential(issuer), { issuer, clock })
    const normalized = JSON.parse(JSON.stringify(signed).normalize('NFC')) as SignedCredential
    expect(JSON.stringify(normalized)).not.toBe(JSON.stringify(signed))
    expect((await plainVerify(normalized)).verified).toBe(false)
    expect((await verifyCredential(normalized, { clock: VERIFY_AT })).checks.find((c) => c.id === 'proof')).toMatchObject({
      outcome: 'fail',
      code: 'ERR_PROOF_INVALID',
    })
  })
})
