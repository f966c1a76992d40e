/**
 * @module contexts/document-loader
 * The static document loader: serves the bundled contexts, did:key and did:jwk documents, and
 * documents the caller supplies (e.g. an issuer's controller document). Anything else
 * is refused with ERR_CONTEXT_NOT_ALLOWED; nothing is ever fetched.
 */
import { MicrocredError } from '../errors.js'
import { resolveDidJwk } from '../did/did-jwk.js'
import { resolveDidKey } from '../did/did-key.js'
import { BUNDLED_CONTEXTS } from './bundled.js'

export interface RemoteDocument {
  contextUrl: null
  documentUrl: string
  document: unknown
}

/** The jsonld.js / jsonld-signatures loader signature. */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>

/** Resolves a DID (without fragment) to its document; return undefined when it cannot. */
export type DidResolver = (did: string) => Promise<Record<string, unknown> | undefined>

export interface DocumentLoaderOptions {
  /**
   * Extra documents by URL: controller documents of https issuers, extra contexts a
   * deployment decided to trust. They are served as given.
   */
  documents?: Readonly<Record<string, unknown>>
  /** Resolvers for DID methods other than did:key (did:web is opt-in, see kms/). */
  didResolvers?: Readonly<Record<string, DidResolver>>
}

export function createDocumentLoader(options: DocumentLoaderOptions = {}): DocumentLoader {
  const extra = new Map(Object.entries(options.documents ?? {}))
  const didResolvers = options.didResolvers ?? {}

  async function loadWhole(url: string): Promise<unknown> {
    const bundled = BUNDLED_CONTEXTS.get(url)
    if (bundled !== undefined) return servable(bundled)
    const supplied = extra.get(url)
    if (supplied !== undefined) return supplied
    if (url.startsWith('did:key:')) return resolveDidKey(url)
    if (url.startsWith('did:jwk:')) return resolveDidJwk(url)
    const method = /^did:([a-z0-9]+):/.exec(url)?.[1]
    const resolver = method === undefined ? undefined : didResolvers[method]
    if (resolver !== undefined) {
      const doc = await resolver(url)
      if (doc !== undefined) return doc
    }
    throw new MicrocredError('ERR_CONTEXT_NOT_ALLOWED', `refusing to load ${url}: not a bundled context or known document`, {
      details: { url },
    })
  }

  return async function documentLoader(url: string): Promise<RemoteDocument> {
    const hash = url.indexOf('#')
    if (hash === -1 || extra.has(url)) {
      return { contextUrl: null, documentUrl: url, document: await loadWhole(url) }
    }
    // A fragment names a node inside its document: a verification method of a controller.
    const whole = await loadWhole(url.slice(0, hash))
    const node = findNode(whole, url)
    if (node === undefined) {
      throw new MicrocredError('ERR_KEY_UNRESOLVABLE', `${url} is not in its controller document`, { details: { url } })
    }
    return { contextUrl: null, documentUrl: url, document: node }
  }
}

/**
 * jsonld.js writes the (absolute) URLs of an array-valued `@context` back into that array,
 * which throws on a frozen bundled context (security/v2 imports security/v1 this way): such
 * a context is served with a fresh copy of its top-level array; everything else as is.
 */
function servable(context: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const inner = context['@context']
  return Array.isArray(inner) ? { ...context, '@context': [...inner] } : context
}

function findNode(doc: unknown, id: string): Record<string, unknown> | undefined {
  if (doc === null || typeof doc !== 'object') return undefined
  const record = doc as Record<string, unknown>
  const methods = record['verificationMethod']
  for (const vm of Array.isArray(methods) ? methods : []) {
    if (vm !== null && typeof vm === 'object' && (vm as { id?: unknown }).id === id) {
      const context = record['@context']
      return { ...(context === undefined ? {} : { '@context': context }), ...(vm as Record<string, unknown>) }
    }
  }
  return undefined
}
