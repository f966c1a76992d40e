/**
 * @module baking/png
 * Open Badges 3.0 baking in PNG (OB 3.0 §5.3.1): the credential (JSON text, or a compact JWT)
 * in one `iTXt` chunk with the keyword `openbadgecredential`. Reading also recognises an
 * Open Badges 2.0 badge (`iTXt`/`tEXt` keyword `openbadges`) so that it can be explained.
 * Chunk parsing and CRCs are png-chunks-extract / png-chunks-encode's.
 */
import encodeChunks from 'png-chunks-encode'
import extractChunks from 'png-chunks-extract'
import { MicrocredError } from '../errors.js'
import { decodeInternationalText, encodeInternationalText } from './itxt.js'
import { isPng } from './sniff.js'

export const OB3_PNG_KEYWORD = 'openbadgecredential'
export const OB2_PNG_KEYWORD = 'openbadges'

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

export { isPng }

interface Chunk {
  name: string
  data: Uint8Array
}

/**
 * png-chunks-extract allocates whatever length a chunk header declares before it reads the
 * chunk: a 60-byte file that claims a 2 GiB chunk would stall or exhaust memory. So the
 * declared lengths are checked against the bytes actually present first.
 */
function assertChunksFit(png: Uint8Array): void {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  let at = SIGNATURE.length
  while (at < png.length) {
    if (at + 12 > png.length) throw new MicrocredError('ERR_BADGE_MALFORMED', 'the PNG image is truncated')
    const length = view.getUint32(at)
    if (length > png.length - at - 12) throw new MicrocredError('ERR_BADGE_MALFORMED', 'the PNG image is corrupt: a chunk is longer than the file')
    const isEnd = view.getUint32(at + 4) === 0x49454e44 // "IEND"
    at += 12 + length
    if (isEnd) return
  }
  throw new MicrocredError('ERR_BADGE_MALFORMED', 'the PNG image is truncated (no IEND chunk)')
}

function chunksOf(png: Uint8Array): Chunk[] {
  if (!isPng(png)) throw new MicrocredError('ERR_BADGE_MALFORMED', 'the file is not a PNG image (no PNG signature)')
  assertChunksFit(png)
  let chunks: Chunk[]
  try {
    chunks = extractChunks(png)
  } catch (e) {
    throw new MicrocredError('ERR_BADGE_MALFORMED', `the PNG image is corrupt: ${(e as Error).message}`)
  }
  if (chunks[0]?.name !== 'IHDR' || chunks.at(-1)?.name !== 'IEND') throw new MicrocredError('ERR_BADGE_MALFORMED', 'the PNG image is corrupt: it must start with IHDR and end with IEND')
  return chunks
}

function keywordOf(chunk: Chunk): string | undefined {
  if (chunk.name !== 'iTXt' && chunk.name !== 'tEXt') return undefined
  const end = chunk.data.indexOf(0)
  return end < 0 ? undefined : new TextDecoder('latin1').decode(chunk.data.subarray(0, end))
}

/**
 * Bakes `payload` (the credential's JSON text, or a compact JWT) into a PNG. A badge baked
 * before is re-baked: any earlier `openbadgecredential` chunk is replaced, never duplicated.
 */
export function bakePng(png: Uint8Array, payload: string): Uint8Array {
  const chunks = chunksOf(png).filter((c) => keywordOf(c) !== OB3_PNG_KEYWORD)
  const baked: Chunk = { name: 'iTXt', data: encodeInternationalText({ keyword: OB3_PNG_KEYWORD, text: payload }) }
  return Uint8Array.from(encodeChunks([...chunks.slice(0, -1), baked, chunks.at(-1)!]))
}

export type PngBadgeText = { version: 3; text: string } | { version: 2; text: string }

/** The baked text of a PNG badge, or undefined when the image carries none. */
export function readPngBadge(png: Uint8Array): PngBadgeText | undefined {
  const chunks = chunksOf(png)
  const ob3 = chunks.filter((c) => c.name === 'iTXt' && keywordOf(c) === OB3_PNG_KEYWORD)
  if (ob3.length > 1) throw new MicrocredError('ERR_BADGE_MALFORMED', `the PNG badge carries ${ob3.length} "openbadgecredential" chunks; a baked badge has exactly one`)
  if (ob3.length === 1) return { version: 3, text: decodeInternationalText(ob3[0]!.data).text }
  const ob2 = chunks.find((c) => keywordOf(c) === OB2_PNG_KEYWORD)
  if (ob2 === undefined) return undefined
  if (ob2.name === 'iTXt') return { version: 2, text: decodeInternationalText(ob2.data).text }
  // tEXt: keyword, NUL, Latin-1 text.
  return { version: 2, text: new TextDecoder('latin1').decode(ob2.data.subarray(ob2.data.indexOf(0) + 1)) }
}
