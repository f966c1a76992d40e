/**
 * @module microcred
 * The Node entry point: the pure core plus key files (kms/), with `issueCredential` and
 * `verifyCredential` running on node:crypto. Browser code imports `microcred/core`.
 *
 * @example
 * import { loadIssuer, issueCredential, verifyCredential } from 'microcred'
 * const issuer = await loadIssuer('.')
 * const signed = await issueCredential(unsigned, { issuer })
 * const result = await verifyCredential(signed)
 */
import {
  issueCredential as issueWith,
  signPresentation as presentWith,
  verifyCredential as verifyWith,
  type IssueOptions,
  type CredentialVerificationResult,
  type PresentOptions,
  type SignedPresentation,
  type SignedCredential,
  type VerifyOptions,
} from './core/index.js'
import { createNodeCryptoProvider } from './kms/node-crypto-provider.js'

export * from './core/index.js'
export { createIssuer, initIssuer, loadIssuer, loadIssuerWithMaterial, readIssuerConfig, CONFIG_FILE, KEYS_DIR } from './kms/issuer-directory.js'
export type { IssuerConfig, IssuerProfileInput, StoredKey, InitResult } from './kms/issuer-directory.js'
export { generateKeyMaterial, signingKeyFromMaterial } from './kms/ed25519-key.js'
export type { KeyMaterial } from './kms/ed25519-key.js'
export { createNodeCryptoProvider } from './kms/node-crypto-provider.js'
export { createHolderKeyFile, loadHolderKeyFile } from './kms/holder-key.js'
export { createOnlineStatusListLoader, fetchStatusList } from './status/fetch-status-list.js'
export type { FetchStatusListOptions } from './status/fetch-status-list.js'

const nodeCrypto = createNodeCryptoProvider()

/** The core's `issueCredential` with node:crypto as the default crypto provider. */
export function issueCredential(unsigned: unknown, options: IssueOptions): Promise<SignedCredential> {
  return issueWith(unsigned, { crypto: nodeCrypto, ...options })
}

/** The core's `verifyCredential` with node:crypto as the default crypto provider. */
export function verifyCredential(credential: unknown, options: VerifyOptions = {}): Promise<CredentialVerificationResult> {
  return verifyWith(credential, { crypto: nodeCrypto, ...options })
}

/** The core's `signPresentation` with node:crypto as the default crypto provider. */
export function signPresentation(credentials: readonly unknown[], options: PresentOptions): Promise<SignedPresentation> {
  return presentWith(credentials, { crypto: nodeCrypto, ...options })
}
