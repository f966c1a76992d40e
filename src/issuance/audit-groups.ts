/**
 * @module issuance/audit-groups
 * Group commit for audit entries in the running service: the entries that concurrent issues
 * record in the same turn of the event loop are written with one `appendAudits` call (one
 * transaction, one commit) instead of one `appendAudit` each. After group commit of the
 * credentials themselves (insert-groups.ts), the audit entry's own commit was the largest
 * store cost of an HTTP issue on SQLite, and a round trip on PostgreSQL (docs/performance.md).
 *
 * Each caller still gets its own outcome: when the grouped append fails, nothing of it was
 * written (one transaction) and every entry is appended again on its own, so only the caller
 * whose entry is at fault gets the error. As with `recordAudit`, the entry is written after
 * the change it logs; the caller waits for it either way.
 *
 * @example
 * const append = createAuditGroups(store)
 * await append({ actor: 'key-1', action: 'credentials.issue', target: 'urn:uuid:…' })
 */
import type { NewAuditEntry, Store } from '../storage/store.js'

/** Most entries written by one grouped append. */
export const AUDIT_GROUP_MAX = 256

export type GroupedAuditAppend = (entry: NewAuditEntry) => Promise<void>

interface Waiting {
  entry: NewAuditEntry
  resolve: () => void
  reject: (e: unknown) => void
}

export function createAuditGroups(store: Pick<Store, 'appendAudit' | 'appendAudits'>): GroupedAuditAppend {
  let waiting: Waiting[] = []

  const alone = (w: Waiting): void => {
    store.appendAudit(w.entry).then(() => w.resolve(), w.reject)
  }

  const flush = (): void => {
    const group = waiting
    waiting = []
    if (group.length === 0) return // flushed early (the group was full)
    if (group.length === 1) return alone(group[0]!)
    store.appendAudits(group.map((w) => w.entry)).then(
      () => group.forEach((w) => w.resolve()),
      // Nothing of the group was written: each entry succeeds or fails on its own.
      () => group.forEach(alone),
    )
  }

  return (entry) =>
    new Promise<void>((resolve, reject) => {
      if (waiting.length >= AUDIT_GROUP_MAX) flush()
      if (waiting.length === 0) setImmediate(flush)
      waiting.push({ entry, resolve, reject })
    })
}
