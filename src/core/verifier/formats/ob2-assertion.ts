/**
 * @module verifier/formats/ob2-assertion
 * Open Badges 2.0 assertions, recognised and explained either way:
 * - signed (`ob2-jws`): a compact JWS whose payload is the assertion; verified offline with
 *   `jose` and the issuer's `CryptographicKey` (`publicKeyPem`, at `verification.creator`)
 *   or a JWKS, both supplied by the caller;
 * - hosted (`ob2-hosted`): the assertion is authentic only if the issuer's server still
 *   serves it at its `id`, so it needs the network. Offline it is reported, never guessed;
 *   with the caller's explicit online opt-in (an injected `fetchJson`) the hosted copy is
 *   fetched and compared.
 */
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, importSPKI, type JWTPayload, type ProtectedHeaderParameters } from 'jose'
import { isPlainObject } from '../../credential/shape.js'
import type { CheckContext } from '../context.js'
import { error, fail, pass, skip, type Check } from '../result.js'
import { isOb2Assertion } from './detect-format.js'
import type { JsonWebKeySet } from './jwt-key.js'

export type Ob2Format = 'ob2-jws' | 'ob2-hosted'

/** Fetches a JSON document by URL: the online opt-in for hosted OB 2.0 assertions. */
export type FetchJson = (url: string) => Promise<unknown>

export interface Ob2Options {
  jwks: JsonWebKeySet | undefined
  fetchJson: FetchJson | undefined
}

export { isOb2Assertion }

/** A compact JWS whose payload is an OB 2.0 assertion (a signed badge). */
export function decodeOb2Jws(jws: string): { header: ProtectedHeaderParameters; assertion: Record<string, unknown> } | undefined {
  try {
    const header = decodeProtectedHeader(jws)
    const payload: JWTPayload = decodeJwt(jws)
    return isOb2Assertion(payload) ? { header, assertion: payload } : undefined
  } catch {
    return undefined
  }
}

function verificationTypeOf(assertion: Record<string, unknown>): string | undefined {
  const verification = assertion['verification']
  const type = isPlainObject(verification) ? verification['type'] : undefined
  return typeof type === 'string' ? type : undefined
}

export const isHosted = (assertion: Record<string, unknown>): boolean => ['hosted', 'HostedBadge'].includes(verificationTypeOf(assertion) ?? '')

/** OB 2.0 §Assertion: the members every assertion has. */
export function checkOb2Shape(assertion: Record<string, unknown>): Check {
  const problems: string[] = []
  if (typeof assertion['id'] !== 'string') problems.push('id must be a URL (or urn:uuid for a signed badge)')
  if (!isPlainObject(assertion['recipient'])) problems.push('recipient must be an IdentityObject')
  if (assertion['badge'] === undefined) problems.push('badge is required')
  if (!isPlainObject(assertion['verification'])) problems.push('verification is required')
  if (typeof assertion['issuedOn'] !== 'string' || Number.isNaN(Date.parse(assertion['issuedOn']))) problems.push('issuedOn must be a date-time')
  if (problems.length > 0) return fail('shape', 'ERR_CREDENTIAL_MALFORMED', problems.join('; '), { dataModel: 'OB 2.0' })
  return pass('shape', 'well-formed Open Badges 2.0 assertion', { dataModel: 'OB 2.0' })
}

export function checkOb2Validity(assertion: Record<string, unknown>, ctx: CheckContext): Check {
  const expires = assertion['expires']
  const details = { now: ctx.now.toISOString(), issuedOn: assertion['issuedOn'], expires }
  if (typeof expires === 'string' && Date.parse(expires) < ctx.now.getTime() - ctx.clockSkewSeconds * 1000) {
    return fail('validity', 'ERR_VALIDITY_EXPIRED', `expired on ${expires}`, details)
  }
  return pass('validity', `valid at ${ctx.now.toISOString()}`, details)
}

