/**
 * @module storage/store-rules
 * The decisions every adapter makes the same way, in one place so they cannot drift: input
 * checks, pagination, status-list naming and the status-change state machine.
 */
import { MicrocredError } from '../core/errors.js'
import { DEFAULT_IDEMPOTENCY_TTL_MS, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_STATUS_REASON_LENGTH, MIN_IDEMPOTENCY_TTL_MS } from '../limits.js'
import {
  API_KEY_SCOPES,
  MAX_BATCH,
  MIN_STATUS_LIST_SIZE,
  STATUS_PURPOSES,
  type NewApiKey,
  type NewAuditEntry,
  type NewCredential,
  type Page,
  type StatusAction,
  type StatusPurpose,
  type StoreOptions,
} from './store.js'

// Idempotency records are kept DEFAULT_IDEMPOTENCY_TTL_MS (24 h) unless the store is told otherwise.
export { DEFAULT_IDEMPOTENCY_TTL_MS, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_STATUS_REASON_LENGTH } from '../limits.js'

export function statusListSizeOf(options: StoreOptions): number {
  const size = options.statusListSize ?? MIN_STATUS_LIST_SIZE
  if (!Number.isSafeInteger(size) || size < MIN_STATUS_LIST_SIZE || size % 8 !== 0) {
    throw new MicrocredError('ERR_CONFIG_INVALID', `statusListSize must be an integer ≥ ${MIN_STATUS_LIST_SIZE} and a multiple of 8 (got ${size})`)
  }
  return size
}

export function idempotencyTtlOf(options: StoreOptions): number {
  const ttl = options.idempotencyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS
  if (!Number.isSafeInteger(ttl) || ttl < MIN_IDEMPOTENCY_TTL_MS) throw new MicrocredError('ERR_CONFIG_INVALID', `idempotencyTtlMs must be an integer ≥ ${MIN_IDEMPOTENCY_TTL_MS} (got ${ttl})`)
  return ttl
}

/** Records created at or before this instant have expired. */
export const idempotencyCutoff = (now: Date, ttlMs: number): Date => new Date(now.getTime() - ttlMs)

/** The id of the `seq`-th list for a purpose: `revocation-1`, `suspension-3`, … */
export const statusListId = (purpose: StatusPurpose, seq: number): string => `${purpose}-${seq}`

export function checkAllocation(count: number, purposes: readonly StatusPurpose[]): void {
  if (!Number.isSafeInteger(count) || count < 0) throw new MicrocredError('ERR_INPUT_INVALID', `count must be a non-negative integer (got ${count})`)
  if (count > MAX_BATCH) throw new MicrocredError('ERR_BATCH_TOO_LARGE', `at most ${MAX_BATCH} positions per call (got ${count})`)
  if (purposes.length === 0) throw new MicrocredError('ERR_INPUT_INVALID', 'at least one status purpose is needed')
  if (new Set(purposes).size !== purposes.length) throw new MicrocredError('ERR_INPUT_INVALID', 'status purposes must not repeat')
  for (const p of purposes) {
    if (!(STATUS_PURPOSES as readonly string[]).includes(p)) throw new MicrocredError('ERR_INPUT_INVALID', `unknown status purpose ${JSON.stringify(p)}`)
  }
}

export function checkBatch(credentials: readonly NewCredential[]): void {
  if (!Array.isArray(credentials)) throw new MicrocredError('ERR_INPUT_INVALID', 'credentials must be an array')
  if (credentials.length > MAX_BATCH) throw new MicrocredError('ERR_BATCH_TOO_LARGE', `at most ${MAX_BATCH} credentials per batch (got ${credentials.length})`)
  for (const c of credentials) {
    if (typeof c?.id !== 'string' || c.id === '' || typeof c.issuerId !== 'string' || typeof c.recipient !== 'string' || typeof c.json !== 'string') {
      throw new MicrocredError('ERR_INPUT_INVALID', 'each credential needs string id, issuerId, recipient and json')
    }
    if (!Array.isArray(c.status)) throw new MicrocredError('ERR_INPUT_INVALID', `credential ${c.id}: status must be an array`)
    for (const p of c.status) {
      if (typeof p?.listId !== 'string' || !Number.isSafeInteger(p.index) || p.index < 0 || !(STATUS_PURPOSES as readonly string[]).includes(p.purpose)) {
        throw new MicrocredError('ERR_INPUT_INVALID', `credential ${c.id}: malformed status position`)
      }
    }
  }
}

