// Tamper suite: every leaf of a signed micro-credential, changed after signing, makes the
// proof check fail (never a throw, never verified); and each other way a credential can be
// bad is reported with its own code, apart from tampering.
import jsonld from 'jsonld'
import { describe, expect, it } from 'vitest'
import {
  buildAchievementCredential,
  createDocumentLoader,
  fixedClock,
  issueCredential,
  toAchievement,
  verifyCredential,
  type Check,
  type Issuer,
  type SignedCredential,
  type VerificationResult,
} from '../../../src/core/index.js'
import { generateKeyMaterial, signingKeyFromMaterial } from '../../../src/kms/ed25519-key.js'
import { createIssuer } from '../../../src/kms/issuer-directory.js'
import { fullDefinition, GRADE_DESCRIPTION_ID } from '../../fixtures/micro-credential-definition.js'

const ISSUED_AT = new Date('2026-03-02T10:00:00Z')
const clock = fixedClock(ISSUED_AT)
const VERIFY_AT = fixedClock('2026-06-01T00:00:00Z')
const loader = createDocumentLoader()

function check(result: VerificationResult, id: string): Check {
  const found = result.checks.find((c) => c.id === id)
  if (found === undefined) throw new Error(`no ${id} check`)
  return found
}

const issuer = createIssuer({ name: 'Universität Beispiel', url: 'https://uni.example', address: { type: ['Address'], addressCountryCode: 'AT' } })

async function microCredential(extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const built = (await buildAchievementCredential(
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
  return { ...built, ...extra }
}

const signed = await issueCredential(await microCredential(), { issuer, clock })

type Path = (string | number)[]
interface Leaf {
  path: Path
  jsonPath: string
  value: string | number | boolean
}

/** Every leaf (string, number, boolean) except inside `@context` and `proof`. */
function leavesOf(doc: unknown): Leaf[] {
  const out: Leaf[] = []
  const walk = (node: unknown, path: Path): void => {
    if (Array.isArray(node)) node.forEach((child, i) => walk(child, [...path, i]))
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key === '@context' || (path.length === 0 && key === 'proof')) continue
        walk(child, [...path, key])
      }
    } else if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') {
      out.push({ path, value: node, jsonPath: '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('') })
    }
  }
  walk(doc, [])
  return out
}

function changed(value: string | number | boolean): string | number | boolean {
  return typeof value === 'string' ? value + 'x' : typeof value === 'number' ? value + 1 : !value
}

function tamper(doc: SignedCredential, leaf: Leaf): Record<string, unknown> {
  const copy = structuredClone(doc) as unknown as Record<string, unknown>
  let node = copy as Record<string | number, unknown>
  for (const key of leaf.path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  node[leaf.path[leaf.path.length - 1]!] = changed(leaf.value)
  return copy
}

/** Independent of the verifier: is the document still well-defined JSON-LD in safe mode? */
async function safeModeAccepts(doc: Record<string, unknown>): Promise<boolean> {
  const { proof: _proof, ...unsigned } = doc
  try {
    await jsonld.canonize(unsigned, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader: loader, safe: true })
    return true
  } catch {
    return false
  }
}

const leaves = leavesOf(signed)
const isTypeValue = (leaf: Leaf): boolean => leaf.path.includes('type')

describe('the untampered micro-credential', () => {
  it('verifies, with every check passing', async () => {
    const result = await verifyCredential(signed, { clock: VERIFY_AT })
    expect(result.checks.filter((c) => c.outcome !== 'pass' && c.outcome !== 'skip')).toEqual([])
    expect(result.verified).toBe(true)
  })

  it('has the leaves the walk is meant to cover (credits, level, name, dates, issuer, recipient hash, grade…)', () => {
    const paths = leaves.map((l) => l.jsonPath)
    for (const p of [
      '$.name',
      '$.validFrom',
      '$.validUntil',
      '$.issuer.id',
      '$.issuer.name',
      '$.issuer.address.addressCountryCode',
      '$.credentialSubject.achievement.creditsAvailable',
      '$.credentialSubject.achievement.creditSystem',
      '$.credentialSubject.achievement.workloadHours',
      '$.credentialSubject.achievement.alignment[0].targetCode',
      '$.credentialSubject.achievement.alignment[0].targetUrl',
      '$.credentialSubject.achievement.issuerIsAwardingBody',
      '$.credentialSubject.achievement.qualityAssurance[0].qaType',
      '$.credentialSubject.identifier[0].identityHash',
      '$.credentialSubject.identifier[0].hashed',
      '$.credentialSubject.result[0].value',
      '$.credentialSchema[0].id',
    ]) {
      expect(paths).toContain(p)
    }
    expect(leaves.some((l) => typeof l.value === 'number')).toBe(true)
    expect(leaves.some((l) => typeof l.value === 'boolean')).toBe(true)
  })
})

