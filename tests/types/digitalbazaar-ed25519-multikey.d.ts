// Minimal declarations for @digitalbazaar/ed25519-multikey (untyped): only what the interop
// tests call. A script file (no imports/exports), so this is an ambient module declaration.
declare module '@digitalbazaar/ed25519-multikey' {
  interface Ed25519MultikeySigner {
    id?: string
    algorithm: string
    sign(options: { data: Uint8Array }): Promise<Uint8Array>
  }
  interface Ed25519MultikeyKeyPair {
    id?: string
    controller?: string
    publicKeyMultibase: string
    secretKeyMultibase?: string
    signer(): Ed25519MultikeySigner
    export(options?: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<{
      id?: string
      controller?: string
      publicKeyMultibase: string
      secretKeyMultibase?: string
      [extra: string]: unknown
    }>
  }
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519MultikeyKeyPair>
  export function from(key: { publicKeyMultibase: string; controller?: string; id?: string }): Promise<Ed25519MultikeyKeyPair>
}
