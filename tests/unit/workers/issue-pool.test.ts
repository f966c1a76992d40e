import { afterAll, describe, expect, it } from 'vitest'
import { generateKeyMaterial, signingKeyFromMaterial, verifyCredential, type Issuer } from '../../../src/index.js'
import { createIssuePool } from '../../../src/workers/issue-pool.js'

const material = generateKeyMaterial()
const key = signingKeyFromMaterial(material)
const issuer: Issuer = { id: key.controller, profile: { name: 'Pool College' }, key }
const pool = createIssuePool({ issuer, material, size: 2, chunkSize: 7 })
afterAll(() => pool.close())

function badge(i: number): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `Badge ${i}`,
    credentialSubject: {
      type: ['AchievementSubject'],
      id: `did:example:learner-${i}`,
      achievement: { id: 'https://college.example/a/1', type: ['Achievement'], name: 'A', description: 'd', criteria: { narrative: 'n' } },
    },
  }
}

describe('the worker-thread issue pool', () => {
  it('signs a batch on every worker and yields the results in input order', async () => {
    const now = new Date('2026-05-01T10:00:00Z')
    async function* input() {
      for (let i = 0; i < 40; i++) yield badge(i)
    }
    const outcomes = []
    for await (const outcome of pool.issueStream(input(), now)) outcomes.push(outcome)
    expect(outcomes).toHaveLength(40)
    for (const [i, outcome] of outcomes.entries()) {
      expect(outcome.ok).toBe(true)
      if (!outcome.ok) continue
      const signed = outcome.credential as Record<string, any>
      expect(signed['name']).toBe(`Badge ${i}`)
      expect(signed['proof'].created).toBe('2026-05-01T10:00:00Z')
      expect(signed['issuer']).toMatchObject({ id: issuer.id, name: 'Pool College' })
    }
    const first = outcomes[0]!
    expect(first.ok && (await verifyCredential(first.credential)).verified).toBe(true)
  })

  it('reports a bad credential as a coded outcome without stopping the batch', async () => {
    const outcomes = []
    for await (const outcome of pool.issueStream([badge(1), { not: 'a credential' }, badge(2)], new Date())) outcomes.push(outcome)
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true])
    expect(outcomes[1]).toMatchObject({ ok: false, code: 'ERR_CREDENTIAL_MALFORMED' })
  })
})
