/**
 * @module issuance/pathways
 * Stacking pathways in the service: a pathway document is validated (`parsePathway`) and
 * stored once; credentials (or a presentation) are evaluated against it with what this
 * service knows (its own status lists and did:web document, as in verification.ts); when they
 * satisfy it, the award is built as a CLR 2.0 ClrCredential (`buildClrAward`) and issued like
 * any other credential (`issueCredentials`: status entries, signing, storage), so it can be
 * fetched, listed and revoked like the others.
 *
 * @example
 * const record = await definePathway(ctx, pathwayDocument)
 * const evaluation = await evaluateStoredPathway(ctx, lists, record.id, { credentials: [a, b, c] })
 * const { outcome } = await awardPathway(ctx, lists, record.id, { credentials: [a, b, c] })
 */
import {
  asArray,
  awardAchievement,
  buildClrAward,
  evaluatePathway,
  MicrocredError,
  parsePathway,
  parseTrustList,
  type Pathway,
  type PathwayResult,
} from '../core/index.js'
import type { IdempotencyInput, PathwayRecord } from '../storage/store.js'
import { newCredentialUrl, type IssuanceContext } from './context.js'
import { issueCredentials, type IssueOutcome } from './issue.js'
import type { StatusListPublisher } from './status-lists.js'
import { localVerifyOptions } from './verification.js'

/** The body of POST /pathways/:id/evaluate and /award. */
export interface PathwayEvaluationRequest {
  /** The component credentials; or `presentation`, never both. */
  credentials?: unknown[]
  /** A verifiable presentation carrying the components (its holder is the learner when its proof verifies). */
  presentation?: Record<string, unknown>
  /** The learner: a subject id, and/or an email address proving hashed identities. */
  learner?: { id?: string; email?: string }
  /** A trust-list document (schemas/trust-list.schema.json): QA bodies and accepted issuers. */
  trustList?: unknown
  /** Endorsements supplied beside the credentials (QA evidence). */
  endorsements?: unknown[]
}

/** Validates and stores a pathway document; an absent `id` becomes `${base}/pathways/<uuid>`. */
export async function definePathway(ctx: IssuanceContext, document: Record<string, unknown>): Promise<PathwayRecord> {
  const withId = document['id'] === undefined ? { ...document, id: `${ctx.baseUrl()}/pathways/${crypto.randomUUID()}` } : document
  const pathway = parsePathway(withId)
  return ctx.store.createPathway({ id: pathway.id, pathway: pathway as unknown as Record<string, unknown> })
}

export async function getPathway(ctx: IssuanceContext, id: string): Promise<PathwayRecord> {
  const record = await ctx.store.getPathway(id)
  if (record === undefined) throw new MicrocredError('ERR_PATHWAY_NOT_FOUND', `no pathway ${id} is defined here`, { details: { id } })
  return record
}

/** Evaluates the request against a stored pathway. The credentials evaluated come back too (the award embeds them). */
async function evaluate(
  ctx: IssuanceContext,
  lists: StatusListPublisher,
  pathwayId: string,
  request: PathwayEvaluationRequest,
): Promise<{ pathway: Pathway; evaluation: PathwayResult; credentials: unknown[] }> {
  const hasCredentials = request.credentials !== undefined
  const hasPresentation = request.presentation !== undefined
  if (hasCredentials === hasPresentation) {
    throw new MicrocredError('ERR_INPUT_INVALID', 'send the components either as "credentials" (a list) or as a "presentation", not both and not neither')
  }
  // Input problems are reported before the pathway lookup does any work.
  const trustList = request.trustList === undefined ? undefined : parseTrustList(request.trustList, 'trustList')
  const record = await getPathway(ctx, pathwayId)
  const pathway = record.pathway as unknown as Pathway
  const input = hasPresentation ? request.presentation! : request.credentials!
  const credentials = hasPresentation ? asArray(request.presentation!['verifiableCredential'] as unknown) : request.credentials!
  const learner = request.learner
  const evaluation = await evaluatePathway(pathway, input, {
    verify: await localVerifyOptions(ctx, lists),
    ...(trustList === undefined ? {} : { trustList }),
    ...(request.endorsements === undefined ? {} : { endorsements: request.endorsements }),
    ...(learner === undefined
      ? {}
      : { learner: { ...(learner.id === undefined ? {} : { id: learner.id }), ...(learner.email === undefined ? {} : { email: learner.email }) } }),
  })
  return { pathway, evaluation, credentials }
}

/** POST /pathways/:id/evaluate: the PathwayResult (satisfied or not; never an error for bad components). */
export async function evaluateStoredPathway(ctx: IssuanceContext, lists: StatusListPublisher, pathwayId: string, request: PathwayEvaluationRequest): Promise<PathwayResult> {
  return (await evaluate(ctx, lists, pathwayId, request)).evaluation
}

export interface AwardOutcome {
  /** The signed ClrCredential, issued and stored like any credential of this service. */
  outcome: IssueOutcome
  evaluation: PathwayResult
}

/**
 * Evaluates, and when satisfied signs the CLR 2.0 award with the service issuer. Not
 * satisfied → ERR_PATHWAY_NOT_SATISFIED (422) with the evaluation in `details`.
 */
export async function awardPathway(
  ctx: IssuanceContext,
  lists: StatusListPublisher,
  pathwayId: string,
  request: PathwayEvaluationRequest,
  options: { idempotency?: IdempotencyInput } = {},
): Promise<AwardOutcome> {
  const { pathway, evaluation, credentials } = await evaluate(ctx, lists, pathwayId, request)
  if (!evaluation.satisfied) {
    throw new MicrocredError(
      'ERR_PATHWAY_NOT_SATISFIED',
      `the credentials do not satisfy ${pathway.name}: ${evaluation.missing.map((m) => m.detail).join('; ') || 'see details.evaluation.rules'}`,
      { details: { missing: evaluation.missing, evaluation } },
    )
  }
  const issuer = ctx.issuer.current
  const unsigned = await buildClrAward({
    pathway,
    result: evaluation,
    credentials,
    issuer: { id: issuer.id, ...issuer.profile },
    id: newCredentialUrl(ctx),
    now: ctx.clock.now(),
    ...(request.learner?.email === undefined ? {} : { learnerEmail: request.learner.email }),
  })
  const outcome = await issueCredentials(ctx, [unsigned], {
    achievementId: awardAchievement(pathway)['id'] as string,
    ...(options.idempotency === undefined ? {} : { idempotency: options.idempotency }),
  })
  return { outcome, evaluation }
}
