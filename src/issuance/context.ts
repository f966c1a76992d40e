/**
 * @module issuance/context
 * What every issuance use-case receives: the store, the active issuer, a clock and the
 * service's public base URL. Built once by the app (or a test) and passed explicitly;
 * nothing in src/issuance reaches for globals.
 */
import type { Clock, DocumentLoader, Issuer } from '../core/index.js'
import type { StatusPurpose, Store } from '../storage/store.js'
import type { IssuePool } from '../workers/issue-pool.js'
import type { AuditActor } from './audit.js'
import type { GroupedAuditAppend } from './audit-groups.js'
import type { GroupedInsert } from './insert-groups.js'
import type { StatusAllocator } from './status-blocks.js'

/**
 * The issuer currently signing. Key rotation replaces it while the service runs; every
 * use-case reads it at the moment it signs.
 */
export class ActiveIssuer {
  #issuer: Issuer
  /** The issuer directory (microcred.json, keys/) when the issuer was loaded from one. */
  readonly dir: string | undefined

  constructor(issuer: Issuer, dir?: string) {
    this.#issuer = issuer
    this.dir = dir
  }

  get current(): Issuer {
    return this.#issuer
  }

  replace(issuer: Issuer): void {
    if (issuer.id !== this.#issuer.id) throw new TypeError(`ActiveIssuer: cannot replace ${this.#issuer.id} with another issuer (${issuer.id})`)
    this.#issuer = issuer
  }
}

export interface IssuanceContext {
  store: Store
  issuer: ActiveIssuer
  clock: Clock
  /** The public base URL, without a trailing slash (known once the server listens). */
  baseUrl: () => string
  /** Loader for signing (bundled contexts); the core's default when absent. */
  documentLoader?: DocumentLoader
  /**
   * The status entries every credential gets (default: revocation and suspension, as a
   * `credentialStatus` list). With one purpose, `credentialStatus` is a single object, which
   * is what the OB 3.0 JSON Schema (cardinality 0..1) admits.
   */
  statusPurposes?: readonly StatusPurpose[]
  /**
   * Worker threads that sign batches on every core. Used only while the active key is the
   * pool's key (after a rotation, batches are signed on the main thread until restart).
   */
  pool?: IssuePool
  /** Who is acting, for the audit log (issuance/audit.ts); set per request by the HTTP layer. */
  actor?: AuditActor | undefined
  /**
   * Where status positions come from (the service: blocks held in memory, see
   * status-blocks.ts); `store.allocateStatusPositions` when absent.
   */
  allocateStatus?: StatusAllocator
  /**
   * Stores issued credentials that have no idempotency record (the service: inserts of the
   * same event-loop turn share one commit, see insert-groups.ts); `store.insertCredentials`
   * when absent.
   */
  insertGrouped?: GroupedInsert
  /**
   * Writes audit entries (the service: entries of the same event-loop turn share one commit,
   * see audit-groups.ts); `store.appendAudit` when absent.
   */
  auditGrouped?: GroupedAuditAppend
}

/** `${base}/credentials/<uuid>`: the id given to credentials that arrive without one. */
export function newCredentialUrl(ctx: Pick<IssuanceContext, 'baseUrl'>): string {
  return `${ctx.baseUrl()}/credentials/${crypto.randomUUID()}`
}

/** The URL a status list is published at (its credential `id`). */
export function statusListUrl(ctx: IssuanceContext, listId: string): string {
  return `${ctx.baseUrl()}/status/${encodeURIComponent(listId)}`
}

/** The list id of one of our status list URLs, or undefined for anyone else's URL. */
export function listIdOfUrl(ctx: IssuanceContext, url: string): string | undefined {
  const prefix = `${ctx.baseUrl()}/status/`
  if (!url.startsWith(prefix)) return undefined
  const rest = url.slice(prefix.length)
  if (rest === '' || rest.includes('/') || rest.includes('#') || rest.includes('?')) return undefined
  try {
    return decodeURIComponent(rest)
  } catch {
    return undefined
  }
}
