/**
 * @module ports
 * The small interfaces through which the pure core reaches side effects. Adapters live
 * outside src/core (kms/, storage/, http/, cli/) or are passed by the caller.
 */

/** Time, injected so tests and verifiers can pin "now". */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock pinned to one instant. */
export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at)
  return { now: () => new Date(instant) }
}

/**
 * An Ed25519 signing key. The private key stays behind `sign`; the core never sees it.
 * `id` is the verification method URL written into proofs (`did:key:z6Mk…#z6Mk…`).
 */
export interface SigningKey {
  id: string
  controller: string
  publicKeyMultibase: string
  algorithm: 'Ed25519'
  sign(data: Uint8Array): Promise<Uint8Array>
}

/** An issuer: its DID, the public profile written into credentials, and its current key. */
export interface Issuer {
  id: string
  /** Profile fields other than `id`/`type` (name, url, email, address, …). */
  profile: { name?: string; url?: string; email?: string; address?: Record<string, unknown>; [extra: string]: unknown }
  key: SigningKey
}

export type { DocumentLoader } from './contexts/document-loader.js'
