/**
 * @module delivery/wallet-links
 * Every address a learner can use to take an offer, derived from the service's public URL and
 * the offer's claim token. One module so that the claim page, the email, the OID4VCI routes and
 * the VC-API exchange routes agree on them.
 *
 * The claim token is the only secret: it is the path of the claim link, the pre-authorized code
 * of the OID4VCI offer and the id of the VC-API exchange. Whoever holds the link may claim, and
 * the store marks the offer claimed once, whichever door was used.
 */

/** The credential configuration id advertised in OID4VCI issuer metadata. */
export const OID4VCI_CONFIGURATION_ID = 'OpenBadgeCredential_ldp_vc'
export const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code'
/** Where Learner Credential Wallet takes a request from a web page or a QR code. */
export const LCW_REQUEST_PAGE = 'https://lcw.app/request.html'

export interface CredentialOffer {
  credential_issuer: string
  credential_configuration_ids: string[]
  grants: Record<typeof PRE_AUTHORIZED_GRANT, { 'pre-authorized_code': string; tx_code?: { input_mode: 'numeric'; length: number; description: string } }>
}

export interface WalletLinks {
  /** The page (browser) or interaction document (Accept: application/json). */
  claim: string
  /** Plain download of the signed credential. */
  download: string
  /** VC-API exchange for Learner Credential Wallet. */
  vcApiExchange: string
  /** OID4VCI credential offer by reference (`openid-credential-offer://?credential_offer_uri=`). */
  oid4vciByReference: string
  /** OID4VCI credential offer by value (`openid-credential-offer://?credential_offer=`). */
  oid4vciByValue: string
  /** Where the by-reference offer is served. */
  credentialOfferUri: string
  /** Learner Credential Wallet deep link. */
  lcw: string
}

function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url
}

/** The OID4VCI credential offer object for a claim token. */
export function credentialOffer(publicUrl: string, token: string, txCode?: { length: number }): CredentialOffer {
  const grant: CredentialOffer['grants'][typeof PRE_AUTHORIZED_GRANT] = { 'pre-authorized_code': token }
  if (txCode !== undefined) {
    grant.tx_code = { input_mode: 'numeric', length: txCode.length, description: 'The code sent to you with the claim link' }
  }
  return {
    credential_issuer: trimSlash(publicUrl),
    credential_configuration_ids: [OID4VCI_CONFIGURATION_ID],
    grants: { [PRE_AUTHORIZED_GRANT]: grant },
  }
}

/** Every address for one offer. `txCode` only states that a transaction code is required. */
export function walletLinks(publicUrl: string, token: string, txCode?: { length: number }): WalletLinks {
  const base = trimSlash(publicUrl)
  const claim = `${base}/claim/${token}`
  const vcApiExchange = `${base}/workflows/claim/exchanges/${token}`
  const credentialOfferUri = `${base}/oid4vci/offers/${token}`
  const lcwRequest = JSON.stringify({ credentialRequestOrigin: base, protocols: { vcapi: vcApiExchange } })
  return {
    claim,
    download: `${claim}/download`,
    vcApiExchange,
    credentialOfferUri,
    oid4vciByReference: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(credentialOfferUri)}`,
    oid4vciByValue: `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(credentialOffer(base, token, txCode)))}`,
    lcw: `${LCW_REQUEST_PAGE}?request=${encodeURIComponent(lcwRequest)}`,
  }
}

/** What the claim URL answers to `Accept: application/json` (the VC-API interaction document). */
export function interactionDocument(publicUrl: string, token: string): { protocols: { vcapi: string; OID4VCI: string } } {
  const links = walletLinks(publicUrl, token)
  return { protocols: { vcapi: links.vcApiExchange, OID4VCI: links.oid4vciByReference } }
}
