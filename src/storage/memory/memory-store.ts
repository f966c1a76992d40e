/**
 * @module storage/memory
 * The store in process memory, for tests and trying things out. Same semantics as the SQL
 * adapters (it passes the same contract suite): every mutating method validates first and
 * applies without awaiting in between, so it is atomic within the process.
 */
import { MicrocredError } from '../../core/errors.js'
import { memoryJobMethods } from './memory-jobs.js'
import { systemClock } from '../../core/ports.js'
import { createIndexPermutation, newPermutationSeed } from '../status-index-permutation.js'
import type { WalletSecretKind, WalletSecretRecord } from '../store.js'
import { checkNewWalletSecret, checkWalletSecretKind } from '../wallet-secret-rules.js'
import { checkNewOffers, checkOfferState, claimRefusal, clipDeliveryError, offerNotFound, offerStateOf } from '../offer-rules.js'
import type {
  AchievementRecord,
  AuditEntry,
  DeliveryAttempt,
  DeliveryRecord,
  IdempotencyInput,
  OfferRecord,
  ApiKeyRecord,
  IdempotencyRecord,
  InsertResult,
  IssuerKeyRecord,
  NewAuditEntry,
  NewCredential,
  PathwayRecord,
  StatusListMeta,
  StatusPosition,
  StatusPurpose,
  Store,
  StoreOptions,
  StoredCredential,
} from '../store.js'
import {
  checkAllocation,
  checkApiKey,
  checkAuditEntry,
  checkBatch,
  checkNonEmpty,
  checkPositionsAgainstLists,
  checkStatusReason,
  conflict,
  cursorAfter,
  cursorBefore,
  duplicateCredential,
  idempotencyConflict,
  idempotencyCutoff,
  idempotencyTtlOf,
  normalizeScopes,
  pageLimit,
  pageOf,
  planStatusChange,
  statusListId,
  statusListSizeOf,
} from '../store-rules.js'

interface ListRow extends StatusListMeta {
  seq: number
  seed: string
  set: Set<number>
}
interface CredentialRow extends StoredCredential {
  seq: number
}
interface OfferRow extends Omit<OfferRecord, 'state' | 'delivery'> {
  seq: number
  delivery?: DeliveryRecord & { claimUrl?: string | undefined }
  attempts: DeliveryAttempt[]
}

