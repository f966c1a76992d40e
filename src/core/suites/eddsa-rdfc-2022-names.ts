/**
 * @module suites/eddsa-rdfc-2022-names
 * The proof type and cryptosuite names, apart from the suite itself so that reading or
 * verifying one proof does not load Digital Bazaar's suite (and jsonld.js with it).
 */
export const PROOF_TYPE = 'DataIntegrityProof'
export const CRYPTOSUITE = 'eddsa-rdfc-2022'
