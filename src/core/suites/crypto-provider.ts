/**
 * @module suites/crypto-provider
 * The primitives the proof suite needs, as a port: SHA-256 and Ed25519 verification. The
 * default uses WebCrypto (browsers, workers, Node); the Node entry point passes node:crypto,
 * which is several times faster per call (no async hop to a thread pool).
 */
export interface CryptoProvider {
  sha256(data: Uint8Array): Uint8Array | Promise<Uint8Array>
  /** `publicKey` is the raw 32-byte Ed25519 key. */
  verifyEd25519(publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean | Promise<boolean>
  /**
   * SHA-256 of a string's UTF-8 encoding (lone surrogates as U+FFFD), as lower-case hex,
   * synchronously. Optional: canonicalization hashes every blank node's quads this way and
   * uses the core's own JavaScript SHA-256 without it; a native one (node:crypto) is ≈ 4×
   * faster on the few kilobytes a micro-credential's blank nodes carry.
   */
  sha256Hex?(text: string): string
}

/** Imported keys are cached: importing costs more than verifying. Bounded, oldest evicted. */
const MAX_CACHED_KEYS = 1024

export function createWebCryptoProvider(subtle: SubtleCrypto = globalThis.crypto.subtle): CryptoProvider {
  const keys = new Map<string, Promise<CryptoKey | undefined>>()
  const importKey = (raw: Uint8Array): Promise<CryptoKey | undefined> => {
    const id = String.fromCharCode(...raw)
    let key = keys.get(id)
    if (key === undefined) {
      // Runtimes without WebCrypto Ed25519 fall back to @noble/ed25519 (undefined key).
      key = subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, ['verify']).catch(() => undefined)
      if (keys.size >= MAX_CACHED_KEYS) keys.delete(keys.keys().next().value!)
      keys.set(id, key)
    }
    return key
  }
  return {
    async sha256(data) {
      return new Uint8Array(await subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>))
    },
    async verifyEd25519(publicKey, data, signature) {
      if (publicKey.length !== 32 || signature.length !== 64) return false
      const key = await importKey(publicKey)
      if (key === undefined) return (await import('@noble/ed25519')).verifyAsync(signature, data, publicKey)
      return subtle.verify('Ed25519', key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>)
    },
  }
}

let defaultProvider: CryptoProvider | undefined

/** The WebCrypto provider, created on first use. */
export function webCryptoProvider(): CryptoProvider {
  return (defaultProvider ??= createWebCryptoProvider())
}