export function createMemoryStore(options: StoreOptions = {}): Store {
  const clock = options.clock ?? systemClock
  const listSize = statusListSizeOf(options)
  const idempotencyTtl = idempotencyTtlOf(options)
  const now = (): Date => clock.now()
  const copyDate = (d: Date): Date => new Date(d.getTime())

  const achievements = new Map<string, AchievementRecord & { seq: number }>()
  const pathways = new Map<string, PathwayRecord & { seq: number }>()
  const lists = new Map<string, ListRow>()
  const credentials = new Map<string, CredentialRow>()
  const used = new Set<string>() // `${listId}\n${index}`
  const idempotency = new Map<string, IdempotencyRecord>()
  const apiKeys = new Map<string, ApiKeyRecord>()
  const issuerKeys = new Map<string, IssuerKeyRecord>()
  const offers = new Map<string, OfferRow>()
  const audit: (AuditEntry & { seq: number })[] = []
  const walletSecrets = new Map<string, WalletSecretRecord>()
  const cloneSecret = (r: WalletSecretRecord): WalletSecretRecord => ({ ...r, expiresAt: copyDate(r.expiresAt), createdAt: copyDate(r.createdAt), usedAt: r.usedAt === undefined ? undefined : copyDate(r.usedAt) })
  const liveSecret = (hash: string, kind: WalletSecretKind): WalletSecretRecord | undefined => {
    const r = walletSecrets.get(hash)
    return r !== undefined && r.kind === kind && r.usedAt === undefined && r.expiresAt.getTime() > now().getTime() ? r : undefined
  }
  let seq = 0
  let closed = false

  const open = (): void => {
    if (closed) throw new MicrocredError('ERR_STORE_UNAVAILABLE', 'the store is closed')
  }
  const cloneCredential = (row: CredentialRow): StoredCredential => {
    const { seq: _seq, ...rest } = row
    return { ...rest, status: row.status.map((p) => ({ ...p })), createdAt: copyDate(row.createdAt), statusUpdatedAt: copyDate(row.statusUpdatedAt) }
  }
  const meta = (row: ListRow): StatusListMeta => ({
    listId: row.listId,
    purpose: row.purpose,
    size: row.size,
    allocated: row.allocated,
    version: row.version,
    createdAt: copyDate(row.createdAt),
    updatedAt: copyDate(row.updatedAt),
  })
  const cloneApiKey = (k: ApiKeyRecord): ApiKeyRecord => ({
    id: k.id,
    name: k.name,
    hash: k.hash,
    scopes: [...k.scopes],
    createdAt: copyDate(k.createdAt),
    revokedAt: k.revokedAt === undefined ? undefined : copyDate(k.revokedAt),
    expiresAt: k.expiresAt === undefined ? undefined : copyDate(k.expiresAt),
  })
  const cloneIssuerKey = (k: IssuerKeyRecord): IssuerKeyRecord => ({
    ...k,
    createdAt: copyDate(k.createdAt),
    retiredAt: k.retiredAt === undefined ? undefined : copyDate(k.retiredAt),
  })
  const cloneAchievement = (a: AchievementRecord): AchievementRecord => ({
    id: a.id,
    definition: structuredClone(a.definition),
    achievement: structuredClone(a.achievement),
    createdAt: copyDate(a.createdAt),
  })
  const clonePathway = (p: PathwayRecord): PathwayRecord => ({ id: p.id, pathway: structuredClone(p.pathway), createdAt: copyDate(p.createdAt) })

  const openList = (purpose: StatusPurpose): ListRow => {
    let last: ListRow | undefined
    for (const row of lists.values()) {
      if (row.purpose !== purpose) continue
      if (row.allocated < row.size) return row
      if (last === undefined || row.seq > last.seq) last = row
    }
    const next = (last?.seq ?? 0) + 1
    const at = now()
    const row: ListRow = {
      listId: statusListId(purpose, next),
      purpose,
      size: listSize,
      allocated: 0,
      version: 1,
      createdAt: at,
      updatedAt: at,
      seq: next,
      seed: newPermutationSeed(),
      set: new Set(),
    }
    lists.set(row.listId, row)
    return row
  }

  const expired = (r: IdempotencyRecord): boolean => r.createdAt.getTime() <= idempotencyCutoff(now(), idempotencyTtl).getTime()
  /** The live record for a key; an expired one is dropped on sight. */
  const liveIdempotency = (key: string): IdempotencyRecord | undefined => {
    const r = idempotency.get(key)
    if (r !== undefined && expired(r)) {
      idempotency.delete(key)
      return undefined
    }
    return r
  }
  const replay = (key: string, requestHash: string): InsertResult | undefined => {
    const existing = liveIdempotency(key)
    if (existing === undefined) return undefined
    if (existing.requestHash !== requestHash) throw idempotencyConflict(key)
    return { ids: [...existing.credentialIds], replayed: true }
  }

  /** Appends audit entries (checked by the caller) at the store clock's time. */
  const appendAuditsNow = (entries: readonly NewAuditEntry[]): void => {
    const at = now()
    for (const e of entries) audit.push({ ...structuredClone(e), at, seq: ++seq })
  }
  /** Validates and stores a batch without awaiting (atomic within the process). */
  const insertNow = (batch: readonly NewCredential[], idem: IdempotencyInput | undefined): void => {
    checkPositionsAgainstLists(batch, lists)
    const ids = new Set<string>()
    const positions = new Set<string>()
    for (const c of batch) {
      if (credentials.has(c.id) || ids.has(c.id)) throw duplicateCredential(`id ${c.id}`)
      ids.add(c.id)
      for (const p of c.status) {
        const k = `${p.listId}\n${p.index}`
        if (used.has(k) || positions.has(k)) throw duplicateCredential(`${p.listId}#${p.index}`)
        positions.add(k)
      }
    }
    const at = now()
    for (const c of batch) credentials.set(c.id, toRow(c, at, ++seq))
    for (const k of positions) used.add(k)
    if (idem !== undefined) idempotency.set(idem.key, { key: idem.key, requestHash: idem.requestHash, credentialIds: batch.map((c) => c.id), createdAt: at })
  }

  const optDate = (d: Date | undefined): Date | undefined => (d === undefined ? undefined : copyDate(d))
  const cloneOffer = (o: OfferRow): OfferRecord => {
    const { seq: _seq, attempts: _attempts, delivery, ...rest } = o
    return {
      ...rest,
      state: offerStateOf(o, now()),
      expiresAt: copyDate(o.expiresAt),
      createdAt: copyDate(o.createdAt),
      claimedAt: optDate(o.claimedAt),
      revokedAt: optDate(o.revokedAt),
      delivery:
        delivery === undefined
          ? undefined
          : { state: delivery.state, attempts: delivery.attempts, nextAttemptAt: copyDate(delivery.nextAttemptAt), lastError: delivery.lastError, sentAt: optDate(delivery.sentAt) },
    }
  }
  const cancelDelivery = (o: OfferRow): void => {
    if (o.delivery?.state !== 'queued') return
    o.delivery.state = 'cancelled'
    o.delivery.claimUrl = undefined
  }

  return {
    kind: 'memory',
    ...memoryJobMethods({ now, open, insertNow: (batch) => insertNow(batch, undefined) }),
    async migrate() {
      open()
    },
    async close() {
      closed = true
    },
    async ping() {
      open()
    },

    async createAchievement(input) {
      open()
      checkNonEmpty(input?.id, 'achievement id')
      if (achievements.has(input.id)) throw conflict.achievement(input.id)
      const record = { id: input.id, definition: structuredClone(input.definition), achievement: structuredClone(input.achievement), createdAt: now(), seq: ++seq }
      achievements.set(input.id, record)
      return cloneAchievement(record)
    },
    async getAchievement(id) {
      open()
      const a = achievements.get(id)
      return a === undefined ? undefined : cloneAchievement(a)
    },
    async listAchievements(query = {}) {
      open()
      const limit = pageLimit(query.limit)
      const after = cursorAfter(query.cursor)
      const rows = [...achievements.values()].filter((a) => a.seq > after).sort((a, b) => a.seq - b.seq)
      return pageOf(rows, limit, (r) => r.seq, (items) => items.map(cloneAchievement))
    },
    async updateAchievement(input) {
      open()
      const a = achievements.get(input?.id)
      if (a === undefined) throw new MicrocredError('ERR_STORE_NOT_FOUND', `no achievement ${input?.id}`, { details: { id: input?.id } })
      a.definition = structuredClone(input.definition)
      a.achievement = structuredClone(input.achievement)
      return cloneAchievement(a)
    },

    async createPathway(input) {
      open()
      checkNonEmpty(input?.id, 'pathway id')
      if (pathways.has(input.id)) throw conflict.pathway(input.id)
      const record = { id: input.id, pathway: structuredClone(input.pathway), createdAt: now(), seq: ++seq }
      pathways.set(input.id, record)
      return clonePathway(record)
    },
    async getPathway(id) {
      open()
      const p = pathways.get(id)
      return p === undefined ? undefined : clonePathway(p)
    },
    async listPathways(query = {}) {
      open()
      const limit = pageLimit(query.limit)
      const after = cursorAfter(query.cursor)
      const rows = [...pathways.values()].filter((p) => p.seq > after).sort((a, b) => a.seq - b.seq)
      return pageOf(rows, limit, (r) => r.seq, (items) => items.map(clonePathway))
    },

    async allocateStatusPositions(count, purposes) {
      open()
      checkAllocation(count, purposes)
      const out: StatusPosition[][] = Array.from({ length: count }, () => [])
      for (const purpose of purposes) {
        let done = 0
        while (done < count) {
          const list = openList(purpose)
          const take = Math.min(count - done, list.size - list.allocated)
          const permute = createIndexPermutation(list.seed, list.size)
          for (let i = 0; i < take; i++) out[done + i]!.push({ listId: list.listId, purpose, index: permute(list.allocated + i) })
          list.allocated += take
          done += take
        }
      }
      return out
    },

    async insertCredentials(batch, insertOptions = {}) {
      open()
      const idem = insertOptions.idempotency
      if (idem !== undefined) {
        checkNonEmpty(idem.key, 'idempotency key')
        checkNonEmpty(idem.requestHash, 'request hash')
      }
      checkBatch(batch)
      const auditEntries = insertOptions.audit ?? []
      auditEntries.forEach(checkAuditEntry)
      if (idem !== undefined) {
        const replayed = replay(idem.key, idem.requestHash)
        if (replayed !== undefined) return replayed
      }
      insertNow(batch, idem)
      appendAuditsNow(auditEntries)
      return { ids: batch.map((c) => c.id), replayed: false }
    },
    async getCredential(id) {
      open()
      const row = credentials.get(id)
      return row === undefined ? undefined : cloneCredential(row)
    },
    async setCredentialPublicPage(id, publicPage) {
      open()
      const row = credentials.get(id)
      if (row === undefined) throw new MicrocredError('ERR_CREDENTIAL_NOT_FOUND', `no credential ${id}`, { details: { id } })
      row.publicPage = publicPage
      return cloneCredential(row)
    },
    async getCredentials(ids) {
      open()
      return ids.flatMap((id) => {
        const row = credentials.get(id)
        return row === undefined ? [] : [cloneCredential(row)]
      })
    },
    async listCredentials(query) {
      open()
      const limit = pageLimit(query.limit)
      const after = cursorAfter(query.cursor)
      const rows = [...credentials.values()]
        .filter(
          (c) =>
            c.seq > after &&
            (query.recipient === undefined || c.recipient === query.recipient) &&
            (query.achievementId === undefined || c.achievementId === query.achievementId) &&
            (query.issuerId === undefined || c.issuerId === query.issuerId),
        )
        .sort((a, b) => a.seq - b.seq)
      return pageOf(rows, limit, (r) => r.seq, (items) => items.map(cloneCredential))
    },
    async getIdempotency(key) {
      open()
      const r = liveIdempotency(key)
      return r === undefined ? undefined : { ...r, credentialIds: [...r.credentialIds], createdAt: copyDate(r.createdAt) }
    },
    async purgeExpiredIdempotency() {
      open()
      let purged = 0
      for (const [key, r] of idempotency) {
        if (!expired(r)) continue
        idempotency.delete(key)
        purged += 1
      }
      return purged
    },
    async updateCredentialStatus(id, action, options = {}) {
      open()
      const reason = checkStatusReason(options.reason)
      const row = credentials.get(id)
      if (row === undefined) throw new MicrocredError('ERR_CREDENTIAL_NOT_FOUND', undefined, { details: { credentialId: id } })
      const plan = planStatusChange({ revoked: row.revoked, suspended: row.suspended, purposes: row.status.map((p) => p.purpose) }, action, id)
      if (!plan.changed) return { credential: cloneCredential(row), changed: false, listIds: [] }
      const at = now()
      const listIds: string[] = []
      for (const p of row.status.filter((s) => s.purpose === plan.purpose)) {
        const list = lists.get(p.listId)!
        if (plan.bit) list.set.add(p.index)
        else list.set.delete(p.index)
        list.version += 1
        list.updatedAt = at
        listIds.push(p.listId)
      }
      row.revoked = plan.revoked
      row.suspended = plan.suspended
      row.statusUpdatedAt = at
      row.statusReason = reason
      return { credential: cloneCredential(row), changed: true, listIds }
    },

    async getStatusListMeta(listId) {
      open()
      const row = lists.get(listId)
      return row === undefined ? undefined : meta(row)
    },
    async getStatusList(listId) {
      open()
      const row = lists.get(listId)
      if (row === undefined) return undefined
      const bits = new Uint8Array(row.size / 8)
      for (const i of row.set) bits[i >> 3] = bits[i >> 3]! | (1 << (7 - (i & 7)))
      return { ...meta(row), bits }
    },
    async listStatusLists() {
      open()
      return [...lists.values()].sort((a, b) => (a.purpose < b.purpose ? -1 : a.purpose > b.purpose ? 1 : a.seq - b.seq)).map(meta)
    },

    async createOffers(input) {
      open()
      checkNewOffers(input)
      const ids = new Set<string>()
      const hashes = new Set([...offers.values()].map((o) => o.tokenHash))
      for (const o of input) {
        if (offers.has(o.id) || ids.has(o.id) || hashes.has(o.tokenHash)) throw new MicrocredError('ERR_STORE_CONFLICT', `offer ${o.id} (or its token) already exists`, { details: { id: o.id } })
        ids.add(o.id)
        hashes.add(o.tokenHash)
      }
      const at = now()
      const rows = input.map((o): OfferRow => {
        const { delivery, ...rest } = o
        return {
          ...rest,
          expiresAt: copyDate(o.expiresAt),
          createdAt: at,
          seq: ++seq,
          attempts: [],
          ...(delivery === undefined ? {} : { delivery: { state: 'queued', attempts: 0, nextAttemptAt: at, claimUrl: delivery.claimUrl } }),
        }
      })
      for (const r of rows) offers.set(r.id, r)
      return rows.map(cloneOffer)
    },
    async getOffer(id) {
      open()
      const o = offers.get(id)
      return o === undefined ? undefined : cloneOffer(o)
    },
    async findOfferByTokenHash(hash) {
      open()
      for (const o of offers.values()) if (o.tokenHash === hash) return cloneOffer(o)
      return undefined
    },
    async listOffers(query) {
      open()
      const limit = pageLimit(query.limit)
      const after = cursorAfter(query.cursor)
      const state = checkOfferState(query.state)
      const at = now()
      const rows = [...offers.values()]
        .filter(
          (o) =>
            o.seq > after &&
            (query.achievementId === undefined || o.achievementId === query.achievementId) &&
            (state === undefined || offerStateOf(o, at) === state),
        )
        .sort((a, b) => a.seq - b.seq)
      return pageOf(rows, limit, (r) => r.seq, (items) => items.map(cloneOffer))
    },
    async claimOffer(id, credential, claimOptions = {}) {
      open()
      const o = offers.get(id)
      if (o === undefined) throw offerNotFound(id)
      const refusal = claimRefusal(o, now())
      if (refusal !== undefined) throw refusal
      checkBatch([credential])
      insertNow([credential], undefined)
      o.claimedAt = now()
      o.credentialId = credential.id
      o.holder = claimOptions.holder
      cancelDelivery(o)
      return cloneOffer(o)
    },
    async revokeOffer(id) {
      open()
      const o = offers.get(id)
      if (o === undefined) throw offerNotFound(id)
      if (o.revokedAt === undefined) {
        const refusal = claimRefusal(o, now())
        if (refusal?.code === 'ERR_OFFER_CLAIMED') throw refusal
        o.revokedAt = now()
      }
      cancelDelivery(o)
      return cloneOffer(o)
    },
    async leaseDueDeliveries(limit, leaseMs) {
      open()
      const at = now()
      const due = [...offers.values()]
        .filter((o) => o.delivery?.state === 'queued' && o.delivery.nextAttemptAt.getTime() <= at.getTime())
        .sort((a, b) => a.delivery!.nextAttemptAt.getTime() - b.delivery!.nextAttemptAt.getTime() || a.seq - b.seq)
      const out = []
      for (const o of due) {
        if (offerStateOf(o, at) !== 'pending') {
          cancelDelivery(o)
          continue
        }
        if (out.length >= limit) break
        o.delivery!.nextAttemptAt = new Date(at.getTime() + leaseMs)
        out.push({ offerId: o.id, email: o.email!, claimUrl: o.delivery!.claimUrl!, attempts: o.delivery!.attempts })
      }
      return out
    },
    async recordDeliveryAttempt(offerId, outcome) {
      open()
      const o = offers.get(offerId)
      if (o?.delivery === undefined) throw offerNotFound(offerId)
      const at = now()
      const d = o.delivery
      d.attempts += 1
      if (outcome.ok) {
        o.attempts.push({ at, ok: true })
        d.state = 'sent'
        d.sentAt = at
        d.claimUrl = undefined
        return
      }
      const error = clipDeliveryError(outcome.error)
      o.attempts.push({ at, ok: false, error })
      d.lastError = error
      if (d.state !== 'queued') return
      if (outcome.retryAt === undefined) {
        d.state = 'failed'
        d.claimUrl = undefined
      } else {
        d.nextAttemptAt = copyDate(outcome.retryAt)
      }
    },
    async listDeliveryAttempts(offerId) {
      open()
      return (offers.get(offerId)?.attempts ?? []).map((a) => ({ ...a, at: copyDate(a.at) }))
    },

    async createWalletSecret(input) {
      open()
      checkNewWalletSecret(input)
      if (input.offerId !== undefined && !offers.has(input.offerId)) throw offerNotFound(input.offerId)
      const at = now()
      for (const [hash, r] of walletSecrets) if (r.expiresAt.getTime() <= at.getTime()) walletSecrets.delete(hash)
      if (walletSecrets.has(input.hash)) throw new MicrocredError('ERR_STORE_CONFLICT', 'a wallet secret with this hash already exists')
      const record: WalletSecretRecord = { hash: input.hash, kind: input.kind, offerId: input.offerId, expiresAt: copyDate(input.expiresAt), createdAt: at, usedAt: undefined }
      walletSecrets.set(input.hash, record)
      return cloneSecret(record)
    },
    async findWalletSecret(hash, kind) {
      open()
      checkWalletSecretKind(kind)
      const r = liveSecret(hash, kind)
      return r === undefined ? undefined : cloneSecret(r)
    },
    async useWalletSecret(hash, kind) {
      open()
      checkWalletSecretKind(kind)
      const r = liveSecret(hash, kind)
      if (r === undefined) return undefined
      r.usedAt = now()
      return cloneSecret(r)
    },

    async createApiKey(input) {
      open()
      checkApiKey(input)
      if (apiKeys.has(input.id) || [...apiKeys.values()].some((k) => k.hash === input.hash)) {
        throw conflict.apiKey()
      }
      const record: ApiKeyRecord = {
        id: input.id,
        name: input.name,
        hash: input.hash,
        scopes: normalizeScopes(input.scopes),
        createdAt: now(),
        revokedAt: undefined,
        expiresAt: input.expiresAt === undefined ? undefined : copyDate(input.expiresAt),
      }
      apiKeys.set(input.id, record)
      return cloneApiKey(record)
    },
    async findApiKeyByHash(hash) {
      open()
      const found = [...apiKeys.values()].find((k) => k.hash === hash)
      return found === undefined ? undefined : cloneApiKey(found)
    },
    async revokeApiKey(id) {
      open()
      const k = apiKeys.get(id)
      if (k === undefined) throw new MicrocredError('ERR_STORE_NOT_FOUND', `no API key ${id}`, { details: { id } })
      k.revokedAt ??= now()
      return cloneApiKey(k)
    },
    async listApiKeys() {
      open()
      return [...apiKeys.values()].map(cloneApiKey)
    },

    async addIssuerKey(input) {
      open()
      checkNonEmpty(input?.id, 'key id')
      checkNonEmpty(input.controller, 'controller')
      checkNonEmpty(input.publicKeyMultibase, 'publicKeyMultibase')
      if (issuerKeys.has(input.id)) throw conflict.issuerKey(input.id)
      const record: IssuerKeyRecord = { id: input.id, controller: input.controller, publicKeyMultibase: input.publicKeyMultibase, createdAt: now(), retiredAt: undefined }
      issuerKeys.set(input.id, record)
      return cloneIssuerKey(record)
    },
    async listIssuerKeys(controller) {
      open()
      return [...issuerKeys.values()].filter((k) => k.controller === controller).map(cloneIssuerKey)
    },
    async retireIssuerKey(id) {
      open()
      const k = issuerKeys.get(id)
      if (k === undefined) throw new MicrocredError('ERR_STORE_NOT_FOUND', `no issuer key ${id}`, { details: { id } })
      k.retiredAt ??= now()
      return cloneIssuerKey(k)
    },

    async appendAudit(entry) {
      open()
      checkAuditEntry(entry)
      const row = { ...structuredClone(entry), at: now(), seq: ++seq }
      audit.push(row)
      const { seq: _s, ...out } = row
      return structuredClone(out)
    },
    async listAudit(query = {}) {
      open()
      const limit = pageLimit(query.limit)
      const before = cursorBefore(query.cursor)
      const rows = audit.filter((e) => e.seq < before && (query.target === undefined || e.target === query.target)).sort((a, b) => b.seq - a.seq)
      return pageOf(rows.slice(0, limit + 1), limit, (r) => r.seq, (items) =>
        items.map(({ seq: _s, ...e }) => structuredClone(e)),
      )
    },
    async appendAudits(entries) {
      open()
      entries.forEach(checkAuditEntry)
      appendAuditsNow(entries)
    },
  }
}

function toRow(c: NewCredential, at: Date, seq: number): CredentialRow {
  return {
    id: c.id,
    issuerId: c.issuerId,
    recipient: c.recipient,
    achievementId: c.achievementId ?? undefined,
    json: c.json,
    status: c.status.map((p) => ({ listId: p.listId, purpose: p.purpose, index: p.index })),
    createdAt: at,
    revoked: false,
    suspended: false,
    statusUpdatedAt: at,
    publicPage: false,
    seq,
  }
}
