/**
 * @module core/limits
 * Every limit the core enforces or recommends, in one place: each is defined beside the code
 * that enforces it and re-exported here, and the limits more than one caller needs (the CLI,
 * the service, the verification page) are defined here. The service's own limits and defaults
 * (src/limits.ts) import these; nothing outside the core writes these numbers again.
 */
export { MAX_CONTEXT_ENTRIES, MAX_DOCUMENT_DEPTH, MAX_DOCUMENT_VALUES, MAX_EMBEDDED_CONTEXT_CHARS } from './credential/document-limits.js'
export { MAX_CREDENTIAL_DEPTH } from './credential/shape.js'
export { MAX_INLINE_CONTEXT_BYTES, MAX_INLINE_CONTEXT_DEPTH } from './contexts/inline-context.js'
export { MAX_STATUS_LIST_BYTES } from './status/bitstring.js'
export { MAX_NESTING } from './verifier/checks/nested.js'
export { MAX_PROOFS } from './verifier/checks/proof-structure.js'
export { MAX_PRESENTED_CREDENTIALS } from './verifier/presentation-limits.js'

/** Largest credential file (JSON, JWT, baked PNG/SVG) a verifier reads: the CLI and the verification page. */
export const MAX_CREDENTIAL_INPUT_BYTES = 10 * 1024 * 1024

/** A status list fetched online: the most bytes read, and how long to wait (the service's fetcher and the verification page). */
export const STATUS_LIST_FETCH_MAX_BYTES = 2 * 1024 * 1024
export const STATUS_LIST_FETCH_TIMEOUT_MS = 10_000
