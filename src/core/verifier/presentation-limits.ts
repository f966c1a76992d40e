/**
 * @module verifier/presentation-limits
 * The presentation verifier's limit, in a module of its own: `core/limits.ts` re-exports it,
 * and everything that reads a limit (the CLI's input reader on every `microcred verify`) would
 * otherwise load verify-presentation.ts and, through it, jsonld-signatures and jsonld.js.
 */

/** Most credentials verified in one presentation: each costs a full verification. */
export const MAX_PRESENTED_CREDENTIALS = 100
