/**
 * @module keys/noble-signing-key
 * An Ed25519 signing key for runtimes without node:crypto (browsers, workers), backed by
 * @noble/ed25519. Node callers use kms/ (node:crypto KeyObject), which is faster.
 */
import * as ed from '@noble/ed25519'
import { didKeyFromPublicKeyMultibase, didKeyVerificationMethodId } from '../did/did-key.js'
import { decodeSecretKeyMultibase, encodePublicKeyMultibase, encodeSecretKeyMultibase } from '../encoding/multikey.js'
import type { SigningKey } from '../ports.js'

export interface GeneratedKey {
  key: SigningKey
  /** Multibase of the 32-byte seed: the secret. Store it 0600; never log it. */
  secretKeyMultibase: string
}

/** A did:key signing key from a secret key multibase (or a fresh one). */
export async function createNobleSigningKey(secretKeyMultibase?: string): Promise<GeneratedKey> {
  const seed = secretKeyMultibase === undefined ? ed.utils.randomSecretKey() : decodeSecretKeyMultibase(secretKeyMultibase)
  const publicKeyMultibase = encodePublicKeyMultibase(await ed.getPublicKeyAsync(seed))
  const controller = didKeyFromPublicKeyMultibase(publicKeyMultibase)
  return {
    secretKeyMultibase: encodeSecretKeyMultibase(seed),
    key: {
      id: didKeyVerificationMethodId(controller),
      controller,
      publicKeyMultibase,
      algorithm: 'Ed25519',
      sign: (data) => ed.signAsync(data, seed),
    },
  }
}
