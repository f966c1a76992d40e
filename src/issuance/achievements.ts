/**
 * @module issuance/achievements
 * Micro-credentials defined once and issued many times: a `MicroCredentialDefinition` is
 * validated and turned into its OB 3.0 Achievement (`toAchievement`) when it is defined, and
 * each issue builds one credential per recipient (`buildAchievementCredential`) and goes
 * through `issueCredentials` (status entries, signing, all-or-nothing storage).
 *
 * @example
 * const record = await defineAchievement(ctx, definition)
 * const { credentials } = await issueAchievement(ctx, record.id, { recipients: [{ email: 'ana@example.org' }] })
 */
import {
  buildAchievementCredential,
  MicrocredError,
  toAchievement,
  type Achievement,
  type MicroCredentialDefinition,
  type Recipient,
  type Result,
} from '../core/index.js'
import type { AchievementRecord } from '../storage/store.js'
import { recordAudit } from './audit.js'
import { newCredentialUrl, type IssuanceContext } from './context.js'
import { issueCredentials, type IssueCredentialsOptions, type IssueOutcome } from './issue.js'
import { createOffers, type CreatedOffer, type OfferRequest } from './offers.js'

/** Stores a definition; an absent `id` becomes `${base}/achievements/<uuid>`. */
export async function defineAchievement(ctx: IssuanceContext, input: Record<string, unknown>): Promise<AchievementRecord> {
  const definition = { ...input, id: input['id'] ?? `${ctx.baseUrl()}/achievements/${crypto.randomUUID()}` } as unknown as MicroCredentialDefinition
  const achievement = toAchievement(definition)
  const record = await ctx.store.createAchievement({
    id: definition.id,
    definition: definition as unknown as Record<string, unknown>,
    achievement: achievement as unknown as Record<string, unknown>,
  })
  await recordAudit(ctx, { action: 'achievement.create', target: record.id })
  return record
}

/**
 * Replaces a stored definition (validated and built as when defined). Credentials already
 * issued keep the Achievement they were signed with; new ones get the new one.
 */
export async function redefineAchievement(ctx: IssuanceContext, id: string, input: Record<string, unknown>): Promise<AchievementRecord> {
  if (input['id'] !== undefined && input['id'] !== id) throw new MicrocredError('ERR_INPUT_INVALID', 'the definition id differs from the achievement being edited')
  await getAchievement(ctx, id)
  const definition = { ...input, id } as unknown as MicroCredentialDefinition
  const achievement = toAchievement(definition)
  const record = await ctx.store.updateAchievement({
    id,
    definition: definition as unknown as Record<string, unknown>,
    achievement: achievement as unknown as Record<string, unknown>,
  })
  await recordAudit(ctx, { action: 'achievement.update', target: id })
  return record
}

export async function getAchievement(ctx: IssuanceContext, id: string): Promise<AchievementRecord> {
  const record = await ctx.store.getAchievement(id)
  if (record === undefined) throw new MicrocredError('ERR_ACHIEVEMENT_NOT_FOUND', `no achievement ${id} is defined here`, { details: { id } })
  return record
}

export interface AchievementIssueRequest {
  recipients: Recipient[]
  validFrom?: string
  validUntil?: string
  /** Credential display name; the achievement's name by default. */
  name?: string
  /** Results (grades), the same for every recipient of this request. */
  result?: Result[]
  /** Add 1EdTech's credentialSchema (and the extensions context it needs). */
  withCredentialSchema?: boolean
  /** Make offers (signed at claim time) instead of issuing now. */
  offer?: OfferRequest
}

/** The unsigned credential for each recipient, in order (recipient errors name their index). */
async function buildForRecipients(ctx: IssuanceContext, record: AchievementRecord, request: AchievementIssueRequest): Promise<Record<string, unknown>[]> {
  const issuer = ctx.issuer.current
  const now = ctx.clock.now()
  const unsigned: Record<string, unknown>[] = []
  for (const [index, recipient] of request.recipients.entries()) {
    try {
      unsigned.push(
        await buildAchievementCredential(
          {
            achievement: record.achievement as unknown as Achievement,
            recipient,
            issuer: { id: issuer.id, ...issuer.profile },
            id: newCredentialUrl(ctx),
            ...(request.validFrom === undefined ? {} : { validFrom: request.validFrom }),
            ...(request.validUntil === undefined ? {} : { validUntil: request.validUntil }),
            ...(request.name === undefined ? {} : { name: request.name }),
            ...(request.result === undefined ? {} : { result: request.result }),
            ...(request.withCredentialSchema === true ? { withCredentialSchema: true } : {}),
          },
          now,
        ),
      )
    } catch (e) {
      if (e instanceof MicrocredError) throw new MicrocredError(e.code, `recipients[${index}]: ${e.message}`, { cause: e, details: { ...e.details, index } })
      throw e
    }
  }
  return unsigned
}

export async function issueAchievement(
  ctx: IssuanceContext,
  achievementId: string,
  request: AchievementIssueRequest,
  options: Omit<IssueCredentialsOptions, 'achievementId'> = {},
): Promise<IssueOutcome> {
  const record = await getAchievement(ctx, achievementId)
  const unsigned = await buildForRecipients(ctx, record, request)
  return issueCredentials(ctx, unsigned, { ...options, achievementId: record.id })
}

/**
 * One offer per recipient. The credential is built now (a recipient given by email gets the
 * salted-hash IdentityObject, as when issuing) and signed at claim time; the address is kept
 * with the offer to send the link.
 */
export async function offerAchievement(
  ctx: IssuanceContext,
  achievementId: string,
  request: AchievementIssueRequest,
  options: { deliver: boolean; maxBatch?: number },
): Promise<CreatedOffer[]> {
  const record = await getAchievement(ctx, achievementId)
  const unsigned = await buildForRecipients(ctx, record, request)
  const items = unsigned.map((u, i) => {
    const recipient = request.recipients[i]!
    return { unsigned: u, email: 'email' in recipient ? recipient.email : undefined, achievementId: record.id }
  })
  return createOffers(ctx, items, { ...options, ...(request.offer?.expiresInDays === undefined ? {} : { expiresInDays: request.offer.expiresInDays }) })
}

