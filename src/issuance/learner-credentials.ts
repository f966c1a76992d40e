/**
 * @module issuance/learner-credentials
 * What a learner can do with a credential after claiming it, and what the public may see.
 *
 * The learner's authority is the claim link itself. Its token is a 256-bit secret, stored
 * only as a hash, known only to the learner (and whoever the learner gave it to); after the
 * claim it can no longer sign anything, but it still lets its holder download the same
 * credential again (JSON or a baked badge) and turn the public page on or off. No second
 * secret, no account: the email that brought the link is the learner's "manage" link. The
 * issuer can withdraw the credential (revocation) but cannot make it public.
 *
 * A credential is public only when its learner said so; a credential that is not public is
 * answered exactly like one that does not exist (ERR_CREDENTIAL_NOT_FOUND), so its page
 * address reveals nothing.
 */
import { MicrocredError } from '../core/index.js'
import type { OfferRecord, StoredCredential } from '../storage/store.js'
import type { IssuanceContext } from './context.js'
import { findOffer } from './offers.js'

export interface ClaimedCredential {
  offer: OfferRecord
  credential: StoredCredential
}

/** The credential an offer was claimed as, for the holder of its claim link. */
export async function claimedCredential(ctx: IssuanceContext, token: string): Promise<ClaimedCredential> {
  const offer = await findOffer(ctx, token)
  if (offer.state !== 'claimed' || offer.credentialId === undefined) {
    if (offer.state === 'revoked') throw new MicrocredError('ERR_OFFER_REVOKED')
    if (offer.state === 'expired') throw new MicrocredError('ERR_OFFER_EXPIRED')
    throw new MicrocredError('ERR_OFFER_NOT_CLAIMED')
  }
  const credential = await ctx.store.getCredential(offer.credentialId)
  if (credential === undefined) throw new MicrocredError('ERR_INTERNAL', 'the claimed credential is missing from the store')
  return { offer, credential }
}

/** Turns the public page of the credential claimed with `token` on or off. */
export async function setPublicPage(ctx: IssuanceContext, token: string, publicPage: boolean): Promise<StoredCredential> {
  const { credential } = await claimedCredential(ctx, token)
  return ctx.store.setCredentialPublicPage(credential.id, publicPage)
}

/** A credential its learner made public; anything else is "not found". */
export async function publicCredential(ctx: IssuanceContext, id: string): Promise<StoredCredential> {
  const stored = await ctx.store.getCredential(id)
  if (stored === undefined || !stored.publicPage) throw new MicrocredError('ERR_CREDENTIAL_NOT_FOUND', 'no public credential here', { details: { id } })
  return stored
}

/** The short form of a credential id issued here (`<base>/credentials/<uuid>` → `<uuid>`), for page addresses. */
export function shortCredentialId(ctx: IssuanceContext, id: string): string {
  const prefix = `${ctx.baseUrl()}/credentials/`
  return id.startsWith(prefix) ? id.slice(prefix.length) : encodeURIComponent(id)
}

/** A page address's id back to the credential id (the inverse of `shortCredentialId`; same rule as GET /credentials/:id). */
export function credentialIdFromParam(ctx: IssuanceContext, param: string): string {
  return param.includes(':') ? param : `${ctx.baseUrl()}/credentials/${param}`
}

export function publicPageUrl(ctx: IssuanceContext, id: string): string {
  return `${ctx.baseUrl()}/c/${shortCredentialId(ctx, id)}`
}
