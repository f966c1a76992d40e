/**
 * @module verifier/formats/jwt-key
 * Finds the public key a JWS was signed with, offline, in the order the Open Badges 3.0
 * JWT proof format gives (§8.2.4.2): the `jwk` header, else the `kid` header resolved
 * through the document loader (a DID URL, or a URL in a controller document the caller
 * supplied), else a JWKS the caller supplied. Also says whether that key is bound to the
 * issuer, which is what makes the signature the issuer's.
 */
import { calculateJwkThumbprint, importJWK, type JWK, type ProtectedHeaderParameters } from 'jose'
import type { DocumentLoader } from '../../contexts/document-loader.js'
import { isPlainObject } from '../../credential/shape.js'
import { decodePublicKeyMultibase } from '../../encoding/multikey.js'
import { encodeBase64url } from '../../encoding/base64url.js'

export interface JsonWebKeySet {
  keys: readonly JWK[]
}

export interface FoundKey {
  key: CryptoKey | Uint8Array
  jwk: JWK
  /** Where the key came from, for the result's details. */
  source: 'jwk header' | 'kid' | 'supplied JWKS'
  /** The verification method id, when the key came from a controller document. */
  verificationMethod?: string
}

export type KeyLookup = { found: FoundKey } | { missing: string }

export async function findJwsKey(header: ProtectedHeaderParameters, issuerId: string | undefined, loader: DocumentLoader, jwks: JsonWebKeySet | undefined): Promise<KeyLookup> {
  const alg = header.alg
  if (typeof alg !== 'string' || alg === 'none') return { missing: 'the JWS names no signature algorithm' }
  if (isPlainObject(header.jwk)) {
    const jwk = header.jwk as JWK
    if ('d' in jwk) return { missing: 'the jwk header carries a private key' }
    return { found: { key: await importJWK(jwk, alg), jwk, source: 'jwk header' } }
  }
  if (typeof header.kid === 'string') {
    // A bare fragment names a key of the issuer's own document.
    const kid = header.kid.startsWith('#') && issuerId !== undefined ? `${issuerId}${header.kid}` : header.kid
    const method = await loadMethod(kid, loader)
    if (method !== undefined) {
      const jwk = publicJwkOf(method)
      if (jwk === undefined) return { missing: `${kid} is not a JsonWebKey or Ed25519 Multikey verification method` }
      return { found: { key: await importJWK(jwk, alg), jwk, source: 'kid', verificationMethod: kid } }
    }
    const fromSet = jwks?.keys.find((k) => k.kid === header.kid)
    if (fromSet !== undefined) return { found: { key: await importJWK(fromSet, alg), jwk: fromSet, source: 'supplied JWKS' } }
    return { missing: `the key ${kid} cannot be resolved offline; supply the issuer's controller document or JWKS` }
  }
  if (jwks !== undefined && jwks.keys.length === 1) {
    const only = jwks.keys[0]!
    return { found: { key: await importJWK(only, alg), jwk: only, source: 'supplied JWKS' } }
  }
  return { missing: 'the JWS has neither a jwk nor a kid header; supply the issuer\'s JWKS (one key) to verify it' }
}

/**
 * The key is the issuer's when the issuer's controller document (did:key, did:jwk, or a
 * supplied document) lists a method with the same JWK thumbprint as an assertion method,
 * or when the caller supplied the JWKS itself for this issuer.
 */
export async function keyBelongsToIssuer(found: FoundKey, issuerId: string, loader: DocumentLoader): Promise<'bound' | 'not-bound' | 'unresolvable'> {
  if (found.source === 'supplied JWKS') return 'bound'
  let controller: unknown
  try {
    controller = (await loader(issuerId)).document
  } catch {
    return 'unresolvable'
  }
  if (!isPlainObject(controller)) return 'unresolvable'
  const assertion = new Set((Array.isArray(controller['assertionMethod']) ? controller['assertionMethod'] : []).map((m) => (isPlainObject(m) ? m['id'] : m)))
  const methods = (Array.isArray(controller['verificationMethod']) ? controller['verificationMethod'] : []).filter(isPlainObject)
  const wanted = await calculateJwkThumbprint(found.jwk)
  for (const method of [...methods, ...[...(Array.isArray(controller['assertionMethod']) ? controller['assertionMethod'] : [])].filter(isPlainObject)]) {
    if (!assertion.has(method['id'])) continue
    const jwk = publicJwkOf(method)
    if (jwk !== undefined && (await calculateJwkThumbprint(jwk)) === wanted) return 'bound'
  }
  return 'not-bound'
}

async function loadMethod(id: string, loader: DocumentLoader): Promise<Record<string, unknown> | undefined> {
  try {
    const { document } = await loader(id)
    return isPlainObject(document) ? document : undefined
  } catch {
    return undefined
  }
}

/** The public JWK of a verification method: `publicKeyJwk`, or an Ed25519 Multikey converted. */
function publicJwkOf(method: Record<string, unknown>): JWK | undefined {
  if (isPlainObject(method['publicKeyJwk'])) {
    const { d: _private, ...jwk } = method['publicKeyJwk'] as JWK
    return jwk
  }
  if (typeof method['publicKeyMultibase'] === 'string') {
    try {
      return { kty: 'OKP', crv: 'Ed25519', x: encodeBase64url(decodePublicKeyMultibase(method['publicKeyMultibase'])) }
    } catch {
      return undefined
    }
  }
  return undefined
}
