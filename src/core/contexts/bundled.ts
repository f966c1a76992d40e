/**
 * @module contexts/bundled
 * Every JSON-LD context microcred knows, keyed by the URL documents use.
 * The files live in the repository's `contexts/` folder; `contexts/manifest.json`
 * pins each file's URL and SHA-256, and a test fails when a file changes.
 * They are imported (bundled, as one generated JSON module), never fetched.
 */
// Generated from contexts/ by scripts/bundle-contexts.mjs (npm run build): URL → document, each
// file checked against its pinned SHA-256. One module, not one per file: cold start.
import contexts from './bundled-contexts.json' with { type: 'json' }

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2'
export const OB_V3P0_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
export const OB_V3P0_CONTEXT_302 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json'
export const OB_EXTENSIONS_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'
export const DATA_INTEGRITY_V2_CONTEXT = 'https://w3id.org/security/data-integrity/v2'
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1'
export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1'
export const BITSTRING_STATUS_LIST_V1_CONTEXT = 'https://www.w3.org/ns/credentials/status/v1'
/** microcred's own extension context (terms OB 3.0 has no property for). */
export const MICROCRED_V1_CONTEXT = 'https://w3id.org/microcred/v1'
/** 1EdTech CLR 2.0 context (2.0.1, as the CLR 2.0 eddsa-rdfc-2022 test vector uses it). */
export const CLR_V2P0_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json'

// Contexts of credentials in circulation that microcred verifies (and may not issue with).
/** W3C VC Data Model 1.1 (`issuanceDate`, `expirationDate`); VC 1.1 requests are also signed as VC 1.1 (with data-integrity v2 for the proof terms). */
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1'
export const VC_EXAMPLES_V1_CONTEXT = 'https://www.w3.org/2018/credentials/examples/v1'
export const VC_EXAMPLES_V2_CONTEXT = 'https://www.w3.org/ns/credentials/examples/v2'
/** Referenced by the VC 1.1 examples context. */
export const ODRL_CONTEXT = 'https://www.w3.org/ns/odrl.jsonld'
export const SECURITY_V1_CONTEXT = 'https://w3id.org/security/v1'
export const SECURITY_V2_CONTEXT = 'https://w3id.org/security/v2'
/** Ed25519Signature2020 / Ed25519VerificationKey2020 (Digital Credentials Consortium issuers). */
export const ED25519_2020_CONTEXT = 'https://w3id.org/security/suites/ed25519-2020/v1'
export const JWS_2020_CONTEXT = 'https://w3id.org/security/suites/jws-2020/v1'
export const STATUS_LIST_2021_CONTEXT = 'https://w3id.org/vc/status-list/2021/v1'
/** OB 3.0.0 was published at the unversioned URL. */
export const OB_V3P0_CONTEXT_300 = 'https://purl.imsglobal.org/spec/ob/v3p0/context.json'
export const OB_V3P0_CONTEXT_301 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json'
/** CLR 2.0 as first published (before context-2.0.1.json). */
export const CLR_V2P0_CONTEXT_200 = 'https://purl.imsglobal.org/spec/clr/v2p0/context.json'
/** Open Badges 2.0 assertions. */
export const OPEN_BADGES_V2_CONTEXT = 'https://w3id.org/openbadges/v2'

/** URL → context document. Frozen: nothing may change a bundled context at run time. */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, Readonly<Record<string, unknown>>> = new Map(
  Object.entries(contexts as Record<string, Record<string, unknown>>).map(([url, doc]) => [url, deepFreeze(doc)]),
)

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}