/** Conflict for positions that do not fit their list (unknown list, wrong purpose, out of range). */
export function checkPositionsAgainstLists(
  credentials: readonly NewCredential[],
  lists: ReadonlyMap<string, { purpose: string; size: number }>,
): void {
  for (const c of credentials) {
    for (const p of c.status) {
      const list = lists.get(p.listId)
      if (list === undefined) throw new MicrocredError('ERR_STORE_CONFLICT', `credential ${c.id}: no status list ${p.listId}`, { details: { listId: p.listId } })
      if (list.purpose !== p.purpose || p.index >= list.size) {
        throw new MicrocredError('ERR_STORE_CONFLICT', `credential ${c.id}: position ${p.index} does not belong to the ${list.purpose} list ${p.listId}`, {
          details: { listId: p.listId, index: p.index },
        })
      }
    }
  }
}

export function idempotencyConflict(key: string): MicrocredError {
  return new MicrocredError('ERR_IDEMPOTENCY_KEY_REUSED', undefined, { details: { idempotencyKey: key } })
}

export function duplicateCredential(detail: string): MicrocredError {
  return new MicrocredError('ERR_STORE_CONFLICT', `a credential id or status position is already stored (${detail})`)
}

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new MicrocredError('ERR_INPUT_INVALID', `limit must be between 1 and ${MAX_PAGE_SIZE} (got ${limit})`)
  }
  return limit
}

/**
 * A page from the `limit + 1` rows a list query fetched: the first `limit`, loaded, and the
 * cursor of the next page when the extra row shows there is one.
 */
export async function pageOf<R, T>(
  rows: readonly R[],
  limit: number,
  seqOf: (row: R) => unknown,
  load: (rows: R[]) => T[] | Promise<T[]>,
): Promise<Page<T>> {
  const items = rows.slice(0, limit)
  const page: Page<T> = { items: await load(items) }
  if (rows.length > limit) page.nextCursor = String(seqOf(items[items.length - 1]!))
  return page
}

/** Cursors are the last item's sequence number; `0` when absent. */
export function cursorAfter(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0
  if (!/^[1-9][0-9]{0,15}$/.test(cursor)) throw new MicrocredError('ERR_INPUT_INVALID', 'the page cursor is not valid')
  return Number(cursor)
}

export function checkApiKey(input: NewApiKey): void {
  if (typeof input?.id !== 'string' || input.id === '' || typeof input.name !== 'string') throw new MicrocredError('ERR_INPUT_INVALID', 'an API key needs an id and a name')
  if (typeof input.hash !== 'string' || !/^[0-9a-f]{64}$/.test(input.hash)) throw new MicrocredError('ERR_INPUT_INVALID', 'an API key hash is SHA-256 in lower-case hex')
  if (!Array.isArray(input.scopes) || input.scopes.length === 0) throw new MicrocredError('ERR_INPUT_INVALID', 'an API key needs at least one scope')
  for (const s of input.scopes) {
    if (!(API_KEY_SCOPES as readonly string[]).includes(s)) throw new MicrocredError('ERR_INPUT_INVALID', `unknown API key scope ${JSON.stringify(s)}`)
  }
  if (input.expiresAt !== undefined && !(input.expiresAt instanceof Date && Number.isFinite(input.expiresAt.getTime()))) {
    throw new MicrocredError('ERR_INPUT_INVALID', 'an API key expiry must be a valid Date')
  }
}

/** Scopes in canonical order, without repeats (how every adapter stores them). */
export const normalizeScopes = <T extends string>(scopes: readonly T[]): T[] =>
  (API_KEY_SCOPES as readonly string[]).filter((s) => scopes.includes(s as T)) as T[]

export interface StatusState {
  revoked: boolean
  suspended: boolean
  purposes: readonly StatusPurpose[]
}

export type StatusPlan =
  | { changed: false }
  | { changed: true; purpose: StatusPurpose; bit: boolean; revoked: boolean; suspended: boolean }

/**
 * The status state machine: revocation is final; suspension toggles. Repeating an action
 * is a no-op. Throws ERR_STATUS_IRREVERSIBLE / ERR_STATUS_NOT_TRACKED / ERR_INPUT_INVALID.
 */
