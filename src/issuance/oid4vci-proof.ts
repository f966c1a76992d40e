/**
 * @module issuance/oid4vci-proof
 * The wallet's proof of possession in an OID4VCI 1.0 credential request: a JWT with
 * `typ: openid4vci-proof+jwt`, signed by the key its `kid` names (a did:key or did:jwk
 * verification method), for this issuer (`aud`), carrying a c_nonce we handed out. The DID of
 * that key becomes the credential's `credentialSubject.id`.
 *
 * The signature is checked with `jose`; the DID is resolved locally (did:key Ed25519 or P-256,
 * did:jwk), never over the network.
 */
import { ECDH } from 'node:crypto'
import { base58 } from '@scure/base'
import { decodeProtectedHeader, errors as joseErrors, importJWK, jwtVerify, type JWK } from 'jose'
import { decodePublicKeyMultibase, resolveDidJwk } from '../core/index.js'

export const PROOF_JWT_TYPE = 'openid4vci-proof+jwt'
export const PROOF_ALGORITHMS = ['EdDSA', 'Ed25519', 'ES256'] as const
/** How old a proof may be (its `iat`), and how far a wallet's clock may run ahead. */
const MAX_PROOF_AGE_SECONDS = 300
const CLOCK_TOLERANCE_SECONDS = 60

export type ProofCheck = { ok: true; holder: string; nonce: string } | { ok: false; error: 'invalid_proof' | 'invalid_nonce'; description: string }

/** Checks a proof JWT for `issuer` at `now`; the nonce is returned for the caller to use once. */
export async function checkProofJwt(jwt: unknown, options: { issuer: string; now: Date }): Promise<ProofCheck> {
  const bad = (description: string): ProofCheck => ({ ok: false, error: 'invalid_proof', description })
  if (typeof jwt !== 'string' || jwt.length > 16_384) return bad('proof.jwt must be a compact JWT')
  let header: ReturnType<typeof decodeProtectedHeader>
  try {
    header = decodeProtectedHeader(jwt)
  } catch {
    return bad('proof.jwt is not a JWT')
  }
  if (header.typ !== PROOF_JWT_TYPE) return bad(`the proof JWT header typ must be ${PROOF_JWT_TYPE}`)
  if (typeof header.alg !== 'string' || !(PROOF_ALGORITHMS as readonly string[]).includes(header.alg)) return bad(`the proof JWT alg must be one of ${PROOF_ALGORITHMS.join(', ')}`)
  if (header.jwk !== undefined || header.x5c !== undefined) return bad('the proof must name its key with kid (a did:key or did:jwk verification method), not jwk or x5c')
  if (typeof header.kid !== 'string') return bad('the proof JWT header needs a kid: the did:key or did:jwk verification method of your wallet key')
  const resolved = publicJwkOf(header.kid)
  if (typeof resolved === 'string') return bad(resolved)
  let payload: Record<string, unknown>
  try {
    const key = await importJWK(resolved.jwk, header.alg)
    const verified = await jwtVerify(jwt, key, {
      typ: PROOF_JWT_TYPE,
      audience: options.issuer,
      algorithms: [...PROOF_ALGORITHMS],
      currentDate: options.now,
      maxTokenAge: MAX_PROOF_AGE_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    })
    payload = verified.payload as Record<string, unknown>
  } catch (e) {
    if (e instanceof joseErrors.JWTClaimValidationFailed) return bad(`the proof JWT ${e.claim} claim is not valid: ${e.reason === 'check_failed' ? `expected aud ${options.issuer}` : e.reason}`)
    if (e instanceof joseErrors.JWTExpired) return bad('the proof JWT is too old; make a new one')
    if (e instanceof joseErrors.JWSSignatureVerificationFailed) return bad(`the proof JWT signature does not verify with ${header.kid}`)
    return bad(`the proof JWT cannot be verified with ${header.kid}${e instanceof Error ? `: ${e.message}` : ''}`)
  }
  if (typeof payload['nonce'] !== 'string') return { ok: false, error: 'invalid_nonce', description: 'the proof carries no nonce: get one from the nonce endpoint' }
  return { ok: true, holder: resolved.did, nonce: payload['nonce'] }
}

/** The public JWK a did:key / did:jwk verification method names, or why not. */
export function publicJwkOf(kid: string): { did: string; jwk: JWK } | string {
  const hash = kid.indexOf('#')
  const did = hash === -1 ? kid : kid.slice(0, hash)
  if (did.startsWith('did:jwk:')) {
    try {
      const doc = resolveDidJwk(did)
      const vm = (doc['verificationMethod'] as { publicKeyJwk: JWK }[])[0]!
      if (hash !== -1 && kid.slice(hash) !== '#0') return `${kid} is not a verification method of ${did} (expected ${did}#0)`
      return { did, jwk: vm.publicKeyJwk }
    } catch {
      return `${did} is not a well-formed did:jwk`
    }
  }
  if (did.startsWith('did:key:')) {
    const multibase = did.slice('did:key:'.length)
    if (hash !== -1 && kid.slice(hash + 1) !== multibase) return `${kid} is not the verification method of ${did}`
    if (multibase.startsWith('z6Mk')) {
      try {
        return { did, jwk: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(decodePublicKeyMultibase(multibase)).toString('base64url') } }
      } catch {
        return `${did} is not a well-formed Ed25519 did:key`
      }
    }
    if (multibase.startsWith('zDn')) {
      // P-256: multicodec 0x1200 (varint 0x80 0x24) then the 33-byte compressed point.
      try {
        const bytes = base58.decode(multibase.slice(1))
        if (bytes.length !== 35 || bytes[0] !== 0x80 || bytes[1] !== 0x24) throw new TypeError('not p256-pub')
        const point = ECDH.convertKey(Buffer.from(bytes.subarray(2)), 'prime256v1', undefined, undefined, 'uncompressed') as Buffer
        return { did, jwk: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') } }
      } catch {
        return `${did} is not a well-formed P-256 did:key`
      }
    }
    return `${did}: only Ed25519 (z6Mk…) and P-256 (zDn…) did:key keys are accepted`
  }
  return 'the proof kid must be a did:key or did:jwk verification method'
}
