/**
 * @module suites/data-integrity-formats
 * The embedded-proof formats microcred verifies, and the maintained implementation that
 * verifies each (all ESM over WebCrypto or @noble, so browser-safe):
 * - `eddsa-rdfc-2022`, `eddsa-jcs-2022`, `ecdsa-rdfc-2019`: `DataIntegrityProof` from
 *   @digitalbazaar/data-integrity with the Digital Bazaar cryptosuite of that name;
 * - `Ed25519Signature2020` (VC 1.1, Digital Credentials Consortium issuers):
 *   @digitalbazaar/ed25519-signature-2020.
 * microcred itself signs only eddsa-rdfc-2022 (suites/eddsa-rdfc-2022.ts).
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite'
import { createVerifyCryptosuite as createEddsaJcs2022 } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite'
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020'
import { createVerifyingSuite } from './eddsa-rdfc-2022.js'

export const DATA_INTEGRITY_FORMATS = ['eddsa-rdfc-2022', 'eddsa-jcs-2022', 'ecdsa-rdfc-2019', 'Ed25519Signature2020'] as const
export type DataIntegrityFormat = (typeof DATA_INTEGRITY_FORMATS)[number]

const CRYPTOSUITES: ReadonlySet<string> = new Set(['eddsa-rdfc-2022', 'eddsa-jcs-2022', 'ecdsa-rdfc-2019'])

/** The format of a proof object, or undefined when microcred does not verify it. */
export function dataIntegrityFormatOf(proof: Record<string, unknown>): DataIntegrityFormat | undefined {
  if (proof['type'] === 'DataIntegrityProof') {
    const suite = proof['cryptosuite']
    return typeof suite === 'string' && CRYPTOSUITES.has(suite) ? (suite as DataIntegrityFormat) : undefined
  }
  if (proof['type'] === 'Ed25519Signature2020' && proof['cryptosuite'] === undefined) return 'Ed25519Signature2020'
  return undefined
}

/** Verification method types each format accepts. */
export const KEY_TYPES: Readonly<Record<DataIntegrityFormat, readonly string[]>> = {
  'eddsa-rdfc-2022': ['Multikey'],
  'eddsa-jcs-2022': ['Multikey'],
  'ecdsa-rdfc-2019': ['Multikey'],
  Ed25519Signature2020: ['Ed25519VerificationKey2020', 'Multikey'],
}

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
