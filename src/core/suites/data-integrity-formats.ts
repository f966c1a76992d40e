/**
 * @module suites/data-integrity-formats
 * The embedded-proof formats microcred verifies, and the maintained implementation that
 * verifies each (all ESM over WebCrypto or @noble, so browser-safe):
 * - `eddsa-rdfc-2022`, `eddsa-jcs-2022`, `ecdsa-rdfc-2019`: `DataIntegrityProof` from
 *   @digitalbazaar/data-integrity with the Digital Bazaar cryptosuite of that name;
 * - `Ed25519Signature2020` (VC 1.1, Digital Credentials Consortium issuers):
 *   @digitalbazaar/ed25519-signature-2020.
 * microcred itself signs only eddsa-rdfc-2022 (suites/eddsa-rdfc-2022.ts). The suites are
 * created by data-integrity-suites.ts, loaded only when such a proof arrives.
 */

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