describe('every leaf changed after signing fails the proof check', () => {
  // A changed *value* leaves a well-defined document whose signature no longer matches:
  // ERR_PROOF_INVALID. A changed *type* name drops the type-scoped OB 3.0 / microcred
  // context, so JSON-LD safe mode rejects the document before any signature is computed;
  // the proof check then reports ERR_JSONLD_UNDEFINED_TERM as an `error` (it cannot tell
  // tampering from an issuer's JSON-LD mistake). Either way the credential is not verified.
  it.each(leaves.filter((l) => !isTypeValue(l)).map((l) => [l.jsonPath, l] as const))('%s → ERR_PROOF_INVALID', async (_path, leaf) => {
    const tampered = tamper(signed, leaf)
    const result = await verifyCredential(tampered, { clock: VERIFY_AT })
    expect(result.verified).toBe(false)
    expect(check(result, 'proof')).toMatchObject({ outcome: 'fail', code: 'ERR_PROOF_INVALID' })
  })

  it.each(leaves.filter(isTypeValue).map((l) => [l.jsonPath, l] as const))('%s (a type name) → proof error ERR_JSONLD_UNDEFINED_TERM', async (_path, leaf) => {
    const tampered = tamper(signed, leaf)
    expect(await safeModeAccepts(tampered)).toBe(false)
    const result = await verifyCredential(tampered, { clock: VERIFY_AT })
    expect(result.verified).toBe(false)
    const proof = check(result, 'proof')
    expect(proof).toMatchObject({ outcome: 'error', code: 'ERR_JSONLD_UNDEFINED_TERM' })
    expect(proof.details?.['term']).toEqual(expect.any(String))
    expect(proof.details?.['paths']).toEqual(expect.arrayContaining([expect.stringMatching(/^\$/)]))
  })

  it('splits the leaves exactly by safe mode: value changes stay well-defined JSON-LD, type changes do not', async () => {
    for (const leaf of leaves) {
      expect({ leaf: leaf.jsonPath, accepted: await safeModeAccepts(tamper(signed, leaf)) }).toEqual({ leaf: leaf.jsonPath, accepted: !isTypeValue(leaf) })
    }
    expect(leaves.filter((l) => !isTypeValue(l)).length).toBeGreaterThan(60)
  })
})

