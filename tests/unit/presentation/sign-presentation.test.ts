// A holder's presentation: signed by our signPresentation, verified by our verifier and by
// plain @digitalbazaar/vc (an independent implementation); bound to challenge and domain;
// credentials about someone else are refused unless the holder says so.
import * as vc from '@digitalbazaar/vc'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDocumentLoader, verifyPresentation, type MicrocredError } from '../../../src/core/index.js'
import { createIssuer, issueCredential, signPresentation } from '../../../src/index.js'

const holder = createIssuer()
const issuer = createIssuer({ name: 'Presenting College' })
let mine: Record<string, unknown>
let theirs: Record<string, unknown>

const credentialAbout = (subject: string) =>
  issueCredential(
    {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: 'Module',
      credentialSubject: { id: subject, type: ['AchievementSubject'], achievement: { id: 'urn:example:m', type: ['Achievement'], name: 'M', description: 'M.', criteria: { narrative: 'M.' } } },
    },
    { issuer },
  )

beforeAll(async () => {
  mine = await credentialAbout(holder.id)
  theirs = await credentialAbout(createIssuer().id)
})

describe('signPresentation', () => {
  it('makes a presentation our verifier accepts with the same challenge and domain, and refuses with others', async () => {
    const vp = await signPresentation([mine], { holder, challenge: 'n-0S6', domain: 'jobs.example' })
    expect(vp.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'authentication', challenge: 'n-0S6', domain: 'jobs.example' })
    expect((await verifyPresentation(vp, { challenge: 'n-0S6', domain: 'jobs.example' })).verified).toBe(true)
    const replayed = await verifyPresentation(vp, { challenge: 'other', domain: 'jobs.example' })
    expect(replayed.verified).toBe(false)
    expect(replayed.checks.find((c) => c.id === 'presentation.challenge')?.outcome).toBe('fail')
  })

  it('verifies in plain @digitalbazaar/vc', async () => {
    const vp = await signPresentation([mine], { holder, challenge: 'c1', domain: 'jobs.example' })
    const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 })
    const result = await vc.verify({ presentation: vp, suite, challenge: 'c1', domain: 'jobs.example', documentLoader: createDocumentLoader() })
    expect(result.error).toBeUndefined()
    expect(result.verified).toBe(true)
  })

  it('refuses a credential about someone else unless allowed, and a missing challenge', async () => {
    const code = await signPresentation([theirs], { holder, challenge: 'c' }).then(
      () => undefined,
      (e: MicrocredError) => e.code,
    )
    expect(code).toBe('ERR_PRESENTATION_HOLDER')
    const allowed = await signPresentation([theirs], { holder, challenge: 'c', allowOtherSubjects: true })
    expect((await verifyPresentation(allowed, { challenge: 'c' })).verified).toBe(true)
    await expect(signPresentation([mine], { holder, challenge: '' })).rejects.toMatchObject({ code: 'ERR_USAGE' })
  })
})
