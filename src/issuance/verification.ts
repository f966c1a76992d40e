/**
 * @module issuance/verification
 * Verification as this service does it: the core verifier, offline, plus what the service
 * knows itself — its own did:web document and its own status lists (read from the store and
 * signed like the published ones, and checked like any other list, once per version). A
 * status list published elsewhere is not fetched: its credentials' status is unknown.
 *
 * @example
 * const result = await verifyHere(ctx, lists, vc)
 */
import {
  createStatusListResolver,
  verifyPresentation,
  type PresentationVerificationResult,
  type CredentialVerificationResult,
  type StatusResolver,
  type VerifyOptions,
} from '../core/index.js'
import { createNodeCryptoProvider, verifyCredential } from '../index.js'
import { listIdOfUrl, type IssuanceContext } from './context.js'
import { didDocument } from './did-web.js'
import type { PublishedStatusList, StatusListPublisher } from './status-lists.js'

const nodeCrypto = createNodeCryptoProvider()

/**
 * One resolver per signed list (per version and signature): a list is verified and decoded
 * once, not on every request. Entries for lists published elsewhere go to a resolver that has
 * none, which answers "unknown".
 */
const resolvers = new WeakMap<PublishedStatusList, StatusResolver>()

function serviceStatusResolver(
  ctx: IssuanceContext,
  lists: StatusListPublisher,
  documents: Record<string, unknown> | undefined,
  supplied: readonly unknown[] = [],
): StatusResolver {
  const verifyOptions = documents === undefined ? {} : { verifyOptions: { documents } }
  // Lists published elsewhere are never fetched: only those the caller supplied answer for them.
  const none = createStatusListResolver({ clock: ctx.clock, ...verifyOptions, ...(supplied.length > 0 ? { lists: [...supplied] } : {}) })
  return async (entry, credential) => {
    const url = entry['statusListCredential']
    const listId = typeof url === 'string' ? listIdOfUrl(ctx, url) : undefined
    const list = listId === undefined ? undefined : await lists.get(listId)
    if (list === undefined) return none(entry, credential)
    let resolver = resolvers.get(list)
    if (resolver === undefined) {
      resolver = createStatusListResolver({ clock: ctx.clock, lists: [JSON.parse(list.json) as unknown], ...verifyOptions })
      resolvers.set(list, resolver)
    }
    return resolver(entry, credential)
  }
}

/** What a caller may add to the service's own knowledge: controller documents and signed status lists. */
export interface SuppliedDocuments {
  /** Controller (DID) documents of other issuers, by id. */
  documents?: Readonly<Record<string, unknown>>
  /** Signed status list credentials of other issuers (used only if they verify, like any list). */
  statusLists?: readonly unknown[]
}

/** Options for verifying with what this service knows: its did:web document and its own status lists, plus what the caller supplied. */
export async function localVerifyOptions(ctx: IssuanceContext, lists: StatusListPublisher, supplied: SuppliedDocuments = {}): Promise<VerifyOptions> {
  const did = await didDocument(ctx)
  const own = did === undefined ? {} : { [did.id]: did as unknown }
  // The service's own DID document always wins over a supplied one with the same id.
  const merged = { ...(supplied.documents ?? {}), ...own }
  const documents = Object.keys(merged).length === 0 ? undefined : merged
  return {
    clock: ctx.clock,
    statusResolver: serviceStatusResolver(ctx, lists, documents, supplied.statusLists),
    crypto: nodeCrypto,
    ...(documents === undefined ? {} : { documents }),
  }
}

/** What a caller adds to the service's own knowledge: framework profiles, a trust list, endorsements, strictness, the recipient's email. */
export type PortabilityOptions = Pick<VerifyOptions, 'profiles' | 'trustList' | 'endorsements' | 'strict' | 'email'> & SuppliedDocuments

export async function verifyCredentialHere(
  ctx: IssuanceContext,
  lists: StatusListPublisher,
  credential: unknown,
  extra: PortabilityOptions = {},
): Promise<CredentialVerificationResult> {
  const { documents, statusLists, ...rest } = extra
  const supplied = { ...(documents !== undefined ? { documents } : {}), ...(statusLists !== undefined ? { statusLists } : {}) }
  return verifyCredential(credential, { ...(await localVerifyOptions(ctx, lists, supplied)), ...rest })
}

export async function verifyPresentationHere(
  ctx: IssuanceContext,
  lists: StatusListPublisher,
  presentation: unknown,
  expected: { challenge?: string | undefined; domain?: string | undefined; strict?: boolean | undefined },
): Promise<PresentationVerificationResult> {
  return verifyPresentation(presentation, {
    ...(await localVerifyOptions(ctx, lists)),
    ...(expected.strict === true ? { strict: true } : {}),
    ...(expected.challenge === undefined ? {} : { challenge: expected.challenge }),
    ...(expected.domain === undefined ? {} : { domain: expected.domain }),
  })
}
