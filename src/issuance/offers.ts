/**
 * @module issuance/offers
 * Offers: a credential the issuer has decided to award, signed only when the learner claims
 * it, so that it can be bound to the learner's wallet DID (`credentialSubject.id`). Each offer
 * has a single-use claim token (256 random bits, base64url) that appears once, in the claim
 * link `<PUBLIC_URL>/claim/<token>` returned to the issuer (and emailed when SMTP is set up);
 * the store keeps only its SHA-256. The email address, when given, is written into the
 * credential as a salted-hash IdentityObject (never in the clear) and used to send the link.
 *
 * A claim signs the template (status entries allocated as for any issue) and then, in one
 * store transaction, marks the offer claimed and stores the credential: of two claims of one
 * link exactly one succeeds; the other gets ERR_OFFER_CLAIMED. A losing claim leaves two
 * unused status positions, as any failed issue does.
 *
 * @example
 * const { offers } = await createOffers(ctx, [{ unsigned, email: 'ana@example.org' }], { deliver: true })
 * const { credential } = await claimOffer(ctx, tokenFromTheLink, { holder: 'did:key:z6Mk…' })
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { emailIdentityObject, isPlainObject, MicrocredError } from '../core/index.js'
import { DEFAULT_OFFER_DAYS, MAX_OFFER_DAYS } from '../limits.js'
import { claimRefusal } from '../storage/offer-rules.js'
import type { NewOffer, OfferRecord } from '../storage/store.js'
import { recordAudit } from './audit.js'
import type { IssuanceContext } from './context.js'
import { achievementIdOf, checkIssuable, signCredentials, type IssuedCredential } from './issue.js'

export { DEFAULT_OFFER_DAYS, MAX_OFFER_DAYS } from '../limits.js'
const DAY_MS = 86_400_000
/** A claim token: 32 random bytes, base64url (43 characters). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

/** `options.offer` of an issue request. */
export interface OfferRequest {
  /** Days until the claim link stops working (1..365, default 30). */
  expiresInDays?: number
}

export interface OfferItem {
  /** The unsigned credential, checked now and signed at claim time. */
  unsigned: Record<string, unknown>
  /** The learner's address: hashed into the credential, and the link is emailed to it. */
  email?: string | undefined
  /** An email salt for the IdentityObject (random when absent). */
  salt?: string | undefined
  achievementId?: string | undefined
}

/** How the claim link reaches the learner. */
export type OfferDelivery = 'email-queued' | 'not-sent: no SMTP configured' | 'not-sent: no email address'

export interface CreatedOffer {
  id: string
  /** Shown once: only its hash is stored, so it cannot be recovered later. */
  claimUrl: string
  expiresAt: string
  email?: string | undefined
  delivery: OfferDelivery
}

export async function createOffers(
  ctx: IssuanceContext,
  items: readonly OfferItem[],
  options: OfferRequest & { deliver: boolean; maxBatch?: number },
): Promise<CreatedOffer[]> {
  const days = options.expiresInDays ?? DEFAULT_OFFER_DAYS
  if (!Number.isInteger(days) || days < 1 || days > MAX_OFFER_DAYS) {
    throw new MicrocredError('ERR_INPUT_INVALID', `options.offer.expiresInDays must be a whole number of days from 1 to ${MAX_OFFER_DAYS}`)
  }
  const templates: Record<string, unknown>[] = []
  for (const [index, item] of items.entries()) {
    try {
      templates.push(item.email === undefined ? item.unsigned : await withEmailIdentity(item.unsigned, item.email, item.salt))
    } catch (e) {
      if (e instanceof MicrocredError && items.length > 1) throw new MicrocredError(e.code, `credentials[${index}]: ${e.message}`, { cause: e, details: { ...e.details, index } })
      throw e
    }
  }
  await checkIssuable(ctx, templates, options.maxBatch === undefined ? {} : { maxBatch: options.maxBatch })
  const expiresAt = new Date(ctx.clock.now().getTime() + days * DAY_MS)
  const issuerId = ctx.issuer.current.id
  const created: CreatedOffer[] = []
  const records: NewOffer[] = items.map((item, index) => {
    const token = randomBytes(32).toString('base64url')
    const claimUrl = `${ctx.baseUrl()}/claim/${token}`
    const email = item.email?.trim()
    const send = options.deliver && email !== undefined
    const id = randomUUID()
    created.push({
      id,
      claimUrl,
      expiresAt: expiresAt.toISOString(),
      ...(email === undefined ? {} : { email }),
      delivery: send ? 'email-queued' : email === undefined ? 'not-sent: no email address' : 'not-sent: no SMTP configured',
    })
    return {
      id,
      tokenHash: hashToken(token),
      issuerId,
      achievementId: item.achievementId ?? achievementIdOf(templates[index]!),
      email,
      template: JSON.stringify(templates[index]),
      expiresAt,
      ...(send ? { delivery: { claimUrl } } : {}),
    }
  })
  await ctx.store.createOffers(records)
  await recordAudit(ctx, { action: 'offers.create', target: records.length === 1 ? records[0]!.id : `${records.length} offers`, details: { count: records.length } })
  return created
}

