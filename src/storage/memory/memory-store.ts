/**
 * @module storage/memory
 * The store in process memory, for tests and trying things out. Same semantics as the SQL
 * adapters (it passes the same contract suite): every mutating method validates first and
 * applies without awaiting in between, so it is atomic within the process.
 */
import { MicrocredError } from '../../core/errors.js'
import { systemClock } from '../../core/ports.js'
import { createIndexPermutation, newPermutationSeed } from '../status-index-permutation.js'
import type {
  AchievementRecord,
  ApiKeyRecord,
  IdempotencyRecord,
  InsertResult,
  IssuerKeyRecord,
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
  checkBatch,
  checkNonEmpty,
  checkPositionsAgainstLists,
  checkStatusReason,
  cursorAfter,
  duplicateCredential,
  idempotencyConflict,
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

export function createMemoryStore(options: StoreOptions = {}): Store {
  const clock = options.clock ?? systemClock
  const listSize = statusListSizeOf(options)
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

  const replay = (key: string, requestHash: string): InsertResult | undefined => {
    const existing = idempotency.get(key)
    if (existing === undefined) return undefined
    if (existing.requestHash !== requestHash) throw idempotencyConflict(key)
    return { ids: [...existing.credentialIds], replayed: true }
  }

  return {
    kind: 'memory',
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
      if (achievements.has(input.id)) throw new MicrocredError('ERR_STORE_CONFLICT', `achievement ${input.id} already exists`, { details: { id: input.id } })
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

    async createPathway(input) {
      open()
      checkNonEmpty(input?.id, 'pathway id')
      if (pathways.has(input.id)) throw new MicrocredError('ERR_STORE_CONFLICT', `pathway ${input.id} already exists`, { details: { id: input.id } })
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
      if (idem !== undefined) {
        const replayed = replay(idem.key, idem.requestHash)
        if (replayed !== undefined) return replayed
      }
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
      return { ids: batch.map((c) => c.id), replayed: false }
    },
    async getCredential(id) {
      open()
      const row = credentials.get(id)
      return row === undefined ? undefined : cloneCredential(row)
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
      const r = idempotency.get(key)
      return r === undefined ? undefined : { ...r, credentialIds: [...r.credentialIds], createdAt: copyDate(r.createdAt) }
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

    async createApiKey(input) {
      open()
      checkApiKey(input)
      if (apiKeys.has(input.id) || [...apiKeys.values()].some((k) => k.hash === input.hash)) {
        throw new MicrocredError('ERR_STORE_CONFLICT', 'an API key with this id or hash already exists')
      }
      const record: ApiKeyRecord = { id: input.id, name: input.name, hash: input.hash, scopes: normalizeScopes(input.scopes), createdAt: now(), revokedAt: undefined }
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
      if (issuerKeys.has(input.id)) throw new MicrocredError('ERR_STORE_CONFLICT', `issuer key ${input.id} already exists`, { details: { id: input.id } })
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
    seq,
  }
}
