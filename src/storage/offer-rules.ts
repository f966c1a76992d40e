/**
 * @module storage/offer-rules
 * What every adapter decides the same way about offers and their outbox: input checks, the
 * state derived from the clock, the refusal for a claim, and the SQL condition for a state.
 */
import { MicrocredError } from '../core/errors.js'
import { OFFER_STATES, type NewOffer, type OfferState } from './store.js'

/** Longest error text kept in the outbox (it is shown to operators, not learners). */
export const MAX_DELIVERY_ERROR = 500

export function checkNewOffers(offers: readonly NewOffer[]): void {
  if (!Array.isArray(offers) || offers.length === 0) throw new MicrocredError('ERR_INPUT_INVALID', 'no offers to create')
  for (const o of offers) {
    if (typeof o?.id !== 'string' || o.id === '') throw new MicrocredError('ERR_INPUT_INVALID', 'an offer needs an id')
    if (typeof o.tokenHash !== 'string' || !/^[0-9a-f]{64}$/.test(o.tokenHash)) throw new MicrocredError('ERR_INPUT_INVALID', 'an offer token hash is SHA-256 in lower-case hex')
    if (typeof o.template !== 'string' || o.template === '') throw new MicrocredError('ERR_INPUT_INVALID', 'an offer needs its credential template')
    if (!(o.expiresAt instanceof Date) || Number.isNaN(o.expiresAt.getTime())) throw new MicrocredError('ERR_INPUT_INVALID', 'an offer needs an expiry date')
    if (o.delivery !== undefined && (o.email === undefined || o.email === '')) throw new MicrocredError('ERR_INPUT_INVALID', 'an offer delivered by email needs an email address')
  }
}

export function checkOfferState(state: string | undefined): OfferState | undefined {
  if (state === undefined) return undefined
  if (!(OFFER_STATES as readonly string[]).includes(state)) throw new MicrocredError('ERR_INPUT_INVALID', `state must be one of ${OFFER_STATES.join(', ')}`)
  return state as OfferState
}

export function offerStateOf(o: { revokedAt?: Date | undefined; claimedAt?: Date | undefined; expiresAt: Date }, now: Date): OfferState {
  if (o.revokedAt !== undefined) return 'revoked'
  if (o.claimedAt !== undefined) return 'claimed'
  if (o.expiresAt.getTime() <= now.getTime()) return 'expired'
  return 'pending'
}

/** The error a claim of an offer in this state gets, or undefined when it may be claimed. */
export function claimRefusal(o: { id: string; revokedAt?: Date | undefined; claimedAt?: Date | undefined; expiresAt: Date }, now: Date): MicrocredError | undefined {
  const details = { offerId: o.id }
  switch (offerStateOf(o, now)) {
    case 'revoked':
      return new MicrocredError('ERR_OFFER_REVOKED', `this offer was withdrawn by the issuer on ${day(o.revokedAt!)}; ask the issuer if you think this is a mistake`, { details })
    case 'claimed':
      return new MicrocredError('ERR_OFFER_CLAIMED', `this offer was already claimed on ${day(o.claimedAt!)}; ask the issuer for a new link`, { details })
    case 'expired':
      return new MicrocredError('ERR_OFFER_EXPIRED', `this offer expired on ${day(o.expiresAt)}; ask the issuer for a new link`, { details })
    case 'pending':
      return undefined
  }
}

export const offerNotFound = (id: string): MicrocredError => new MicrocredError('ERR_OFFER_NOT_FOUND', undefined, { details: { offerId: id } })

/** SQL condition selecting offers in `state` at `now`; `param` returns the placeholder for a value. */
export function offerStateCondition(state: OfferState, now: unknown, param: (value: unknown) => string): string {
  switch (state) {
    case 'revoked':
      return 'revoked_at IS NOT NULL'
    case 'claimed':
      return 'revoked_at IS NULL AND claimed_at IS NOT NULL'
    case 'expired':
      return `revoked_at IS NULL AND claimed_at IS NULL AND expires_at <= ${param(now)}`
    case 'pending':
      return `revoked_at IS NULL AND claimed_at IS NULL AND expires_at > ${param(now)}`
  }
}

export function clipDeliveryError(error: string): string {
  return error.length > MAX_DELIVERY_ERROR ? `${error.slice(0, MAX_DELIVERY_ERROR - 1)}…` : error
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10)
}
