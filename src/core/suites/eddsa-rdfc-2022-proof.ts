/**
 * @module suites/eddsa-rdfc-2022-proof
 * eddsa-rdfc-2022 (W3C vc-di-eddsa §3.3) written out directly: canonicalize the document
 * and the proof configuration (RDFC-1.0), hash both with SHA-256, sign or verify
 * proofHash ‖ docHash with Ed25519. It produces byte-for-byte the proofs Digital Bazaar's
 * reference stack produces (proven by tests/interop and the differential tests), without
 * that stack's per-call overhead; canonicalization takes the fast path when it covers the
 * document and jsonld.js otherwise.
 */
import type { DocumentLoader } from '../contexts/document-loader.js'
import { decodeBase58btc, encodeBase58btc } from '../encoding/base58btc.js'
import type { DataIntegrityProof } from '../model/open-badges.js'
import type { SigningKey } from '../ports.js'
import type { CryptoProvider } from './crypto-provider.js'
import { CRYPTOSUITE, PROOF_TYPE } from './eddsa-rdfc-2022-names.js'

export type Canonize = (
  document: Record<string, unknown>,
  options: { documentLoader: DocumentLoader; sha256Hex?: ((text: string) => string) | undefined },
) => Promise<string>

export interface ProofEnvironment {
  canonize: Canonize
  documentLoader: DocumentLoader
  crypto: CryptoProvider
}

const utf8 = new TextEncoder()

/** `2026-11-26T12:00:00Z`: what the reference stack writes for `created` (no milliseconds). */
export function w3cDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

async function verifyData(
  document: Record<string, unknown>,
  proofOptions: Record<string, unknown>,
  env: ProofEnvironment,
): Promise<Uint8Array> {
  const proofConfig = { '@context': document['@context'], ...proofOptions }
  const canonizeOptions = { documentLoader: env.documentLoader, sha256Hex: env.crypto.sha256Hex?.bind(env.crypto) }
  const [canonicalProof, canonicalDocument] = await Promise.all([env.canonize(proofConfig, canonizeOptions), env.canonize(document, canonizeOptions)])
  const [proofHash, documentHash] = await Promise.all([
    env.crypto.sha256(utf8.encode(canonicalProof)),
    env.crypto.sha256(utf8.encode(canonicalDocument)),
  ])
  const data = new Uint8Array(proofHash.length + documentHash.length)
  data.set(proofHash, 0)
  data.set(documentHash, proofHash.length)
  return data
}

/**
 * Why the proof is made: `assertionMethod` for an issuer's credential (the default), or
 * `authentication` for a holder's presentation, bound to the verifier's challenge and domain.
 */
export type ProofPurpose = { proofPurpose: 'assertionMethod' } | { proofPurpose: 'authentication'; challenge: string; domain?: string }

/** Signs `unsigned` (which must not carry a proof) and returns the proof object. */
export async function createProof(
  unsigned: Record<string, unknown>,
  key: SigningKey,
  created: Date,
  env: ProofEnvironment,
  purpose: ProofPurpose = { proofPurpose: 'assertionMethod' },
): Promise<DataIntegrityProof> {
  // Member order as the reference stack writes it (purpose fields last), so the JSON matches too.
  const options = {
    type: PROOF_TYPE,
    created: w3cDate(created),
    verificationMethod: key.id,
    cryptosuite: CRYPTOSUITE,
    ...purpose,
  } as const
  const signature = await key.sign(await verifyData(unsigned, options, env))
  return { ...options, proofValue: 'z' + encodeBase58btc(signature) }
}

/**
 * Verifies one proof over `document` (whose own `proof` member is ignored) with the raw
 * Ed25519 public key. Returns false for a signature that does not match; JSON-LD errors
 * (undefined terms, refused contexts) propagate for the caller to diagnose.
 *
 * A proof in a chain (`previousProof`) was made over the document carrying the proofs it
 * names (VC Data Integrity §4.4): pass them as `previousProofs`.
 */
export async function verifyProof(
  document: Record<string, unknown>,
  proof: Record<string, unknown>,
  publicKey: Uint8Array,
  env: ProofEnvironment,
  previousProofs: readonly Record<string, unknown>[] = [],
): Promise<boolean> {
  const { proof: _ignored, ...rest } = document
  const unsigned = previousProofs.length === 0 ? rest : { ...rest, proof: previousProofs.length === 1 ? previousProofs[0] : [...previousProofs] }
  const { proofValue, ...options } = proof
  if (typeof proofValue !== 'string' || !proofValue.startsWith('z')) return false
  const signature = decodeBase58btc(proofValue.slice(1))
  if (signature === undefined || signature.length !== 64) return false
  return env.crypto.verifyEd25519(publicKey, await verifyData(unsigned, options, env), signature)
}
