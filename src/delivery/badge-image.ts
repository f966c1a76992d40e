/**
 * @module delivery/badge-image
 * A credential baked into a badge image (Open Badges 3.0 baking): into the achievement's own
 * image when it is an inline `data:` PNG or SVG, else into the generated default badge. The
 * one place that chooses the image, for the claim download, the learner's re-download and
 * GET /credentials/:id/badge.png|svg.
 *
 * Remote images are never fetched: the service would otherwise make requests on behalf of
 * whoever wrote the achievement.
 */
import { bakePng, bakeSvg, defaultBadgePng, defaultBadgeSvg, isPlainObject } from '../core/index.js'

export type BadgeFormat = 'png' | 'svg'

const MEDIA_TYPE: Record<BadgeFormat, 'image/png' | 'image/svg+xml'> = { png: 'image/png', svg: 'image/svg+xml' }

/** The first subject's achievement of a credential (signed or template), or `{}`. */
export function achievementOfCredential(credential: Record<string, unknown>): Record<string, unknown> {
  const raw = credential['credentialSubject']
  const subject = Array.isArray(raw) ? raw[0] : raw
  return isPlainObject(subject) && isPlainObject(subject['achievement']) ? subject['achievement'] : {}
}

/** The achievement's image when it is a `data:` URL of the format's media type. */
function dataImage(achievement: Record<string, unknown>, type: string): Uint8Array | undefined {
  const image = achievement['image']
  const url = typeof image === 'string' ? image : isPlainObject(image) && typeof image['id'] === 'string' ? image['id'] : undefined
  const match = url === undefined ? null : /^data:([^;,]+)(;base64)?,(.*)$/s.exec(url)
  if (match === null || match[1]!.toLowerCase() !== type) return undefined
  return match[2] === undefined ? new TextEncoder().encode(decodeURIComponent(match[3]!)) : new Uint8Array(Buffer.from(match[3]!, 'base64'))
}

/**
 * The signed credential text baked into a badge. `achievement` is where the image comes from
 * (the offer's template or the credential itself). An own image that cannot be baked (not a
 * well-formed PNG/SVG) falls back to the default one: the learner must always get a badge.
 */
export function bakeBadge(format: BadgeFormat, credentialJson: string, achievement: Record<string, unknown>): { body: Buffer | string; type: string } {
  const name = typeof achievement['name'] === 'string' ? achievement['name'] : 'Badge'
  const own = dataImage(achievement, MEDIA_TYPE[format])
  if (format === 'png') {
    const bakeDefault = () => bakePng(defaultBadgePng(name), credentialJson)
    return { body: Buffer.from(own === undefined ? bakeDefault() : orDefault(() => bakePng(own, credentialJson), bakeDefault)), type: 'image/png' }
  }
  const bakeDefault = () => bakeSvg(defaultBadgeSvg(name), credentialJson)
  return { body: own === undefined ? bakeDefault() : orDefault(() => bakeSvg(new TextDecoder().decode(own), credentialJson), bakeDefault), type: 'image/svg+xml; charset=utf-8' }
}

function orDefault<T>(bake: () => T, bakeDefault: () => T): T {
  try {
    return bake()
  } catch {
    return bakeDefault()
  }
}