/** The proof and issuer checks of a signed (JWS) OB 2.0 assertion. */
export async function checkOb2Signed(jws: string, header: ProtectedHeaderParameters, assertion: Record<string, unknown>, ctx: CheckContext, options: Ob2Options): Promise<{ proof: Check; issuer: Check }> {
  const base = { format: 'ob2-jws', alg: header.alg }
  const verification = assertion['verification'] as Record<string, unknown>
  const creator = typeof verification['creator'] === 'string' ? verification['creator'] : undefined
  const noIssuer = (why: string): Check => error('issuer', 'ERR_ISSUER_UNRESOLVABLE', `the issuer cannot be bound to the signing key: ${why}`, base)
  if (header.alg !== 'RS256' && header.alg !== 'ES256' && header.alg !== 'EdDSA') {
    return { proof: fail('proof', 'ERR_PROOF_UNSUPPORTED', `the JWS algorithm ${String(header.alg)} is not accepted for OB 2.0 (RS256, ES256, EdDSA)`, base), issuer: noIssuer('no usable signature') }
  }
  let key: CryptoKey | Uint8Array | undefined
  let keyDocument: Record<string, unknown> | undefined
  if (creator !== undefined) {
    try {
      const doc = (await ctx.documentLoader(creator)).document
      if (isPlainObject(doc) && typeof doc['publicKeyPem'] === 'string') {
        keyDocument = doc
        key = await importSPKI(doc['publicKeyPem'], header.alg)
      }
    } catch {
      key = undefined
    }
  }
  const fromSet = options.jwks?.keys.find((k) => header.kid === undefined || k.kid === header.kid)
  if (key === undefined && fromSet !== undefined) key = await importJWK(fromSet, header.alg)
  if (key === undefined) {
    return {
      proof: fail('proof', 'ERR_KEY_UNRESOLVABLE', `signed OB 2.0 assertion: supply the issuer's public key (the CryptographicKey at ${creator ?? 'verification.creator'}, or a JWKS) to verify it offline`, base),
      issuer: noIssuer('the signing key is unknown'),
    }
  }
  try {
    await compactVerify(jws, key, { algorithms: [header.alg] })
  } catch {
    return { proof: fail('proof', 'ERR_PROOF_INVALID', 'the JWS signature does not match: the badge was changed after it was signed, or signed with another key', base), issuer: noIssuer('the signature does not verify') }
  }
  const proof = pass('proof', 'the OB 2.0 signature is valid', base)
  // The key document names its owner (the issuer profile); a JWKS is vouched for by the caller.
  const owner = keyDocument?.['owner']
  if (keyDocument === undefined) return { proof, issuer: pass('issuer', 'signed with a key from the JWKS supplied for the issuer', base) }
  if (typeof owner !== 'string') return { proof, issuer: fail('issuer', 'ERR_ISSUER_KEY_MISMATCH', `the key ${creator} names no owner`, base) }
  return { proof, issuer: pass('issuer', `signed with a key owned by ${owner}`, { ...base, issuer: owner }) }
}

/** The proof, issuer and status checks of a hosted OB 2.0 assertion. */
export async function checkOb2Hosted(assertion: Record<string, unknown>, options: Ob2Options): Promise<{ proof: Check; issuer: Check; status: Check }> {
  const base = { format: 'ob2-hosted' }
  const id = assertion['id'] as string
  if (options.fetchJson === undefined) {
    const message = "hosted OB 2.0 assertion: verification needs the issuer's server; enable online checks"
    return {
      proof: error('proof', 'ERR_PROOF_ONLINE_REQUIRED', message, { ...base, url: id }),
      issuer: error('issuer', 'ERR_PROOF_ONLINE_REQUIRED', message, base),
      status: error('status', 'ERR_PROOF_ONLINE_REQUIRED', `${message} (revocation is read from the hosted copy)`, base),
    }
  }
  let hosted: unknown
  try {
    hosted = await options.fetchJson(id)
  } catch {
    const message = `the hosted assertion at ${id} could not be fetched`
    return { proof: error('proof', 'ERR_PROOF_ONLINE_REQUIRED', message, base), issuer: error('issuer', 'ERR_ISSUER_UNRESOLVABLE', message, base), status: error('status', 'ERR_STATUS_UNKNOWN', message, base) }
  }
  // A revoked hosted assertion is typically replaced by `{ id, revoked: true, revocationReason }`.
  if (isPlainObject(hosted) && hosted['revoked'] === true) {
    const reason = typeof hosted['revocationReason'] === 'string' ? `: ${hosted['revocationReason']}` : ''
    return {
      proof: pass('proof', `the issuer's server answers for the assertion at ${id}`, { ...base, url: id }),
      issuer: pass('issuer', `answered by the issuer's server at ${originOf(id)}`, { ...base, origin: originOf(id) }),
      status: fail('status', 'ERR_STATUS_REVOKED', `the issuer has revoked this badge${reason}`, base),
    }
  }
  if (!isPlainObject(hosted) || JSON.stringify(canonicalJson(hosted)) !== JSON.stringify(canonicalJson({ ...assertion }))) {
    return {
      proof: fail('proof', 'ERR_PROOF_INVALID', `the assertion differs from the one its issuer hosts at ${id}`, { ...base, url: id }),
      issuer: error('issuer', 'ERR_ISSUER_UNRESOLVABLE', 'the issuer cannot be confirmed: the hosted copy differs', base),
      status: skip('status', 'not checked: the hosted copy differs'),
    }
  }
  const proof = pass('proof', `the issuer hosts this exact assertion at ${id}`, { ...base, url: id })
  const badge = assertion['badge']
  const badgeUrl = typeof badge === 'string' ? badge : isPlainObject(badge) && typeof badge['id'] === 'string' ? badge['id'] : undefined
  const sameOrigin = badgeUrl !== undefined && originOf(badgeUrl) === originOf(id)
  const issuer = sameOrigin
    ? pass('issuer', `hosted on the badge's own origin ${originOf(id)}`, { ...base, origin: originOf(id) })
    : error('issuer', 'ERR_ISSUER_UNRESOLVABLE', 'the assertion is hosted on another origin than its badge class; check the issuer\'s allowedOrigins', base)
  const status = pass('status', 'the hosted assertion is not revoked', base)
  return { proof, issuer, status }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}

/** Members sorted, so that two JSON documents compare by content, not member order. */
function canonicalJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalJson)
  if (isPlainObject(value)) return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonicalJson(value[k])]))
  return value
}
