/**
 * @module microcred/core
 * The pure, browser-safe core: model, credential building, signing, verification.
 * No node: imports, no network, no clock or storage except through ports.
 */
export * from './errors.js'
export * from './ports.js'
export * from './model/open-badges.js'
export * from './model/micro-credential.js'
export * from './credential/shape.js'
export * from './credential/recipient.js'
export * from './credential/build-credential.js'
export * from './contexts/bundled.js'
export * from './contexts/document-loader.js'
export * from './did/did-key.js'
export * from './encoding/multikey.js'
export * from './issue/issue-credential.js'
export * from './verifier/result.js'
export * from './verifier/status-resolver.js'
export * from './verifier/verify-credential.js'
export * from './keys/noble-signing-key.js'
