/**
 * @module suites/eddsa-rdfc-2022
 * The one proof suite microcred signs with: W3C Data Integrity `DataIntegrityProof`,
 * cryptosuite `eddsa-rdfc-2022` (RDFC-1.0 canonicalization, SHA-256, Ed25519), run through
 * Digital Bazaar's reference implementation in JSON-LD safe mode.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import type { SigningKey } from '../ports.js'

export { CRYPTOSUITE, PROOF_TYPE } from './eddsa-rdfc-2022-names.js'

/** A suite that signs with `key`; `created` is always written (some verifiers require it). */
export function createSigningSuite(key: SigningKey, created: Date): DataIntegrityProof {
  const signer = {
    id: key.id,
    algorithm: key.algorithm,
    sign: ({ data }: { data: Uint8Array }) => key.sign(data),
  }
  return new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022, date: created })
}

/** A suite that verifies eddsa-rdfc-2022 proofs; the key comes from the proof's verification method. */
export function createVerifyingSuite(): DataIntegrityProof {
  return new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 })
}
