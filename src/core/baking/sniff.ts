/**
 * @module baking/sniff
 * Whether bytes are a PNG image or text is an SVG document, without the image libraries: a
 * verifier handed plain JSON (the common case) never loads them (cold start of the CLI).
 */

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b)
}

export function isSvg(text: string): boolean {
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^>]*>\s*)?<(?:[\w.-]+:)?svg[\s>/]/i.test(text)
}
