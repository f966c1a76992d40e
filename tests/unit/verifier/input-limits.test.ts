// Regression tests for what the bad-input corpus (tests/fuzz/) found: each input here once
// hung, took seconds, was accepted, or was signed although it could not be signed faithfully.
import { describe, expect, it } from 'vitest'
import {
  documentLimitProblem,
  issueCredential,
  MAX_DOCUMENT_DEPTH,
  nestedDeeperThan,
  verifyCredential,
  verifyPresentation,
} from '../../../src/core/index.js'
import { decodeBase58btc, MAX_BASE58_DECODE_CHARS } from '../../../src/core/encoding/base58btc.js'
import { createNodeCryptoProvider } from '../../../src/index.js'
import { createIssuer } from '../../../src/kms/issuer-directory.js'
import { signPresentation } from '../../fixtures/presentation.js'
import { makeApp, unsignedCredential } from '../../http/helpers.js'

const crypto = createNodeCryptoProvider()
const issuer = createIssuer({ name: 'Limits University' })
const unsigned = unsignedCredential('did:example:limits')
const signed = (await issueCredential(unsigned, { issuer, crypto })) as unknown as Record<string, unknown>
const proof = signed['proof'] as Record<string, unknown>
const deep = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth))
const failing = (r: { checks: { outcome: string; code?: string }[] }) => r.checks.filter((c) => c.outcome === 'fail' || c.outcome === 'error').map((c) => c.code)

describe('limits on what JSON-LD processing is asked to do', () => {
  it('verifies the untouched credential', async () => {
    expect((await verifyCredential(signed, { crypto })).verified).toBe(true)
  })

  it('decodes at most MAX_BASE58_DECODE_CHARS: a 100 000-character proofValue fails at once (took 14 s)', async () => {
    expect(decodeBase58btc('2'.repeat(MAX_BASE58_DECODE_CHARS + 1))).toBeUndefined()
    const start = Date.now()
    const result = await verifyCredential({ ...signed, proof: { ...proof, proofValue: `z${'2'.repeat(100_000)}` } }, { crypto })
    expect(result.verified).toBe(false)
    expect(Date.now() - start).toBeLessThan(2000)
  })

  it('refuses, without JSON-LD work, an embedded context 2 000 scopes deep (hung for minutes)', async () => {
    let ctx: unknown = { leaf: 'https://example.org/leaf' }
    for (let i = 0; i < 2000; i++) ctx = { [`t${i}`]: { '@id': `https://example.org/t${i}`, '@context': ctx } }
    const result = await verifyCredential({ ...signed, '@context': [...(signed['@context'] as string[]), ctx] }, { crypto })
    expect(result.checks.find((c) => c.id === 'shape')).toMatchObject({ outcome: 'fail', code: 'ERR_CREDENTIAL_MALFORMED' })
    expect(result.checks.filter((c) => c.id !== 'shape').every((c) => c.outcome === 'skip')).toBe(true)
    expect(result.verified).toBe(false)
  })

  it('refuses 10 000 @context entries (30 s to expand), 100 000 subjects (9.5 s) and depth beyond the limit', () => {
    expect(documentLimitProblem({ ...signed, '@context': Array(10_000).fill('https://www.w3.org/ns/credentials/v2') })?.message).toMatch(/@context entries/)
    expect(documentLimitProblem({ ...signed, credentialSubject: Array(100_000).fill({ id: 'did:example:x' }) })?.message).toMatch(/values/)
    expect(documentLimitProblem({ ...signed, x: deep(MAX_DOCUMENT_DEPTH) })?.message).toMatch(/deeper/)
    expect(documentLimitProblem(signed)).toBeUndefined()
    expect(nestedDeeperThan(deep(100_000), 72)).toBe(true)
    expect(nestedDeeperThan(signed, 72)).toBe(false)
  })

  it('does not verify a credential carrying an unsigned __proto__ member (it verified)', async () => {
    const text = JSON.stringify(signed).replace('"credentialSubject":{', '"credentialSubject":{"__proto__":{"polluted":true},')
    const result = await verifyCredential(JSON.parse(text), { crypto })
    expect(result.verified).toBe(false)
    expect(failing(result)).toContain('ERR_CREDENTIAL_MALFORMED')
  })

  it('a context embedded below the top level follows the top-level rules: one that changes nothing verifies, one that redefines a VC 2.0 term is refused', async () => {
    // Embedded credentials (in a CLR award, a presentation) carry their own inline contexts.
    const harmless = { ...signed, credentialSubject: { '@context': { '@vocab': 'https://example.org/vocab#' }, ...(signed['credentialSubject'] as object) } }
    expect((await verifyCredential(harmless, { crypto })).verified).toBe(true)
    const redefining = { ...signed, credentialSubject: { '@context': { name: 'https://example.org/other-name' }, ...(signed['credentialSubject'] as object) } }
    const result = await verifyCredential(redefining, { crypto })
    expect(result.checks.find((c) => c.id === 'context')).toMatchObject({ outcome: 'fail', code: 'ERR_CONTEXT_NOT_ALLOWED' })
    expect(result.verified).toBe(false)
  })

  it('refuses a proof set with a repeated proof (it verified) or more than 10 proofs (1 000 took 4.9 s)', async () => {
    expect(failing(await verifyCredential({ ...signed, proof: [proof, proof] }, { crypto }))).toContain('ERR_PROOF_MALFORMED')
    expect(failing(await verifyCredential({ ...signed, proof: Array.from({ length: 11 }, (_, i) => ({ ...proof, id: `urn:p:${i}` })) }, { crypto }))).toContain('ERR_PROOF_MALFORMED')
  })

  it('refuses a presentation of more than 100 credentials', async () => {
    // the shape is checked before the proof: a presentation signed over one credential will do
    const vp = await signPresentation(createIssuer(), [signed], { challenge: 'c' })
    const result = await verifyPresentation({ ...vp, verifiableCredential: Array(101).fill(signed) }, { crypto, challenge: 'c' })
    expect(result.checks[0]).toMatchObject({ id: 'presentation.shape', outcome: 'fail', code: 'ERR_PRESENTATION_MALFORMED' })
  })
})

