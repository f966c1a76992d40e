/**
 * @module storage/store
 * The store port: everything the issuer service keeps. Adapters (memory/, sqlite/, postgres/)
 * implement it and all pass one contract suite (tests/contract/store.contract.ts); a behaviour
 * difference between adapters is a bug.
 *
 * Semantics
 * - Lifecycle: `migrate()` runs the versioned migrations (idempotent; safe when several
 *   processes start at once against one PostgreSQL database). Call it once before anything
 *   else. `close()` releases connections; the store is unusable afterwards.
 * - Timestamps are set by the store from its injected clock (adapter option `clock`), never
 *   by the caller, so every adapter reports the same instants in tests.
 * - Getters (`get…`, `find…`) return `undefined` when nothing matches; they never throw
 *   `ERR_STORE_NOT_FOUND`. Mutators on a missing record throw a not-found code
 *   (`ERR_CREDENTIAL_NOT_FOUND` for credentials, `ERR_STORE_NOT_FOUND` otherwise).
 * - Credentials are stored as the exact signed JSON text (`json`) and returned as that same
 *   string: never parsed and re-serialized by the store.
 * - `allocateStatusPositions` is its own transaction and commits before the caller signs.
 *   Positions are never handed out twice, across processes sharing a database (a row lock
 *   on the open list plus a unique (list, index) constraint). A position whose credential is
 *   never stored stays unused (its bit stays 0): that is the price of not holding a lock
 *   while signing. Each list holds `statusListSize` (≥ 131 072) entries; the index inside a
 *   list is a keyed pseudo-random permutation of the allocation counter (herd privacy); a
 *   new list is opened when one fills.
 * - `insertCredentials` is all-or-nothing (up to `MAX_BATCH` credentials): either every
 *   credential, its status positions and the idempotency record are stored, or nothing is.
 *   · duplicate credential id, or a status position already used → `ERR_STORE_CONFLICT`
 *   · unknown status list id or a position outside the list → `ERR_STORE_CONFLICT`
 *   · more than `MAX_BATCH` credentials → `ERR_BATCH_TOO_LARGE`
 *   · with `audit`: the entries are appended in the same transaction, after the credentials,
 *     so an issue is never stored without its audit entry nor logged without being stored;
 *     nothing is appended when the insert is a replay or fails.
 *   · with `idempotency`: when the key is already stored with the same `requestHash`,
 *     nothing is inserted and the stored ids are returned (`replayed: true`); with another
 *     `requestHash` → `ERR_IDEMPOTENCY_KEY_REUSED`. Two concurrent inserts with one key: one
 *     wins, the other gets the winner's ids (`replayed: true`) or the conflict. Keys are
 *     global: callers namespace them (e.g. prefix the API key id) if they must.
 *   · idempotency records live `idempotencyTtlMs` (store option, default 24 h). An expired
 *     record is invisible: `getIdempotency` returns undefined and a request with its key is
 *     a new request (the old record is replaced). `purgeExpiredIdempotency` deletes expired
 *     records; the credentials they named stay stored.
 * - `updateCredentialStatus` is one transaction: the credential's status bits and the
 *   affected lists' `version`/`updatedAt` change together.
 *   · unknown credential → `ERR_CREDENTIAL_NOT_FOUND`
 *   · no entry for the purpose the action needs → `ERR_STATUS_NOT_TRACKED`
 *   · suspend/unsuspend a revoked credential → `ERR_STATUS_IRREVERSIBLE` (revocation is final)
 *   · revoking a revoked, suspending a suspended, unsuspending an active credential is a
 *     no-op reported as `changed: false` (retries are safe); its reason is not recorded.
 *   · `reason` is stored with a change (`statusReason`), replacing the previous one; a change
 *     without a reason clears it. It never appears in a status list.
 * - Status lists: `version` starts at 1 and grows by one on every change of a bit; use
 *   `${listId}:${version}` as an ETag. `bits` is the W3C bitstring (index 0 = most
 *   significant bit of byte 0), `size / 8` bytes, uncompressed.
 * - API keys: only the SHA-256 hash (lower-case hex) of the token is stored. Duplicate
 *   id/hash → `ERR_STORE_CONFLICT`. `findApiKeyByHash` returns revoked keys too (check
 *   `revokedAt`). Revoking twice keeps the first `revokedAt`. `expiresAt` (optional) is
 *   stored and returned as given; the store does not judge it (callers compare it with
 *   their clock, see issuance/api-keys.ts).
 * - Achievements: `createAchievement` on an existing id → `ERR_STORE_CONFLICT`.
 *   `updateAchievement` replaces the definition and Achievement of an existing id (keeping
 *   `createdAt`; credentials already issued keep the Achievement they were signed with);
 *   a missing id → `ERR_STORE_NOT_FOUND`.
 * - Audit log (staff actions): `appendAudit` adds an entry stamped with the store's clock;
 *   entries are never changed or deleted. `listAudit` is newest first, keyset-paginated.
 * - Pathways (stacking rules, schemas/pathway.schema.json): stored as the validated document,
 *   keyed by its `id`; `createPathway` on an existing id → `ERR_STORE_CONFLICT`. A pathway is
 *   never changed in place: a new version is a new id (awards name the pathway they met).
 * - Issuer keys: public verification methods only (private keys live in `keys/`); a key is
 *   retired by date and stays listed, so old credentials keep verifying.
 * - Offers (a credential signed later, when the learner claims it; see issuance/offers.ts):
 *   the claim token is never stored, only its SHA-256 (lower-case hex); `findOfferByTokenHash`
 *   looks it up. `state` is derived on read from the store's clock: revoked > claimed >
 *   expired (`expiresAt` ≤ now) > pending. `createOffers` is one transaction (offers and
 *   their outbox rows); duplicate id/hash → `ERR_STORE_CONFLICT`.
 *   · `claimOffer` is one transaction: the offer row is locked, checked (claimed →
 *     `ERR_OFFER_CLAIMED`, revoked → `ERR_OFFER_REVOKED`, expired → `ERR_OFFER_EXPIRED`,
 *     missing → `ERR_OFFER_NOT_FOUND`), marked claimed and the credential inserted as by
 *     `insertCredentials`; of two concurrent claims exactly one commits. A pending delivery
 *     of the offer is cancelled (its claim URL erased).
 *   · `revokeOffer` on a claimed offer → `ERR_OFFER_CLAIMED`; revoking twice keeps the first
 *     `revokedAt`; a pending delivery is cancelled.
 * - Outbox (email delivery of offers): one row per offer sent by email. The claim URL is
 *   kept in the row only while the message waits (`queued`); it is erased when the message
 *   is sent, given up (`failed`) or cancelled. `leaseDueDeliveries` hands out queued rows
 *   whose `nextAttemptAt` ≤ now and moves their `nextAttemptAt` to now + lease in the same
 *   statement, so two workers never send one message at the same time; rows of offers that
 *   are no longer pending are cancelled instead. `recordDeliveryAttempt` appends to the
 *   offer's delivery log and moves the row on (sent; queued again at `retryAt`; or failed).
 * - Wallet secrets: only hashes; `findWalletSecret` and `useWalletSecret` see a secret only
 *   while unexpired (`expiresAt` > now) and unused; `useWalletSecret` marks it used in one
 *   conditional update, so a nonce or challenge is accepted once.
 * - Infrastructure faults (connection lost, disk full) surface as the driver's error or
 *   `ERR_STORE_UNAVAILABLE`; they are not mapped to 4xx codes.
 */
