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
 * const { token, record } = await createApiKey(store, { name: 'registrar', scopes: ['issue', 'revoke'] })
 * const key = await authenticateApiKey(store, token)   // ApiKeyRecord, or undefined
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { MicrocredError } from '../core/index.js'
import { API_KEY_SCOPES, type ApiKeyRecord, type ApiKeyScope, type Store } from '../storage/store.js'

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

export async function createApiKey(store: Store, input: { name?: string | undefined; scopes: ApiKeyScope[] }): Promise<{ token: string; record: ApiKeyRecord }> {
  const id = randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 12).padEnd(12, '0')
  const token = `mck_${id}_${randomBytes(32).toString('base64url')}`
  const record = await store.createApiKey({ id, name: input.name ?? '', hash: hashApiKeyToken(token), scopes: input.scopes })
  return { token, record }
}

/** The key a token belongs to, if it is well formed, known and not revoked. */
export async function authenticateApiKey(store: Store, token: string): Promise<ApiKeyRecord | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined
  const hash = hashApiKeyToken(token)
  const record = await store.findApiKeyByHash(hash)
  if (record === undefined || record.revokedAt !== undefined) return undefined
  const a = Buffer.from(hash, 'hex')
  const b = Buffer.from(record.hash, 'hex')
  return a.length === b.length && timingSafeEqual(a, b) ? record : undefined
}

export function hasScope(record: Pick<ApiKeyRecord, 'scopes'>, scope: ApiKeyScope): boolean {
  return record.scopes.includes(scope) || record.scopes.includes('admin')
}
