/**
 * @module verifier/formats/jwt-credential
 * Credentials secured as a JWS (with `jose`), offline:
 * - `vc-jwt (OB 3.0)`: the Open Badges 3.0 / VC-JWT 1.1 JWT proof format, the credential in
 *   the `vc` claim; `iss`, `jti`, `sub` must agree with the credential they carry;
 * - `vc+jwt (VC-JOSE-COSE)`: the payload is the VC 2.0 credential itself (`typ: vc+jwt`),
 *   also when it arrives as an `EnvelopedVerifiableCredential` (`data:application/vc+jwt,…`).
 * The signature replaces the embedded proof: the `proof` and `issuer` checks look at the JWS
 * and its key; shape, context, schema, validity and status run on the credential as usual.
 */
import { compactVerify, decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose'
import { isPlainObject } from '../../credential/shape.js'
import { issuerIdOf } from '../../model/open-badges.js'
import type { CheckContext } from '../context.js'
import { error, fail, pass, type Check } from '../result.js'
import { findJwsKey, keyBelongsToIssuer, type JsonWebKeySet } from './jwt-key.js'

export type JwtFormat = 'vc-jwt (OB 3.0)' | 'vc+jwt (VC-JOSE-COSE)'

/** Signature algorithms accepted (RFC 7518 / RFC 8037); `none` and HMAC never are. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519']

export interface DecodedJwtCredential {
  jwt: string
  format: JwtFormat
  header: ProtectedHeaderParameters
  payload: JWTPayload
  /** The credential the JWS secures (what the other checks look at). */
  credential: unknown
}

/** Decodes a compact JWS carrying a credential; a string for what is wrong with it. */
export function decodeJwtCredential(jwt: string): DecodedJwtCredential | string {
  let header: ProtectedHeaderParameters
  let payload: JWTPayload
  try {
    header = decodeProtectedHeader(jwt)
    payload = decodeJwt(jwt)
  } catch {
    return 'not a compact JWS with a JSON payload'
  }
  if (isPlainObject(payload['vc'])) return { jwt, format: 'vc-jwt (OB 3.0)', header, payload, credential: payload['vc'] }
  if (payload['@context'] !== undefined || header.typ === 'vc+jwt' || header.typ === 'vc+ld+jwt') {
    return { jwt, format: 'vc+jwt (VC-JOSE-COSE)', header, payload, credential: payload }
  }
  return 'the JWT carries no credential (neither a vc claim nor a credential payload)'
}

/** The JWT behind an `EnvelopedVerifiableCredential` (`id: data:application/vc+jwt,<jwt>`), if it is one. */
export { envelopedJwt } from './detect-format.js'

export interface JwtCheckOptions {
  jwks: JsonWebKeySet | undefined
}

/** The `proof` and `issuer` checks of a JWS-secured credential. */
export async function checkJwt(decoded: DecodedJwtCredential, ctx: CheckContext, options: JwtCheckOptions): Promise<{ proof: Check; issuer: Check }> {
  const { format, header, payload, credential } = decoded
  const base = { format, alg: header.alg }
  const issuerId = isPlainObject(credential) ? issuerIdOf(credential) : undefined
  const claimIssuer = typeof payload.iss === 'string' ? payload.iss : undefined
  const skippedIssuer = (why: string): Check => error('issuer', 'ERR_ISSUER_UNRESOLVABLE', `the issuer cannot be bound to the signing key: ${why}`, base)

  if (typeof header.alg !== 'string' || !ALGORITHMS.includes(header.alg)) {
    const proof = fail('proof', 'ERR_PROOF_UNSUPPORTED', `the JWS algorithm ${String(header.alg)} is not accepted (${ALGORITHMS.join(', ')})`, base)
    return { proof, issuer: skippedIssuer('no usable signature') }
  }
  const mismatch = claimMismatch(format, payload, credential)
  if (mismatch !== undefined) {
    return { proof: fail('proof', 'ERR_PROOF_CLAIMS_MISMATCH', mismatch, base), issuer: skippedIssuer('the JWT claims contradict the credential') }
  }
  const lookup = await findJwsKey(header, issuerId ?? claimIssuer, ctx.documentLoader, options.jwks)
  if ('missing' in lookup) {
    return { proof: fail('proof', 'ERR_KEY_UNRESOLVABLE', lookup.missing, base), issuer: skippedIssuer('the signing key is unknown') }
  }
  const { found } = lookup
  const details = { ...base, keySource: found.source, ...(found.verificationMethod ? { verificationMethod: found.verificationMethod } : {}) }
  try {
    await compactVerify(decoded.jwt, found.key, { algorithms: ALGORITHMS })
  } catch (e) {
    const code = (e as { code?: unknown }).code
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
      return {
        proof: fail('proof', 'ERR_PROOF_INVALID', 'the JWS signature does not match: the credential was changed after it was signed, or signed with another key', details),
        issuer: skippedIssuer('the signature does not verify'),
      }
    }
    return { proof: fail('proof', 'ERR_KEY_INVALID', `the JWS could not be verified with its key (${String(code ?? 'invalid key')})`, details), issuer: skippedIssuer('the key is unusable') }
  }
  const proof = pass('proof', `the ${format} signature is valid: the credential has not been changed since it was signed`, details)
  if (issuerId === undefined) return { proof, issuer: fail('issuer', 'ERR_CREDENTIAL_MALFORMED', 'the credential names no issuer', details) }
  const binding = await keyBelongsToIssuer(found, issuerId, ctx.documentLoader)
  const issuer =
    binding === 'bound'
      ? pass('issuer', `signed with a key of the issuer ${issuerId}`, { ...details, issuer: issuerId })
      : binding === 'not-bound'
        ? fail('issuer', 'ERR_ISSUER_KEY_MISMATCH', `the JWS was signed with a key that is not an assertion method of its issuer ${issuerId}`, { ...details, issuer: issuerId })
        : error('issuer', 'ERR_ISSUER_UNRESOLVABLE', `the issuer ${issuerId} cannot be resolved offline; supply its controller document or JWKS to bind its keys`, { ...details, issuer: issuerId })
  return { proof, issuer }
}

/** VC-JWT 1.1 §6.3.1: the registered claims stand for credential members and must agree with them. */
function claimMismatch(format: JwtFormat, payload: JWTPayload, credential: unknown): string | undefined {
  if (format !== 'vc-jwt (OB 3.0)' || !isPlainObject(credential)) return undefined
  const issuerId = issuerIdOf(credential)
  if (payload.iss !== undefined && issuerId !== undefined && payload.iss !== issuerId) return `iss (${payload.iss}) is not the credential's issuer (${issuerId})`
  if (payload.jti !== undefined && credential['id'] !== undefined && payload.jti !== credential['id']) return `jti (${payload.jti}) is not the credential's id (${String(credential['id'])})`
  const subject = Array.isArray(credential['credentialSubject']) ? credential['credentialSubject'][0] : credential['credentialSubject']
  const subjectId = isPlainObject(subject) ? subject['id'] : undefined
  if (payload.sub !== undefined && subjectId !== undefined && payload.sub !== subjectId) return `sub (${payload.sub}) is not the credential subject's id (${String(subjectId)})`
  return undefined
}
