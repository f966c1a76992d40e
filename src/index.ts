/**
 * @module microcred
 * The Node entry point: the pure core plus key files (kms). Browser code imports
 * `microcred/core` instead.
 *
 * @example
 * import { loadIssuer, issueCredential, verifyCredential } from 'microcred'
 * const issuer = await loadIssuer('.')
 * const signed = await issueCredential(unsigned, { issuer })
 * const result = await verifyCredential(signed)
 */
export * from './core/index.js'
export { createIssuer, initIssuer, loadIssuer, readIssuerConfig, CONFIG_FILE, KEYS_DIR } from './kms/issuer-directory.js'
export type { IssuerConfig, IssuerProfileInput, StoredKey, InitResult } from './kms/issuer-directory.js'
export { generateKeyMaterial, signingKeyFromMaterial } from './kms/ed25519-key.js'
export type { KeyMaterial } from './kms/ed25519-key.js'
