import { beforeAll, describe, expect, it } from 'vitest'
import { fixedClock, verifyPresentation, type PresentationVerificationResult } from '../../../src/core/index.js'
import { createIssuer, issueCredential } from '../../../src/index.js'
import { signPresentation } from '../../fixtures/presentation.js'

const holder = createIssuer()
const issuer = createIssuer({ name: 'Test University' })
let credential: Record<string, unknown>

beforeAll(async () => {
  credential = await issueCredential(
    {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: 'Test badge',
      credentialSubject: {
        id: holder.id,
        type: ['AchievementSubject'],
        achievement: { id: 'urn:example:a', type: ['Achievement'], name: 'A', description: 'A.', criteria: { narrative: 'A.' } },
      },
    },
    { issuer },
  )
})

const outcomes = (r: PresentationVerificationResult) => Object.fromEntries(r.checks.map((c) => [c.id, c.code ?? c.outcome]))

describe('verifyPresentation', () => {
  it('verifies the holder proof, challenge, domain and every credential', async () => {
    const vp = await signPresentation(holder, [credential], { challenge: 'abc', domain: 'verifier.example' })
    const result = await verifyPresentation(vp, { challenge: 'abc', domain: 'verifier.example' })
    expect(outcomes(result)).toEqual({
      'presentation.shape': 'pass',
      'presentation.proof': 'pass',
      'presentation.challenge': 'pass',
      'presentation.domain': 'pass',
      'presentation.holder': 'pass',
    })
    expect(result.credentials.map((c) => c.verified)).toEqual([true])
    expect(result.verified).toBe(true)
  })

  it('skips challenge and domain when none is expected, saying replay is not prevented', async () => {
    const vp = await signPresentation(holder, [credential], { challenge: 'abc' })
    const result = await verifyPresentation(vp)
    expect(result.verified).toBe(true)
    expect(result.checks.find((c) => c.id === 'presentation.challenge')).toMatchObject({ outcome: 'skip', message: expect.stringMatching(/replay/) })
  })

  it('keeps the reasons apart: challenge, domain, holder, signature, missing proof', async () => {
    const vp = await signPresentation(holder, [credential], { challenge: 'abc', domain: 'verifier.example' })
    expect(outcomes(await verifyPresentation(vp, { challenge: 'xyz' }))['presentation.challenge']).toBe('ERR_PRESENTATION_CHALLENGE')
    expect(outcomes(await verifyPresentation(vp, { domain: 'evil.example' }))['presentation.domain']).toBe('ERR_PRESENTATION_DOMAIN')
    const other = await signPresentation(createIssuer(), [credential], { challenge: 'abc', holderId: holder.id })
    expect(outcomes(await verifyPresentation(other, { challenge: 'abc' }))['presentation.holder']).toBe('ERR_PRESENTATION_HOLDER')
    const tampered = { ...vp, verifiableCredential: [{ ...credential, name: 'Changed' }] }
    const result = await verifyPresentation(tampered, { challenge: 'abc' })
    expect(outcomes(result)['presentation.proof']).toBe('ERR_PROOF_INVALID')
    expect(result.credentials[0]!.checks.find((c) => c.id === 'proof')!.code).toBe('ERR_PROOF_INVALID')
    const { proof: _p, ...unsigned } = vp
    const bare = await verifyPresentation(unsigned)
    expect(bare.verified).toBe(false)
    expect(outcomes(bare)['presentation.proof']).toBe('ERR_PROOF_MISSING')
  })

  it('refuses proofs for another purpose or suite, and malformed presentations', async () => {
    const vp = await signPresentation(holder, [credential], { challenge: 'abc' })
    const proof = vp['proof'] as Record<string, unknown>
    const assertion = await verifyPresentation({ ...vp, proof: { ...proof, proofPurpose: 'assertionMethod' } })
    expect(outcomes(assertion)['presentation.proof']).toBe('ERR_PROOF_MALFORMED')
    const otherSuite = await verifyPresentation({ ...vp, proof: { ...proof, cryptosuite: 'ecdsa-rdfc-2019' } })
    expect(outcomes(otherSuite)['presentation.proof']).toBe('ERR_PROOF_UNSUPPORTED')
    for (const bad of [null, 'vp', [], { type: 'VerifiablePresentation' }, { '@context': ['https://www.w3.org/ns/credentials/v2'], type: 'VerifiablePresentation', verifiableCredential: ['x'] }]) {
      const result = await verifyPresentation(bad)
      expect(result.verified).toBe(false)
      expect(outcomes(result)['presentation.shape']).toBe('ERR_PRESENTATION_MALFORMED')
    }
  })

  it('passes verification options on to the credentials (clock)', async () => {
    const vp = await signPresentation(holder, [{ ...credential }], { challenge: 'abc' })
    const result = await verifyPresentation(vp, { challenge: 'abc', clock: fixedClock('2000-01-01T00:00:00Z') })
    expect(result.credentials[0]!.checks.find((c) => c.id === 'validity')!.code).toBe('ERR_VALIDITY_NOT_YET_VALID')
    expect(result.verified).toBe(false)
  })
})
