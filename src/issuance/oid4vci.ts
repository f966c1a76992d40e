/**
 * @module issuance/oid4vci
 * OpenID for Verifiable Credential Issuance 1.0, pre-authorized code flow, over offers:
 * the claim token is the pre-authorized code (delivery/wallet-links.ts makes the offer).
 *
 *   wallet → POST token     grant_type=…pre-authorized_code, pre-authorized_code=<claim token>
 *          ← access_token   (10 min, bound to the offer; stored as SHA-256)
 *   wallet → POST nonce     ← c_nonce (5 min, single use)
 *   wallet → POST credential  Bearer <access_token>, { credential_configuration_id, proofs: { jwt: [ … ] } }
 *          ← { credentials: [ { credential } ] }   signed now, credentialSubject.id = the proof's DID
 *
 * Offers carry no transaction code (tx_code): the claim link is the one secret and reaches the
 * learner over one channel (email or the issuer's own system); a second code over that same
 * channel would add nothing. A token request that sends one is refused (invalid_request).
 *
 * Protocol refusals are results (`{ ok: false, status, error, description }`, the OAuth error
 * codes of the spec), not exceptions; the route sends them as OAuth error bodies.
 */
import { isMicrocredError, OB_V3P0_CONTEXT, VC_V2_CONTEXT } from '../core/index.js'
import { OID4VCI_CONFIGURATION_ID, PRE_AUTHORIZED_GRANT, credentialOffer, type CredentialOffer } from '../delivery/wallet-links.js'
import { claimRefusal } from '../storage/offer-rules.js'
import type { IssuanceContext } from './context.js'
import { checkProofJwt, PROOF_ALGORITHMS } from './oid4vci-proof.js'
import { claimFoundOffer, findOffer } from './offers.js'
import { findWalletSecret, newWalletSecret, useWalletSecret } from './wallet-secrets.js'

export const OID4VCI_PATHS = {
  token: '/oid4vci/token',
  nonce: '/oid4vci/nonce',
  credential: '/oid4vci/credential',
} as const

export type OAuthRefusal = { ok: false; status: number; error: string; description: string }
export type Outcome<T> = { ok: true; value: T } | OAuthRefusal

const refuse = (status: number, error: string, description: string): OAuthRefusal => ({ ok: false, status, error, description })

/** Credential issuer metadata (`/.well-known/openid-credential-issuer`). */
export function issuerMetadata(ctx: IssuanceContext): Record<string, unknown> {
  const base = ctx.baseUrl()
  const name = ctx.issuer.current.profile.name
  const display = [{ name: 'Open Badge', locale: 'en', description: 'An Open Badges 3.0 credential' }]
  return {
    credential_issuer: base,
    credential_endpoint: `${base}${OID4VCI_PATHS.credential}`,
    nonce_endpoint: `${base}${OID4VCI_PATHS.nonce}`,
    ...(name === undefined ? {} : { display: [{ name, locale: 'en' }] }),
    credential_configurations_supported: {
      [OID4VCI_CONFIGURATION_ID]: {
        format: 'ldp_vc',
        scope: 'OpenBadgeCredential',
        credential_definition: { '@context': [VC_V2_CONTEXT, OB_V3P0_CONTEXT], type: ['VerifiableCredential', 'OpenBadgeCredential'] },
        cryptographic_binding_methods_supported: ['did:key', 'did:jwk'],
        credential_signing_alg_values_supported: ['eddsa-rdfc-2022'],
        proof_types_supported: { jwt: { proof_signing_alg_values_supported: [...PROOF_ALGORITHMS] } },
        // 1.0 puts display under credential_metadata; earlier drafts (and some wallets) read it here.
        credential_metadata: { display },
        display,
      },
    },
  }
}

/** Authorization server metadata (`/.well-known/oauth-authorization-server`): the issuer is its own. */
export function authorizationServerMetadata(ctx: IssuanceContext): Record<string, unknown> {
  const base = ctx.baseUrl()
  return {
    issuer: base,
    token_endpoint: `${base}${OID4VCI_PATHS.token}`,
    grant_types_supported: [PRE_AUTHORIZED_GRANT],
    'pre-authorized_grant_anonymous_access_supported': true,
    token_endpoint_auth_methods_supported: ['none'],
  }
}

/** The credential offer served by reference (`GET /oid4vci/offers/:token`): only for a claimable offer. */
export async function offerByReference(ctx: IssuanceContext, token: string): Promise<CredentialOffer> {
  const offer = await findOffer(ctx, token)
  const refusal = claimRefusal(offer, ctx.clock.now())
  if (refusal !== undefined) throw refusal
  return credentialOffer(ctx.baseUrl(), token)
}

export interface TokenResponse {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
}