import type { Clock } from '../core/ports.js'
import { MAX_BATCH_SIZE } from '../limits.js'

/** Most credentials one `insertCredentials` call accepts. */
export const MAX_BATCH = MAX_BATCH_SIZE
/** Smallest status list allowed by W3C Bitstring Status List v1.0 (16 KiB). */
export const MIN_STATUS_LIST_SIZE = 131_072

export const STATUS_PURPOSES = ['revocation', 'suspension'] as const
export type StatusPurpose = (typeof STATUS_PURPOSES)[number]

export const API_KEY_SCOPES = ['issue', 'revoke', 'read', 'admin'] as const
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number]

export type StatusAction = 'revoke' | 'suspend' | 'unsuspend'

/** One place in one status list. `listId` is opaque to callers (URL-safe, short). */
export interface StatusPosition {
  listId: string
  purpose: StatusPurpose
  /** 0 ≤ index < list size. Written into the credential as a decimal string. */
  index: number
}

export interface NewCredential {
  /** The credential's `id` (a URL or `urn:uuid:…`); unique. */
  id: string
  issuerId: string
  /** The subject's `id` when it has one, else its identity hash (`sha256$…`). */
  recipient: string
  achievementId?: string | undefined
  /** The exact signed JSON text; returned byte for byte. */
  json: string
  /** The positions written into the credential's `credentialStatus` (from allocateStatusPositions). */
  status: StatusPosition[]
}

