// Golden vectors: the W3C vc-di-eddsa eddsa-rdfc-2022 test vector and 1EdTech's OB 3.0
// eddsa-rdfc-2022 vector (tests/fixtures/vectors) verify with our verifier, and signing
// their unsigned input with their key and `created` reproduces their proofValue byte for byte.
// Every expected value is read from the fixture files, never re-typed.
//
// Not covered: vectors/eddsa-rdfc-2022/employ/ (EmploymentAuthorizationDocument). It needs the
// https://w3id.org/citizenship/v4rc1 context, which is not in tests/fixtures, and our static
// loader never fetches: neither verifying nor canonizing that document is possible offline.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import jsonld from 'jsonld'
import { describe, expect, it } from 'vitest'
import {
  createDocumentLoader,
  fixedClock,
  issueCredential,
  verifyCredential,
  type Check,
  type DocumentLoader,
  type Issuer,
  type VerificationResult,
} from '../../src/core/index.js'
import { decodeBase58btc } from '../../src/core/encoding/base58btc.js'
import { signingKeyFromMaterial } from '../../src/kms/ed25519-key.js'

const FIXTURES = new URL('../fixtures/', import.meta.url)
const text = (path: string): string => readFileSync(new URL(path, FIXTURES), 'utf8')
const json = (path: string): any => JSON.parse(text(path))

const DID_V1 = 'https://www.w3.org/ns/did/v1'
const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1'
const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2'

const sha256Hex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex')
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')

function check(result: VerificationResult, id: string): Check {
  const found = result.checks.find((c) => c.id === id)
  if (found === undefined) throw new Error(`no ${id} check in ${JSON.stringify(result)}`)
  return found
}

/** RDFC-1.0 canonical N-Quads in JSON-LD safe mode, through our static loader only. */
async function canonize(doc: unknown, documentLoader: DocumentLoader): Promise<string> {
  return jsonld.canonize(doc, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true })
}

/** The proof configuration eddsa-rdfc-2022 hashes: the proof without proofValue, under the document's @context. */
function proofConfig(proof: Record<string, unknown>, context: unknown): Record<string, unknown> {
  const { proofValue: _value, ...config } = proof
  return { ...config, '@context': context }
}

