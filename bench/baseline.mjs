// The baseline: the plain Digital Bazaar stack (@digitalbazaar/vc + data-integrity +
// eddsa-rdfc-2022-cryptosuite + ed25519-multikey), as an application would use it without
// microcred. It imports nothing of microcred's; it reads the same pinned context files.
import { readFileSync } from 'node:fs'
import * as vc from '@digitalbazaar/vc'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'

const manifest = JSON.parse(readFileSync(new URL('../contexts/manifest.json', import.meta.url), 'utf8'))
const contexts = new Map(
  manifest.contexts.map(({ url, file }) => [url, JSON.parse(readFileSync(new URL(`../contexts/${file}`, import.meta.url), 'utf8'))]),
)

export async function createBaseline() {
  /** Controller documents of other issuers (ours), so the plain stack can check our proofs. */
  const controllers = new Map()
  const key = await Ed25519Multikey.generate()
  const did = `did:key:${key.publicKeyMultibase}`
  key.controller = did
  key.id = `${did}#${key.publicKeyMultibase}`
  const publicMethod = await key.export({ publicKey: true, includeContext: true })
  const didDocument = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [publicMethod],
    assertionMethod: [key.id],
  }
  const documentLoader = async (url) => {
    const document = contexts.get(url) ?? (url === did ? didDocument : url === key.id ? publicMethod : controllerDocumentFor(url))
    if (document === undefined) throw new Error(`baseline loader: ${url} not available offline`)
    return { contextUrl: null, documentUrl: url, document }
  }
  const controllerDocumentFor = (url) => {
    const [controller] = url.split('#')
    const doc = controllers.get(controller)
    if (doc === undefined || url === controller) return doc
    const method = doc.verificationMethod.find((m) => m.id === url)
    return method === undefined ? undefined : { '@context': 'https://w3id.org/security/multikey/v1', ...method }
  }
  return {
    did,
    /** Trust another issuer's controller (DID) document. */
    addController(document) {
      controllers.set(document.id, document)
    },
    async issue(credential) {
      const suite = new DataIntegrityProof({ signer: key.signer(), cryptosuite })
      return vc.issue({ credential: structuredClone(credential), suite, documentLoader })
    },
    async verify(credential) {
      const suite = new DataIntegrityProof({ cryptosuite })
      const result = await vc.verifyCredential({ credential, suite, documentLoader })
      if (!result.verified) throw new Error('baseline failed to verify a valid credential')
      return result
    },
  }
}
