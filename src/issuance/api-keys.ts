/**
 * @module issuance/api-keys
 * API keys for the service: a high-entropy random token shown once at creation; the store
 * keeps only its SHA-256 hash. A request's token is hashed and looked up, and the hashes are
 * compared in constant time. Scopes: issue, revoke, read, admin (admin implies the others).
 *
 * Token format: `mck_<id>_<43 base64url chars>` (256 random bits); the id part lets an
 * operator recognise a key in `microcred apikey list` without the secret.
 *
 * @example
 * const { token, record } = await createApiKey(store, { name: 'registrar', scopes: ['issue', 'revoke'], expiresAt })
 * const auth = await authenticateApiKey(store, token, clock.now())   // { ok: true, key } or { ok: false, reason }
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { MicrocredError } from '../core/index.js'
import { API_KEY_SCOPES, type ApiKeyRecord, type ApiKeyScope, type Store } from '../storage/store.js'
import { recordAudit, type AuditActor } from './audit.js'

const TOKEN_PATTERN = /^mck_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/

export function hashApiKeyToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

export function parseScopes(text: string): ApiKeyScope[] {
  const scopes = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  const unknown = scopes.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s))
  if (scopes.length === 0 || unknown.length > 0) {
    throw new MicrocredError('ERR_USAGE', `scopes must be a comma-separated list of ${API_KEY_SCOPES.join(', ')}${unknown.length > 0 ? ` (unknown: ${unknown.join(', ')})` : ''}`)
  }
  return [...new Set(scopes)] as ApiKeyScope[]
}

/**
 * When a key created at `now` with `--expires TEXT` stops working: a duration (`90m`, `12h`,
 * `30d`, `8w`) from now, or an ISO 8601 date or date-time (`2027-01-31` means the start of
 * that day, UTC). Past instants are refused: such a key could never be used.
 */
export function parseApiKeyExpiry(text: string, now: Date): Date {
  const t = text.trim()
  const duration = /^(\d{1,6})([mhdw])$/.exec(t)
  let at: Date
  if (duration !== null) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }[duration[2] as 'm' | 'h' | 'd' | 'w']
    at = new Date(now.getTime() + Number(duration[1]) * unit)
  } else if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(t)) {
    at = new Date(t.length === 10 ? `${t}T00:00:00Z` : t)
  } else {
    throw new MicrocredError('ERR_USAGE', `--expires ${JSON.stringify(text)}: give a duration (30d, 12h, 90m, 8w) or a date (2027-01-31 or 2027-01-31T12:00:00Z)`)
  }
  if (!Number.isFinite(at.getTime())) throw new MicrocredError('ERR_USAGE', `--expires ${JSON.stringify(text)} is not a valid date`)
  if (at.getTime() <= now.getTime()) throw new MicrocredError('ERR_USAGE', `--expires ${JSON.stringify(text)} is not in the future`)
  return at
}

export async function createApiKey(
  store: Store,
  input: { name?: string | undefined; scopes: ApiKeyScope[]; expiresAt?: Date | undefined },
  actor?: AuditActor,
): Promise<{ token: string; record: ApiKeyRecord }> {
  const id = randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 12).padEnd(12, '0')
  const token = `mck_${id}_${randomBytes(32).toString('base64url')}`
  const record = await store.createApiKey({ id, name: input.name ?? '', hash: hashApiKeyToken(token), scopes: input.scopes, expiresAt: input.expiresAt })
  await recordAudit({ store, actor }, { action: 'apikey.create', target: id, details: { name: record.name, scopes: record.scopes } })
  return { token, record }
}

let revocations = 0
/**
 * How many revocations this process has started and finished: the service's key cache
 * (http/api-key-cache.ts) does not use a key it read before the latest change of this count.
 */
export function apiKeyRevocations(): number {
  return revocations
}

/** Revokes a key (its console sessions end with it: they look the key up on every request). */
export async function revokeApiKey(store: Store, id: string, actor?: AuditActor): Promise<ApiKeyRecord> {
  const before = (await store.listApiKeys()).find((k) => k.id === id)
  revocations++
  let record: ApiKeyRecord
  try {
    record = await store.revokeApiKey(id)
  } finally {
    // Again once committed: a read that ran while the revocation did is stale too.
    revocations++
  }
  if (before !== undefined && before.revokedAt === undefined) await recordAudit({ store, actor }, { action: 'apikey.revoke', target: id })
  return record
}

/** The outcome of presenting a token: the key, or why it does not authenticate. */
export type ApiKeyAuthentication = { ok: true; key: ApiKeyRecord } | { ok: false; reason: 'invalid' | 'revoked' | 'expired' }

/** Whether a token authenticates at `now`: well formed, known, not revoked and not expired. */
export async function authenticateApiKey(store: Pick<Store, 'findApiKeyByHash'>, token: string, now: Date): Promise<ApiKeyAuthentication> {
  if (!TOKEN_PATTERN.test(token)) return { ok: false, reason: 'invalid' }
  const hash = hashApiKeyToken(token)
  const record = await store.findApiKeyByHash(hash)
  if (record === undefined) return { ok: false, reason: 'invalid' }
  const a = Buffer.from(hash, 'hex')
  const b = Buffer.from(record.hash, 'hex')
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, reason: 'invalid' }
  return usableApiKey(record, now)
}

/** Whether a known key may act at `now` (not revoked, not expired); console sessions re-check it on every request. */
export function usableApiKey(record: ApiKeyRecord | undefined, now: Date): ApiKeyAuthentication {
  if (record === undefined) return { ok: false, reason: 'invalid' }
  if (record.revokedAt !== undefined) return { ok: false, reason: 'revoked' }
  if (record.expiresAt !== undefined && record.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' }
  return { ok: true, key: record }
}

export function hasScope(record: Pick<ApiKeyRecord, 'scopes'>, scope: ApiKeyScope): boolean {
  return record.scopes.includes(scope) || record.scopes.includes('admin')
}