export function planStatusChange(state: StatusState, action: StatusAction, credentialId: string): StatusPlan {
  const needs = (purpose: StatusPurpose): void => {
    if (!state.purposes.includes(purpose)) {
      throw new MicrocredError('ERR_STATUS_NOT_TRACKED', `credential ${credentialId} has no ${purpose} status entry`, { details: { credentialId, purpose } })
    }
  }
  switch (action) {
    case 'revoke':
      needs('revocation')
      return state.revoked ? { changed: false } : { changed: true, purpose: 'revocation', bit: true, revoked: true, suspended: state.suspended }
    case 'suspend':
    case 'unsuspend': {
      if (state.revoked) throw new MicrocredError('ERR_STATUS_IRREVERSIBLE', `credential ${credentialId} is revoked; its status can no longer change`, { details: { credentialId } })
      needs('suspension')
      const target = action === 'suspend'
      return state.suspended === target ? { changed: false } : { changed: true, purpose: 'suspension', bit: target, revoked: false, suspended: target }
    }
    default:
      throw new MicrocredError('ERR_INPUT_INVALID', `unknown status action ${JSON.stringify(action)}`)
  }
}

export function checkNonEmpty(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string' || value === '') throw new MicrocredError('ERR_INPUT_INVALID', `${what} must be a non-empty string`)
}

/** A reason as stored: trimmed, undefined when empty; longer than the maximum is refused. */
export function checkStatusReason(reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined
  if (typeof reason !== 'string') throw new MicrocredError('ERR_INPUT_INVALID', 'the reason must be a string')
  const trimmed = reason.trim()
  if (trimmed.length > MAX_STATUS_REASON_LENGTH) throw new MicrocredError('ERR_INPUT_INVALID', `the reason is longer than ${MAX_STATUS_REASON_LENGTH} characters`)
  return trimmed === '' ? undefined : trimmed
}

/**
 * The conflicts every adapter reports the same way: a unique key already taken (the SQL
 * adapters learn it from a constraint error, the memory store from its maps).
 */
export const conflict = {
  achievement: (id: string): MicrocredError => new MicrocredError('ERR_STORE_CONFLICT', `achievement ${id} already exists`, { details: { id } }),
  pathway: (id: string): MicrocredError => new MicrocredError('ERR_STORE_CONFLICT', `pathway ${id} already exists`, { details: { id } }),
  offer: (): MicrocredError => new MicrocredError('ERR_STORE_CONFLICT', 'an offer with this id or token already exists'),
  apiKey: (): MicrocredError => new MicrocredError('ERR_STORE_CONFLICT', 'an API key with this id or hash already exists'),
  issuerKey: (id: string): MicrocredError => new MicrocredError('ERR_STORE_CONFLICT', `issuer key ${id} already exists`, { details: { id } }),
}

/** Cursor of a newest-first page: the last item's sequence number; no bound when absent. */
export function cursorBefore(cursor: string | undefined): number {
  return cursor === undefined || cursor === '' ? Number.MAX_SAFE_INTEGER : cursorAfter(cursor)
}

/** Most characters kept of an audit entry's text fields (reason, target, action). */
export const MAX_AUDIT_TEXT = 1000

/**
 * The audit_log column values of an entry after `at`, in column order (actor, actor_name,
 * action, target, reason, details as JSON text): one shape for both SQL adapters.
 */
export function auditRowValues(entry: NewAuditEntry): [string, string | null, string, string | null, string | null, string | null] {
  return [entry.actor, entry.actorName ?? null, entry.action, entry.target ?? null, entry.reason ?? null, entry.details === undefined ? null : JSON.stringify(entry.details)]
}

export function checkAuditEntry(entry: NewAuditEntry): void {
  if (typeof entry?.actor !== 'string' || entry.actor === '' || typeof entry.action !== 'string' || entry.action === '') {
    throw new MicrocredError('ERR_INPUT_INVALID', 'an audit entry needs an actor and an action')
  }
  for (const [name, value] of [['reason', entry.reason], ['target', entry.target], ['action', entry.action], ['actorName', entry.actorName]] as const) {
    if (value !== undefined && (typeof value !== 'string' || value.length > MAX_AUDIT_TEXT)) {
      throw new MicrocredError('ERR_INPUT_INVALID', `audit ${name} must be text of at most ${MAX_AUDIT_TEXT} characters`)
    }
  }
}
