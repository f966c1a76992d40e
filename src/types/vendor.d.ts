// Minimal declarations for the untyped Digital Bazaar packages: only what microcred calls.
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: Date | string | number | null })
    verificationMethod?: string
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: {
    name: string
    requiredAlgorithm: string
    canonize(input: unknown, options: Record<string, unknown>): Promise<string>
    createVerifier(options: { verificationMethod: unknown }): Promise<unknown>
  }
}
declare module '@digitalbazaar/vc' {
  export function issue(options: Record<string, unknown>): Promise<Record<string, unknown>>
  export function verifyCredential(options: Record<string, unknown>): Promise<{ verified: boolean; error?: unknown; results?: unknown[] }>
  export function signPresentation(options: Record<string, unknown>): Promise<Record<string, unknown>>
  export function verify(options: Record<string, unknown>): Promise<{ verified: boolean; error?: unknown; presentationResult?: unknown; credentialResults?: unknown[] }>
}
declare module 'jsonld-signatures' {
  const jsigs: {
    verify(document: unknown, options: Record<string, unknown>): Promise<{ verified: boolean; error?: unknown; results?: unknown[] }>
    sign(document: unknown, options: Record<string, unknown>): Promise<Record<string, unknown>>
    purposes: {
      AssertionProofPurpose: new (options?: { controller?: unknown; date?: Date }) => unknown
      ControllerProofPurpose: new (options: { term: string; controller?: unknown; date?: Date }) => unknown
      AuthenticationProofPurpose: new (options: { challenge: string; domain?: string; controller?: unknown; date?: Date }) => unknown
    }
  }
  export default jsigs
}
declare module 'jsonld' {
  const jsonld: {
    expand(input: unknown, options: Record<string, unknown>): Promise<unknown[]>
    canonize(input: unknown, options: Record<string, unknown>): Promise<string>
    toRDF(input: unknown, options: Record<string, unknown>): Promise<unknown>
  }
  export default jsonld
}
declare module 'rdf-canonize' {
  export function canonize(dataset: unknown, options: Record<string, unknown>): Promise<string>
  /** Synchronous RDFC-1.0 (exported by rdf-canonize for Node; used by the fast path). */
  export function _canonizeSync(dataset: unknown, options: Record<string, unknown>): string
  export const NQuads: { serialize(dataset: unknown): string; serializeQuad(quad: unknown): string }
}
declare module '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite' {
  export const cryptosuite: { name: string; requiredAlgorithm: string | string[] }
}
declare module '@digitalbazaar/eddsa-jcs-2022-cryptosuite' {
  export function createVerifyCryptosuite(): { name: string }
  export function createSignCryptosuite(): { name: string }
}
declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; signer?: unknown; date?: Date | string | number | null })
  }
}
