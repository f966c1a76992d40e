/**
 * @module portability
 * Framework profiles, credit and level conversion, verifiable quality assurance, stacking
 * pathways and CLR 2.0 awards. Pure and browser-safe.
 */
export * from './credits.js'
export * from './levels.js'
export * from './facts.js'
export * from './profile.js'
export * from './profiles.js'
export * from './profile-check.js'
export * from './trust-list.js'
export { parseTrustList } from './parse-trust-list.js'
export * from './qa.js'
export * from './pathway.js'
export * from './clr.js'
export * from './endorsement.js'
export { schemaProblems, type SchemaProblem } from './validate.js'
