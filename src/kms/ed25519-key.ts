/**
 * @module kms/ed25519-key
 * Ed25519 keys on node:crypto. The private key is imported into a KeyObject once and
 * reused for every signature (re-importing per call is ~10x slower).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import {
  decodeSecretKeyMultibase,
  didKeyFromPublicKeyMultibase,
  didKeyVerificationMethodId,
  encodePublicKeyMultibase,
  encodeSecretKeyMultibase,
  MicrocredError,
  type SigningKey,
} from '../core/index.js'

/** PKCS#8 DER prefix for an Ed25519 private key; the 32-byte seed follows. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

export interface KeyMaterial {
  publicKeyMultibase: string
  secretKeyMultibase: string
}

export function generateKeyMaterial(): KeyMaterial {
  const { privateKey } = generateKeyPairSync('ed25519')
  return materialFromKeyObject(privateKey)
}

function materialFromKeyObject(privateKey: KeyObject): KeyMaterial {
  const jwk = privateKey.export({ format: 'jwk' })
  const seed = Buffer.from(jwk.d!, 'base64url')
  const pub = Buffer.from(jwk.x!, 'base64url')
  return { publicKeyMultibase: encodePublicKeyMultibase(pub), secretKeyMultibase: encodeSecretKeyMultibase(seed) }
}

/**
 * A did:key signing key from stored material. `controller`/`id` default to the did:key of
 * the public key; a did:web issuer passes its own.
 */
export function signingKeyFromMaterial(material: KeyMaterial, ids?: { controller: string; id: string }): SigningKey {
  const seed = decodeSecretKeyMultibase(material.secretKeyMultibase)
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' })
  const derivedPublic = encodePublicKeyMultibase(
    Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x!, 'base64url'),
  )
  if (derivedPublic !== material.publicKeyMultibase) {
    throw new MicrocredError('ERR_KEY_INVALID', 'key material is inconsistent: the public key does not belong to the secret key')
  }
  const controller = ids?.controller ?? didKeyFromPublicKeyMultibase(material.publicKeyMultibase)
  return {
    id: ids?.id ?? didKeyVerificationMethodId(controller),
    controller,
    publicKeyMultibase: material.publicKeyMultibase,
    algorithm: 'Ed25519',
    sign: async (data) => new Uint8Array(sign(null, data, privateKey)),
  }
}
