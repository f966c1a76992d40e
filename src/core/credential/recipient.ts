/**
 * @module credential/recipient
 * Who a credential is about: an identifier (DID/URL) or an email address, which is
 * never written in the clear but as an OB 3.0 salted-hash `IdentityObject`.
 */
import { MicrocredError } from '../errors.js'
import type { IdentityObject } from '../model/open-badges.js'
import { isAbsoluteIri } from './shape.js'

export type Recipient = { id: string } | { email: string; salt?: string }

/** `sha256$<hex>` of email + salt, as OB 3.0 §identityHash defines it. */
export async function hashIdentity(identity: string, salt: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(identity + salt))
  return 'sha256$' + [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

export async function emailIdentityObject(email: string, salt?: string): Promise<IdentityObject> {
  const normalized = email.trim().toLowerCase()
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalized)) {
    throw new MicrocredError('ERR_RECIPIENT_INVALID', 'recipient.email is not an email address')
  }
  const s = salt ?? randomSalt()
  return { type: 'IdentityObject', hashed: true, identityHash: await hashIdentity(normalized, s), identityType: 'emailAddress', salt: s }
}

/** True when `email` is the address behind a hashed email IdentityObject. */
export async function matchesEmail(identity: IdentityObject, email: string): Promise<boolean> {
  if (identity.identityType !== 'emailAddress') return false
  const normalized = email.trim().toLowerCase()
  if (!identity.hashed) return identity.identityHash === normalized
  return (await hashIdentity(normalized, identity.salt ?? '')) === identity.identityHash
}

export function assertRecipient(value: unknown): asserts value is Recipient {
  if (value !== null && typeof value === 'object') {
    const r = value as Record<string, unknown>
    if (typeof r['id'] === 'string') {
      if (!isAbsoluteIri(r['id'])) throw new MicrocredError('ERR_RECIPIENT_INVALID', 'recipient.id must be a DID or URL')
      return
    }
    if (typeof r['email'] === 'string' && (r['salt'] === undefined || typeof r['salt'] === 'string')) return
  }
  throw new MicrocredError('ERR_RECIPIENT_INVALID', 'recipient must be { id } or { email, salt? }')
}

function randomSalt(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
}
