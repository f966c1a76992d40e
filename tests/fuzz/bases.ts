// The valid documents the corpus mutates: a credential signed by a fresh did:key issuer, the
// same credential unsigned, and a presentation of it signed by a holder (as a wallet would).
import { issueCredential, type Issuer } from '../../src/core/index.js'
import { createNodeCryptoProvider } from '../../src/index.js'
import { createIssuer } from '../../src/kms/issuer-directory.js'
import { signPresentation } from '../fixtures/presentation.js'
import { unsignedCredential } from '../http/helpers.js'
import { PRESENTATION_CHALLENGE, type CorpusBases } from './corpus.js'

export interface FuzzSetup {
  issuer: Issuer
  bases: CorpusBases
}

/** Bases around `signed` (issued elsewhere, e.g. by the service) or a credential signed here. */
export async function makeBases(signed?: Record<string, unknown>): Promise<FuzzSetup> {
  const issuer = createIssuer({ name: 'Fuzz University', url: 'https://fuzz.example' })
  const unsigned = unsignedCredential('did:example:fuzz-learner')
  const signedCredential =
    signed ?? ((await issueCredential({ ...unsigned, id: 'urn:uuid:6f1f0f5e-3f0a-4c59-9d1e-2f4f3d3a8b11' }, { issuer, crypto: createNodeCryptoProvider() })) as unknown as Record<string, unknown>)
  const holder = createIssuer({ name: 'Holder' })
  const signedPresentation = await signPresentation(holder, [signedCredential], { challenge: PRESENTATION_CHALLENGE })
  return { issuer, bases: { signedCredential, unsignedCredential: unsigned, signedPresentation } }
}