/** What a learner may see about an offer before claiming it: never the email address. */
export interface OfferSummary {
  state: OfferRecord['state']
  achievement: { id?: string; name?: string; description?: string }
  issuer: { id: string; name?: string }
  expiresAt: string
  claimedAt?: string
}

export async function findOffer(ctx: IssuanceContext, token: string): Promise<OfferRecord> {
  const hash = TOKEN_PATTERN.test(token) ? hashToken(token) : undefined
  const offer = hash === undefined ? undefined : await ctx.store.findOfferByTokenHash(hash)
  // The lookup is by hash already; the constant-time comparison keeps it so if the store's
  // index ever matched loosely (collation, prefix).
  if (offer === undefined || !timingSafeEqual(Buffer.from(offer.tokenHash, 'hex'), Buffer.from(hash!, 'hex'))) {
    throw new MicrocredError('ERR_OFFER_NOT_FOUND')
  }
  return offer
}

export function summarizeOffer(ctx: IssuanceContext, offer: OfferRecord): OfferSummary {
  const template = JSON.parse(offer.template) as Record<string, unknown>
  const subject = firstSubject(template)
  const achievement = isPlainObject(subject?.['achievement']) ? subject['achievement'] : {}
  const issuer = ctx.issuer.current
  const pick = (o: Record<string, unknown>, k: string): Record<string, string> => (typeof o[k] === 'string' ? { [k]: o[k] } : {})
  return {
    state: offer.state,
    achievement: { ...pick(achievement, 'id'), ...pick(achievement, 'name'), ...pick(achievement, 'description') },
    issuer: { id: offer.issuerId, ...(offer.issuerId === issuer.id && issuer.profile.name !== undefined ? { name: issuer.profile.name } : {}) },
    expiresAt: offer.expiresAt.toISOString(),
    ...(offer.claimedAt === undefined ? {} : { claimedAt: offer.claimedAt.toISOString() }),
  }
}

export interface ClaimOutcome {
  offer: OfferRecord
  credential: IssuedCredential
}

/** Signs the offer's credential (bound to `holder` when given) and marks the offer claimed, once. */
export async function claimOffer(ctx: IssuanceContext, token: string, options: { holder?: string | undefined } = {}): Promise<ClaimOutcome> {
  return claimFoundOffer(ctx, await findOffer(ctx, token), options)
}

/** `claimOffer` for an offer already found (the wallet routes reach it through an access token or a challenge). */
export async function claimFoundOffer(ctx: IssuanceContext, offer: OfferRecord, options: { holder?: string | undefined } = {}): Promise<ClaimOutcome> {
  const refusal = claimRefusal(offer, ctx.clock.now())
  if (refusal !== undefined) throw refusal
  const template = JSON.parse(offer.template) as Record<string, unknown>
  const unsigned = options.holder === undefined ? template : bindHolder(template, options.holder)
  const [record] = await signCredentials(ctx, [unsigned], offer.achievementId === undefined ? {} : { achievementId: offer.achievementId })
  const claimed = await ctx.store.claimOffer(offer.id, record!, { holder: options.holder })
  return { offer: claimed, credential: { id: record!.id, json: record!.json } }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** A DID (`did:<method>:<id>`): the only holder identifier a claim accepts. */
export function isDid(value: string): boolean {
  return /^did:[a-z0-9]+:[A-Za-z0-9._:%-]+(?:[#/?].*)?$/.test(value) && value.length <= 2048
}

function bindHolder(template: Record<string, unknown>, holder: string): Record<string, unknown> {
  if (!isDid(holder)) throw new MicrocredError('ERR_INPUT_INVALID', 'holder must be a DID (did:method:identifier), e.g. the DID of your wallet')
  const subject = firstSubject(template)
  if (subject === undefined) throw new MicrocredError('ERR_CREDENTIAL_MALFORMED', 'the offered credential has no credentialSubject')
  if (typeof subject['id'] === 'string' && subject['id'] !== holder) {
    throw new MicrocredError('ERR_INPUT_INVALID', 'this offer is already made out to another subject id; claim it without a holder')
  }
  return { ...template, credentialSubject: { ...subject, id: holder } }
}

async function withEmailIdentity(unsigned: Record<string, unknown>, email: string, salt: string | undefined): Promise<Record<string, unknown>> {
  const subject = firstSubject(unsigned)
  if (subject === undefined) throw new MicrocredError('ERR_CREDENTIAL_MALFORMED', 'the credential has no credentialSubject')
  if (subject['identifier'] !== undefined) return unsigned // the issuer wrote the identity already
  const identity = await emailIdentityObject(email, salt)
  return { ...unsigned, credentialSubject: { ...subject, identifier: [identity] } }
}

function firstSubject(credential: Record<string, unknown>): Record<string, unknown> | undefined {
  const raw = credential['credentialSubject']
  const subject = Array.isArray(raw) ? raw[0] : raw
  return isPlainObject(subject) ? subject : undefined
}