export interface StoredCredential extends NewCredential {
  createdAt: Date
  revoked: boolean
  suspended: boolean
  /** Last status change, or `createdAt` when never changed. */
  statusUpdatedAt: Date
  /**
   * Why the last status change was made, as the operator gave it (kept for the record and
   * shown to operators; never published in a status list). Undefined when none was given.
   */
  statusReason?: string | undefined
  /** The learner chose to show it on a public credential page (`/c/<id>`); false until then. */
  publicPage: boolean
}

export interface StatusChangeOptions {
  /** Recorded with the change (replacing the previous change's reason); at most 1000 characters. */
  reason?: string | undefined
}

export interface IdempotencyInput {
  key: string
  /** A hash of the request (method, path, body) computed by the caller. */
  requestHash: string
}

export interface IdempotencyRecord extends IdempotencyInput {
  /** Credential ids in request order. */
  credentialIds: string[]
  createdAt: Date
}

export interface InsertResult {
  /** Ids of the stored credentials, in request order (the original ones on a replay). */
  ids: string[]
  /** True when the idempotency key was already stored and nothing new was inserted. */
  replayed: boolean
}

export interface ListCredentialsQuery {
  recipient?: string | undefined
  achievementId?: string | undefined
  issuerId?: string | undefined
  /** 1..1000, default 100. */
  limit?: number | undefined
  /** `nextCursor` from the previous page. An invalid cursor → `ERR_USAGE`. */
  cursor?: string | undefined
}

export interface Page<T> {
  items: T[]
  /** Present when there are more items. */
  nextCursor?: string | undefined
}

export interface StatusChangeResult {
  credential: StoredCredential
  changed: boolean
  /** Lists whose bits changed (empty when `changed` is false). */
  listIds: string[]
}

export interface StatusListMeta {
  listId: string
  purpose: StatusPurpose
  size: number
  /** Positions handed out so far (the list is full when allocated === size). */
  allocated: number
  version: number
  createdAt: Date
  updatedAt: Date
}

export interface StatusListRecord extends StatusListMeta {
  /** Uncompressed bitstring, `size / 8` bytes, index 0 = MSB of byte 0. */
  bits: Uint8Array
}

export interface AchievementRecord {
  id: string
  /** The definition as given (e.g. a MicroCredentialDefinition), stored as JSON. */
  definition: Record<string, unknown>
  /** The OB 3.0 Achievement built from it (toAchievement). */
  achievement: Record<string, unknown>
  createdAt: Date
}

export interface PathwayRecord {
  /** The pathway's own `id` (a URL or URN). */
  id: string
  /** The pathway document as validated by `parsePathway`, stored as JSON. */
  pathway: Record<string, unknown>
  createdAt: Date
}

export interface NewApiKey {
  id: string
  name: string
  /** SHA-256 of the token, lower-case hex. */
  hash: string
  scopes: ApiKeyScope[]
  /** After this instant the key no longer authenticates; absent: it never expires. */
  expiresAt?: Date | undefined
}

export interface ApiKeyRecord extends NewApiKey {
  createdAt: Date
  revokedAt?: Date | undefined
}

export interface NewIssuerKey {
  /** Verification method id (`did:web:…#key-1`, `did:key:…#z6Mk…`). */
  id: string
  controller: string
  publicKeyMultibase: string
}

export interface IssuerKeyRecord extends NewIssuerKey {
  createdAt: Date
  /** Set when a newer key took over; the key stays in the DID document. */
  retiredAt?: Date | undefined
}

export const OFFER_STATES = ['pending', 'claimed', 'revoked', 'expired'] as const
export type OfferState = (typeof OFFER_STATES)[number]

export type DeliveryState = 'queued' | 'sent' | 'failed' | 'cancelled'

export interface NewOffer {
  /** Opaque, URL-safe; unique. */
  id: string
  /** SHA-256 of the claim token, lower-case hex; unique. */
  tokenHash: string
  issuerId: string
  achievementId?: string | undefined
  /** Where the claim link is (or would be) sent; never part of the credential itself. */
  email?: string | undefined
  /** The unsigned credential as JSON text; signed when the offer is claimed. */
  template: string
  expiresAt: Date
  /** Queue an email: the outbox row holds the claim URL until the message is sent. */
  delivery?: { claimUrl: string } | undefined
}

