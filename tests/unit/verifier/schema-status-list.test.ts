// Regression: a credential with a revocation and a suspension status entry (a credentialStatus
// list, as VC 2.0 allows) passes the OB 3.0 schema check, each entry validated in place; a
// list with a malformed entry still fails it.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { verifyCredential } from '../../../src/core/index.js'

const examplesDir = new URL('../../fixtures/ob3/examples/', import.meta.url)
const example = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, examplesDir), 'utf8')) as Record<string, unknown>)
  .find((c) => (c['type'] as string[]).includes('OpenBadgeCredential'))!

const entry = (purpose: string, index: number): Record<string, unknown> => ({
  id: `https://issuer.example/status/${purpose}-1#${index}`,
  type: 'BitstringStatusListEntry',
  statusPurpose: purpose,
  statusListIndex: String(index),
  statusListCredential: `https://issuer.example/status/${purpose}-1`,
})

const schemaOf = async (credential: unknown) => (await verifyCredential(credential)).checks.find((c) => c.id === 'schema')!

describe('schema check with several credentialStatus entries', () => {
  it('passes a revocation and a suspension entry', async () => {
    const check = await schemaOf({ ...example, credentialStatus: [entry('revocation', 7), entry('suspension', 7)] })
    expect(check).toMatchObject({ outcome: 'pass', message: expect.stringMatching(/each of its 2 credentialStatus entries/) })
  })

  it('warns when one entry is malformed', async () => {
    const { type: _type, ...untyped } = entry('suspension', 7)
    const check = await schemaOf({ ...example, credentialStatus: [entry('revocation', 7), untyped] })
    expect(check).toMatchObject({ outcome: 'warn', code: 'ERR_SCHEMA_INVALID' })
  })

  it('still passes a single entry object', async () => {
    expect(await schemaOf({ ...example, credentialStatus: entry('revocation', 7) })).toMatchObject({ outcome: 'pass' })
  })
})

// Regression: a ClrCredential carrying credentials issued with two status entries (as the
// service issues them) passed each nested credential's own schema check but failed the CLR 2.0
// schema check, which admits one entry per nested credential.
describe('schema check of a ClrCredential whose nested credentials have several status entries', () => {
  const clrExample = JSON.parse(readFileSync(new URL('../../fixtures/vectors/clr2-eddsa-rdfc-2022/unsigned.json', import.meta.url), 'utf8')) as Record<string, unknown>
  const withNested = (nested: Record<string, unknown>[], own?: unknown): Record<string, unknown> => ({
    ...clrExample,
    ...(own === undefined ? {} : { credentialStatus: own }),
    credentialSubject: { ...(clrExample['credentialSubject'] as Record<string, unknown>), verifiableCredential: nested },
  })
  const listed = { ...example, credentialStatus: [entry('revocation', 7), entry('suspension', 7)] }

  it('passes nested lists (and its own list), each entry in place', async () => {
    expect(await schemaOf(withNested([listed, example]))).toMatchObject({ outcome: 'pass' })
    expect(await schemaOf(withNested([listed, { ...example, credentialStatus: [entry('revocation', 9)] }], [entry('revocation', 3), entry('suspension', 3)]))).toMatchObject({
      outcome: 'pass',
      message: expect.stringMatching(/nested credentials', in place/),
    })
  })

  it('warns when an entry of a nested list is malformed', async () => {
    const { type: _type, ...untyped } = entry('suspension', 7)
    const check = await schemaOf(withNested([{ ...example, credentialStatus: [entry('revocation', 7), untyped] }]))
    expect(check).toMatchObject({ outcome: 'warn', code: 'ERR_SCHEMA_INVALID' })
  })
})

// Regression: an achievement embedding an EndorsementCredential with two status entries (as
// `microcred endorse` signs them, revocable) failed the OB 3.0 schema check, which admits one
// entry per embedded endorsement.
describe('schema check of a credential embedding endorsements with several status entries', () => {
  const endorsement = JSON.parse(readFileSync(new URL('endorsementcredential.unsigned.json', examplesDir), 'utf8')) as Record<string, unknown>
  const signedLike = { ...endorsement, proof: [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2026-01-01T00:00:00Z', verificationMethod: 'did:example:qa#key-1', proofPurpose: 'assertionMethod', proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKiNuVKwPTJPz4Z5aS' }] }
  const embedding = (endorsementStatus: unknown): Record<string, unknown> => {
    const subject = example['credentialSubject'] as Record<string, unknown>
    return { ...example, credentialSubject: { ...subject, achievement: { ...(subject['achievement'] as Record<string, unknown>), endorsement: [{ ...signedLike, credentialStatus: endorsementStatus }] } } }
  }

  it('passes an embedded endorsement with a revocation and a suspension entry, and with one', async () => {
    expect(await schemaOf(embedding(entry('revocation', 2)))).toMatchObject({ outcome: 'pass' })
    expect(await schemaOf(embedding([entry('revocation', 2), entry('suspension', 2)]))).toMatchObject({ outcome: 'pass', message: expect.stringMatching(/each of its 2 credentialStatus entries/) })
  })

  it('warns when an entry of the embedded endorsement is malformed', async () => {
    const { type: _type, ...untyped } = entry('suspension', 2)
    expect(await schemaOf(embedding([entry('revocation', 2), untyped]))).toMatchObject({ outcome: 'warn', code: 'ERR_SCHEMA_INVALID' })
  })
})
