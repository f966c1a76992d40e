/**
 * @module issuance/issue
 * Issues credentials: gives each one an id and a Bitstring Status List entry for revocation
 * and for suspension (before signing: the entries are part of what is signed), signs it with
 * the active issuer, and stores the exact signed JSON text.
 *
 * One to 10 000 credentials per call, all or nothing: positions are allocated chunk by chunk
 * (each allocation commits on its own, so a failure only leaves unused positions), the signed
 * texts are collected (the parsed signed objects are dropped as soon as they are serialized),
 * and one `insertCredentials` transaction stores all of them together with the idempotency
 * record. A crash before that transaction commits stores nothing; a retry with the same
 * Idempotency-Key then issues the batch once, and a retry after it returns the stored batch.
 *
 * @example
 * const { credentials } = await issueCredentials(ctx, [unsigned])
 * reply.code(201).send(`{"verifiableCredential":${credentials[0].json}}`)
 */
import { createHash } from 'node:crypto'
import {
  buildStatusListEntry,
  credentialShapeProblems,
  ERROR_CODES,
  isMicrocredError,
  isPlainObject,
  MicrocredError,
  prepareCredential,
  type Issuer,
  type MicrocredErrorCode,
} from '../core/index.js'
import { issueCredential } from '../index.js'
import { MAX_BATCH, STATUS_PURPOSES, type IdempotencyInput, type NewCredential } from '../storage/store.js'
import type { IssuePool } from '../workers/issue-pool.js'
import { newCredentialUrl, statusListUrl, type IssuanceContext } from './context.js'
import { auditEntryOf } from './audit.js'
import { achievementIdOf, recipientOf } from './credential-fields.js'

export { achievementIdOf, recipientOf }

/** Credentials signed between two status-position allocations. */
export const ISSUE_CHUNK_SIZE = 500
/** Below this many credentials a batch is signed on the main thread: messaging costs more. */
export const POOL_THRESHOLD = 64

export interface IssuedCredential {
  id: string
  /** The signed credential exactly as signed and stored. */
  json: string
}

export interface IssueOutcome {
  credentials: IssuedCredential[]
  /** True when the Idempotency-Key was seen before: these are the credentials issued then. */
  replayed: boolean
}

export interface IssueCredentialsOptions {
  idempotency?: IdempotencyInput
  /** Most credentials accepted (the store's MAX_BATCH at most). */
  maxBatch?: number
  /** The achievement the credentials are for, when issued from a stored definition. */
  achievementId?: string
}

