/**
 * @module issuance/insert-groups
 * Group commit for the running service: small inserts without an idempotency record that
 * arrive in the same turn of the event loop are stored with one `insertCredentials` call —
 * one transaction, one commit — instead of one each. A commit was the largest single cost of
 * an HTTP issue on SQLite (writing the WAL) and a round trip on PostgreSQL
 * (docs/performance.md, HTTP).
 *
 * Each caller's audit entry is written in the same transaction as its credentials, so the
 * group's commit is the only one an issue costs (the entry used to take a commit of its own).
 *
 * Each caller still gets all-or-nothing for its own credentials: when the grouped insert
 * fails (a duplicate id, the store unavailable), nothing of it was stored, and every caller's
 * credentials are inserted again on their own, so only the caller at fault gets the error.
 * Inserts with an idempotency record (one per call in the store) are never grouped.
 *
 * @example
 * const insert = createInsertGroups(store)
 * await insert(records)   // resolves when these records are committed
 */
import type { InsertResult, NewAuditEntry, NewCredential, Store } from '../storage/store.js'

/** Calls of at most this many credentials are grouped; larger ones are a transaction's worth on their own. */
export const GROUPED_INSERT_MAX = 16
/** Most credentials stored by one grouped insert. */
export const GROUP_MAX_CREDENTIALS = 256

/** Stores `records`, and `audit` (the entry logging them) in the same transaction. */
export type GroupedInsert = (records: NewCredential[], audit?: NewAuditEntry) => Promise<InsertResult>

interface Waiting {
  records: NewCredential[]
  audit: NewAuditEntry[]
  resolve: (result: InsertResult) => void
  reject: (e: unknown) => void
}

export function createInsertGroups(store: Pick<Store, 'insertCredentials'>): GroupedInsert {
  let waiting: Waiting[] = []
  let count = 0

  const alone = (w: Waiting): void => {
    store.insertCredentials(w.records, { audit: w.audit }).then(w.resolve, w.reject)
  }

  const flush = (): void => {
    const group = waiting
    waiting = []
    count = 0
    if (group.length === 0) return // flushed early (the group was full)
    if (group.length === 1) return alone(group[0]!)
    store.insertCredentials(group.flatMap((w) => w.records), { audit: group.flatMap((w) => w.audit) }).then(
      () => {
        for (const w of group) w.resolve({ ids: w.records.map((r) => r.id), replayed: false })
      },
      // Nothing of the group was stored: each caller's insert succeeds or fails on its own.
      () => group.forEach(alone),
    )
  }

  return (records, audit) => {
    const entries = audit === undefined ? [] : [audit]
    if (records.length > GROUPED_INSERT_MAX) return store.insertCredentials(records, { audit: entries })
    return new Promise<InsertResult>((resolve, reject) => {
      if (count + records.length > GROUP_MAX_CREDENTIALS) flush()
      // Requests whose handlers reach this point in the same event-loop turn share a commit.
      if (waiting.length === 0) setImmediate(flush)
      waiting.push({ records, audit: entries, resolve, reject })
      count += records.length
    })
  }
}