describe('W3C vc-di-eddsa vector (eddsa-rdfc-2022, AlumniCredential)', () => {
  const dir = 'vectors/eddsa-rdfc-2022/'
  const signed = json(`${dir}signedDataInt.json`)
  const unsigned = json(`${dir}unsigned.json`)
  const keyPair = json(`${dir}keyPair.json`)
  const proofConfigVector = json(`${dir}proofConfigDataInt.json`)
  const verificationMethod: string = signed.proof.verificationMethod
  const issuerId: string = signed.issuer

  // The vector's issuer is not the controller of its did:key: the binding has to be supplied.
  const issuerDocument = {
    '@context': [DID_V1, MULTIKEY_V1],
    id: issuerId,
    assertionMethod: [verificationMethod],
  }
  const examplesContext = json('contexts/credentials-examples-v2.jsonld')
  const loader = createDocumentLoader({ documents: { [EXAMPLES_V2]: examplesContext, [issuerId]: issuerDocument } })
  const insideValidity = fixedClock(new Date(Date.parse(signed.validFrom) + 86_400_000))

  it('the signed credential verifies: every check passes or is skipped', async () => {
    const result = await verifyCredential(signed, { documentLoader: loader, clock: insideValidity })
    expect(result.checks.filter((c) => c.outcome !== 'pass' && c.outcome !== 'skip')).toEqual([])
    expect(result.verified).toBe(true)
    expect(check(result, 'proof').outcome).toBe('pass')
    expect(check(result, 'issuer')).toMatchObject({ outcome: 'pass', details: { issuer: issuerId } })
    expect(check(result, 'context').outcome).toBe('pass')
    expect(check(result, 'schema').outcome).toBe('skip') // not an Open Badges credential
  })

  it('without the issuer\'s controller document the proof still verifies, but the binding cannot be made offline', async () => {
    const loaderWithoutIssuer = createDocumentLoader({ documents: { [EXAMPLES_V2]: examplesContext } })
    const result = await verifyCredential(signed, { documentLoader: loaderWithoutIssuer, clock: insideValidity })
    expect(check(result, 'proof').outcome).toBe('pass')
    expect(check(result, 'issuer')).toMatchObject({ outcome: 'error', code: 'ERR_ISSUER_UNRESOLVABLE' })
    expect(result.verified).toBe(false)
    expect(result.verdict.problems).toEqual([expect.objectContaining({ check: 'issuer', next: expect.objectContaining({ option: expect.stringContaining('documents') }) })])
  })

  it('the examples context is bundled now: it verifies with only the issuer\'s document supplied', async () => {
    const result = await verifyCredential(signed, { documents: { [issuerId]: issuerDocument }, clock: insideValidity })
    expect(check(result, 'context').outcome).toBe('pass')
    expect(check(result, 'proof')).toMatchObject({ outcome: 'pass', details: { format: 'eddsa-rdfc-2022' } })
    expect(result.verified).toBe(true)
  })

  it('the document canonicalizes (RDFC-1.0, safe mode) to canonDocDataInt.txt and hashes to docHashDataInt.txt', async () => {
    const canonical = await canonize(unsigned, loader)
    expect(canonical).toBe(text(`${dir}canonDocDataInt.txt`))
    expect(sha256Hex(canonical)).toBe(text(`${dir}docHashDataInt.txt`).trim())
  })

  it('the proof configuration canonicalizes to proofCanonDataInt.txt and hashes to proofHashDataInt.txt', async () => {
    expect(proofConfig(signed.proof, unsigned['@context'])).toEqual(proofConfigVector)
    const canonical = await canonize(proofConfigVector, loader)
    expect(canonical).toBe(text(`${dir}proofCanonDataInt.txt`))
    expect(sha256Hex(canonical)).toBe(text(`${dir}proofHashDataInt.txt`).trim())
    expect(text(`${dir}combinedHashDataInt.txt`).trim()).toBe(sha256Hex(canonical) + text(`${dir}docHashDataInt.txt`).trim())
  })

  it('signing the unsigned input with the vector key at the vector\'s `created` reproduces proofValue exactly', async () => {
    // keyPair.json names the secret `privateKeyMultibase` (a 32-byte Ed25519 seed).
    const key = signingKeyFromMaterial(
      { publicKeyMultibase: keyPair.publicKeyMultibase, secretKeyMultibase: keyPair.privateKeyMultibase },
      { controller: verificationMethod.split('#')[0]!, id: verificationMethod },
    )
    // The issuer's id is the vector's issuer, and the input has `id` and `validFrom`: preparation changes nothing.
    const issuer: Issuer = { id: issuerId, profile: {}, key }
    const out = await issueCredential(unsigned, { issuer, clock: fixedClock(signed.proof.created), documentLoader: loader })

    expect(out.proof).toEqual(signed.proof)
    expect(out).toEqual(signed)
    expect((out.proof as { proofValue: string }).proofValue).toBe(text(`${dir}sigBTC58DataInt.txt`).trim())
    expect(hex(decodeBase58btc(signed.proof.proofValue.slice(1))!)).toBe(text(`${dir}sigHexDataInt.txt`).trim())
    const { proof: _proof, ...document } = out
    expect(document).toEqual(unsigned)
    // Ed25519 is deterministic: the key signs the data-to-sign into the vector's signature.
    expect(hex(await key.sign(Buffer.from(text(`${dir}combinedHashDataInt.txt`).trim(), 'hex')))).toBe(text(`${dir}sigHexDataInt.txt`).trim())
  })
})

