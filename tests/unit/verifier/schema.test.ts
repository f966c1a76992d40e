// The `schema` check: 1EdTech's OB 3.0 JSON Schemas (bundled in schemas/) accept every
// 1EdTech OB 3.0 example in tests/fixtures and reject broken credentials with
// ERR_SCHEMA_INVALID. The examples are unsigned, so their proof check fails: only the schema
// check is looked at here.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { verifyCredential, type Check } from '../../../src/core/index.js'

const FIXTURES = new URL('../../fixtures/ob3/', import.meta.url)
const examplesDir = new URL('examples/', FIXTURES)
const exampleFiles = readdirSync(examplesDir).filter((f) => f.endsWith('.json')).sort()
const readExample = (file: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(file, examplesDir), 'utf8'))

async function schemaCheck(credential: unknown): Promise<Check> {
  const result = await verifyCredential(credential)
  const check = result.checks.find((c) => c.id === 'schema')
  if (check === undefined) throw new Error('no schema check')
  return check
}

describe('1EdTech OB 3.0 examples pass the schema check', () => {
  it('there are examples of both credential types to check', () => {
    const types = exampleFiles.map((f) => readExample(f)['type'] as string[])
    expect(exampleFiles.length).toBeGreaterThanOrEqual(7)
    expect(types.some((t) => t.includes('OpenBadgeCredential'))).toBe(true)
    expect(types.some((t) => t.includes('EndorsementCredential'))).toBe(true)
  })

  it.each(exampleFiles)('%s', async (file) => {
    const example = readExample(file)
    const check = await schemaCheck(example)
    const kind = (example['type'] as string[]).includes('EndorsementCredential') ? 'EndorsementCredential' : 'AchievementCredential'
    expect(check).toEqual({ id: 'schema', outcome: 'pass', message: `matches the OB 3.0 ${kind} JSON Schema` })
  })
})

describe('the bundled schemas are 1EdTech\'s, byte for byte', () => {
  it.each(['ob_v3p0_achievementcredential_schema.json', 'ob_v3p0_endorsementcredential_schema.json'])('%s', (file) => {
    const bundled = readFileSync(new URL(`../../../schemas/${file}`, import.meta.url), 'utf8')
    expect(bundled).toBe(readFileSync(new URL(`schema/${file}`, FIXTURES), 'utf8'))
  })
})

// Conformance, not authenticity (issue 10.6): a mismatch is a warning; strict makes it a failure.
describe('broken credentials warn with ERR_SCHEMA_INVALID', () => {
  const basic = (): Record<string, any> => readExample('basic-openbadgecredential.unsigned.json')

  it('an achievement without criteria', async () => {
    const doc = basic()
    delete doc['credentialSubject'].achievement.criteria
    const check = await schemaCheck(doc)
    expect(check).toMatchObject({ outcome: 'warn', code: 'ERR_SCHEMA_INVALID' })
    expect(check.details?.['errors']).toEqual(expect.arrayContaining([expect.objectContaining({ message: "must have required property 'criteria'" })]))
  })

  it('an achievement whose type is not Achievement', async () => {
    const doc = basic()
    doc['credentialSubject'].achievement.type = ['Badge']
    const check = await schemaCheck(doc)
    expect(check).toMatchObject({ outcome: 'warn', code: 'ERR_SCHEMA_INVALID' })
    expect(check.details?.['errors']).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/credentialSubject/achievement/type' })]))
  })

  it('a credential without a credentialSubject', async () => {
    const doc = basic()
    delete doc['credentialSubject']
    expect(await schemaCheck(doc)).toMatchObject({ outcome: 'warn', code: 'ERR_SCHEMA_INVALID' })
  })

  it('a credentialSubject.achievement that is a string', async () => {
    const doc = basic()
    doc['credentialSubject'].achievement = 'https://example.com/achievements/1'
    expect(await schemaCheck(doc)).toMatchObject({ outcome: 'warn', code: 'ERR_SCHEMA_INVALID' })
  })

  it('an endorsement without endorsementComment is still valid, but one whose subject type is wrong is not', async () => {
    const doc = readExample('endorsementcredential.unsigned.json') as Record<string, any>
    delete doc['credentialSubject'].endorsementComment
    expect((await schemaCheck(doc)).outcome).toBe('pass')
    doc['credentialSubject'].type = ['AchievementSubject']
    expect(await schemaCheck(doc)).toMatchObject({ outcome: 'warn', code: 'ERR_SCHEMA_INVALID' })
  })

  it('a non-object is a schema failure, not an exception', async () => {
    // (a string is read as a JWT-secured credential: see tests/unit/verifier/formats/jose.test.ts)
    expect(await schemaCheck(42)).toMatchObject({ outcome: 'fail', code: 'ERR_SCHEMA_INVALID' })
  })

  it('is a warning in the verdict, and a failure under strict', async () => {
    const doc = basic()
    delete doc['credentialSubject'].achievement.criteria
    const lax = await verifyCredential(doc)
    expect(lax.verdict.warnings.map((w) => [w.check, w.code])).toContainEqual(['schema', 'ERR_SCHEMA_INVALID'])
    const strict = await verifyCredential(doc, { strict: true })
    expect(strict.checks.find((c) => c.id === 'schema')).toMatchObject({ outcome: 'fail', code: 'ERR_SCHEMA_INVALID' })
    expect(strict.verdict.problems.map((p) => p.check)).toContain('schema')
  })

  it('a credential that is not an Open Badge is skipped', async () => {
    const doc = { ...basic(), type: ['VerifiableCredential', 'AlumniCredential'] }
    expect((await schemaCheck(doc)).outcome).toBe('skip')
  })
})