/** SHA-256 (hex) over what identifies a request for idempotency: method, path and body. */
export function hashRequest(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n`).update(JSON.stringify(body ?? null)).digest('hex')
}

export async function issueCredentials(ctx: IssuanceContext, unsigned: readonly unknown[], options: IssueCredentialsOptions = {}): Promise<IssueOutcome> {
  if (options.idempotency !== undefined) {
    const previous = await replay(ctx, options.idempotency)
    if (previous !== undefined) return previous
  }
  const records = await signCredentials(ctx, unsigned, options)
  // Logged in the insert's own transaction: an issue is never stored without its entry.
  const audit = auditEntryOf(ctx, {
    action: 'credentials.issue',
    target: records.length === 1 ? records[0]!.id : `${records.length} credentials`,
    details: { count: records.length, ...(records.length > 1 ? { first: records[0]!.id, last: records[records.length - 1]!.id } : {}), ...(records[0]?.achievementId === undefined ? {} : { achievementId: records[0].achievementId }) },
  })
  const inserted =
    options.idempotency === undefined
      ? await (ctx.insertGrouped === undefined ? ctx.store.insertCredentials(records, { audit: [audit] }) : ctx.insertGrouped(records, audit))
      : await ctx.store.insertCredentials(records, { idempotency: options.idempotency, audit: [audit] })
  if (inserted.replayed) {
    // Another request with the same key won the race: answer with what it stored.
    return { credentials: await loadInOrder(ctx, inserted.ids), replayed: true }
  }
  return { credentials: records.map((r) => ({ id: r.id, json: r.json })), replayed: false }
}

/**
 * Everything that can be checked without signing: the count, the shape of each credential
 * and that no given id was issued already. Offers run it when they are created, so a
 * template that could never be signed is refused then, not when the learner claims it.
 */
export async function checkIssuable(ctx: IssuanceContext, unsigned: readonly unknown[], options: Pick<IssueCredentialsOptions, 'maxBatch'> = {}): Promise<void> {
  const max = Math.min(options.maxBatch ?? MAX_BATCH, MAX_BATCH)
  if (unsigned.length === 0) throw new MicrocredError('ERR_INPUT_INVALID', 'nothing to issue: the list of credentials is empty')
  if (unsigned.length > max) {
    throw new MicrocredError('ERR_BATCH_TOO_LARGE', `${unsigned.length} credentials in one request; at most ${max} are accepted`, { details: { max } })
  }
  const issuer = ctx.issuer.current
  const now = ctx.clock.now()
  const givenIds = new Set<string>()
  unsigned.forEach((item, index) => {
    const where = unsigned.length === 1 ? '' : `credentials[${index}]: `
    const credential = checkCredentialIssuable(item, issuer, now, unsigned.length === 1 ? undefined : index)
    const id = credential['id']
    if (typeof id === 'string') {
      if (givenIds.has(id)) throw new MicrocredError('ERR_INPUT_INVALID', `${where}the id ${id} appears twice in the request`, { details: { index, id } })
      givenIds.add(id)
    }
  })
  if (givenIds.size > 0) {
    const existing = await ctx.store.getCredentials([...givenIds])
    if (existing.length > 0) {
      throw new MicrocredError('ERR_STORE_CONFLICT', `a credential with the id ${existing[0]!.id} was already issued`, { details: { id: existing[0]!.id } })
    }
  }
}

/**
 * Checks, allocates status positions for and signs credentials, without storing them: the
 * caller stores the records (`insertCredentials`, or `claimOffer` for a claimed offer).
 */
export async function signCredentials(ctx: IssuanceContext, unsigned: readonly unknown[], options: Pick<IssueCredentialsOptions, 'maxBatch' | 'achievementId'> = {}): Promise<NewCredential[]> {
  const { store } = ctx
  await checkIssuable(ctx, unsigned, options)
  const issuer = ctx.issuer.current
  const now = ctx.clock.now()
  const records: NewCredential[] = []
  for (let start = 0; start < unsigned.length; start += ISSUE_CHUNK_SIZE) {
    const chunk = unsigned.slice(start, start + ISSUE_CHUNK_SIZE)
    const purposes = ctx.statusPurposes ?? STATUS_PURPOSES
    const positions = await (ctx.allocateStatus === undefined ? store.allocateStatusPositions(chunk.length, purposes) : ctx.allocateStatus(chunk.length, purposes))
    const pool = ctx.pool !== undefined && ctx.pool.keyId === issuer.key.id && unsigned.length >= POOL_THRESHOLD ? ctx.pool : undefined
    if (pool !== undefined) {
      records.push(...(await signChunkOnPool(ctx, pool, issuer, chunk, positions, start, now, options.achievementId)))
      continue
    }
    for (const [offset, item] of chunk.entries()) {
      const index = start + offset
      const status = positions[offset]!
      records.push(await signOne(ctx, issuer, item as Record<string, unknown>, status, index, unsigned.length, options.achievementId))
    }
  }
  return records
}

async function replay(ctx: IssuanceContext, idempotency: IdempotencyInput): Promise<IssueOutcome | undefined> {
  const previous = await ctx.store.getIdempotency(idempotency.key)
  if (previous === undefined) return undefined
  if (previous.requestHash !== idempotency.requestHash) {
    throw new MicrocredError('ERR_IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used for a different request; use a new key for a new request')
  }
  return { credentials: await loadInOrder(ctx, previous.credentialIds), replayed: true }
}

async function loadInOrder(ctx: IssuanceContext, ids: readonly string[]): Promise<IssuedCredential[]> {
  const found = await ctx.store.getCredentials(ids)
  if (found.length !== ids.length) throw new Error(`idempotency record names ${ids.length} credentials but ${found.length} are stored`)
  return found.map((c) => ({ id: c.id, json: c.json }))
}

/**
 * What `issueCredentials` checks of one credential before any status position is allocated:
 * an unsigned JSON object without credentialStatus, of VC 2.0 shape once prepared. Callers
 * that must fail before opening a store (the CLI) run it first. `index`: its place in a batch.
 */
export function checkCredentialIssuable(item: unknown, issuer: Issuer, now: Date, index?: number): Record<string, unknown> {
  const where = index === undefined ? '' : `credentials[${index}]: `
  const credential = checkUnsigned(item, where, index ?? 0)
  const problems = credentialShapeProblems(prepareCredential(credential, issuer, now))
  if (problems.length > 0) {
    throw new MicrocredError('ERR_CREDENTIAL_MALFORMED', `${where}cannot sign: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, {
      details: { problems, ...(index === undefined ? {} : { index }) },
    })
  }
  return credential
}

