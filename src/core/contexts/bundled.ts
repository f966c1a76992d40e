/**
 * @module contexts/bundled
 * Every JSON-LD context microcred knows, keyed by the URL documents use.
 * The files live in the repository's `contexts/` folder; `contexts/manifest.json`
 * pins each file's SHA-256 and a test fails when a file changes.
 * They are imported (bundled), never fetched.
 */
import credentialsV2 from '../../../contexts/credentials-v2.json' with { type: 'json' }
import obV3p0_303 from '../../../contexts/ob-v3p0-3.0.3.json' with { type: 'json' }
import obV3p0_302 from '../../../contexts/ob-v3p0-3.0.2.json' with { type: 'json' }
import obExtensions from '../../../contexts/ob-v3p0-extensions.json' with { type: 'json' }
import dataIntegrityV2 from '../../../contexts/data-integrity-v2.json' with { type: 'json' }
import multikeyV1 from '../../../contexts/multikey-v1.json' with { type: 'json' }
import didV1 from '../../../contexts/did-v1.json' with { type: 'json' }
import statusListV1 from '../../../contexts/bitstring-status-list-v1.json' with { type: 'json' }
import microcredV1 from '../../../contexts/microcred-v1.json' with { type: 'json' }
import clrV2p0_201 from '../../../contexts/clr-v2p0-2.0.1.json' with { type: 'json' }
import clrV2p0 from '../../../contexts/clr-v2p0.json' with { type: 'json' }
import obV3p0_300 from '../../../contexts/ob-v3p0-3.0.0.json' with { type: 'json' }
import obV3p0_301 from '../../../contexts/ob-v3p0-3.0.1.json' with { type: 'json' }
import credentialsV1 from '../../../contexts/credentials-v1.json' with { type: 'json' }
import credentialsExamplesV1 from '../../../contexts/credentials-examples-v1.json' with { type: 'json' }
import credentialsExamplesV2 from '../../../contexts/credentials-examples-v2.json' with { type: 'json' }
import securityV1 from '../../../contexts/security-v1.json' with { type: 'json' }
import securityV2 from '../../../contexts/security-v2.json' with { type: 'json' }
import ed25519_2020V1 from '../../../contexts/ed25519-2020-v1.json' with { type: 'json' }
import jws2020V1 from '../../../contexts/jws-2020-v1.json' with { type: 'json' }
import statusList2021V1 from '../../../contexts/status-list-2021-v1.json' with { type: 'json' }
import odrl from '../../../contexts/odrl.json' with { type: 'json' }
import openBadgesV2 from '../../../contexts/openbadges-v2.json' with { type: 'json' }

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
  (
    [
      [VC_V2_CONTEXT, credentialsV2],
      [OB_V3P0_CONTEXT, obV3p0_303],
      [OB_V3P0_CONTEXT_302, obV3p0_302],
      [OB_EXTENSIONS_CONTEXT, obExtensions],
      [DATA_INTEGRITY_V2_CONTEXT, dataIntegrityV2],
      [MULTIKEY_V1_CONTEXT, multikeyV1],
      [DID_V1_CONTEXT, didV1],
      [BITSTRING_STATUS_LIST_V1_CONTEXT, statusListV1],
      [MICROCRED_V1_CONTEXT, microcredV1],
      [CLR_V2P0_CONTEXT, clrV2p0_201],
      [CLR_V2P0_CONTEXT_200, clrV2p0],
      [OB_V3P0_CONTEXT_300, obV3p0_300],
      [OB_V3P0_CONTEXT_301, obV3p0_301],
      [VC_V1_CONTEXT, credentialsV1],
      [VC_EXAMPLES_V1_CONTEXT, credentialsExamplesV1],
      [VC_EXAMPLES_V2_CONTEXT, credentialsExamplesV2],
      [ODRL_CONTEXT, odrl],
      [SECURITY_V1_CONTEXT, securityV1],
      [SECURITY_V2_CONTEXT, securityV2],
      [ED25519_2020_CONTEXT, ed25519_2020V1],
      [JWS_2020_CONTEXT, jws2020V1],
      [STATUS_LIST_2021_CONTEXT, statusList2021V1],
      [OPEN_BADGES_V2_CONTEXT, openBadgesV2],
    ] as const
  ).map(([url, doc]) => [url, deepFreeze(doc as Record<string, unknown>)]),
)

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}
