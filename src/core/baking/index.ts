/** @module baking — Open Badges 3.0 baked badges (PNG iTXt, SVG element), browser-safe. */
export { bakePng, readPngBadge, isPng, OB3_PNG_KEYWORD, OB2_PNG_KEYWORD, type PngBadgeText } from './png.js'
export { bakeSvg, readSvgBadge, isSvg, OB3_SVG_NAMESPACE, OB2_SVG_NAMESPACE, type SvgBadgeText } from './svg.js'
export { readCredentialInput, describeOb2Input, type CredentialInput, type BadgeContainer } from './read-badge.js'
export { defaultBadgePng, defaultBadgeSvg, initialsOf } from './default-image.js'