/** The token endpoint: form fields in, an access token bound to the offer out. */
export async function exchangePreAuthorizedCode(ctx: IssuanceContext, form: Record<string, unknown>): Promise<Outcome<TokenResponse>> {
  const grantType = form['grant_type']
  if (grantType !== PRE_AUTHORIZED_GRANT) return refuse(400, 'unsupported_grant_type', `grant_type must be ${PRE_AUTHORIZED_GRANT}`)
  const code = form['pre-authorized_code']
  if (typeof code !== 'string' || code === '') return refuse(400, 'invalid_request', 'pre-authorized_code is required')
  if (form['tx_code'] !== undefined) return refuse(400, 'invalid_request', 'this offer has no transaction code; send none')
  try {
    const offer = await findOffer(ctx, code)
    const refusal = claimRefusal(offer, ctx.clock.now())
    if (refusal !== undefined) return refuse(400, 'invalid_grant', refusal.message)
    const { secret, expiresInSeconds } = await newWalletSecret(ctx, 'oid4vci-access-token', offer)
    return { ok: true, value: { access_token: secret, token_type: 'Bearer', expires_in: expiresInSeconds } }
  } catch (e) {
    if (isMicrocredError(e) && e.code === 'ERR_OFFER_NOT_FOUND') return refuse(400, 'invalid_grant', 'unknown pre-authorized code')
    throw e
  }
}

/** The nonce endpoint: a fresh c_nonce, valid once. */
export async function issueNonce(ctx: IssuanceContext): Promise<{ c_nonce: string }> {
  const { secret } = await newWalletSecret(ctx, 'oid4vci-nonce')
  return { c_nonce: secret }
}

/** The signed credential as stored text: the route splices it into `{ credentials: [{ credential }] }` unchanged. */
export interface CredentialResponse {
  credentialJson: string
}

/** The credential endpoint: Bearer token + one jwt proof → the offer's credential, bound to the proof's DID. */
export async function issueByCredentialRequest(
  ctx: IssuanceContext,
  authorization: string | undefined,
  body: unknown,
  log?: (fields: Record<string, unknown>) => void,
): Promise<Outcome<CredentialResponse>> {
  const match = /^Bearer ([A-Za-z0-9_-]{1,512})$/.exec(authorization ?? '')
  const grant = match === null ? undefined : await findWalletSecret(ctx, 'oid4vci-access-token', match[1])
  if (grant?.offerId === undefined) return refuse(401, 'invalid_token', 'a valid access token from the token endpoint is required (Authorization: Bearer …)')
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return refuse(400, 'invalid_credential_request', 'the body must be a JSON object')
  const request = body as Record<string, unknown>
  if (request['credential_identifier'] !== undefined) return refuse(400, 'invalid_credential_request', 'credential_identifier is not used by this issuer; send credential_configuration_id')
  if (request['credential_configuration_id'] !== OID4VCI_CONFIGURATION_ID) {
    return refuse(400, 'unknown_credential_configuration', `credential_configuration_id must be ${OID4VCI_CONFIGURATION_ID}`)
  }
  const jwts = proofJwts(request)
  if (typeof jwts === 'string') return refuse(400, 'invalid_proof', jwts)
  if (jwts.length !== 1) return refuse(400, 'invalid_proof', 'send exactly one jwt proof: an offer holds one credential')

  const base = ctx.baseUrl()
  const proof = await checkProofJwt(jwts[0], { issuer: base, now: ctx.clock.now() })
  if (!proof.ok) return refuse(400, proof.error, proof.description)
  // The nonce is used only after the signature verified, so a forged proof cannot burn it.
  if ((await useWalletSecret(ctx, 'oid4vci-nonce', proof.nonce)) === undefined) {
    return refuse(400, 'invalid_nonce', 'the proof nonce is unknown, expired or already used: get a new one from the nonce endpoint')
  }
  const offer = await ctx.store.getOffer(grant.offerId)
  if (offer === undefined) return refuse(401, 'invalid_token', 'the offer of this access token is gone')
  try {
    const { credential } = await claimFoundOffer(ctx, offer, { holder: proof.holder })
    log?.({ offerId: offer.id, credentialId: credential.id, via: 'oid4vci' })
    return { ok: true, value: { credentialJson: credential.json } }
  } catch (e) {
    // Claimed meanwhile, expired, withdrawn, or made out to another subject id: the wallet did
    // nothing wrong in protocol terms, the issuer declines.
    if (isMicrocredError(e) && (e.code === 'ERR_OFFER_CLAIMED' || e.code === 'ERR_OFFER_EXPIRED' || e.code === 'ERR_OFFER_REVOKED' || e.code === 'ERR_INPUT_INVALID')) {
      return refuse(400, 'credential_request_denied', e.message)
    }
    throw e
  }
}

/** The proof JWTs of a request: 1.0 `proofs.jwt` (array) or the draft `proof` object. */
function proofJwts(request: Record<string, unknown>): unknown[] | string {
  const proofs = request['proofs']
  const proof = request['proof']
  if (proofs !== undefined && proof !== undefined) return 'send proofs or proof, not both'
  if (proofs !== undefined) {
    if (proofs === null || typeof proofs !== 'object' || Array.isArray(proofs)) return 'proofs must be an object'
    const keys = Object.keys(proofs)
    if (keys.length !== 1 || keys[0] !== 'jwt') return 'proofs must hold exactly one proof type: jwt'
    const list = (proofs as Record<string, unknown>)['jwt']
    return Array.isArray(list) ? list : 'proofs.jwt must be an array of JWTs'
  }
  if (proof !== undefined) {
    if (proof === null || typeof proof !== 'object' || Array.isArray(proof)) return 'proof must be an object'
    const p = proof as Record<string, unknown>
    if (p['proof_type'] !== 'jwt') return 'proof.proof_type must be jwt'
    return [p['jwt']]
  }
  return 'a jwt proof of possession of your wallet key is required (proofs.jwt)'
}
