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
  type StatusResolver,
  type VerificationResult,
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

function serviceStatusResolver(ctx: IssuanceContext, lists: StatusListPublisher, documents: Record<string, unknown> | undefined): StatusResolver {
  const verifyOptions = documents === undefined ? {} : { verifyOptions: { documents } }
  const none = createStatusListResolver({ clock: ctx.clock, ...verifyOptions })
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

/** Options for verifying with what this service knows: its did:web document and its own status lists. */
export async function localVerifyOptions(ctx: IssuanceContext, lists: StatusListPublisher): Promise<VerifyOptions> {
  const did = await didDocument(ctx)
  const documents = did === undefined ? undefined : { [did.id]: did as unknown }
  return {
    clock: ctx.clock,
    statusResolver: serviceStatusResolver(ctx, lists, documents),
    crypto: nodeCrypto,
    ...(documents === undefined ? {} : { documents }),
  }
}

/** What a caller adds to the service's own knowledge: framework profiles, a trust list, endorsements. */
export type PortabilityOptions = Pick<VerifyOptions, 'profiles' | 'trustList' | 'endorsements'>

export async function verifyCredentialHere(ctx: IssuanceContext, lists: StatusListPublisher, credential: unknown, extra: PortabilityOptions = {}): Promise<VerificationResult> {
  return verifyCredential(credential, { ...(await localVerifyOptions(ctx, lists)), ...extra })
}

export async function verifyPresentationHere(
  ctx: IssuanceContext,
  lists: StatusListPublisher,
  presentation: unknown,
  expected: { challenge?: string | undefined; domain?: string | undefined },
): Promise<PresentationVerificationResult> {
  return verifyPresentation(presentation, {
    ...(await localVerifyOptions(ctx, lists)),
    ...(expected.challenge === undefined ? {} : { challenge: expected.challenge }),
    ...(expected.domain === undefined ? {} : { domain: expected.domain }),
  })
}
