/**
 * @module portability/profiles
 * The framework profiles microcred ships (the JSON files in `profiles/`), bundled so the
 * browser-safe core can use them by name. A caller may pass its own profile object too.
 */
import auNmf from '../../../profiles/au-nmf.json' with { type: 'json' }
import caOntario from '../../../profiles/ca-ontario.json' with { type: 'json' }
import euMicrocredential2022 from '../../../profiles/eu-microcredential-2022.json' with { type: 'json' }
import nzqa from '../../../profiles/nzqa.json' with { type: 'json' }
import ukLleModule from '../../../profiles/uk-lle-module.json' with { type: 'json' }
import ukQaa from '../../../profiles/uk-qaa.json' with { type: 'json' }
import { MicrocredError } from '../errors.js'
import { parseProfile, type FrameworkProfile } from './profile.js'

const SHIPPED: readonly unknown[] = [euMicrocredential2022, nzqa, ukQaa, ukLleModule, auNmf, caOntario]

let bundled: ReadonlyMap<string, FrameworkProfile> | undefined

/** Shipped profiles by id (validated against the profile schema on first use). */
export function bundledProfiles(): ReadonlyMap<string, FrameworkProfile> {
  bundled ??= new Map(SHIPPED.map((doc) => parseProfile(doc, 'bundled profile')).map((p) => [p.id, p]))
  return bundled
}

export const BUNDLED_PROFILE_IDS = ['eu-microcredential-2022', 'nzqa', 'uk-qaa', 'uk-lle-module', 'au-nmf', 'ca-ontario'] as const

/** A shipped profile by id, or a caller's profile object (validated). Throws ERR_PROFILE_NOT_FOUND / ERR_PROFILE_INVALID. */
export function resolveProfile(profile: string | FrameworkProfile | Record<string, unknown>): FrameworkProfile {
  if (typeof profile === 'string') {
    const found = bundledProfiles().get(profile)
    if (found === undefined) {
      throw new MicrocredError('ERR_PROFILE_NOT_FOUND', `no profile named ${profile}; shipped profiles: ${[...bundledProfiles().keys()].join(', ')}`, {
        details: { profile },
      })
    }
    return found
  }
  return parseProfile(profile)
}