describe('1EdTech OB 3.0 vector (eddsa-rdfc-2022, OpenBadgeCredential)', () => {
  const dir = 'vectors/ob3-eddsa-rdfc-2022/'
  const signed = json(`${dir}signed.json`)
  const unsigned = json(`${dir}unsigned.json`)
  const expectedProof = json(`${dir}proof.json`)
  const hashes = json(`${dir}hashes.json`)
  const keyPair = json(`${dir}keyPair.json`)
  const issuerId: string = signed.issuer.id

  // The key is named `<issuer URL>#<publicKeyMultibase>`: the issuer's controller document lists it.
  const controllerDocument = {
    '@context': [DID_V1, MULTIKEY_V1],
    id: keyPair.controller,
    verificationMethod: [{ id: keyPair.id, type: 'Multikey', controller: keyPair.controller, publicKeyMultibase: keyPair.publicKeyMultibase }],
    assertionMethod: [keyPair.id],
  }
  const loader = createDocumentLoader({ documents: { [keyPair.controller]: controllerDocument } })
  const insideValidity = fixedClock(new Date(Date.parse(signed.validFrom) + 86_400_000))

  it('names the key the way the fixture README says', () => {
    expect(keyPair.controller).toBe(issuerId)
    expect(keyPair.id).toBe(`${issuerId}#${keyPair.publicKeyMultibase}`)
    expect(signed.proof.verificationMethod).toBe(keyPair.id)
  })

  it('the signed credential verifies with every check passing (schema included)', async () => {
    const result = await verifyCredential(signed, { documents: { [keyPair.controller]: controllerDocument }, clock: insideValidity })
    expect(result.checks.filter((c) => c.outcome !== 'pass' && c.outcome !== 'skip')).toEqual([])
    expect(result.verified).toBe(true)
    for (const id of ['shape', 'context', 'schema', 'proof', 'issuer', 'validity']) expect(check(result, id).outcome).toBe('pass')
    expect(check(result, 'issuer').details).toEqual({ issuer: issuerId })
  })

  it('before validFrom the same credential is not yet valid (the clock is what is checked)', async () => {
    const result = await verifyCredential(signed, { documentLoader: loader, clock: fixedClock(new Date(Date.parse(signed.validFrom) - 1000)) })
    expect(check(result, 'proof').outcome).toBe('pass')
    expect(check(result, 'validity')).toMatchObject({ outcome: 'fail', code: 'ERR_VALIDITY_NOT_YET_VALID' })
    expect(result.verified).toBe(false)
  })

  it('without the controller document the key is unresolvable, reported apart from tampering', async () => {
    const result = await verifyCredential(signed, { clock: insideValidity })
    expect(check(result, 'proof')).toMatchObject({ outcome: 'fail', code: 'ERR_KEY_UNRESOLVABLE' })
    // The issuer binding depends on the signature: not checked, and the verdict says what to supply.
    expect(check(result, 'issuer')).toMatchObject({ outcome: 'skip', message: 'not checked because the signature failed' })
    expect(result.verified).toBe(false)
    expect(result.verdict.problems).toEqual([expect.objectContaining({ code: 'ERR_KEY_UNRESOLVABLE', next: expect.objectContaining({ cli: expect.stringContaining('--controller FILE') }) })])
  })

  it('the document canonicalizes to document-canon.txt; its hash and the proof hash match hashes.json', async () => {
    const canonical = await canonize(unsigned, loader)
    expect(canonical).toBe(text(`${dir}document-canon.txt`))
    expect(sha256Hex(canonical)).toBe(hashes.documentHashHex)

    const proofCanonical = await canonize(proofConfig(expectedProof, unsigned['@context']), loader)
    expect(proofCanonical).toBe(text(`${dir}proof-canon.txt`))
    expect(sha256Hex(proofCanonical)).toBe(hashes.proofHashHex)
    expect(hashes.dataToSignHex).toBe(hashes.proofHashHex + hashes.documentHashHex)
  })

  it('signing the unsigned input with the vector key at the vector\'s `created` reproduces proof.json exactly', async () => {
    // secretKeyMultibase here is the 64-byte seed‖public form that @digitalbazaar/ed25519-multikey exports.
    const key = signingKeyFromMaterial(
      { publicKeyMultibase: keyPair.publicKeyMultibase, secretKeyMultibase: keyPair.secretKeyMultibase },
      { controller: keyPair.controller, id: keyPair.id },
    )
    const issuer: Issuer = { id: issuerId, profile: {}, key }
    const out = await issueCredential(unsigned, { issuer, clock: fixedClock(expectedProof.created), documentLoader: loader })

    expect(out.proof).toEqual(expectedProof)
    expect(out).toEqual(signed)
    expect((out.proof as { proofValue: string }).proofValue).toBe(hashes.proofValue)
    expect(hex(decodeBase58btc(hashes.proofValue.slice(1))!)).toBe(hashes.signatureHex)
    const { proof: _proof, ...document } = out
    expect(document).toEqual(unsigned)
  })

  it('the key signs the vector\'s data-to-sign (proof hash ‖ document hash) into its signatureHex', async () => {
    const key = signingKeyFromMaterial(
      { publicKeyMultibase: keyPair.publicKeyMultibase, secretKeyMultibase: keyPair.secretKeyMultibase },
      { controller: keyPair.controller, id: keyPair.id },
    )
    expect(hex(await key.sign(Buffer.from(hashes.dataToSignHex, 'hex')))).toBe(hashes.signatureHex)
  })
})
