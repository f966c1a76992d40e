/**
 * @module did/did-key
 * did:key for Ed25519 Multikey, resolved locally (a did:key *is* its public key, so
 * resolving it never needs a network).
 */
import { MicrocredError } from '../errors.js'
import { decodePublicKeyMultibase } from '../encoding/multikey.js'

export const DID_CONTEXT_V1 = 'https://www.w3.org/ns/did/v1'
export const MULTIKEY_CONTEXT_V1 = 'https://w3id.org/security/multikey/v1'

export interface VerificationMethod {
  '@context'?: string | string[]
  id: string
  type: 'Multikey'
  controller: string
  publicKeyMultibase: string
}

export interface ControllerDocument {
  '@context': string | string[]
  id: string
  verificationMethod: VerificationMethod[]
  assertionMethod: string[]
  authentication?: string[]
  capabilityInvocation?: string[]
  capabilityDelegation?: string[]
}

/** did:key:z6Mk… for a Multikey public key value (`z6Mk…`). */
export function didKeyFromPublicKeyMultibase(publicKeyMultibase: string): string {
  decodePublicKeyMultibase(publicKeyMultibase) // throws on anything but Ed25519
  return `did:key:${publicKeyMultibase}`
}

/** The verification method id of a did:key: `did:key:z6Mk…#z6Mk…`. */
export function didKeyVerificationMethodId(did: string): string {
  return `${did}#${did.slice('did:key:'.length)}`
}

/** Builds the DID document of an Ed25519 did:key; throws ERR_KEY_INVALID for anything else. */
export function resolveDidKey(did: string): ControllerDocument {
  if (!did.startsWith('did:key:')) {
    throw new MicrocredError('ERR_KEY_INVALID', `${did} is not a did:key`)
  }
  const publicKeyMultibase = did.slice('did:key:'.length)
  decodePublicKeyMultibase(publicKeyMultibase)
  const vmId = didKeyVerificationMethodId(did)
  return {
    '@context': [DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1],
    id: did,
    verificationMethod: [{ id: vmId, type: 'Multikey', controller: did, publicKeyMultibase }],
    assertionMethod: [vmId],
    authentication: [vmId],
    capabilityInvocation: [vmId],
    capabilityDelegation: [vmId],
  }
}
