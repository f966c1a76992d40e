/**
 * @module issuance/search-credentials
 * Staff search over issued credentials: by learner email, achievement and issue date.
 *
 * Emails are never stored: a credential names its learner by a salted hash
 * (`sha256$…` of email + salt, OB 3.0 IdentityObject), with a fresh salt per credential so
 * that two credentials of one learner cannot be linked by their hashes. So an email cannot
 * be looked up in an index; it is hashed with each candidate credential's own stored salt
 * and compared. The store narrows the candidates first (achievement; the date range is
 * applied as pages are read), and the scan stops after `scanLimit` credentials, saying so
 * (`complete: false`), so one search cannot tie up the service.
 */
import { matchesEmail, MicrocredError, type IdentityObject } from '../core/index.js'
import type { StoredCredential } from '../storage/store.js'
import type { IssuanceContext } from './context.js'

export interface CredentialSearch {
  email?: string | undefined
  achievementId?: string | undefined
  /** Issued at or after. */
  from?: Date | undefined
  /** Issued before. */
  to?: Date | undefined
  /** Most matches returned (1..1000, default 100). */
  limit?: number | undefined
  /** Most credentials examined (default 100 000). */
  scanLimit?: number | undefined
}

export interface CredentialSearchResult {
  items: StoredCredential[]
  /** How many credentials were examined. */
  scanned: number
  /** False when the scan stopped at `scanLimit` or `limit` before the end. */
  complete: boolean
}

export const DEFAULT_SCAN_LIMIT = 100_000

export async function searchCredentials(ctx: IssuanceContext, search: CredentialSearch): Promise<CredentialSearchResult> {
  const limit = search.limit ?? 100
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) throw new MicrocredError('ERR_INPUT_INVALID', 'limit must be between 1 and 1000')
  const email = search.email?.trim().toLowerCase()
  if (email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(email)) throw new MicrocredError('ERR_INPUT_INVALID', 'email is not an email address')
  const scanLimit = search.scanLimit ?? DEFAULT_SCAN_LIMIT
  const items: StoredCredential[] = []
  let scanned = 0
  let cursor: string | undefined
  do {
    const page = await ctx.store.listCredentials({ achievementId: search.achievementId, limit: 1000, cursor })
    for (const c of page.items) {
      scanned++
      if (search.from !== undefined && c.createdAt.getTime() < search.from.getTime()) continue
      if (search.to !== undefined && c.createdAt.getTime() >= search.to.getTime()) continue
      if (email !== undefined && !(await isFor(c, email))) continue
      items.push(c)
      if (items.length >= limit) return { items, scanned, complete: page.nextCursor === undefined && c === page.items[page.items.length - 1] }
      if (scanned >= scanLimit) break
    }
    cursor = page.nextCursor
  } while (cursor !== undefined && scanned < scanLimit)
  return { items, scanned, complete: cursor === undefined }
}

/** Whether a credential's hashed email identity is `email` (hashed with that credential's salt). */
async function isFor(c: StoredCredential, email: string): Promise<boolean> {
  if (!c.recipient.startsWith('sha256$')) return false
  const doc = JSON.parse(c.json) as { credentialSubject?: { identifier?: unknown } | { identifier?: unknown }[] }
  const subjects = Array.isArray(doc.credentialSubject) ? doc.credentialSubject : [doc.credentialSubject]
  for (const subject of subjects) {
    const ids = subject?.identifier
    for (const identity of Array.isArray(ids) ? ids : ids === undefined ? [] : [ids]) {
      if (typeof identity === 'object' && identity !== null && (await matchesEmail(identity as IdentityObject, email))) return true
    }
  }
  return false
}

/** What the console shows of a credential: no signed document, no recipient hash. */
export function credentialListing(c: StoredCredential): Record<string, unknown> {
  const doc = JSON.parse(c.json) as { name?: unknown; validFrom?: unknown }
  return {
    id: c.id,
    ...(c.achievementId === undefined ? {} : { achievementId: c.achievementId }),
    ...(typeof doc.name === 'string' ? { name: doc.name } : {}),
    createdAt: c.createdAt.toISOString(),
    revoked: c.revoked,
    suspended: c.suspended,
    statusUpdatedAt: c.statusUpdatedAt.toISOString(),
    ...(c.statusReason === undefined ? {} : { statusReason: c.statusReason }),
  }
}
