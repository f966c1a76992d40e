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
import { fastCanonize } from '../canonical/fast-canonize.js'
import { canonizeWithJsonLd } from '../jsonld/canonize-generic.js'
import type { Canonize } from './eddsa-rdfc-2022-proof.js'

export const defaultCanonize: Canonize = async (document, options) =>
  fastCanonize(document) ?? canonizeWithJsonLd(document, options)
