/**
 * @module baking/itxt
 * The payload of a PNG `iTXt` chunk (PNG 3rd ed. §11.3.3.4): keyword, compression flag and
 * method, language tag, translated keyword, then UTF-8 text. Chunk framing (length, CRC) is
 * png-chunks-encode's job; this only lays out and reads the fields inside.
 */
import { unzlibSync } from 'fflate'
import { MicrocredError } from '../errors.js'

export interface InternationalText {
  keyword: string
  text: string
}

const NUL = 0
const utf8 = new TextEncoder()
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
const latin1 = new TextDecoder('latin1')

/** An uncompressed iTXt payload with no language tag (what OB 3.0 baking writes). */
export function encodeInternationalText({ keyword, text }: InternationalText): Uint8Array {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new MicrocredError('ERR_BADGE_MALFORMED', `iTXt keyword ${JSON.stringify(keyword)} is not 1-79 printable Latin-1 characters`)
  const keywordBytes = utf8.encode(keyword)
  const textBytes = utf8.encode(text)
  const out = new Uint8Array(keywordBytes.length + 5 + textBytes.length)
  out.set(keywordBytes, 0)
  let at = keywordBytes.length
  out[at++] = NUL // end of keyword
  out[at++] = 0 // compression flag: uncompressed
  out[at++] = 0 // compression method
  out[at++] = NUL // empty language tag
  out[at++] = NUL // empty translated keyword
  out.set(textBytes, at)
  return out
}

function indexOfNul(bytes: Uint8Array, from: number): number {
  const i = bytes.indexOf(NUL, from)
  if (i < 0) throw new MicrocredError('ERR_BADGE_MALFORMED', 'an iTXt chunk is truncated')
  return i
}

/** Reads an iTXt payload; zlib-compressed text is inflated. Bad UTF-8 is an error, not replaced. */
export function decodeInternationalText(data: Uint8Array): InternationalText {
  const keywordEnd = indexOfNul(data, 0)
  const keyword = latin1.decode(data.subarray(0, keywordEnd))
  const compressed = data[keywordEnd + 1]
  const method = data[keywordEnd + 2]
  if (compressed === undefined || method === undefined || (compressed !== 0 && compressed !== 1) || method !== 0) {
    throw new MicrocredError('ERR_BADGE_MALFORMED', `the iTXt chunk "${keyword}" has an unknown compression flag or method`)
  }
  const languageEnd = indexOfNul(data, keywordEnd + 3)
  const translatedEnd = indexOfNul(data, languageEnd + 1)
  let body = data.subarray(translatedEnd + 1)
  if (compressed === 1) {
    try {
      body = unzlibSync(body)
    } catch {
      throw new MicrocredError('ERR_BADGE_MALFORMED', `the compressed text of the iTXt chunk "${keyword}" does not inflate`)
    }
  }
  try {
    return { keyword, text: strictUtf8.decode(body) }
  } catch {
    throw new MicrocredError('ERR_BADGE_MALFORMED', `the text of the iTXt chunk "${keyword}" is not UTF-8`)
  }
}
