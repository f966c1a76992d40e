// Credentials signed IN THIS TEST by the independent Digital Bazaar libraries (not by
// microcred) verify in microcred's verifier, labelled with their format; tampered copies
// fail with ERR_PROOF_INVALID. Then the structural rules of VC Data Integrity 1.0, each with
// the specification's error type.
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite'
import { createSignCryptosuite as eddsaJcs2022 } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020'
import { createHash } from 'node:crypto'
import jsonld from 'jsonld'
import jsigs from 'jsonld-signatures'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDocumentLoader, fixedClock, verifyCredential, type VerificationResult } from '../../../../src/core/index.js'
import { encodeBase58btc } from '../../../../src/core/encoding/base58btc.js'

const VC_V1 = 'https://www.w3.org/2018/credentials/v1'
const VC_V2 = 'https://www.w3.org/ns/credentials/v2'
const ED25519_2020 = 'https://w3id.org/security/suites/ed25519-2020/v1'
const OB_300 = 'https://purl.imsglobal.org/spec/ob/v3p0/context.json'
const OB_303 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
const ISSUER = 'did:web:issuer.example'
const clock = fixedClock('2026-06-01T00:00:00Z')
const loader = createDocumentLoader()

type Key = { id?: string; controller?: string; signer(): unknown; export(o: Record<string, unknown>): Promise<Record<string, unknown>> }

/** A did:web controller document listing the given keys as assertion methods (supplied, never fetched). */
async function didWebDocument(keys: { key: Key; type: string }[]): Promise<Record<string, unknown>> {
  // As published in did:web documents: no per-method @context, the document's applies.
  const methods: Record<string, unknown>[] = await Promise.all(
    keys.map(async ({ key, type }) => {
      const { '@context': _own, ...method } = await key.export({ publicKey: true })
      return { ...method, type, controller: ISSUER }
    }),
  )
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1', ED25519_2020],
    id: ISSUER,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m['id']),
  }
}

const subject = { id: 'did:example:learner', type: ['AchievementSubject'], achievement: { id: 'https://issuer.example/achievements/1', type: ['Achievement'], name: 'Data literacy', description: 'Reads a chart.', criteria: { narrative: 'Passed.' }, achievementType: 'Program' } }

/** The DCC shape: VC 1.1 + Ed25519Signature2020 + the ed25519-2020 context, achievementType "Program". */
const dccCredential = (): Record<string, unknown> => ({
  '@context': [VC_V1, OB_300, ED25519_2020],
  id: 'urn:uuid:0b5d2a9e-8f3c-4c55-9f39-6c2f2a3d1e01',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Data literacy',
  issuer: { id: ISSUER, type: ['Profile'], name: 'Example University' },
  issuanceDate: '2026-01-10T10:00:00Z',
  credentialSubject: subject,
})

const vc2Credential = (): Record<string, unknown> => ({
  '@context': [VC_V2, OB_303],
  id: 'urn:uuid:0b5d2a9e-8f3c-4c55-9f39-6c2f2a3d1e02',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Data literacy',
  issuer: { id: ISSUER, type: ['Profile'], name: 'Example University' },
  validFrom: '2026-01-10T10:00:00Z',
  credentialSubject: { ...subject, achievement: { ...subject.achievement, achievementType: 'LearningProgram' } },
})

async function sign(credential: Record<string, unknown>, suite: unknown): Promise<Record<string, unknown>> {
  return jsigs.sign(structuredClone(credential), { suite, purpose: new jsigs.purposes.AssertionProofPurpose(), documentLoader: loader }) as Promise<Record<string, unknown>>
}

const proofCheck = (r: VerificationResult) => r.checks.find((c) => c.id === 'proof')!

let ed: Key
let p256: Key
let documents: Record<string, unknown>

