/**
 * @module storage/sqlite
 * The default store: one SQLite file (better-sqlite3, WAL). better-sqlite3 is synchronous,
 * so inside one process every call is already serialized; across processes, mutations run in
 * `BEGIN IMMEDIATE` transactions (one writer at a time, others wait up to `busyTimeoutMs`).
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { MicrocredError } from '../../core/errors.js'
import { systemClock } from '../../core/ports.js'
import { SQLITE_MIGRATIONS } from '../migrations/sqlite.js'
import { SAFETY_NET_PAGES, startBackgroundCheckpoints } from './background-checkpoints.js'
import { sqliteJobMethods } from './sqlite-jobs.js'
import { createIndexPermutation, newPermutationSeed } from '../status-index-permutation.js'
import { checkNewWalletSecret, checkWalletSecretKind } from '../wallet-secret-rules.js'
import { checkNewOffers, checkOfferState, claimRefusal, clipDeliveryError, offerNotFound, offerStateCondition, offerStateOf } from '../offer-rules.js'
import type {
  IdempotencyInput,
  NewAuditEntry,
  NewCredential,
  OfferRecord,
  InsertResult,
  StatusPosition,
  Store,
  StoreOptions,
  StoredCredential,
} from '../store.js'
import {
  checkAllocation,
  checkApiKey,
  auditRowValues,
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
import { rowMappers, SQLITE_COLUMNS } from '../row-mappers.js'

/** The part of better-sqlite3 this adapter uses (any compatible driver will do). */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint }
  get(...params: unknown[]): unknown
  all(...params: unknown[]): unknown[]
}
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement
  exec(sql: string): unknown
  pragma(source: string): unknown
  transaction<F extends (...args: never[]) => unknown>(fn: F): { immediate: F; deferred: F }
  close(): unknown
}

export interface SqliteStoreOptions extends StoreOptions {
  /** Path of the database file; its folder is created if missing. `:memory:` for a throwaway store. */
  filename: string
  /** How long a writer waits for another process's transaction (default 5000 ms). */
  busyTimeoutMs?: number
  /** Opens the driver; defaults to better-sqlite3. */
  open?: (filename: string) => SqliteDatabase
  /**
   * Checkpoint the WAL from a worker thread instead of inside commits (background-checkpoints.ts):
   * for the long-running service. Ignored for `:memory:`. `onCheckpointError` hears failures.
   */
  backgroundCheckpoints?: boolean
  onCheckpointError?: (message: string) => void
}

type Row = Record<string, unknown>

const iso = (d: Date): string => d.toISOString()
const date = (v: unknown): Date => new Date(String(v))

function isConstraintError(e: unknown): e is Error & { code: string } {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && (e as unknown as { code: string }).code.startsWith('SQLITE_CONSTRAINT')
}

