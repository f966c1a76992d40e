/**
 * @module did/did-jwk
 * did:jwk (the DID is the base64url of a public JWK), resolved locally: like did:key it
 * never needs a network. The one verification method is `#0`.
 */
import { MicrocredError } from '../errors.js'
import { decodeBase64url } from '../encoding/base64url.js'
import { DID_CONTEXT_V1 } from './did-key.js'

const JWS_2020_CONTEXT = 'https://w3id.org/security/suites/jws-2020/v1'

export function resolveDidJwk(did: string): Record<string, unknown> {
  const encoded = did.slice('did:jwk:'.length)
  let jwk: unknown
  try {
    const bytes = decodeBase64url(encoded)
    if (bytes === undefined || encoded.length === 0) throw new TypeError('not base64url')
    jwk = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new MicrocredError('ERR_KEY_INVALID', `${did} is not a base64url-encoded JWK`, { details: { did } })
  }
  if (jwk === null || typeof jwk !== 'object' || Array.isArray(jwk) || typeof (jwk as Record<string, unknown>)['kty'] !== 'string' || 'd' in (jwk as object)) {
    throw new MicrocredError('ERR_KEY_INVALID', `${did} does not carry a public JWK`, { details: { did } })
  }
  const id = `${did}#0`
  return {
    '@context': [DID_CONTEXT_V1, JWS_2020_CONTEXT],
    id: did,
    verificationMethod: [{ id, type: 'JsonWebKey2020', controller: did, publicKeyJwk: jwk }],
    assertionMethod: [id],
    authentication: [id],
  }
}
