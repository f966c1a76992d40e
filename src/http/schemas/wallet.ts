/**
 * @module http/schemas/wallet — the wallet protocol routes: OID4VCI 1.0 (metadata, offer by
 * reference, token, nonce, credential) and the VC-API exchange.
 *
 * OAuth errors (`{ error, error_description }`) and signed credentials are sent as text, so
 * no response serializer touches them; the schemas here document them and validate requests.
 */
import { errorResponses } from './common.js'

const tokenParam = {
  type: 'object',
  required: ['token'],
  properties: { token: { type: 'string', minLength: 1, maxLength: 128 } },
} as const

const oauthErrors =
  ' OAuth errors are `{ "error": "<code>", "error_description": "…" }`.'

export const issuerMetadataSchema = {
  summary: 'OID4VCI credential issuer metadata',
  description: 'Endpoints and the one credential configuration (`OpenBadgeCredential_ldp_vc`: OB 3.0 as ldp_vc, eddsa-rdfc-2022; holder binding did:key or did:jwk through a jwt proof, EdDSA or ES256).',
  tags: ['wallets'],
  response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses },
} as const

export const authorizationServerMetadataSchema = {
  summary: 'OAuth authorization server metadata (the issuer is its own authorization server)',
  description: 'Token endpoint for the pre-authorized code grant; anonymous access (no client authentication).',
  tags: ['wallets'],
  response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses },
} as const

export const credentialOfferSchema = {
  summary: 'An OID4VCI credential offer, by reference (public: the token is the credential)',
  description: 'What `openid-credential-offer://?credential_offer_uri=…` points to. 404 for an unknown token, 409/410 for an offer that can no longer be claimed.',
  tags: ['wallets'],
  params: tokenParam,
  response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses },
} as const

export const tokenSchema = {
  summary: 'OID4VCI token endpoint (pre-authorized code grant)',
  description:
    'Form body (application/x-www-form-urlencoded): `grant_type=urn:ietf:params:oauth:grant-type:pre-authorized_code`, `pre-authorized_code=<claim token>`. Offers have no transaction code: a `tx_code` is refused (invalid_request). Answers `{ access_token, token_type: "Bearer", expires_in }` (10 minutes at most, bound to the offer). Unknown, claimed, expired or withdrawn offer: 400 invalid_grant.' +
    oauthErrors,
  tags: ['wallets'],
  response: { ...errorResponses },
} as const

export const nonceSchema = {
  summary: 'OID4VCI nonce endpoint',
  description: 'Answers `{ c_nonce }`: valid 5 minutes, accepted in one credential request.',
  tags: ['wallets'],
  response: { ...errorResponses },
} as const

export const credentialSchema = {
  summary: 'OID4VCI credential endpoint (Bearer access token, jwt proof)',
  description:
    'Body: `{ "credential_configuration_id": "OpenBadgeCredential_ldp_vc", "proofs": { "jwt": ["<openid4vci-proof+jwt>"] } }` (or the draft `proof: { proof_type: "jwt", jwt }`). The proof JWT: `typ` openid4vci-proof+jwt, `alg` EdDSA or ES256, `kid` a did:key or did:jwk verification method, `aud` the credential issuer, `nonce` a c_nonce, `iat` within 5 minutes. Answers `{ credentials: [{ credential }] }`, the credential signed now with `credentialSubject.id` = the DID of the proof key. Errors: 401 invalid_token; 400 invalid_proof, invalid_nonce, unknown_credential_configuration, invalid_credential_request, credential_request_denied (offer already claimed, expired or withdrawn).' +
    oauthErrors,
  tags: ['wallets'],
  response: { ...errorResponses },
} as const

export const exchangeSchema = {
  summary: 'VC-API exchange for Learner Credential Wallet (public: the token is the credential)',
  description:
    'Body `{}`: answers `{ verifiablePresentationRequest }` (DIDAuthentication, did:key, a challenge valid 10 minutes for one use, the domain = this service\'s origin). Body `{ "verifiablePresentation": <DIDAuth presentation> }` (proofPurpose authentication, eddsa-rdfc-2022 or Ed25519Signature2020, signed by its did:key holder): answers `{ verifiablePresentation: { verifiableCredential: [credential] } }` with the credential signed now for that holder. Errors: 404 ERR_OFFER_NOT_FOUND; 409 ERR_OFFER_CLAIMED; 410 ERR_OFFER_EXPIRED/REVOKED; 400 ERR_PRESENTATION_CHALLENGE, ERR_PRESENTATION_HOLDER, ERR_PROOF_INVALID, ERR_PROOF_UNSUPPORTED.',
  tags: ['wallets'],
  params: tokenParam,
  response: { ...errorResponses },
} as const