describe('each other defect has its own code', () => {
  it('no proof → ERR_PROOF_MISSING (and an empty proof array too)', async () => {
    const { proof: _proof, ...unsigned } = signed
    for (const doc of [unsigned, { ...unsigned, proof: [] }]) {
      const result = await verifyCredential(doc, { clock: VERIFY_AT })
      expect(result.verified).toBe(false)
      expect(check(result, 'proof')).toMatchObject({ outcome: 'fail', code: 'ERR_PROOF_MISSING' })
    }
  })

  it('verification method re-pointed to another did:key → ERR_PROOF_INVALID; the checks that depend on the signature are skipped, not passed', async () => {
    const other = createIssuer()
    const doc = { ...signed, proof: { ...(signed.proof as Record<string, unknown>), verificationMethod: other.key.id } }
    const result = await verifyCredential(doc, { clock: VERIFY_AT })
    expect(result.verified).toBe(false)
    expect(check(result, 'proof')).toMatchObject({ outcome: 'fail', code: 'ERR_PROOF_INVALID' })
    for (const id of ['issuer', 'validity']) {
      expect(check(result, id)).toEqual({ id, outcome: 'skip', message: 'not checked because the signature failed', details: { dependsOn: 'proof', because: 'the signature failed' } })
    }
    expect(result.verdict).toMatchObject({ level: 'not-verified', problems: [{ check: 'proof', code: 'ERR_PROOF_INVALID' }], warnings: [] })
  })

  it('validly signed with a key that is not the issuer\'s → proof passes, issuer ERR_ISSUER_KEY_MISMATCH', async () => {
    const other = createIssuer()
    const impostor: Issuer = { id: issuer.id, profile: issuer.profile, key: other.key }
    const doc = await issueCredential(await microCredential(), { issuer: impostor, clock })
    const result = await verifyCredential(doc, { clock: VERIFY_AT })
    expect(result.verified).toBe(false)
    expect(check(result, 'proof').outcome).toBe('pass')
    expect(check(result, 'issuer')).toMatchObject({ outcome: 'fail', code: 'ERR_ISSUER_KEY_MISMATCH' })
  })

  it('an unknown context URL → context ERR_CONTEXT_NOT_ALLOWED; the proof check reports it as an error, not as tampering', async () => {
    const doc = { ...signed, '@context': [...(signed['@context'] as string[]), 'https://contexts.example/unknown/v1'] }
    const result = await verifyCredential(doc, { clock: VERIFY_AT })
    expect(result.verified).toBe(false)
    expect(check(result, 'context')).toMatchObject({ outcome: 'fail', code: 'ERR_CONTEXT_NOT_ALLOWED' })
    expect(check(result, 'context').details?.['problems']).toEqual([expect.objectContaining({ index: (signed['@context'] as string[]).length, url: 'https://contexts.example/unknown/v1' })])
    expect(check(result, 'proof')).toMatchObject({ outcome: 'error', code: 'ERR_CONTEXT_NOT_ALLOWED' })
  })

  it('an added inline context that changes no term leaves the signed RDF, and so the verdict, unchanged', async () => {
    const doc = { ...signed, '@context': [...(signed['@context'] as string[]), { unused: 'https://contexts.example/unused' }] }
    const result = await verifyCredential(doc, { clock: VERIFY_AT })
    expect(check(result, 'context').outcome).toBe('pass')
    expect(check(result, 'proof').outcome).toBe('pass')
    expect(result.verified).toBe(true)
  })

  it('a claim smuggled in under an added inline term changes the signed RDF → the proof fails', async () => {
    const doc = { ...signed, '@context': [...(signed['@context'] as string[]), { unused: 'https://contexts.example/unused' }] }
    ;(doc as Record<string, unknown>)['unused'] = 'an extra claim'
    const result = await verifyCredential(doc, { clock: VERIFY_AT })
    expect(check(result, 'proof')).toMatchObject({ outcome: 'fail' })
    expect(result.verified).toBe(false)
  })

  it('validFrom in the future (issued with a clock, verified with an earlier one) → ERR_VALIDITY_NOT_YET_VALID', async () => {
    const { validFrom: _from, ...withoutValidFrom } = await microCredential()
    const doc = await issueCredential(withoutValidFrom, { issuer, clock: fixedClock('2026-09-01T08:00:00Z') })
    expect(doc.validFrom).toBe('2026-09-01T08:00:00Z')
    const result = await verifyCredential(doc, { clock: fixedClock('2026-08-31T23:59:59Z') })
    expect(result.verified).toBe(false)
    expect(check(result, 'proof').outcome).toBe('pass')
    expect(check(result, 'validity')).toMatchObject({ outcome: 'fail', code: 'ERR_VALIDITY_NOT_YET_VALID' })
    expect((await verifyCredential(doc, { clock: fixedClock('2026-09-01T08:00:00Z') })).verified).toBe(true)
  })

  it('validUntil in the past → ERR_VALIDITY_EXPIRED', async () => {
    const doc = await issueCredential(await microCredential({ validUntil: '2026-04-01T00:00:00Z' }), { issuer, clock })
    const result = await verifyCredential(doc, { clock: fixedClock('2026-04-01T00:00:01Z') })
    expect(result.verified).toBe(false)
    expect(check(result, 'proof').outcome).toBe('pass')
    expect(check(result, 'validity')).toMatchObject({ outcome: 'fail', code: 'ERR_VALIDITY_EXPIRED' })
  })

  describe('an https verification method', () => {
    const controller = 'https://issuer.example/org'
    const material = generateKeyMaterial()
    const key = signingKeyFromMaterial(material, { controller, id: `${controller}#key-1` })
    const urlIssuer: Issuer = { id: controller, profile: { name: 'URL Issuer' }, key }
    const controllerDocument = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: controller,
      verificationMethod: [{ id: key.id, type: 'Multikey', controller, publicKeyMultibase: material.publicKeyMultibase }],
      assertionMethod: [key.id],
    }

    it('with no controller document supplied → ERR_KEY_UNRESOLVABLE, reported apart from tampering', async () => {
      const doc = await issueCredential(await microCredential(), { issuer: urlIssuer, clock })
      const result = await verifyCredential(doc, { clock: VERIFY_AT })
      expect(result.verified).toBe(false)
      expect(check(result, 'proof')).toMatchObject({ outcome: 'fail', code: 'ERR_KEY_UNRESOLVABLE', details: { verificationMethod: key.id } })
      expect(check(result, 'issuer')).toMatchObject({ outcome: 'skip', details: { dependsOn: 'proof' } })
      // The verdict says what to supply, in CLI terms or option terms.
      expect(result.verdict.problems[0]).toMatchObject({ code: 'ERR_KEY_UNRESOLVABLE', next: { cli: expect.stringContaining('--controller FILE'), option: expect.stringContaining('documents') } })
      expect(result.verdict.headline).toMatch(/documents/)
      expect((await verifyCredential(doc, { clock: VERIFY_AT, hints: 'cli' })).verdict.headline).toMatch(/--controller FILE/)
    })

    it('with its controller document supplied → verified', async () => {
      const doc = await issueCredential(await microCredential(), { issuer: urlIssuer, clock })
      const result = await verifyCredential(doc, { clock: VERIFY_AT, documents: { [controller]: controllerDocument } })
      expect(result.checks.filter((c) => c.outcome !== 'pass' && c.outcome !== 'skip')).toEqual([])
      expect(result.verified).toBe(true)
    })
  })

  it('an undefined term added after signing → ERR_JSONLD_UNDEFINED_TERM naming it, not ERR_PROOF_INVALID', async () => {
    const doc = structuredClone(signed) as unknown as { credentialSubject: Record<string, unknown> }
    doc.credentialSubject['foo'] = 'bar'
    // What JSON-LD safe mode itself says about it:
    await expect(
      jsonld.canonize({ ...doc, proof: undefined }, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader: loader, safe: true }),
    ).rejects.toMatchObject({ name: 'jsonld.ValidationError', details: { event: { code: 'invalid property', details: { property: 'foo' } } } })

    const result = await verifyCredential(doc, { clock: VERIFY_AT })
    expect(result.verified).toBe(false)
    expect(check(result, 'proof')).toMatchObject({
      outcome: 'error',
      code: 'ERR_JSONLD_UNDEFINED_TERM',
      details: { term: 'foo', paths: ['$.credentialSubject.foo'] },
    })
  })

  it('a VC 1.1 issuanceDate → shape ERR_CREDENTIAL_MALFORMED', async () => {
    const doc = { ...signed, issuanceDate: '2026-03-02T10:00:00Z' }
    const result = await verifyCredential(doc, { clock: VERIFY_AT })
    expect(result.verified).toBe(false)
    expect(check(result, 'shape')).toMatchObject({ outcome: 'fail', code: 'ERR_CREDENTIAL_MALFORMED' })
    expect(check(result, 'shape').details?.['problems']).toEqual([expect.objectContaining({ path: '$.issuanceDate' })])
  })

  describe('a credentialStatus entry', () => {
    const entry = {
      id: 'https://uni.example/status/1#94567',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: 'https://uni.example/status/1',
    }

    it('with no resolver → status warns ERR_STATUS_UNKNOWN: verified with warnings, never "not revoked"; strict → not verified', async () => {
      const doc = await issueCredential(await microCredential({ credentialStatus: entry }), { issuer, clock })
      const result = await verifyCredential(doc, { clock: VERIFY_AT })
      expect(check(result, 'proof').outcome).toBe('pass')
      expect(check(result, 'status')).toMatchObject({ outcome: 'warn', code: 'ERR_STATUS_UNKNOWN' })
      expect(result.verified).toBe(true)
      expect(result.verdict.level).toBe('verified-with-warnings')
      expect(result.verdict.headline).toMatch(/revocation status could not be checked/)
      expect(result.verdict.headline).not.toMatch(/not revoked/)
      const strict = await verifyCredential(doc, { clock: VERIFY_AT, strict: true })
      expect(check(strict, 'status')).toMatchObject({ outcome: 'error', code: 'ERR_STATUS_UNKNOWN' })
      expect(strict.verified).toBe(false)
      expect(strict.verdict).toMatchObject({ level: 'not-verified', strict: true })
    })

    it('with a resolver: active → verified; revoked → ERR_STATUS_REVOKED', async () => {
      const doc = await issueCredential(await microCredential({ credentialStatus: entry }), { issuer, clock })
      const active = await verifyCredential(doc, { clock: VERIFY_AT, statusResolver: async () => ({ state: 'active', purpose: 'revocation' }) })
      expect(check(active, 'status').outcome).toBe('pass')
      expect(active.verified).toBe(true)
      const revoked = await verifyCredential(doc, { clock: VERIFY_AT, statusResolver: async () => ({ state: 'revoked', purpose: 'revocation' }) })
      expect(check(revoked, 'status')).toMatchObject({ outcome: 'fail', code: 'ERR_STATUS_REVOKED' })
      expect(revoked.verified).toBe(false)
    })
  })

  it('input that is not a credential object is a result, not an exception', async () => {
    for (const input of [null, undefined, 'a string', 42, [], [signed], {}]) {
      const result = await verifyCredential(input, { clock: VERIFY_AT })
      expect(result.verified).toBe(false)
      expect(result.checks.map((c) => c.id)).toEqual(['shape', 'context', 'schema', 'proof', 'issuer', 'validity', 'status'])
    }
  })
})