beforeAll(async () => {
  ed = await Ed25519Multikey.generate({ id: `${ISSUER}#ed`, controller: ISSUER })
  p256 = await EcdsaMultikey.generate({ curve: 'P-256', id: `${ISSUER}#p256`, controller: ISSUER })
  documents = { [ISSUER]: await didWebDocument([{ key: ed, type: 'Ed25519VerificationKey2020' }, { key: p256, type: 'Multikey' }]) }
})

describe('formats signed by the independent libraries verify offline', () => {
  it('VC 1.1 + Ed25519Signature2020 with an Ed25519VerificationKey2020 key in a did:web document (DCC style, achievementType Program)', async () => {
    const signed = await sign(dccCredential(), new Ed25519Signature2020({ signer: ed.signer(), date: '2026-01-10T10:00:00Z' }))
    const result = await verifyCredential(signed, { documents, clock })
    expect(result.checks.filter((c) => c.outcome !== 'pass' && c.outcome !== 'skip')).toEqual([])
    expect(result.verified).toBe(true)
    expect(proofCheck(result).details).toMatchObject({ format: 'Ed25519Signature2020' })
    expect(result.checks.find((c) => c.id === 'shape')!.message).toContain('VC 1.1')

    const tampered = { ...signed, name: 'Data mastery' }
    const bad = await verifyCredential(tampered, { documents, clock })
    expect(bad.verified).toBe(false)
    expect(proofCheck(bad)).toMatchObject({ outcome: 'fail', code: 'ERR_PROOF_INVALID', details: { errorType: 'PROOF_VERIFICATION_ERROR', format: 'Ed25519Signature2020' } })
  })

  it('VC 1.1 + eddsa-rdfc-2022', async () => {
    const credential = { ...dccCredential(), '@context': [VC_V1, OB_300, 'https://w3id.org/security/data-integrity/v2'] }
    const signed = await sign(credential, new DataIntegrityProof({ signer: ed.signer(), cryptosuite: eddsaRdfc2022 }))
    // The DB suite reads the key type from the signer; the document lists it as Ed25519VerificationKey2020, so supply a Multikey controller.
    const multikeyDocs = { [ISSUER]: await didWebDocument([{ key: ed, type: 'Multikey' }]) }
    const result = await verifyCredential(signed, { documents: multikeyDocs, clock })
    expect(result.verified).toBe(true)
    expect(proofCheck(result).details).toMatchObject({ format: 'eddsa-rdfc-2022' })
    const bad = await verifyCredential({ ...signed, issuanceDate: '2026-01-11T10:00:00Z' }, { documents: multikeyDocs, clock })
    expect(proofCheck(bad)).toMatchObject({ code: 'ERR_PROOF_INVALID' })
  })

  it('VC 2.0 + eddsa-jcs-2022', async () => {
    const multikeyDocs = { [ISSUER]: await didWebDocument([{ key: ed, type: 'Multikey' }]) }
    const signed = await sign(vc2Credential(), new DataIntegrityProof({ signer: ed.signer(), cryptosuite: eddsaJcs2022() }))
    const result = await verifyCredential(signed, { documents: multikeyDocs, clock })
    expect(result.checks.filter((c) => c.outcome !== 'pass' && c.outcome !== 'skip')).toEqual([])
    expect(proofCheck(result).details).toMatchObject({ format: 'eddsa-jcs-2022' })
    // JCS signs the JSON text itself: even a change JSON-LD would not see fails.
    const bad = await verifyCredential({ ...signed, name: 'Data literacy ' }, { documents: multikeyDocs, clock })
    expect(proofCheck(bad)).toMatchObject({ code: 'ERR_PROOF_INVALID', details: { errorType: 'PROOF_VERIFICATION_ERROR' } })
  })

  it('VC 2.0 + ecdsa-rdfc-2019 (P-256 Multikey)', async () => {
    const signed = await sign(vc2Credential(), new DataIntegrityProof({ signer: p256.signer(), cryptosuite: ecdsaRdfc2019 }))
    const result = await verifyCredential(signed, { documents, clock })
    expect(result.checks.filter((c) => c.outcome !== 'pass' && c.outcome !== 'skip')).toEqual([])
    expect(proofCheck(result).details).toMatchObject({ format: 'ecdsa-rdfc-2019' })
    const bad = await verifyCredential({ ...signed, validFrom: '2026-01-11T10:00:00Z' }, { documents, clock })
    expect(proofCheck(bad)).toMatchObject({ code: 'ERR_PROOF_INVALID' })
  })
})