export interface DeliveryRecord {
  state: DeliveryState
  attempts: number
  nextAttemptAt: Date
  /** The last failure, without secrets (see delivery/mailer.ts). */
  lastError?: string | undefined
  sentAt?: Date | undefined
}

export interface OfferRecord extends Omit<NewOffer, 'delivery'> {
  state: OfferState
  createdAt: Date
  claimedAt?: Date | undefined
  revokedAt?: Date | undefined
  /** The credential signed at claim time. */
  credentialId?: string | undefined
  /** The DID the credential was bound to at claim time, when the learner gave one. */
  holder?: string | undefined
  delivery?: DeliveryRecord | undefined
}

export interface ListOffersQuery {
  achievementId?: string | undefined
  state?: OfferState | undefined
  /** 1..1000, default 100. */
  limit?: number | undefined
  cursor?: string | undefined
}

export interface DueDelivery {
  offerId: string
  email: string
  claimUrl: string
  /** Attempts made before this one. */
  attempts: number
}

export interface DeliveryAttempt {
  at: Date
  ok: boolean
  error?: string | undefined
}

export type DeliveryOutcome = { ok: true } | { ok: false; error: string; retryAt?: Date | undefined }


// jobs (POST /credentials/issue/jobs, `microcred issue --csv`): any number of credentials,
// stored row by row when accepted and issued chunk by chunk (see jobs/job-runner.ts)

export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const
export type JobState = (typeof JOB_STATES)[number]

export interface NewJob {
  /** Opaque, URL-safe; unique. */
  id: string
  issuerId: string
  /** Who submitted it (an API key id, or `cli`); for the record. */
  createdBy?: string | undefined
}

export interface JobRecord extends NewJob {
  state: JobState
  total: number
  /** Rows issued. */
  done: number
  /** Rows refused (each with its own error). */
  failed: number
  /** Why the job as a whole failed (state `failed`). */
  error?: string | undefined
  createdAt: Date
  startedAt?: Date | undefined
  finishedAt?: Date | undefined
}

/** One row of a job still to issue: the item exactly as submitted (JSON text). */
export interface PendingJobRow {
  row: number
  item: string
}

export interface JobRowError {
  code: string
  message: string
  /** JSON path of the problem inside the row's item, when known. */
  path?: string | undefined
}

export type JobRowResult = { row: number; ok: true; credentialId: string } | { row: number; ok: false; error: JobRowError }

/** What one chunk of a job produced; stored with `completeJobRows` in one transaction. */
export interface JobChunkOutcome {
  issued: { row: number; credential: NewCredential }[]
  failed: { row: number; error: JobRowError }[]
}

/**
 * A short-lived secret handed to a wallet (see issuance/wallet-secrets.ts): an OID4VCI access
 * token (bound to an offer), an OID4VCI c_nonce, or a VC-API DIDAuth challenge (bound to an
 * offer). Only its SHA-256 is stored.
 */
export const WALLET_SECRET_KINDS = ['oid4vci-access-token', 'oid4vci-nonce', 'vcapi-challenge'] as const
export type WalletSecretKind = (typeof WALLET_SECRET_KINDS)[number]

export interface NewWalletSecret {
  /** SHA-256 of the secret, lower-case hex; unique. */
  hash: string
  kind: WalletSecretKind
  offerId?: string | undefined
  expiresAt: Date
}

export interface WalletSecretRecord extends NewWalletSecret {
  createdAt: Date
  usedAt?: Date | undefined
}

