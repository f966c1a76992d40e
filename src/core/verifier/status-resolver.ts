/**
 * @module verifier/status-resolver
 * The port through which the `status` check learns whether a credential was revoked or
 * suspended. Status is three-valued: a list says revoked/suspended, or says it is not,
 * or nothing reliable is known — and unknown is never reported as "not revoked".
 */

export type StatusAnswer =
  | { state: 'revoked' | 'suspended' | 'active'; purpose: string; listId?: string; listAgeSeconds?: number }
  | { state: 'unknown'; reason: string; listId?: string; listAgeSeconds?: number }

export type StatusResolver = (entry: Record<string, unknown>, credential: Record<string, unknown>) => Promise<StatusAnswer>