describe('issuing refuses what cannot be signed faithfully', () => {
  const refuses = (doc: unknown) => expect(issueCredential(doc, { issuer, crypto })).rejects.toMatchObject({ code: 'ERR_CREDENTIAL_MALFORMED' })

  it('1e309 (Infinity: signed as INF, stored as null)', async () => {
    await refuses(JSON.parse(JSON.stringify(unsigned).replace('"name":"Data Literacy"', '"name":"Data Literacy","creditsAvailable":1e309')))
  })
  it('a __proto__ member (dropped from the signed data)', async () => {
    await refuses(JSON.parse(JSON.stringify(unsigned).replace('{', '{"__proto__":{"polluted":true},')))
  })
  it('an issuer that is neither a URL nor an object (was silently replaced)', async () => {
    await refuses({ ...unsigned, issuer: 42 })
    await refuses({ ...unsigned, issuer: ['did:example:a'] })
  })
  it('a BitstringStatusListEntry a verifier cannot follow', async () => {
    await refuses({ ...unsigned, credentialStatus: { type: 'BitstringStatusListEntry' } })
  })
  it('a document nested deeper than the limit (structuredClone overflowed the stack)', async () => {
    await refuses({ ...unsigned, x: deep(100_000) })
  })
})

describe('HTTP', () => {
  it('answers 400 ERR_INPUT_INVALID to a 10 000-deep batch body (was a 500)', async () => {
    const t = await makeApp()
    const res = await t.as('issue', {
      method: 'POST',
      url: '/credentials/issue/batch',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'deep' },
      payload: `{"credentials":[${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}]}`,
    })
    expect(res.statusCode).toBe(400)
    expect(JSON.parse(res.body)).toMatchObject({ code: 'ERR_INPUT_INVALID' })
    await t.app.close()
  })
})

describe('documentLimitProblem names the JSON path of what it refuses', () => {
  it('a non-finite number, an array member, __proto__, depth', () => {
    expect(documentLimitProblem({ a: { b: [1, 2, Infinity] } })).toEqual({ path: '$.a.b[2]', message: expect.stringMatching(/out of range/) })
    expect(documentLimitProblem({ a: [{ c: -Infinity }] })).toEqual({ path: '$.a[0].c', message: expect.stringMatching(/out of range/) })
    expect(documentLimitProblem(JSON.parse('{"x":{"__proto__":{}}}'))).toEqual({ path: '$.x', message: 'a member named __proto__ is not allowed' })
    expect(documentLimitProblem({ s: { '@context': Array(33).fill('https://example.org/c') } })?.path).toBe("$.s['@context']")
    let deep: unknown = 1
    for (let i = 0; i <= MAX_DOCUMENT_DEPTH; i++) deep = [deep]
    expect(documentLimitProblem({ k: deep })?.path).toMatch(/^\$\.k(\[0\])+$/)
    expect(documentLimitProblem(Infinity)).toEqual({ path: '$', message: expect.stringMatching(/out of range/) })
    expect(documentLimitProblem({ ok: [1, 'two', null, { three: 3 }] })).toBeUndefined()
  })
})

describe('a context nested far beyond the limits (a library caller can hand one over)', () => {
  const deepContext = (): Record<string, unknown> => {
    let deep: Record<string, unknown> = {}
    for (let i = 0; i < 200_000; i++) deep = { '@context': deep }
    return deep
  }

  it('is reported as too deep, not thrown as a stack overflow (it threw RangeError)', () => {
    const problem = documentLimitProblem({ '@context': ['https://www.w3.org/ns/credentials/v2', deepContext()] })
    expect(problem?.message).toMatch(/nested deeper than/)
  })

  it('fails verification closed and is refused by issueCredential with ERR_CREDENTIAL_MALFORMED', async () => {
    const doc = { '@context': ['https://www.w3.org/ns/credentials/v2', deepContext()], type: ['VerifiableCredential'], issuer: 'did:example:x', credentialSubject: { id: 'did:example:y' } }
    const result = await verifyCredential(doc)
    expect(result.verified).toBe(false)
    expect(result.checks.find((c) => c.outcome === 'fail')).toMatchObject({ code: 'ERR_CREDENTIAL_MALFORMED' })
    const { issuer: _ignored, ...unsigned } = doc
    await expect(issueCredential(unsigned, { issuer: createIssuer({ name: 'Deep' }) })).rejects.toMatchObject({ code: 'ERR_CREDENTIAL_MALFORMED' })
  })
})
