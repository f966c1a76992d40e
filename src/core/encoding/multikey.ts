/**
 * @module encoding/multikey
 * Ed25519 keys as Multikey multibase strings: `z` + base58btc(multicodec prefix + key bytes).
 * Public keys use the ed25519-pub prefix 0xed 0x01, secret keys (the 32-byte seed)
 * ed25519-priv 0x80 0x26.
 */
import { MicrocredError } from '../errors.js'
import { decodeBase58btc, encodeBase58btc } from './base58btc.js'

const PUBLIC_PREFIX = [0xed, 0x01] as const
const SECRET_PREFIX = [0x80, 0x26] as const

function encode(prefix: readonly number[], key: Uint8Array): string {
  const bytes = new Uint8Array(prefix.length + key.length)
  bytes.set(prefix, 0)
  bytes.set(key, prefix.length)
  return 'z' + encodeBase58btc(bytes)
}

function decode(prefix: readonly number[], multibase: string, what: string, lengths: readonly number[] = [32]): Uint8Array {
  const bytes = multibase.startsWith('z') ? decodeBase58btc(multibase.slice(1)) : undefined
  if (
    bytes === undefined ||
    !lengths.includes(bytes.length - prefix.length) ||
    bytes[0] !== prefix[0] ||
    bytes[1] !== prefix[1]
  ) {
    throw new MicrocredError('ERR_KEY_INVALID', `${what} is not an Ed25519 Multikey value`)
  }
  return bytes.slice(prefix.length)
}

export const encodePublicKeyMultibase = (key: Uint8Array): string => encode(PUBLIC_PREFIX, key)
export const encodeSecretKeyMultibase = (seed: Uint8Array): string => encode(SECRET_PREFIX, seed)
export const decodePublicKeyMultibase = (value: string): Uint8Array =>
  decode(PUBLIC_PREFIX, value, 'publicKeyMultibase')
/**
 * The 32-byte seed. Also accepts the 64-byte seed‖public-key form that
 * @digitalbazaar/ed25519-multikey exports (and the 1EdTech test vectors use): its public
 * half is ignored; callers that hold the public key check it against the seed's.
 */
export const decodeSecretKeyMultibase = (value: string): Uint8Array =>
  decode(SECRET_PREFIX, value, 'secretKeyMultibase', [32, 64]).slice(0, 32)
