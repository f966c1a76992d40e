/**
 * @module encoding/base64url
 * RFC 4648 §5 base64url without padding, on Uint8Array (no Buffer: the core runs in
 * browsers), from @scure/base; decoding never throws, it answers undefined for text that is
 * not base64url.
 */
import { base64urlnopad } from '@scure/base'

export function encodeBase64url(bytes: Uint8Array): string {
  return base64urlnopad.encode(bytes)
}

/** Decodes base64url (padding tolerated); `undefined` for any character outside the alphabet. */
export function decodeBase64url(text: string): Uint8Array | undefined {
  try {
    return base64urlnopad.decode(text.replace(/=+$/, ''))
  } catch {
    return undefined
  }
}