export function createSqliteStore(options: SqliteStoreOptions): Store {
  const clock = options.clock ?? systemClock
  const listSize = statusListSizeOf(options)
  const idempotencyTtl = idempotencyTtlOf(options)
  if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true })
  const db: SqliteDatabase = options.open?.(options.filename) ?? (new Database(options.filename) as unknown as SqliteDatabase)
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  const checkpoints =
    options.backgroundCheckpoints === true && options.filename !== ':memory:' ? startBackgroundCheckpoints(options.filename, options.onCheckpointError) : undefined
  if (checkpoints !== undefined) db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`)
  let closed = false
  const now = (): Date => clock.now()

  const statements = new Map<string, SqliteStatement>()
  const q = (sql: string): SqliteStatement => {
    if (closed) throw new MicrocredError('ERR_STORE_UNAVAILABLE', 'the store is closed')
    let s = statements.get(sql)
    if (s === undefined) {
      s = db.prepare(sql)
      statements.set(sql, s)
    }
    return s
  }
  // One transaction wrapper, made once: better-sqlite3 builds a new one (four wrapped
  // functions) on every `db.transaction(fn)` call, a measurable part of a small commit.
  const inTransaction = db.transaction(<T>(fn: () => T): T => fn())
  const tx = <T>(fn: () => T): T => {
    if (closed) throw new MicrocredError('ERR_STORE_UNAVAILABLE', 'the store is closed')
    return inTransaction.immediate(fn) as T
  }

  const mappers = rowMappers(SQLITE_COLUMNS)
  const credentialFromRow = mappers.credential
  const auditEntry = mappers.auditEntry
  const positionsOf = (seq: number): StatusPosition[] =>
    (q('SELECT list_id, idx, purpose FROM credential_status WHERE credential_seq = ? ORDER BY position').all(seq) as Row[]).map(mappers.statusPosition)
  const loadCredential = (row: Row | undefined): StoredCredential | undefined =>
    row === undefined ? undefined : credentialFromRow(row, positionsOf(row['seq'] as number))

  const { listMeta, apiKey, issuerKey, achievement, pathway } = mappers

  const cutoff = (): string => iso(idempotencyCutoff(now(), idempotencyTtl))
  /** Deletes expired idempotency records (all, or the one for `key`); the credentials stay. Call inside a transaction. */
  const dropExpiredIdempotency = (key?: string): number => {
    const at = cutoff()
    if (key !== undefined) {
      q('UPDATE credentials SET idempotency_key = NULL WHERE idempotency_key = ? AND EXISTS (SELECT 1 FROM idempotency_keys WHERE key = ? AND created_at <= ?)').run(key, key, at)
      return q('DELETE FROM idempotency_keys WHERE key = ? AND created_at <= ?').run(key, at).changes
    }
    q('UPDATE credentials SET idempotency_key = NULL WHERE idempotency_key IN (SELECT key FROM idempotency_keys WHERE created_at <= ?)').run(at)
    return q('DELETE FROM idempotency_keys WHERE created_at <= ?').run(at).changes
  }
  const replay = (key: string, requestHash: string): InsertResult | undefined => {
    const row = q('SELECT request_hash FROM idempotency_keys WHERE key = ? AND created_at > ?').get(key, cutoff()) as Row | undefined
    if (row === undefined) return undefined
    if (row['request_hash'] !== requestHash) throw idempotencyConflict(key)
    const ids = (q('SELECT id FROM credentials WHERE idempotency_key = ? ORDER BY batch_index').all(key) as Row[]).map((r) => r['id'] as string)
    return { ids, replayed: true }
  }

  /** Stores a batch; call inside a transaction. */
  const insertInTx = (batch: readonly NewCredential[], idem: IdempotencyInput | undefined): void => {
    const listIds = [...new Set(batch.flatMap((c) => c.status.map((p) => p.listId)))]
    const lists = new Map<string, { purpose: string; size: number }>()
    for (const id of listIds) {
      const r = q('SELECT purpose, size FROM status_lists WHERE list_id = ?').get(id) as Row | undefined
      if (r !== undefined) lists.set(id, { purpose: r['purpose'] as string, size: r['size'] as number })
    }
    checkPositionsAgainstLists(batch, lists)
    const at = iso(now())
    if (idem !== undefined) q('INSERT INTO idempotency_keys (key, request_hash, created_at) VALUES (?, ?, ?)').run(idem.key, idem.requestHash, at)
    const insert = q(
      'INSERT INTO credentials (id, issuer_id, recipient, achievement_id, json, created_at, status_updated_at, idempotency_key, batch_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    const insertStatus = q('INSERT INTO credential_status (list_id, idx, credential_seq, position, purpose) VALUES (?, ?, ?, ?, ?)')
    batch.forEach((c, i) => {
      const { lastInsertRowid } = insert.run(c.id, c.issuerId, c.recipient, c.achievementId ?? null, c.json, at, at, idem?.key ?? null, idem === undefined ? null : i)
      c.status.forEach((p, position) => insertStatus.run(p.listId, p.index, Number(lastInsertRowid), position, p.purpose))
    })
  }

  /** Appends audit entries (checked by the caller); call inside a transaction. */
  const appendAuditsInTx = (entries: readonly NewAuditEntry[], at: string): void => {
    const insert = q('INSERT INTO audit_log (at, actor, actor_name, action, target, reason, details) VALUES (?, ?, ?, ?, ?, ?, ?)')
    for (const e of entries) insert.run(at, ...auditRowValues(e))
  }
  const offerFromRow = (r: Row): OfferRecord => {
    const base = mappers.offerBase(r)
    const d = q('SELECT * FROM offer_outbox WHERE offer_id = ?').get(base.id) as Row | undefined
    return { ...base, state: offerStateOf(base, now()), delivery: d === undefined ? undefined : mappers.delivery(d) }
  }
  const loadOffer = (id: string): Row | undefined => q('SELECT * FROM offers WHERE id = ?').get(id) as Row | undefined
  const cancelDelivery = (id: string): void => {
    q("UPDATE offer_outbox SET state = 'cancelled', claim_url = NULL WHERE offer_id = ? AND state = 'queued'").run(id)
  }
  const offerDates = mappers.offerDates

  return withSqliteFaults({
    kind: 'sqlite',
    ...sqliteJobMethods({ q, tx, now, insertInTx: (batch) => insertInTx(batch, undefined), isConstraintError }),
    async migrate() {
      tx(() => {
        db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
        const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Row[]).map((r) => r['version'] as number))
        for (const m of SQLITE_MIGRATIONS) {
          if (applied.has(m.version)) continue
          db.exec(m.sql)
          db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, iso(now()))
        }
      })
    },
    async close() {
      if (closed) return
      closed = true
      await checkpoints?.stop()
      db.close()
    },
    async ping() {
      q('SELECT 1').get()
    },

    async createAchievement(input) {
      checkNonEmpty(input?.id, 'achievement id')
      try {
        q('INSERT INTO achievements (id, definition, achievement, created_at) VALUES (?, ?, ?, ?)').run(
          input.id,
          JSON.stringify(input.definition),
          JSON.stringify(input.achievement),
          iso(now()),
        )
      } catch (e) {
        if (isConstraintError(e)) throw conflict.achievement(input.id)
        throw e
      }
      return achievement(q('SELECT * FROM achievements WHERE id = ?').get(input.id) as Row)
    },
    async getAchievement(id) {
      const row = q('SELECT * FROM achievements WHERE id = ?').get(id) as Row | undefined
      return row === undefined ? undefined : achievement(row)
    },
    async listAchievements(query = {}) {
      const limit = pageLimit(query.limit)
      const rows = q('SELECT * FROM achievements WHERE seq > ? ORDER BY seq LIMIT ?').all(cursorAfter(query.cursor), limit + 1) as Row[]
      return pageOf(rows, limit, (r) => r['seq'], (items) => items.map(achievement))
    },
    async updateAchievement(input) {
      const { changes } = q('UPDATE achievements SET definition = ?, achievement = ? WHERE id = ?').run(JSON.stringify(input.definition), JSON.stringify(input.achievement), input.id)
      if (changes === 0) throw new MicrocredError('ERR_STORE_NOT_FOUND', `no achievement ${input.id}`, { details: { id: input.id } })
      return achievement(q('SELECT * FROM achievements WHERE id = ?').get(input.id) as Row)
    },

    async createPathway(input) {
      checkNonEmpty(input?.id, 'pathway id')
      try {
        q('INSERT INTO pathways (id, pathway, created_at) VALUES (?, ?, ?)').run(input.id, JSON.stringify(input.pathway), iso(now()))
      } catch (e) {
        if (isConstraintError(e)) throw conflict.pathway(input.id)
        throw e
      }
      return pathway(q('SELECT * FROM pathways WHERE id = ?').get(input.id) as Row)
    },
    async getPathway(id) {
      const row = q('SELECT * FROM pathways WHERE id = ?').get(id) as Row | undefined
      return row === undefined ? undefined : pathway(row)
    },
    async listPathways(query = {}) {
      const limit = pageLimit(query.limit)
      const rows = q('SELECT * FROM pathways WHERE seq > ? ORDER BY seq LIMIT ?').all(cursorAfter(query.cursor), limit + 1) as Row[]
      return pageOf(rows, limit, (r) => r['seq'], (items) => items.map(pathway))
    },

    async allocateStatusPositions(count, purposes) {
      checkAllocation(count, purposes)
      return tx(() => {
        const out: StatusPosition[][] = Array.from({ length: count }, () => [])
        for (const purpose of purposes) {
          let done = 0
          while (done < count) {
            let list = q('SELECT list_id, size, allocated, seed FROM status_lists WHERE purpose = ? AND allocated < size ORDER BY seq LIMIT 1').get(purpose) as Row | undefined
            if (list === undefined) {
              const next = ((q('SELECT MAX(seq) AS m FROM status_lists WHERE purpose = ?').get(purpose) as Row)['m'] as number | null ?? 0) + 1
              const at = iso(now())
              q('INSERT INTO status_lists (list_id, purpose, seq, size, allocated, seed, version, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, 1, ?, ?)').run(
                statusListId(purpose, next),
                purpose,
                next,
                listSize,
                newPermutationSeed(),
                at,
                at,
              )
              continue
            }
            const size = list['size'] as number
            const allocated = list['allocated'] as number
            const take = Math.min(count - done, size - allocated)
            q('UPDATE status_lists SET allocated = allocated + ? WHERE list_id = ?').run(take, list['list_id'])
            const permute = createIndexPermutation(list['seed'] as string, size)
            for (let i = 0; i < take; i++) out[done + i]!.push({ listId: list['list_id'] as string, purpose, index: permute(allocated + i) })
            done += take
            list = undefined
          }
        }
        return out
      })
    },

    async insertCredentials(batch, insertOptions = {}) {
      const idem = insertOptions.idempotency
      if (idem !== undefined) {
        checkNonEmpty(idem.key, 'idempotency key')
        checkNonEmpty(idem.requestHash, 'request hash')
      }
      checkBatch(batch)
      const audit = insertOptions.audit ?? []
      audit.forEach(checkAuditEntry)
      try {
        return tx((): InsertResult => {
          if (idem !== undefined) {
            dropExpiredIdempotency(idem.key) // a key past its TTL starts a new request
            const replayed = replay(idem.key, idem.requestHash)
            if (replayed !== undefined) return replayed
          }
          insertInTx(batch, idem)
          if (audit.length > 0) appendAuditsInTx(audit, iso(now()))
          return { ids: batch.map((c) => c.id), replayed: false }
        })
      } catch (e) {
        if (isConstraintError(e)) throw duplicateCredential(e.message)
        throw e
      }
    },
    async getCredential(id) {
      return loadCredential(q('SELECT * FROM credentials WHERE id = ?').get(id) as Row | undefined)
    },
    async setCredentialPublicPage(id, publicPage) {
      const row = q('UPDATE credentials SET public_page = ? WHERE id = ? RETURNING *').get(publicPage ? 1 : 0, id) as Row | undefined
      if (row === undefined) throw new MicrocredError('ERR_CREDENTIAL_NOT_FOUND', `no credential ${id}`, { details: { id } })
      return loadCredential(row)!
    },
    async getCredentials(ids) {
      const stmt = q('SELECT * FROM credentials WHERE id = ?')
      return ids.flatMap((id) => {
        const c = loadCredential(stmt.get(id) as Row | undefined)
        return c === undefined ? [] : [c]
      })
    },
    async listCredentials(query) {
      const limit = pageLimit(query.limit)
      const where = ['seq > ?']
      const params: unknown[] = [cursorAfter(query.cursor)]
      if (query.recipient !== undefined) (where.push('recipient = ?'), params.push(query.recipient))
      if (query.achievementId !== undefined) (where.push('achievement_id = ?'), params.push(query.achievementId))
      if (query.issuerId !== undefined) (where.push('issuer_id = ?'), params.push(query.issuerId))
      const rows = q(`SELECT * FROM credentials WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`).all(...params, limit + 1) as Row[]
      return pageOf(rows, limit, (r) => r['seq'], (items) => items.map((r) => loadCredential(r)!))
    },
    async getIdempotency(key) {
      const row = q('SELECT * FROM idempotency_keys WHERE key = ? AND created_at > ?').get(key, cutoff()) as Row | undefined
      if (row === undefined) return undefined
      const ids = (q('SELECT id FROM credentials WHERE idempotency_key = ? ORDER BY batch_index').all(key) as Row[]).map((r) => r['id'] as string)
      return { key, requestHash: row['request_hash'] as string, credentialIds: ids, createdAt: date(row['created_at']) }
    },
    async purgeExpiredIdempotency() {
      return tx(() => dropExpiredIdempotency())
    },
    async updateCredentialStatus(id, action, options = {}) {
      const reason = checkStatusReason(options.reason)
      return tx(() => {
        const row = q('SELECT * FROM credentials WHERE id = ?').get(id) as Row | undefined
        if (row === undefined) throw new MicrocredError('ERR_CREDENTIAL_NOT_FOUND', undefined, { details: { credentialId: id } })
        const seq = row['seq'] as number
        const positions = positionsOf(seq)
        const plan = planStatusChange({ revoked: row['revoked'] === 1, suspended: row['suspended'] === 1, purposes: positions.map((p) => p.purpose) }, action, id)
        if (!plan.changed) return { credential: credentialFromRow(row, positions), changed: false, listIds: [] }
        const at = iso(now())
        const listIds: string[] = []
        for (const p of positions.filter((x) => x.purpose === plan.purpose)) {
          q('UPDATE credential_status SET bit = ? WHERE list_id = ? AND idx = ?').run(plan.bit ? 1 : 0, p.listId, p.index)
          q('UPDATE status_lists SET version = version + 1, updated_at = ? WHERE list_id = ?').run(at, p.listId)
          listIds.push(p.listId)
        }
        q('UPDATE credentials SET revoked = ?, suspended = ?, status_updated_at = ?, status_reason = ? WHERE seq = ?').run(plan.revoked ? 1 : 0, plan.suspended ? 1 : 0, at, reason ?? null, seq)
        return { credential: loadCredential(q('SELECT * FROM credentials WHERE seq = ?').get(seq) as Row)!, changed: true, listIds }
      })
    },

    async getStatusListMeta(listId) {
      const row = q('SELECT * FROM status_lists WHERE list_id = ?').get(listId) as Row | undefined
      return row === undefined ? undefined : listMeta(row)
    },
    async getStatusList(listId) {
      // One read transaction, so the bits and the version belong together.
      return inTransaction.deferred(() => {
        const row = q('SELECT * FROM status_lists WHERE list_id = ?').get(listId) as Row | undefined
        if (row === undefined) return undefined
        const meta = listMeta(row)
        const bits = new Uint8Array(meta.size / 8)
        for (const r of q('SELECT idx FROM credential_status WHERE list_id = ? AND bit = 1').all(listId) as Row[]) {
          const i = r['idx'] as number
          bits[i >> 3] = bits[i >> 3]! | (1 << (7 - (i & 7)))
        }
        return { ...meta, bits }
      })
    },
    async listStatusLists() {
      return (q('SELECT * FROM status_lists ORDER BY purpose, seq').all() as Row[]).map(listMeta)
    },

    async createOffers(input) {
      checkNewOffers(input)
      try {
        return tx(() => {
          const at = iso(now())
          const insert = q('INSERT INTO offers (id, token_hash, issuer_id, achievement_id, email, template, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          const queue = q("INSERT INTO offer_outbox (offer_id, state, attempts, next_attempt_at, claim_url) VALUES (?, 'queued', 0, ?, ?)")
          for (const o of input) {
            insert.run(o.id, o.tokenHash, o.issuerId, o.achievementId ?? null, o.email ?? null, o.template, iso(o.expiresAt), at)
            if (o.delivery !== undefined) queue.run(o.id, at, o.delivery.claimUrl)
          }
          return input.map((o) => offerFromRow(loadOffer(o.id)!))
        })
      } catch (e) {
        if (isConstraintError(e)) throw conflict.offer()
        throw e
      }
    },
    async getOffer(id) {
      const row = loadOffer(id)
      return row === undefined ? undefined : offerFromRow(row)
    },
    async findOfferByTokenHash(hash) {
      const row = q('SELECT * FROM offers WHERE token_hash = ?').get(hash) as Row | undefined
      return row === undefined ? undefined : offerFromRow(row)
    },
    async listOffers(query) {
      const limit = pageLimit(query.limit)
      const state = checkOfferState(query.state)
      const where = ['seq > ?']
      const params: unknown[] = [cursorAfter(query.cursor)]
      if (query.achievementId !== undefined) (where.push('achievement_id = ?'), params.push(query.achievementId))
      if (state !== undefined) {
        where.push(
          offerStateCondition(state, iso(now()), (v) => {
            params.push(v)
            return '?'
          }),
        )
      }
      const rows = q(`SELECT * FROM offers WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`).all(...params, limit + 1) as Row[]
      return pageOf(rows, limit, (r) => r['seq'], (items) => items.map(offerFromRow))
    },
    async claimOffer(id, credential, claimOptions = {}) {
      checkBatch([credential])
      try {
        return tx(() => {
          const row = loadOffer(id)
          if (row === undefined) throw offerNotFound(id)
          const refusal = claimRefusal(offerDates(row), now())
          if (refusal !== undefined) throw refusal
          insertInTx([credential], undefined)
          q('UPDATE offers SET claimed_at = ?, credential_id = ?, holder = ? WHERE id = ?').run(iso(now()), credential.id, claimOptions.holder ?? null, id)
          cancelDelivery(id)
          return offerFromRow(loadOffer(id)!)
        })
      } catch (e) {
        if (isConstraintError(e)) throw duplicateCredential(e.message)
        throw e
      }
    },
    async revokeOffer(id) {
      return tx(() => {
        const row = loadOffer(id)
        if (row === undefined) throw offerNotFound(id)
        if (row['revoked_at'] === null) {
          const refusal = claimRefusal(offerDates(row), now())
          if (refusal?.code === 'ERR_OFFER_CLAIMED') throw refusal
          q('UPDATE offers SET revoked_at = ? WHERE id = ?').run(iso(now()), id)
        }
        cancelDelivery(id)
        return offerFromRow(loadOffer(id)!)
      })
    },
    async leaseDueDeliveries(limit, leaseMs) {
      return tx(() => {
        const at = now()
        q(
          "UPDATE offer_outbox SET state = 'cancelled', claim_url = NULL WHERE state = 'queued' AND offer_id IN (SELECT id FROM offers WHERE revoked_at IS NOT NULL OR claimed_at IS NOT NULL OR expires_at <= ?)",
        ).run(iso(at))
        const rows = q(
          "SELECT o.offer_id, o.attempts, o.claim_url, f.email FROM offer_outbox o JOIN offers f ON f.id = o.offer_id WHERE o.state = 'queued' AND o.next_attempt_at <= ? ORDER BY o.next_attempt_at, f.seq LIMIT ?",
        ).all(iso(at), limit) as Row[]
        const lease = q('UPDATE offer_outbox SET next_attempt_at = ? WHERE offer_id = ?')
        const until = iso(new Date(at.getTime() + leaseMs))
        for (const r of rows) lease.run(until, r['offer_id'])
        return rows.map(mappers.dueDelivery)
      })
    },
    async recordDeliveryAttempt(offerId, outcome) {
      tx(() => {
        const row = q('SELECT state FROM offer_outbox WHERE offer_id = ?').get(offerId) as Row | undefined
        if (row === undefined) throw offerNotFound(offerId)
        const at = iso(now())
        if (outcome.ok) {
          q('INSERT INTO offer_delivery_attempts (offer_id, at, ok, error) VALUES (?, ?, 1, NULL)').run(offerId, at)
          q("UPDATE offer_outbox SET state = 'sent', attempts = attempts + 1, sent_at = ?, claim_url = NULL WHERE offer_id = ?").run(at, offerId)
          return
        }
        const error = clipDeliveryError(outcome.error)
        q('INSERT INTO offer_delivery_attempts (offer_id, at, ok, error) VALUES (?, ?, 0, ?)').run(offerId, at, error)
        if (row['state'] !== 'queued') {
          q('UPDATE offer_outbox SET attempts = attempts + 1, last_error = ? WHERE offer_id = ?').run(error, offerId)
        } else if (outcome.retryAt === undefined) {
          q("UPDATE offer_outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, claim_url = NULL WHERE offer_id = ?").run(error, offerId)
        } else {
          q('UPDATE offer_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE offer_id = ?').run(error, iso(outcome.retryAt), offerId)
        }
      })
    },
    async listDeliveryAttempts(offerId) {
      return (q('SELECT * FROM offer_delivery_attempts WHERE offer_id = ? ORDER BY seq').all(offerId) as Row[]).map(mappers.deliveryAttempt)
    },

    async createWalletSecret(input) {
      checkNewWalletSecret(input)
      try {
        return tx(() => {
          const at = now()
          if (input.offerId !== undefined && loadOffer(input.offerId) === undefined) throw offerNotFound(input.offerId)
          q('DELETE FROM wallet_secrets WHERE expires_at <= ?').run(iso(at))
          q('INSERT INTO wallet_secrets (hash, kind, offer_id, expires_at, created_at) VALUES (?, ?, ?, ?, ?)').run(input.hash, input.kind, input.offerId ?? null, iso(input.expiresAt), iso(at))
          return mappers.walletSecret(q('SELECT * FROM wallet_secrets WHERE hash = ?').get(input.hash) as Row)
        })
      } catch (e) {
        if (isConstraintError(e)) throw new MicrocredError('ERR_STORE_CONFLICT', 'a wallet secret with this hash already exists')
        throw e
      }
    },
    async findWalletSecret(hash, kind) {
      checkWalletSecretKind(kind)
      const row = q('SELECT * FROM wallet_secrets WHERE hash = ? AND kind = ? AND used_at IS NULL AND expires_at > ?').get(hash, kind, iso(now())) as Row | undefined
      return row === undefined ? undefined : mappers.walletSecret(row)
    },
    async useWalletSecret(hash, kind) {
      checkWalletSecretKind(kind)
      return tx(() => {
        const at = iso(now())
        const { changes } = q('UPDATE wallet_secrets SET used_at = ? WHERE hash = ? AND kind = ? AND used_at IS NULL AND expires_at > ?').run(at, hash, kind, at)
        return changes === 0 ? undefined : mappers.walletSecret(q('SELECT * FROM wallet_secrets WHERE hash = ?').get(hash) as Row)
      })
    },

    async createApiKey(input) {
      checkApiKey(input)
      try {
        q('INSERT INTO api_keys (id, name, hash, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(
          input.id,
          input.name,
          input.hash,
          normalizeScopes(input.scopes).join(','),
          iso(now()),
          input.expiresAt === undefined ? null : iso(input.expiresAt),
        )
      } catch (e) {
        if (isConstraintError(e)) throw conflict.apiKey()
        throw e
      }
      return apiKey(q('SELECT * FROM api_keys WHERE id = ?').get(input.id) as Row)
    },
    async findApiKeyByHash(hash) {
      const row = q('SELECT * FROM api_keys WHERE hash = ?').get(hash) as Row | undefined
      return row === undefined ? undefined : apiKey(row)
    },
    async revokeApiKey(id) {
      return tx(() => {
        const { changes } = q('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(iso(now()), id)
        if (changes === 0) throw new MicrocredError('ERR_STORE_NOT_FOUND', `no API key ${id}`, { details: { id } })
        return apiKey(q('SELECT * FROM api_keys WHERE id = ?').get(id) as Row)
      })
    },
    async listApiKeys() {
      return (q('SELECT * FROM api_keys ORDER BY seq').all() as Row[]).map(apiKey)
    },

    async addIssuerKey(input) {
      checkNonEmpty(input?.id, 'key id')
      checkNonEmpty(input.controller, 'controller')
      checkNonEmpty(input.publicKeyMultibase, 'publicKeyMultibase')
      try {
        q('INSERT INTO issuer_keys (id, controller, public_key_multibase, created_at) VALUES (?, ?, ?, ?)').run(input.id, input.controller, input.publicKeyMultibase, iso(now()))
      } catch (e) {
        if (isConstraintError(e)) throw conflict.issuerKey(input.id)
        throw e
      }
      return issuerKey(q('SELECT * FROM issuer_keys WHERE id = ?').get(input.id) as Row)
    },
    async listIssuerKeys(controller) {
      return (q('SELECT * FROM issuer_keys WHERE controller = ? ORDER BY seq').all(controller) as Row[]).map(issuerKey)
    },
    async retireIssuerKey(id) {
      return tx(() => {
        const { changes } = q('UPDATE issuer_keys SET retired_at = COALESCE(retired_at, ?) WHERE id = ?').run(iso(now()), id)
        if (changes === 0) throw new MicrocredError('ERR_STORE_NOT_FOUND', `no issuer key ${id}`, { details: { id } })
        return issuerKey(q('SELECT * FROM issuer_keys WHERE id = ?').get(id) as Row)
      })
    },

    async appendAudit(entry) {
      checkAuditEntry(entry)
      const { lastInsertRowid } = q('INSERT INTO audit_log (at, actor, actor_name, action, target, reason, details) VALUES (?, ?, ?, ?, ?, ?, ?)').run(iso(now()), ...auditRowValues(entry))
      return auditEntry(q('SELECT * FROM audit_log WHERE seq = ?').get(lastInsertRowid) as Row)
    },
    async listAudit(query = {}) {
      const limit = pageLimit(query.limit)
      const before = cursorBefore(query.cursor)
      const rows = (query.target === undefined
        ? q('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?').all(before, limit + 1)
        : q('SELECT * FROM audit_log WHERE target = ? AND seq < ? ORDER BY seq DESC LIMIT ?').all(query.target, before, limit + 1)) as Row[]
      return pageOf(rows, limit, (r) => r['seq'], (items) => items.map(auditEntry))
    },
    async appendAudits(entries) {
      entries.forEach(checkAuditEntry)
      const at = iso(now())
      tx(() => appendAuditsInTx(entries, at))
    },
  })
}

/**
 * Infrastructure faults as codes a client can act on: a full disk (or file-size limit) is
 * ERR_STORE_FULL (507), a database locked past the busy timeout or an I/O error is
 * ERR_STORE_UNAVAILABLE (503). Constraint errors and everything else pass through.
 */
export function sqliteFault(e: unknown): unknown {
  const code = e instanceof Error ? (e as { code?: unknown }).code : undefined
  if (typeof code !== 'string') return e
  if (code === 'SQLITE_FULL') return new MicrocredError('ERR_STORE_FULL', undefined, { cause: e })
  if (/^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|READONLY|PROTOCOL)/.test(code)) return new MicrocredError('ERR_STORE_UNAVAILABLE', undefined, { cause: e })
  return e
}

function withSqliteFaults(store: Store): Store {
  const wrapped: Record<string, unknown> = {}
  for (const [name, member] of Object.entries(store)) {
    wrapped[name] =
      typeof member === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await (member as (...a: unknown[]) => Promise<unknown>)(...args)
            } catch (e) {
              throw sqliteFault(e)
            }
          }
        : member
  }
  return wrapped as unknown as Store
}
