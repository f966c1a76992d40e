// Minimal declarations for the untyped Digital Bazaar packages the format tests sign with.
declare module '@digitalbazaar/ecdsa-multikey' {
  interface EcdsaMultikeyKeyPair {
    id?: string
    controller?: string
    publicKeyMultibase: string
    signer(): { id?: string; algorithm: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> }
    export(options?: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Record<string, unknown> & { publicKeyMultibase: string }>
  }
  export function generate(options: { curve: 'P-256' | 'P-384'; id?: string; controller?: string }): Promise<EcdsaMultikeyKeyPair>
}