export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'postgres'

  migrate(): Promise<void>
  close(): Promise<void>
  /** Resolves when the database answers (for /health). */
  ping(): Promise<void>

  // achievements
  createAchievement(input: { id: string; definition: Record<string, unknown>; achievement: Record<string, unknown> }): Promise<AchievementRecord>
  getAchievement(id: string): Promise<AchievementRecord | undefined>
  listAchievements(query?: { limit?: number; cursor?: string }): Promise<Page<AchievementRecord>>
  updateAchievement(input: { id: string; definition: Record<string, unknown>; achievement: Record<string, unknown> }): Promise<AchievementRecord>

  // pathways
  createPathway(input: { id: string; pathway: Record<string, unknown> }): Promise<PathwayRecord>
  getPathway(id: string): Promise<PathwayRecord | undefined>
  /** In creation order, keyset-paginated like achievements. */
  listPathways(query?: { limit?: number; cursor?: string }): Promise<Page<PathwayRecord>>

  // status positions
  /**
   * Allocates `count` credentials' worth of positions, one per purpose in `purposes` order:
   * the result has `count` arrays, each `purposes.length` long. Committed on return.
   */
  allocateStatusPositions(count: number, purposes: readonly StatusPurpose[]): Promise<StatusPosition[][]>

  // credentials
  insertCredentials(credentials: NewCredential[], options?: InsertCredentialsOptions): Promise<InsertResult>
  getCredential(id: string): Promise<StoredCredential | undefined>
  /** The credentials found, in the order of `ids` (missing ones are skipped). */
  getCredentials(ids: readonly string[]): Promise<StoredCredential[]>
  /** Newest last (insertion order), keyset-paginated. */
  listCredentials(query: ListCredentialsQuery): Promise<Page<StoredCredential>>
  /** The live record for a key; undefined when absent or expired. */
  getIdempotency(key: string): Promise<IdempotencyRecord | undefined>
  /** Deletes every expired idempotency record; resolves with how many were deleted. */
  purgeExpiredIdempotency(): Promise<number>
  updateCredentialStatus(id: string, action: StatusAction, options?: StatusChangeOptions): Promise<StatusChangeResult>
  /** Turns the credential's public page on or off; unknown id → `ERR_CREDENTIAL_NOT_FOUND`. */
  setCredentialPublicPage(id: string, publicPage: boolean): Promise<StoredCredential>

  // status lists
  getStatusListMeta(listId: string): Promise<StatusListMeta | undefined>
  getStatusList(listId: string): Promise<StatusListRecord | undefined>
  listStatusLists(): Promise<StatusListMeta[]>

  // offers and their email outbox
  createOffers(offers: readonly NewOffer[]): Promise<OfferRecord[]>
  getOffer(id: string): Promise<OfferRecord | undefined>
  findOfferByTokenHash(hash: string): Promise<OfferRecord | undefined>
  /** Oldest first, keyset-paginated. */
  listOffers(query: ListOffersQuery): Promise<Page<OfferRecord>>
  claimOffer(id: string, credential: NewCredential, options?: { holder?: string | undefined }): Promise<OfferRecord>
  revokeOffer(id: string): Promise<OfferRecord>
  leaseDueDeliveries(limit: number, leaseMs: number): Promise<DueDelivery[]>
  recordDeliveryAttempt(offerId: string, outcome: DeliveryOutcome): Promise<void>
  /** Oldest first. */
  listDeliveryAttempts(offerId: string): Promise<DeliveryAttempt[]>


  // jobs
  /**
   * Stores a job and all its rows (`items[i]` is row i, JSON text), state `queued`. The items
   * are read as they come and written in chunks (job-rules.ts `JOB_INSERT_ROWS` /
   * `JOB_INSERT_BYTES`), never held whole; the job becomes visible only once its last row is
   * stored (a failure or crash before that leaves no job). Duplicate id → `ERR_STORE_CONFLICT`;
   * no rows → `ERR_INPUT_INVALID`.
   */
  createJob(job: NewJob, items: Iterable<string> | AsyncIterable<string>): Promise<JobRecord>
  getJob(id: string): Promise<JobRecord | undefined>
  /** Jobs in state queued or running, oldest first (a runner resumes them at start). */
  listUnfinishedJobs(): Promise<JobRecord[]>
  /** queued → running (sets `startedAt` once); any other state is left as it is. Unknown id → `ERR_STORE_NOT_FOUND`. */
  startJob(id: string): Promise<JobRecord>
  /** Rows not issued nor refused yet with row ≥ `fromRow` (and < `toRow` when given), in row order. */
  pendingJobRows(jobId: string, fromRow: number, limit: number, toRow?: number): Promise<PendingJobRow[]>
  /**
   * One transaction: inserts the issued credentials (as `insertCredentials`), records every
   * row's credential id or error and moves the job's counters; the job becomes `done` when
   * no row is left. Rows already recorded make it a no-op (`applied: false`: a chunk delivered
   * twice is stored once); a chunk that is partly recorded → `ERR_STORE_CONFLICT`, as is a
   * credential id that exists already (nothing is stored then).
   */
  completeJobRows(jobId: string, outcome: JobChunkOutcome): Promise<{ applied: boolean; job: JobRecord }>
  /** Recorded rows with row ≥ `fromRow`, in row order (a row not yet processed is absent). */
  jobResults(jobId: string, fromRow: number, limit: number): Promise<JobRowResult[]>
  /** queued/running → failed or cancelled (`finishedAt` set); a finished job is left as it is. */
  finishJob(id: string, state: 'failed' | 'cancelled', error?: string): Promise<JobRecord>

  // wallet secrets (OID4VCI access tokens and nonces, VC-API challenges)
  /** Stores a secret's hash (its offer must exist → else ERR_OFFER_NOT_FOUND); expired rows are deleted on the way. Duplicate hash → ERR_STORE_CONFLICT. */
  createWalletSecret(input: NewWalletSecret): Promise<WalletSecretRecord>
  /** The secret when it is of `kind`, unexpired and unused; otherwise undefined. */
  findWalletSecret(hash: string, kind: WalletSecretKind): Promise<WalletSecretRecord | undefined>
  /** Marks a live secret used, once: of two concurrent calls exactly one gets the record. */
  useWalletSecret(hash: string, kind: WalletSecretKind): Promise<WalletSecretRecord | undefined>

  // API keys
  createApiKey(input: NewApiKey): Promise<ApiKeyRecord>
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined>
  revokeApiKey(id: string): Promise<ApiKeyRecord>
  listApiKeys(): Promise<ApiKeyRecord[]>

  // issuer keys (did:web rotation)
  addIssuerKey(input: NewIssuerKey): Promise<IssuerKeyRecord>
  /** Oldest first, retired ones included. */
  listIssuerKeys(controller: string): Promise<IssuerKeyRecord[]>
  retireIssuerKey(id: string): Promise<IssuerKeyRecord>

  // audit log of staff actions
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>
  /** Newest first. */
  listAudit(query?: ListAuditQuery): Promise<Page<AuditEntry>>
  /**
   * Several entries in order, in one transaction (all or none; every entry is checked first):
   * the service's audit groups (issuance/audit-groups.ts) write the entries of concurrent
   * issues with one commit instead of one each.
   */
  appendAudits(entries: readonly NewAuditEntry[]): Promise<void>
}