function checkUnsigned(item: unknown, where: string, index: number): Record<string, unknown> {
  const details = { index }
  if (!isPlainObject(item)) throw new MicrocredError('ERR_CREDENTIAL_MALFORMED', `${where}a credential must be a JSON object`, { details })
  if ('proof' in item) {
    const message = 'the credential is already signed (it has a proof); send it unsigned'
    throw new MicrocredError('ERR_CREDENTIAL_MALFORMED', `${where}${message}`, { details: { ...details, problems: [{ path: '$.proof', message }] } })
  }
  if ('credentialStatus' in item) {
    const message = 'credentialStatus is assigned by the service; remove it from the request'
    throw new MicrocredError('ERR_CREDENTIAL_MALFORMED', `${where}${message}`, { details: { ...details, problems: [{ path: '$.credentialStatus', message }] } })
  }
  return item
}

/** The same as `signOne` for every credential of a chunk, signed by the worker pool. */
async function signChunkOnPool(
  ctx: IssuanceContext,
  pool: IssuePool,
  issuer: Issuer,
  chunk: readonly unknown[],
  positions: NewCredential['status'][],
  start: number,
  now: Date,
  achievementId: string | undefined,
): Promise<NewCredential[]> {
  const prepared = chunk.map((item, offset) => withIdAndStatus(ctx, item as Record<string, unknown>, positions[offset]!))
  const records: NewCredential[] = []
  let offset = 0
  for await (const outcome of pool.issueStream(prepared, now)) {
    const index = start + offset
    if (!outcome.ok) {
      const code = outcome.code in ERROR_CODES ? (outcome.code as MicrocredErrorCode) : 'ERR_INTERNAL'
      throw new MicrocredError(code, `credentials[${index}]: ${outcome.message}`, { details: { index } })
    }
    records.push(toRecord(issuer, outcome.credential as Record<string, unknown>, positions[offset]!, achievementId))
    offset++
  }
  return records
}

function withIdAndStatus(ctx: IssuanceContext, unsigned: Record<string, unknown>, status: NewCredential['status']): Record<string, unknown> {
  const credential: Record<string, unknown> = { ...unsigned }
  if (credential['id'] === undefined) credential['id'] = newCredentialUrl(ctx)
  const entries = status.map((p) => buildStatusListEntry({ statusListCredential: statusListUrl(ctx, p.listId), purpose: p.purpose, index: p.index }))
  credential['credentialStatus'] = entries.length === 1 ? entries[0] : entries
  return credential
}

function toRecord(issuer: Issuer, signed: Record<string, unknown>, status: NewCredential['status'], achievementId: string | undefined): NewCredential {
  return {
    id: signed['id'] as string,
    issuerId: issuer.id,
    recipient: recipientOf(signed),
    achievementId: achievementId ?? achievementIdOf(signed),
    json: JSON.stringify(signed),
    status,
  }
}

async function signOne(
  ctx: IssuanceContext,
  issuer: Issuer,
  unsigned: Record<string, unknown>,
  status: NewCredential['status'],
  index: number,
  total: number,
  achievementId: string | undefined,
): Promise<NewCredential> {
  const credential = withIdAndStatus(ctx, unsigned, status)
  let signed: Record<string, unknown>
  try {
    signed = await issueCredential(credential, { issuer, clock: ctx.clock, ...(ctx.documentLoader ? { documentLoader: ctx.documentLoader } : {}) })
  } catch (e) {
    if (isMicrocredError(e) && total > 1) {
      throw new MicrocredError(e.code, `credentials[${index}]: ${e.message}`, { cause: e, details: { ...e.details, index } })
    }
    throw e
  }
  return toRecord(issuer, signed, status, achievementId)
}
