/**
 * @module suites/data-integrity-suites
 * The maintained suite that verifies each Data Integrity format (data-integrity-formats.ts).
 * Its libraries are loaded only when a credential needs them, not at start-up.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite'
import { createVerifyCryptosuite as createEddsaJcs2022 } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite'
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020'
import type { DataIntegrityFormat } from './data-integrity-formats.js'
import { createVerifyingSuite } from './eddsa-rdfc-2022.js'

/** A jsonld-signatures suite that verifies proofs of `format` (the key comes from the proof). */
export function createSuiteFor(format: DataIntegrityFormat): unknown {
  switch (format) {
    case 'eddsa-rdfc-2022':
      return createVerifyingSuite()
    case 'eddsa-jcs-2022':
      return new DataIntegrityProof({ cryptosuite: createEddsaJcs2022() })
    case 'ecdsa-rdfc-2019':
      return new DataIntegrityProof({ cryptosuite: ecdsaRdfc2019 })
    case 'Ed25519Signature2020':
      return new Ed25519Signature2020()
  }
}
