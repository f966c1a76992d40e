/**
 * @module suites/default-canonize
 * The canonicalization issuing and verifying use unless the caller passes another: the fast
 * path (src/core/canonical) for documents it fully covers — our own credentials — and
 * jsonld.js for everything else. Both produce the same bytes; tests/unit/canonical proves it
 * differentially over golden vectors and ≥ 10 000 generated credentials.
 *
 * The fast path reads the bundled contexts directly, so a caller whose document loader maps
 * a bundled URL to a different document must pass `canonize: canonizeWithJsonLd`.
 */
import { fastCanonizeAsync } from '../canonical/fast-canonize-async.js'
import { canonizeWithJsonLd } from '../jsonld/canonize-generic.js'
import type { Canonize } from './eddsa-rdfc-2022-proof.js'

export interface CanonizeOptions {
  /**
   * Share of fast-path results also computed by jsonld.js and compared (0 to 1, default 0):
   * cheap insurance in production that the fast path still equals the reference.
   */
  shadowSampleRate?: number
  /** Called on a mismatch; the jsonld.js result is used, so nothing wrong is signed. */
  onShadowMismatch?: (mismatch: { document: Record<string, unknown>; fast: string; reference: string }) => void
  /** Source of randomness for sampling (tests pin it). */
  random?: () => number
  /** The fast path (replaceable so the shadow check itself can be tested). */
  fast?: (document: Record<string, unknown>, sha256Hex?: (text: string) => string) => string | undefined | Promise<string | undefined>
}

export function createCanonize(settings: CanonizeOptions = {}): Canonize {
  const rate = settings.shadowSampleRate ?? 0
  if (!(rate >= 0 && rate <= 1)) throw new RangeError('shadowSampleRate must be between 0 and 1')
  const random = settings.random ?? Math.random
  const fastPath = settings.fast ?? fastCanonizeAsync
  return async (document, options) => {
    const fast = await fastPath(document, options.sha256Hex)
    if (fast === undefined) return canonizeWithJsonLd(document, options)
    if (rate > 0 && random() < rate) {
      const reference = await canonizeWithJsonLd(document, options)
      if (reference !== fast) {
        settings.onShadowMismatch?.({ document, fast, reference })
        return reference
      }
    }
    return fast
  }
}

export const defaultCanonize: Canonize = createCanonize()
