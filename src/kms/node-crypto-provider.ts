/**
 * @module kms/node-crypto-provider
 * SHA-256 and Ed25519 verification on node:crypto: synchronous, no thread-pool hop, with
 * imported public keys cached (a verifier checks many credentials from few issuers).
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto'
import type { CryptoProvider } from '../core/index.js'

/** SPKI DER prefix for a raw 32-byte Ed25519 public key. */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
const MAX_CACHED_KEYS = 1024

export function createNodeCryptoProvider(): CryptoProvider {
  const keys = new Map<string, KeyObject>()
  const publicKeyObject = (raw: Uint8Array): KeyObject => {
    const id = Buffer.from(raw).toString('base64')
    let key = keys.get(id)
    if (key === undefined) {
      key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' })
      if (keys.size >= MAX_CACHED_KEYS) keys.delete(keys.keys().next().value!)
      keys.set(id, key)
    }
    return key
  }
  return {
    sha256: (data) => createHash('sha256').update(data).digest(),
    // node:crypto encodes a string as UTF-8 with lone surrogates as U+FFFD, as the core's own does.
    sha256Hex: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
    verifyEd25519: (publicKey, data, signature) =>
      publicKey.length === 32 && signature.length === 64 && verify(null, data, publicKeyObject(publicKey), signature),
  }
}
