/**
 * @module baking/default-image
 * A clean badge image for an achievement that has none: a coloured medallion with a light
 * ring (SVG also carries the initials and the name as its accessible title). The colour is
 * picked from the name, so one achievement always gets the same image; every colour in the
 * palette has a contrast ratio of at least 4.5:1 against white text.
 */
import { encode } from 'fast-png'

/** Deep tones; white text on each passes WCAG AA for normal text. */
const PALETTE: readonly (readonly [number, number, number])[] = [
  [0x1f, 0x4e, 0x79], // navy
  [0x0b, 0x6e, 0x4f], // green
  [0x7a, 0x28, 0x6b], // plum
  [0x8a, 0x3b, 0x12], // rust
  [0x33, 0x41, 0x55], // slate
  [0x00, 0x5f, 0x73], // teal
]

function colourFor(name: string): readonly [number, number, number] {
  let h = 2166136261
  for (const c of name) h = Math.imul(h ^ c.codePointAt(0)!, 16777619) >>> 0
  return PALETTE[h % PALETTE.length]!
}

const hex = ([r, g, b]: readonly [number, number, number]): string => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Up to two initials of the words that start with a letter or digit. */
export function initialsOf(name: string): string {
  const words = name.split(/\s+/).filter((w) => /^[\p{L}\p{N}]/u.test(w))
  const letters = words.filter((w) => !/^(of|and|the|in|for|to|de|la|le|und|für)$/i.test(w)).map((w) => Array.from(w)[0]!.toUpperCase())
  return (letters.length > 0 ? letters : words.map((w) => Array.from(w)[0]!.toUpperCase())).slice(0, 2).join('')
}

export function defaultBadgeSvg(name: string): string {
  const title = escapeXml(name)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400" role="img" aria-labelledby="title">
<title id="title">${title}</title>
<circle cx="200" cy="200" r="192" fill="${hex(colourFor(name))}"/>
<circle cx="200" cy="200" r="164" fill="none" stroke="#ffffff" stroke-opacity="0.85" stroke-width="8"/>
<text x="200" y="200" dy="0.35em" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="120" font-weight="700" fill="#ffffff">${escapeXml(initialsOf(name))}</text>
</svg>
`
}

/** Coverage of a pixel by a disc edge at distance `d` from the circle (1 px anti-aliasing). */
const coverage = (d: number): number => Math.min(1, Math.max(0, 0.5 - d))

export function defaultBadgePng(name: string, size = 256): Uint8Array {
  const [r, g, b] = colourFor(name)
  const data = new Uint8Array(size * size * 4)
  const c = (size - 1) / 2
  const outer = size * 0.48
  const ringOuter = size * 0.41
  const ringInner = size * 0.39
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c)
      const disc = coverage(d - outer)
      const ring = Math.min(coverage(d - ringOuter), coverage(ringInner - d)) * 0.85
      const i = (y * size + x) * 4
      data[i] = Math.round(r + (255 - r) * ring)
      data[i + 1] = Math.round(g + (255 - g) * ring)
      data[i + 2] = Math.round(b + (255 - b) * ring)
      data[i + 3] = Math.round(255 * disc)
    }
  }
  return encode({ width: size, height: size, data, channels: 4, depth: 8 })
}
