/**
 * @module issuance/audit
 * The audit log of staff actions: who (the API key), what, when, on which record and why.
 * Every use-case that changes issued data or access (issue, status changes, achievements,
 * API keys, key rotation) calls `recordAudit` once, after its change is stored, so the API,
 * the console and the CLI are logged alike. The acting key comes with the context
 * (`ctx.actor`, set per request by the HTTP layer); without one the actor is `system`
 * (the CLI, first-run setup).
 *
 * Issuing writes its entry in the credentials' own transaction (`auditEntryOf` +
 * `insertCredentials({ audit })`): the most frequent change can neither be stored unlogged nor
 * logged unstored. Other changes write the entry after the change, not in its transaction: if
 * the store fails between the two, the change stands unlogged and the caller sees the error.
 * Reasons given here are for staff only; nothing in this log is published (status lists carry
 * bits, not reasons).
 */
import type { NewAuditEntry, Store } from '../storage/store.js'
import type { GroupedAuditAppend } from './audit-groups.js'

/** Who is acting: the API key id and name. */
export interface AuditActor {
  id: string
  name?: string | undefined
}

export const SYSTEM_ACTOR: AuditActor = { id: 'system' }

/** The full entry for `entry`, acted by `target.actor` (`system` without one). */
export function auditEntryOf(target: { actor?: AuditActor | undefined }, entry: Omit<NewAuditEntry, 'actor' | 'actorName'>): NewAuditEntry {
  const actor = target.actor ?? SYSTEM_ACTOR
  return { ...entry, actor: actor.id, ...(actor.name === undefined || actor.name === '' ? {} : { actorName: actor.name }) }
}

/**
 * Appends one entry for `target.actor`; through `target.auditGrouped` when the caller has one
 * (the service: entries of the same event-loop turn share a commit, see audit-groups.ts).
 */
export async function recordAudit(
  target: { store: Store; actor?: AuditActor | undefined; auditGrouped?: GroupedAuditAppend | undefined },
  entry: Omit<NewAuditEntry, 'actor' | 'actorName'>,
): Promise<void> {
  const full = auditEntryOf(target, entry)
  if (target.auditGrouped === undefined) await target.store.appendAudit(full)
  else await target.auditGrouped(full)
}
