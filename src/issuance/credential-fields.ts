/**
 * @module issuance/credential-fields
 * The fields a stored credential record is indexed by, read from the signed credential. Its own
 * module (no imports beyond the core) so the pool's workers can use it (jobs/sign-row.ts).
 */
import { isPlainObject } from '../core/index.js'

/** The subject's id, else its identity hash (`sha256$…`), else the empty string. */
export function recipientOf(credential: Record<string, unknown>): string {
  const raw = credential['credentialSubject']
  const subject = Array.isArray(raw) ? raw[0] : raw
  if (!isPlainObject(subject)) return ''
  if (typeof subject['id'] === 'string') return subject['id']
  const identifiers = Array.isArray(subject['identifier']) ? subject['identifier'] : [subject['identifier']]
  for (const identity of identifiers) {
    if (isPlainObject(identity) && typeof identity['identityHash'] === 'string') return identity['identityHash']
  }
  return ''
}

export function achievementIdOf(credential: Record<string, unknown>): string | undefined {
  const raw = credential['credentialSubject']
  const subject = Array.isArray(raw) ? raw[0] : raw
  const achievement = isPlainObject(subject) ? subject['achievement'] : undefined
  return isPlainObject(achievement) && typeof achievement['id'] === 'string' ? achievement['id'] : undefined
}
