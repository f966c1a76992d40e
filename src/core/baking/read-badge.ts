/**
 * @module baking/read-badge
 * What a verifier was handed: a credential as JSON, a baked PNG or SVG badge, a compact JWT,
 * or an Open Badges 2.0 assertion. Text inputs are read by read-text-input.ts (without the
 * image libraries); this module adds the baked badges.
 */
import { MicrocredError } from '../errors.js'
import { readPngBadge } from './png.js'
import { credentialInputFromText, inputText, readUnbakedInput, type CredentialInput } from './read-text-input.js'
import { isPng, isSvg } from './sniff.js'
import { readSvgBadge } from './svg.js'

export { describeOb2Input, type BadgeContainer, type CredentialInput } from './read-text-input.js'

/**
 * Reads what a user handed a verifier (file bytes). Throws a coded error when it is none of
 * the accepted forms: `ERR_BADGE_NOT_BAKED` for an image with nothing baked in,
 * `ERR_BADGE_MALFORMED` for a corrupt image, `ERR_INPUT_INVALID_JSON` otherwise.
 */
export function readCredentialInput(input: Uint8Array | string): CredentialInput {
  if (typeof input !== 'string' && isPng(input)) {
    const baked = readPngBadge(input)
    if (baked === undefined) throw new MicrocredError('ERR_BADGE_NOT_BAKED', 'the PNG image has no credential baked into it (no "openbadgecredential" or "openbadges" chunk)')
    return credentialInputFromText(baked.text, 'png', baked.version)
  }
  const text = inputText(input)
  if (isSvg(text)) {
    const baked = readSvgBadge(text)
    if (baked === undefined) throw new MicrocredError('ERR_BADGE_NOT_BAKED', 'the SVG image has no credential baked into it (no <openbadges:credential> or <openbadges:assertion> element)')
    return credentialInputFromText(baked.text, 'svg', baked.version)
  }
  // Text that is not an SVG: never undefined.
  return readUnbakedInput(text)!
}