describe('VC Data Integrity 1.0 to the letter: each defect has its code and error type', () => {
  let signed: Record<string, unknown>
  let multikeyDocs: Record<string, unknown>
  beforeAll(async () => {
    multikeyDocs = { [ISSUER]: await didWebDocument([{ key: ed, type: 'Multikey' }]) }
    signed = await sign(vc2Credential(), new DataIntegrityProof({ signer: ed.signer(), cryptosuite: eddsaRdfc2022 }))
  })
  const withProof = (change: (proof: Record<string, unknown>) => unknown): Record<string, unknown> => ({ ...signed, proof: change({ ...(signed['proof'] as Record<string, unknown>) }) })
  const without = (key: string) => withProof((p) => {
    delete p[key]
    return p
  })

  type Case = [string, () => Record<string, unknown>, string, string]
  it.each<Case>([
    ['proof not a map', () => withProof(() => 'z123'), 'ERR_PROOF_MALFORMED', 'PARSING_ERROR'],
    ['missing type', () => without('type'), 'ERR_PROOF_MALFORMED', 'PROOF_VERIFICATION_ERROR'],
    ['missing verificationMethod', () => without('verificationMethod'), 'ERR_PROOF_MALFORMED', 'PROOF_VERIFICATION_ERROR'],
    ['missing proofPurpose', () => without('proofPurpose'), 'ERR_PROOF_MALFORMED', 'PROOF_VERIFICATION_ERROR'],
    ['wrong type', () => withProof((p) => ({ ...p, type: 'Ed25519Signature2018' })), 'ERR_PROOF_UNSUPPORTED', 'PROOF_TRANSFORMATION_ERROR'],
    ['unknown cryptosuite', () => withProof((p) => ({ ...p, cryptosuite: 'eddsa-2099' })), 'ERR_PROOF_UNSUPPORTED', 'PROOF_TRANSFORMATION_ERROR'],
    ['proofPurpose other than expected', () => withProof((p) => ({ ...p, proofPurpose: 'authentication' })), 'ERR_PROOF_PURPOSE_MISMATCH', 'PROOF_VERIFICATION_ERROR'],
    ['missing proofValue', () => without('proofValue'), 'ERR_PROOF_MALFORMED', 'MALFORMED_PROOF_ERROR'],
    ['proofValue not multibase', () => withProof((p) => ({ ...p, proofValue: '3x+/' })), 'ERR_PROOF_MALFORMED', 'MALFORMED_PROOF_ERROR'],
  ])('%s', async (_name, credential, code, errorType) => {
    const result = await verifyCredential(credential(), { documents: multikeyDocs, clock })
    expect(result.verified).toBe(false)
    expect(proofCheck(result)).toMatchObject({ outcome: 'fail', code, details: { errorType } })
  })

  it('a term no context defines (data loss) is DATA_LOSS_DETECTION_ERROR', async () => {
    const result = await verifyCredential({ ...signed, undefinedTerm: 'x' }, { documents: multikeyDocs, clock })
    expect(proofCheck(result)).toMatchObject({ outcome: 'error', code: 'ERR_JSONLD_UNDEFINED_TERM', details: { errorType: 'DATA_LOSS_DETECTION_ERROR', term: 'undefinedTerm' } })
  })

  it('a relative IRI (base URL null) is DATA_LOSS_DETECTION_ERROR, not silently dropped', async () => {
    const subjectWithRelativeId = { ...(signed['credentialSubject'] as Record<string, unknown>), id: 'learners/42' }
    const result = await verifyCredential({ ...signed, credentialSubject: subjectWithRelativeId }, { documents: multikeyDocs, clock })
    expect(result.verified).toBe(false)
    expect(proofCheck(result)).toMatchObject({ outcome: 'error', details: { errorType: 'DATA_LOSS_DETECTION_ERROR' } })
  })

  describe('previousProof chains (the later proof signs the document carrying the earlier one)', () => {
    /** eddsa-rdfc-2022 by hand (vc-di-eddsa §3.3): jsonld.js canonize, SHA-256, the DB Ed25519 signer. */
    async function addProof(unsecured: Record<string, unknown>, options: Record<string, unknown>): Promise<Record<string, unknown>> {
      const { proof: previous, ...document } = unsecured
      const withPrevious = options['previousProof'] === undefined ? document : { ...document, proof: previous }
      const config = { '@context': document['@context'], type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2026-01-10T10:00:00Z', verificationMethod: ed.id, proofPurpose: 'assertionMethod', ...options }
      const canon = (d: unknown) => jsonld.canonize(d, { algorithm: 'RDFC-1.0', format: 'application/n-quads', safe: true, base: null, documentLoader: loader })
      const hash = async (d: unknown) => createHash('sha256').update(await canon(d)).digest()
      const data = Buffer.concat([await hash(config), await hash(withPrevious)])
      const signature = await (ed.signer() as { sign(o: { data: Uint8Array }): Promise<Uint8Array> }).sign({ data })
      return { ...config, proofValue: 'z' + encodeBase58btc(signature) }
    }
    let proof1: Record<string, unknown>
    let proof2: Record<string, unknown>
    let unsigned: Record<string, unknown>
    beforeAll(async () => {
      unsigned = vc2Credential()
      proof1 = await addProof(unsigned, { id: 'urn:uuid:proof-1' })
      proof2 = await addProof({ ...unsigned, proof: proof1 }, { id: 'urn:uuid:proof-2', previousProof: 'urn:uuid:proof-1' })
    })

    it('a chain with previousProof as a string, and as a list, verifies', async () => {
      expect((await verifyCredential({ ...unsigned, proof: [proof1, proof2] }, { documents: multikeyDocs, clock })).verified).toBe(true)
      const listed = await addProof({ ...unsigned, proof: [proof1] }, { id: 'urn:uuid:proof-3', previousProof: ['urn:uuid:proof-1'] })
      const result = await verifyCredential({ ...unsigned, proof: [proof1, listed] }, { documents: multikeyDocs, clock })
      expect(proofCheck(result)).toMatchObject({ outcome: 'pass', details: { format: 'eddsa-rdfc-2022' } })
    })

    it('a chain whose earlier proof was altered fails: every referenced proof must verify', async () => {
      const altered = { ...proof1, created: '2026-01-11T10:00:00Z' }
      const result = await verifyCredential({ ...unsigned, proof: [altered, proof2] }, { documents: multikeyDocs, clock })
      expect(proofCheck(result)).toMatchObject({ outcome: 'fail', code: 'ERR_PROOF_INVALID', details: { errorType: 'PROOF_VERIFICATION_ERROR' } })
    })

    it('previousProof (string or list) naming a proof that is absent: ERR_PROOF_CHAIN_BROKEN', async () => {
      for (const previousProof of ['urn:uuid:proof-1', ['urn:uuid:proof-1']]) {
        const result = await verifyCredential({ ...unsigned, proof: [{ ...proof2, previousProof }] }, { documents: multikeyDocs, clock })
        expect(proofCheck(result)).toMatchObject({ outcome: 'fail', code: 'ERR_PROOF_CHAIN_BROKEN', details: { errorType: 'PROOF_VERIFICATION_ERROR' } })
      }
    })
  })
})