export interface InsertCredentialsOptions {
  idempotency?: IdempotencyInput | undefined
  /** Audit entries committed with the credentials (see the contract above). */
  audit?: readonly NewAuditEntry[] | undefined
}

/** One staff action, as written by issuance/audit.ts. */
export interface NewAuditEntry {
  /** Who: the API key id that made the change (or `system`). */
  actor: string
  /** The key's name when it was made. */
  actorName?: string | undefined
  /** What, e.g. `credential.revoke`, `credentials.issue`, `apikey.create`. */
  action: string
  /** The record acted on (a credential, achievement or key id), when there is one. */
  target?: string | undefined
  /** Why, as the staff member gave it (never published). */
  reason?: string | undefined
  /** Small facts about the change (counts, scopes), stored as JSON. */
  details?: Record<string, unknown> | undefined
}

export interface AuditEntry extends NewAuditEntry {
  at: Date
}

export interface ListAuditQuery {
  target?: string | undefined
  /** 1..1000, default 100. */
  limit?: number | undefined
  cursor?: string | undefined
}

/** Options every adapter accepts. */
export interface StoreOptions {
  /** Source of every timestamp the store writes; default the system clock. */
  clock?: Clock
  /** Entries per status list; ≥ 131 072 and a multiple of 8. Default 131 072. */
  statusListSize?: number
  /** How long an idempotency record is kept, in ms (≥ 1000). Default 24 h. */
  idempotencyTtlMs?: number
}

/** How `openStore` (src/storage/open-store.ts) picks an adapter. */
export type StoreConfig =
  | ({ kind: 'memory' } & StoreOptions)
  | ({ kind: 'sqlite'; filename: string; backgroundCheckpoints?: boolean; onCheckpointError?: (message: string) => void } & StoreOptions)
  | ({ kind: 'postgres'; connectionString: string; schema?: string; poolSize?: number } & StoreOptions)
