/**
 * @module storage/postgres
 * The scale-out store: PostgreSQL through a `pg` Pool, every table in one configurable schema
 * (tests use a schema per run). Several processes may share the database:
 * - status positions: the open list's row is locked (`FOR NO KEY UPDATE`) while its counter
 *   moves, and (list_id, idx) is the credential_status primary key;
 * - batches: one transaction; the idempotency key is a primary key, so of two concurrent
 *   batches with one key exactly one commits and the other replays it;
 * - migrations: serialized by a transaction-scoped advisory lock.
 */
import pg from 'pg'
import { MicrocredError } from '../../core/errors.js'
import { systemClock } from '../../core/ports.js'
import { POSTGRES_MIGRATIONS } from '../migrations/postgres.js'
import { postgresJobMethods } from './postgres-jobs.js'
import { checkNewWalletSecret, checkWalletSecretKind } from '../wallet-secret-rules.js'
import { checkNewOffers, checkOfferState, claimRefusal, clipDeliveryError, offerNotFound, offerStateCondition, offerStateOf } from '../offer-rules.js'
import { createIndexPermutation, newPermutationSeed } from '../status-index-permutation.js'
import {
  STATUS_PURPOSES,
  type OfferRecord,
  type InsertResult,
  type NewAuditEntry,
  type NewCredential,
  type Page,
  type StatusPosition,
  type StatusPurpose,
  type Store,
  type StoreOptions,
  type StoredCredential,
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
  statusListSizeOf,
} from '../store-rules.js'
import { POSTGRES_COLUMNS, rowMappers } from '../row-mappers.js'

type Row = Record<string, unknown>

/** The part of `pg` this adapter uses. */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>
}
export interface PgClient extends PgQueryable {
  release(destroy?: boolean | Error): void
  on(event: 'error', listener: (e: Error) => void): unknown
  off(event: 'error', listener: (e: Error) => void): unknown
}
export interface PgPool extends PgQueryable {
  connect(): Promise<PgClient>
  end(): Promise<void>
}

export interface PostgresStoreOptions extends StoreOptions {
  connectionString: string
  /** Schema holding the tables (created by `migrate`). Default `public`. */
  schema?: string
  /** Connections in the pool (default 10). */
  poolSize?: number
}

const CHUNK = 1000

function pgCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}
const isConstraintError = (e: unknown): boolean => pgCode(e) === '23505' || pgCode(e) === '23503'
const isRetryable = (e: unknown): boolean => pgCode(e) === '40P01' || pgCode(e) === '40001'
function isConnectionError(e: unknown): boolean {
  const code = pgCode(e)
  if (code !== undefined) return /^(08|57P)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE'].includes(code)
  // pg reports a connection lost mid-query or mid-transaction without a code, by message only.
  const message = e instanceof Error ? e.message : ''
  return /^Connection terminated|^Client has encountered a connection error|^timeout exceeded when trying to connect/.test(message)
}

export function createPostgresStore(options: PostgresStoreOptions): Store {
  const clock = options.clock ?? systemClock
  const listSize = statusListSizeOf(options)
  const idempotencyTtl = idempotencyTtlOf(options)
  const schema = options.schema ?? 'public'
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new MicrocredError('ERR_CONFIG_INVALID', `schema must be a lower-case SQL identifier (got ${JSON.stringify(schema)})`)
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    options: `-c search_path=${schema}`,
  })
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => {})
  const db: PgPool = pool as unknown as PgPool
  let closed = false
  const now = (): Date => clock.now()

  /** Maps infrastructure faults to ERR_STORE_UNAVAILABLE; everything else passes through. */
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (closed) throw new MicrocredError('ERR_STORE_UNAVAILABLE', 'the store is closed')
    try {
      return await fn()
    } catch (e) {
      if (isConnectionError(e)) throw new MicrocredError('ERR_STORE_UNAVAILABLE', undefined, { cause: e })
      throw e
    }
  }
  const query = (text: string, values?: unknown[]): Promise<Row[]> => guard(async () => (await db.query(text, values)).rows)

  const transaction = <T>(fn: (c: PgClient) => Promise<T>, begin = 'BEGIN', retries = 3): Promise<T> =>
    guard(async () => {
      for (let attempt = 0; ; attempt++) {
        const client = await db.connect()
        let broken = false
        // A checked-out client whose server goes away emits 'error' between queries; without a
        // listener that is an uncaught exception (the process would die). Mark it broken instead.
        const onError = (): void => {
          broken = true
        }
        client.on('error', onError)
        try {
          await client.query(begin)
          const result = await fn(client)
          await client.query('COMMIT')
          return result
        } catch (e) {
          await client.query('ROLLBACK').catch(() => {
            broken = true
          })
          if (isRetryable(e) && attempt < retries) continue
          throw e
        } finally {
          client.off('error', onError)
          client.release(broken)
        }
      }
    })

  const mappers = rowMappers(POSTGRES_COLUMNS)
  const credentialFromRow = mappers.credential
  const auditEntry = mappers.auditEntry
  /** Attaches status positions to credential rows with one query. */
  const withPositions = async (rows: Row[], c: PgQueryable = db): Promise<StoredCredential[]> => {
    if (rows.length === 0) return []
    const seqs = rows.map((r) => r['seq'] as string)
    const positions = new Map<string, StatusPosition[]>()
    for (let i = 0; i < seqs.length; i += CHUNK) {
      const { rows: status } = await c.query(
        'SELECT credential_seq, list_id, idx, purpose FROM credential_status WHERE credential_seq = ANY($1::bigint[]) ORDER BY credential_seq, position',
        [seqs.slice(i, i + CHUNK)],
      )
      for (const s of status) {
        const key = String(s['credential_seq'])
        const list = positions.get(key) ?? []
        list.push(mappers.statusPosition(s))
        positions.set(key, list)
      }
    }
    return rows.map((r) => credentialFromRow(r, positions.get(String(r['seq'])) ?? []))
  }

  const { listMeta, apiKey, issuerKey, achievement, pathway } = mappers

  const cutoff = (): Date => idempotencyCutoff(now(), idempotencyTtl)
  /** Deletes expired idempotency records (all, or the one for `key`); the credentials stay. */
  const dropExpiredIdempotency = async (c: PgQueryable, key?: string): Promise<number> => {
    const at = cutoff()
    if (key !== undefined) {
      await c.query(
        'UPDATE credentials SET idempotency_key = NULL WHERE idempotency_key = $1 AND EXISTS (SELECT 1 FROM idempotency_keys WHERE key = $1 AND created_at <= $2)',
        [key, at],
      )
      return (await c.query('DELETE FROM idempotency_keys WHERE key = $1 AND created_at <= $2', [key, at])).rowCount ?? 0
    }
    await c.query('UPDATE credentials SET idempotency_key = NULL WHERE idempotency_key IN (SELECT key FROM idempotency_keys WHERE created_at <= $1)', [at])
    return (await c.query('DELETE FROM idempotency_keys WHERE created_at <= $1', [at])).rowCount ?? 0
  }
  const replay = async (c: PgQueryable, key: string, requestHash: string): Promise<InsertResult | undefined> => {
    const { rows } = await c.query('SELECT request_hash FROM idempotency_keys WHERE key = $1 AND created_at > $2', [key, cutoff()])
    if (rows.length === 0) return undefined
    if (rows[0]!['request_hash'] !== requestHash) throw idempotencyConflict(key)
    const ids = await c.query('SELECT id FROM credentials WHERE idempotency_key = $1 ORDER BY batch_index', [key])
    return { ids: ids.rows.map((r) => r['id'] as string), replayed: true }
  }

  /** Thrown inside the batch transaction to roll it back when another batch took the key. */
  class KeyTaken extends Error {}

  // A status list's purpose and size never change and lists are never deleted: once read, they
  // are known for good, which saves a round trip on every insert.
  const knownLists = new Map<string, { purpose: string; size: number }>()

  // The one way audit rows are inserted: from six parallel arrays (auditColumns), in their order
  // (seq follows it); `at` is parameter $atParam, the arrays $first..$first+5.
  const insertAuditRows = (atParam: number, first: number): string =>
    `INSERT INTO audit_log (at, actor, actor_name, action, target, reason, details)
     SELECT $${atParam}, a.actor, a.actor_name, a.action, a.target, a.reason, a.details
     FROM unnest(${[0, 1, 2, 3, 4, 5].map((i) => `$${first + i}::text[]`).join(', ')}) WITH ORDINALITY AS a(actor, actor_name, action, target, reason, details, ord)
     ORDER BY a.ord`
  const AUDIT_ROWS_IN_INSERT = insertAuditRows(6, 14)
  const AUDIT_ROWS_ALONE = insertAuditRows(1, 2)
  const auditColumns = (entries: readonly NewAuditEntry[]): (string | null)[][] => {
    const columns: (string | null)[][] = [[], [], [], [], [], []]
    for (const e of entries) auditRowValues(e).forEach((v, i) => columns[i]!.push(v))
    return columns
  }

  // `audit` entries go into the statement of the last chunk: committed with the credentials
  // (one statement when the batch is one chunk), never without them.
  const insertBatch = async (
    c: PgQueryable,
    batch: NewCredential[],
    idem: { key: string; requestHash: string } | undefined,
    audit: readonly NewAuditEntry[] = [],
  ): Promise<InsertResult> => {
    if (idem !== undefined) {
      await dropExpiredIdempotency(c, idem.key) // a key past its TTL starts a new request
      const replayed = await replay(c, idem.key, idem.requestHash)
      if (replayed !== undefined) return replayed
    }
    const unknownLists = [...new Set(batch.flatMap((x) => x.status.map((p) => p.listId)))].filter((id) => !knownLists.has(id))
    if (unknownLists.length > 0) {
      const { rows } = await c.query('SELECT list_id, purpose, size FROM status_lists WHERE list_id = ANY($1::text[])', [unknownLists])
      for (const r of rows) knownLists.set(r['list_id'] as string, { purpose: r['purpose'] as string, size: r['size'] as number })
    }
    checkPositionsAgainstLists(batch, knownLists)
    const at = now()
    if (idem !== undefined) {
      const inserted = await c.query('INSERT INTO idempotency_keys (key, request_hash, created_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [
        idem.key,
        idem.requestHash,
        at,
      ])
      if (inserted.rowCount === 0) throw new KeyTaken()
    }
    for (let start = 0; start < batch.length; start += CHUNK) {
      const chunk = batch.slice(start, start + CHUNK)
      const entries = start + CHUNK >= batch.length ? audit : []
      const status: [string[], number[], string[], number[], string[]] = [[], [], [], [], []]
      for (const x of chunk) {
        x.status.forEach((p, position) => {
          status[0].push(p.listId)
          status[1].push(p.index)
          status[2].push(x.id)
          status[3].push(position)
          status[4].push(p.purpose)
        })
      }
      // One statement for the credentials and their positions (one round trip; the foreign
      // keys are checked at its end, when both are inserted). The signed texts travel as one
      // JSON array, not a text[]: node-postgres builds an array literal by escaping every quote
      // of every credential in JavaScript, which made the main thread the bottleneck of a job.
      await c.query(
        `WITH inserted AS (
           INSERT INTO credentials (id, issuer_id, recipient, achievement_id, json, created_at, status_updated_at, idempotency_key, batch_index)
           SELECT t.id, t.issuer_id, t.recipient, t.achievement_id, j.json, $6, $6, $7, CASE WHEN $7::text IS NULL THEN NULL ELSE $8::int + t.ord::int - 1 END
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(id, issuer_id, recipient, achievement_id, ord)
           JOIN json_array_elements_text($5::json) WITH ORDINALITY AS j(json, ord) ON j.ord = t.ord
           ORDER BY t.ord
           RETURNING seq, id
         ), audited AS (${AUDIT_ROWS_IN_INSERT})
         INSERT INTO credential_status (list_id, idx, credential_seq, position, purpose)
         SELECT s.list_id, s.idx, inserted.seq, s.position, s.purpose
         FROM unnest($9::text[], $10::int[], $11::text[], $12::int[], $13::text[]) AS s(list_id, idx, credential_id, position, purpose)
         JOIN inserted ON inserted.id = s.credential_id`,
        [chunk.map((x) => x.id), chunk.map((x) => x.issuerId), chunk.map((x) => x.recipient), chunk.map((x) => x.achievementId ?? null), JSON.stringify(chunk.map((x) => x.json)), at, idem?.key ?? null, start, ...status, ...auditColumns(entries)],
      )
    }
    return { ids: batch.map((x) => x.id), replayed: false }
  }

  const offersFromRows = async (rows: Row[], c: PgQueryable = db): Promise<OfferRecord[]> => {
    if (rows.length === 0) return []
    const outbox = new Map<string, Row>()
    const { rows: deliveries } = await c.query('SELECT * FROM offer_outbox WHERE offer_id = ANY($1::text[])', [rows.map((r) => r['id'])])
    for (const d of deliveries) outbox.set(d['offer_id'] as string, d)
    const at = now()
    return rows.map((r) => {
      const base = mappers.offerBase(r)
      const d = outbox.get(base.id)
      return { ...base, state: offerStateOf(base, at), delivery: d === undefined ? undefined : mappers.delivery(d) }
    })
  }
  const offerDates = mappers.offerDates
  const cancelDelivery = (c: PgQueryable, id: string): Promise<unknown> =>
    c.query("UPDATE offer_outbox SET state = 'cancelled', claim_url = NULL WHERE offer_id = $1 AND state = 'queued'", [id])
  const lockedOffer = async (c: PgQueryable, id: string): Promise<Row> => {
    const { rows } = await c.query('SELECT * FROM offers WHERE id = $1 FOR UPDATE', [id])
    if (rows[0] === undefined) throw offerNotFound(id)
    return rows[0]
  }
  const reloadOffer = async (c: PgQueryable, id: string): Promise<OfferRecord> => {
    const { rows } = await c.query('SELECT * FROM offers WHERE id = $1', [id])
    return (await offersFromRows(rows, c))[0]!
  }

  return {
    kind: 'postgres',
    ...postgresJobMethods({ query, transaction: (fn) => transaction((c) => fn(c)), now, insertBatch: (c, batch) => insertBatch(c as PgClient, batch, undefined), isConstraintError }),
    async migrate() {
      await transaction(async (c) => {
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`microcred.migrate.${schema}`])
        await c.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`)
        await c.query(`SET LOCAL search_path TO "${schema}"`)
        await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)')
        const { rows } = await c.query('SELECT version FROM schema_migrations')
        const applied = new Set(rows.map((r) => r['version'] as number))
        for (const m of POSTGRES_MIGRATIONS) {
          if (applied.has(m.version)) continue
          await c.query(m.sql)
          await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, now()])
        }
      })
    },
    async close() {
      if (closed) return
      closed = true
      await db.end()
    },
    async ping() {
      await query('SELECT 1')
    },

    async createAchievement(input) {
      checkNonEmpty(input?.id, 'achievement id')
      try {
        const rows = await query('INSERT INTO achievements (id, definition, achievement, created_at) VALUES ($1, $2, $3, $4) RETURNING *', [
          input.id,
          JSON.stringify(input.definition),
          JSON.stringify(input.achievement),
          now(),
        ])
        return achievement(rows[0]!)
      } catch (e) {
        if (isConstraintError(e)) throw conflict.achievement(input.id)
        throw e
      }
    },
    async getAchievement(id) {
      const rows = await query('SELECT * FROM achievements WHERE id = $1', [id])
      return rows[0] === undefined ? undefined : achievement(rows[0])
    },
    async listAchievements(q = {}) {
      const limit = pageLimit(q.limit)
      const rows = await query('SELECT * FROM achievements WHERE seq > $1 ORDER BY seq LIMIT $2', [cursorAfter(q.cursor), limit + 1])
      return pageOf(rows, limit, (r) => r['seq'], (items) => items.map(achievement))
    },
    async updateAchievement(input) {
      const rows = await query('UPDATE achievements SET definition = $1, achievement = $2 WHERE id = $3 RETURNING *', [JSON.stringify(input.definition), JSON.stringify(input.achievement), input.id])
      if (rows[0] === undefined) throw new MicrocredError('ERR_STORE_NOT_FOUND', `no achievement ${input.id}`, { details: { id: input.id } })
      return achievement(rows[0])
    },

    async createPathway(input) {
      checkNonEmpty(input?.id, 'pathway id')
      try {
        const rows = await query('INSERT INTO pathways (id, pathway, created_at) VALUES ($1, $2, $3) RETURNING *', [input.id, JSON.stringify(input.pathway), now()])
        return pathway(rows[0]!)
      } catch (e) {
        if (isConstraintError(e)) throw conflict.pathway(input.id)
        throw e
      }
    },
    async getPathway(id) {
      const rows = await query('SELECT * FROM pathways WHERE id = $1', [id])
      return rows[0] === undefined ? undefined : pathway(rows[0])
    },
    async listPathways(q = {}) {
      const limit = pageLimit(q.limit)
      const rows = await query('SELECT * FROM pathways WHERE seq > $1 ORDER BY seq LIMIT $2', [cursorAfter(q.cursor), limit + 1])
      return pageOf(rows, limit, (r) => r['seq'], (items) => items.map(pathway))
    },

    async allocateStatusPositions(count, purposes) {
      checkAllocation(count, purposes)
      if (count === 0) return []
      return transaction(async (c) => {
        const out: StatusPosition[][] = Array.from({ length: count }, () => [])
        // Lock lists in one global order (by purpose), whatever order the caller asked for.
        const ordered = STATUS_PURPOSES.filter((p) => purposes.includes(p))
        const byPurpose = new Map<StatusPurpose, StatusPosition[]>()
        for (const purpose of ordered) {
          const got: StatusPosition[] = []
          while (got.length < count) {
            const { rows } = await c.query(
              'SELECT list_id, size, allocated, seed FROM status_lists WHERE purpose = $1 AND allocated < size ORDER BY seq LIMIT 1 FOR NO KEY UPDATE',
              [purpose],
            )
            const list = rows[0]
            if (list === undefined) {
              // No open list: open the next one, unless (in this statement's snapshot) another
              // allocator already did. Two allocators opening the same seq meet on UNIQUE (purpose,
              // seq): the second waits for the first, then does nothing and loops to lock it.
              await c.query(
                `INSERT INTO status_lists (list_id, purpose, seq, size, allocated, seed, version, created_at, updated_at)
                 SELECT $1 || '-' || m.next, $1, m.next, $2, 0, $3, 1, $4, $4
                 FROM (SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM status_lists WHERE purpose = $1) AS m
                 WHERE NOT EXISTS (SELECT 1 FROM status_lists WHERE purpose = $1 AND allocated < size)
                 ON CONFLICT DO NOTHING`,
                [purpose, listSize, newPermutationSeed(), now()],
              )
              continue
            }
            const size = list['size'] as number
            const allocated = list['allocated'] as number
            const take = Math.min(count - got.length, size - allocated)
            await c.query('UPDATE status_lists SET allocated = allocated + $1 WHERE list_id = $2', [take, list['list_id']])
            const permute = createIndexPermutation(list['seed'] as string, size)
            for (let i = 0; i < take; i++) got.push({ listId: list['list_id'] as string, purpose, index: permute(allocated + i) })
          }
          byPurpose.set(purpose, got)
        }
        for (const purpose of purposes) {
          const got = byPurpose.get(purpose)!
          for (let i = 0; i < count; i++) out[i]!.push(got[i]!)
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
        // Without an idempotency record, a batch of one chunk is one INSERT statement (list
        // metadata read before it, if not known yet): atomic on its own, no BEGIN/COMMIT round trips.
        if (idem === undefined && batch.length <= CHUNK) return await guard(() => insertBatch(db, batch, undefined, audit))
        return await transaction((c) => insertBatch(c, batch, idem, audit))
      } catch (e) {
        if (e instanceof KeyTaken && idem !== undefined) {
          const replayed = await guard(() => replay(db, idem.key, idem.requestHash))
          if (replayed !== undefined) return replayed
        }
        if (isConstraintError(e)) throw duplicateCredential((e as Error).message)
        throw e
      }
    },
    async getCredential(id) {
      const rows = await query('SELECT * FROM credentials WHERE id = $1', [id])
      return (await guard(() => withPositions(rows)))[0]
    },
    async setCredentialPublicPage(id, publicPage) {
      const rows = await query('UPDATE credentials SET public_page = $1 WHERE id = $2 RETURNING *', [publicPage, id])
      if (rows.length === 0) throw new MicrocredError('ERR_CREDENTIAL_NOT_FOUND', `no credential ${id}`, { details: { id } })
      return (await guard(() => withPositions(rows)))[0]!
    },
    async getCredentials(ids) {
      const found = new Map<string, StoredCredential>()
      for (let i = 0; i < ids.length; i += CHUNK) {
        const rows = await query('SELECT * FROM credentials WHERE id = ANY($1::text[])', [ids.slice(i, i + CHUNK)])
        for (const c of await guard(() => withPositions(rows))) found.set(c.id, c)
      }
      return ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []))
    },
    async listCredentials(q) {
      const limit = pageLimit(q.limit)
      const where = ['seq > $1']
      const params: unknown[] = [cursorAfter(q.cursor)]
      const add = (sql: string, v: unknown): void => {
        params.push(v)
        where.push(`${sql} = $${params.length}`)
      }
      if (q.recipient !== undefined) add('recipient', q.recipient)
      if (q.achievementId !== undefined) add('achievement_id', q.achievementId)
      if (q.issuerId !== undefined) add('issuer_id', q.issuerId)
      params.push(limit + 1)
      const rows = await query(`SELECT * FROM credentials WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $${params.length}`, params)
      return pageOf(rows, limit, (r) => r['seq'], (items) => guard(() => withPositions(items)))
    },
    async getIdempotency(key) {
      const rows = await query('SELECT * FROM idempotency_keys WHERE key = $1 AND created_at > $2', [key, cutoff()])
      const row = rows[0]
      if (row === undefined) return undefined
      const ids = await query('SELECT id FROM credentials WHERE idempotency_key = $1 ORDER BY batch_index', [key])
      return { key, requestHash: row['request_hash'] as string, credentialIds: ids.map((r) => r['id'] as string), createdAt: row['created_at'] as Date }
    },
    async purgeExpiredIdempotency() {
      return transaction((c) => dropExpiredIdempotency(c))
    },
    async updateCredentialStatus(id, action, options = {}) {
      const reason = checkStatusReason(options.reason)
      return transaction(async (c) => {
        const { rows } = await c.query('SELECT * FROM credentials WHERE id = $1 FOR UPDATE', [id])
        const row = rows[0]
        if (row === undefined) throw new MicrocredError('ERR_CREDENTIAL_NOT_FOUND', undefined, { details: { credentialId: id } })
        const [current] = await withPositions([row], c)
        const plan = planStatusChange({ revoked: current!.revoked, suspended: current!.suspended, purposes: current!.status.map((p) => p.purpose) }, action, id)
        if (!plan.changed) return { credential: current!, changed: false, listIds: [] }
        const at = now()
        const listIds: string[] = []
        for (const p of current!.status.filter((x) => x.purpose === plan.purpose)) {
          await c.query('UPDATE credential_status SET bit = $1 WHERE list_id = $2 AND idx = $3', [plan.bit, p.listId, p.index])
          await c.query('UPDATE status_lists SET version = version + 1, updated_at = $1 WHERE list_id = $2', [at, p.listId])
          listIds.push(p.listId)
        }
        const updated = await c.query('UPDATE credentials SET revoked = $1, suspended = $2, status_updated_at = $3, status_reason = $4 WHERE seq = $5 RETURNING *', [
          plan.revoked,
          plan.suspended,
          at,
          reason ?? null,
          row['seq'],
        ])
        return { credential: credentialFromRow(updated.rows[0]!, current!.status), changed: true, listIds }
      })
    },

    async getStatusListMeta(listId) {
      const rows = await query('SELECT * FROM status_lists WHERE list_id = $1', [listId])
      return rows[0] === undefined ? undefined : listMeta(rows[0])
    },
    async getStatusList(listId) {
      // One snapshot, so the bits and the version belong together.
      return transaction(
        async (c) => {
          const { rows } = await c.query('SELECT * FROM status_lists WHERE list_id = $1', [listId])
          if (rows[0] === undefined) return undefined
          const meta = listMeta(rows[0])
          const bits = new Uint8Array(meta.size / 8)
          const set = await c.query('SELECT idx FROM credential_status WHERE list_id = $1 AND bit', [listId])
          for (const r of set.rows) {
            const i = r['idx'] as number
            bits[i >> 3] = bits[i >> 3]! | (1 << (7 - (i & 7)))
          }
          return { ...meta, bits }
        },
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
      )
    },
    async listStatusLists() {
      return (await query('SELECT * FROM status_lists ORDER BY purpose, seq')).map(listMeta)
    },

    async createOffers(input) {
      checkNewOffers(input)
      try {
        return await transaction(async (c) => {
          const at = now()
          for (const o of input) {
            await c.query('INSERT INTO offers (id, token_hash, issuer_id, achievement_id, email, template, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
              o.id,
              o.tokenHash,
              o.issuerId,
              o.achievementId ?? null,
              o.email ?? null,
              o.template,
              o.expiresAt,
              at,
            ])
            if (o.delivery !== undefined) {
              await c.query("INSERT INTO offer_outbox (offer_id, state, attempts, next_attempt_at, claim_url) VALUES ($1, 'queued', 0, $2, $3)", [o.id, at, o.delivery.claimUrl])
            }
          }
          const { rows } = await c.query('SELECT * FROM offers WHERE id = ANY($1::text[]) ORDER BY seq', [input.map((o) => o.id)])
          return offersFromRows(rows, c)
        })
      } catch (e) {
        if (isConstraintError(e)) throw conflict.offer()
        throw e
      }
    },
    async getOffer(id) {
      return (await guard(async () => offersFromRows(await query('SELECT * FROM offers WHERE id = $1', [id]))))[0]
    },
    async findOfferByTokenHash(hash) {
      return (await guard(async () => offersFromRows(await query('SELECT * FROM offers WHERE token_hash = $1', [hash]))))[0]
    },
    async listOffers(q) {
      const limit = pageLimit(q.limit)
      const state = checkOfferState(q.state)
      const params: unknown[] = [cursorAfter(q.cursor)]
      const where = ['seq > $1']
      const param = (v: unknown): string => {
        params.push(v)
        return `$${params.length}`
      }
      if (q.achievementId !== undefined) where.push(`achievement_id = ${param(q.achievementId)}`)
      if (state !== undefined) where.push(offerStateCondition(state, now(), param))
      const rows = await query(`SELECT * FROM offers WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ${param(limit + 1)}`, params)
      return pageOf(rows, limit, (r) => r['seq'], (items) => guard(() => offersFromRows(items)))
    },
    async claimOffer(id, credential, claimOptions = {}) {
      checkBatch([credential])
      try {
        return await transaction(async (c) => {
          const row = await lockedOffer(c, id)
          const refusal = claimRefusal(offerDates(row), now())
          if (refusal !== undefined) throw refusal
          await insertBatch(c, [credential], undefined)
          await c.query('UPDATE offers SET claimed_at = $1, credential_id = $2, holder = $3 WHERE id = $4', [now(), credential.id, claimOptions.holder ?? null, id])
          await cancelDelivery(c, id)
          return reloadOffer(c, id)
        })
      } catch (e) {
        if (isConstraintError(e)) throw duplicateCredential((e as Error).message)
        throw e
      }
    },
    async revokeOffer(id) {
      return transaction(async (c) => {
        const row = await lockedOffer(c, id)
        if (row['revoked_at'] === null) {
          const refusal = claimRefusal(offerDates(row), now())
          if (refusal?.code === 'ERR_OFFER_CLAIMED') throw refusal
          await c.query('UPDATE offers SET revoked_at = $1 WHERE id = $2', [now(), id])
        }
        await cancelDelivery(c, id)
        return reloadOffer(c, id)
      })
    },
    async leaseDueDeliveries(limit, leaseMs) {
      return transaction(async (c) => {
        const at = now()
        await c.query(
          "UPDATE offer_outbox SET state = 'cancelled', claim_url = NULL WHERE state = 'queued' AND offer_id IN (SELECT id FROM offers WHERE revoked_at IS NOT NULL OR claimed_at IS NOT NULL OR expires_at <= $1)",
          [at],
        )
        // SKIP LOCKED: two workers leasing at once take different rows.
        const { rows } = await c.query(
          `SELECT o.offer_id, o.attempts, o.claim_url, f.email FROM offer_outbox o JOIN offers f ON f.id = o.offer_id
           WHERE o.state = 'queued' AND o.next_attempt_at <= $1 ORDER BY o.next_attempt_at, f.seq LIMIT $2 FOR UPDATE OF o SKIP LOCKED`,
          [at, limit],
        )
        if (rows.length > 0) {
          await c.query('UPDATE offer_outbox SET next_attempt_at = $1 WHERE offer_id = ANY($2::text[])', [new Date(at.getTime() + leaseMs), rows.map((r) => r['offer_id'])])
        }
        return rows.map(mappers.dueDelivery)
      })
    },
    async recordDeliveryAttempt(offerId, outcome) {
      await transaction(async (c) => {
        const { rows } = await c.query('SELECT state FROM offer_outbox WHERE offer_id = $1 FOR UPDATE', [offerId])
        if (rows[0] === undefined) throw offerNotFound(offerId)
        const at = now()
        if (outcome.ok) {
          await c.query('INSERT INTO offer_delivery_attempts (offer_id, at, ok, error) VALUES ($1, $2, TRUE, NULL)', [offerId, at])
          await c.query("UPDATE offer_outbox SET state = 'sent', attempts = attempts + 1, sent_at = $1, claim_url = NULL WHERE offer_id = $2", [at, offerId])
          return
        }
        const error = clipDeliveryError(outcome.error)
        await c.query('INSERT INTO offer_delivery_attempts (offer_id, at, ok, error) VALUES ($1, $2, FALSE, $3)', [offerId, at, error])
        if (rows[0]['state'] !== 'queued') {
          await c.query('UPDATE offer_outbox SET attempts = attempts + 1, last_error = $1 WHERE offer_id = $2', [error, offerId])
        } else if (outcome.retryAt === undefined) {
          await c.query("UPDATE offer_outbox SET state = 'failed', attempts = attempts + 1, last_error = $1, claim_url = NULL WHERE offer_id = $2", [error, offerId])
        } else {
          await c.query('UPDATE offer_outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE offer_id = $3', [error, outcome.retryAt, offerId])
        }
      })
    },
    async listDeliveryAttempts(offerId) {
      return (await query('SELECT * FROM offer_delivery_attempts WHERE offer_id = $1 ORDER BY seq', [offerId])).map(mappers.deliveryAttempt)
    },

    async createWalletSecret(input) {
      checkNewWalletSecret(input)
      try {
        return await transaction(async (c) => {
          const at = now()
          if (input.offerId !== undefined && (await c.query('SELECT 1 FROM offers WHERE id = $1', [input.offerId])).rows.length === 0) throw offerNotFound(input.offerId)
          await c.query('DELETE FROM wallet_secrets WHERE expires_at <= $1', [at])
          const { rows } = await c.query('INSERT INTO wallet_secrets (hash, kind, offer_id, expires_at, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING *', [
            input.hash,
            input.kind,
            input.offerId ?? null,
            input.expiresAt,
            at,
          ])
          return mappers.walletSecret(rows[0]!)
        })
      } catch (e) {
        if (isConstraintError(e)) throw new MicrocredError('ERR_STORE_CONFLICT', 'a wallet secret with this hash already exists')
        throw e
      }
    },
    async findWalletSecret(hash, kind) {
      checkWalletSecretKind(kind)
      const rows = await query('SELECT * FROM wallet_secrets WHERE hash = $1 AND kind = $2 AND used_at IS NULL AND expires_at > $3', [hash, kind, now()])
      return rows[0] === undefined ? undefined : mappers.walletSecret(rows[0])
    },
    async useWalletSecret(hash, kind) {
      checkWalletSecretKind(kind)
      const at = now()
      // One conditional UPDATE: of two concurrent uses only one matches the row.
      const rows = await query('UPDATE wallet_secrets SET used_at = $1 WHERE hash = $2 AND kind = $3 AND used_at IS NULL AND expires_at > $1 RETURNING *', [at, hash, kind])
      return rows[0] === undefined ? undefined : mappers.walletSecret(rows[0])
    },

    async createApiKey(input) {
      checkApiKey(input)
      try {
        const rows = await query('INSERT INTO api_keys (id, name, hash, scopes, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *', [
          input.id,
          input.name,
          input.hash,
          normalizeScopes(input.scopes).join(','),
          now(),
          input.expiresAt ?? null,
        ])
        return apiKey(rows[0]!)
      } catch (e) {
        if (isConstraintError(e)) throw conflict.apiKey()
        throw e
      }
    },
    async findApiKeyByHash(hash) {
      const rows = await query('SELECT * FROM api_keys WHERE hash = $1', [hash])
      return rows[0] === undefined ? undefined : apiKey(rows[0])
    },
    async revokeApiKey(id) {
      const rows = await query('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 RETURNING *', [now(), id])
      if (rows[0] === undefined) throw new MicrocredError('ERR_STORE_NOT_FOUND', `no API key ${id}`, { details: { id } })
      return apiKey(rows[0])
    },
    async listApiKeys() {
      return (await query('SELECT * FROM api_keys ORDER BY seq')).map(apiKey)
    },

    async addIssuerKey(input) {
      checkNonEmpty(input?.id, 'key id')
      checkNonEmpty(input.controller, 'controller')
      checkNonEmpty(input.publicKeyMultibase, 'publicKeyMultibase')
      try {
        const rows = await query('INSERT INTO issuer_keys (id, controller, public_key_multibase, created_at) VALUES ($1, $2, $3, $4) RETURNING *', [
          input.id,
          input.controller,
          input.publicKeyMultibase,
          now(),
        ])
        return issuerKey(rows[0]!)
      } catch (e) {
        if (isConstraintError(e)) throw conflict.issuerKey(input.id)
        throw e
      }
    },
    async listIssuerKeys(controller) {
      return (await query('SELECT * FROM issuer_keys WHERE controller = $1 ORDER BY seq', [controller])).map(issuerKey)
    },
    async retireIssuerKey(id) {
      const rows = await query('UPDATE issuer_keys SET retired_at = COALESCE(retired_at, $1) WHERE id = $2 RETURNING *', [now(), id])
      if (rows[0] === undefined) throw new MicrocredError('ERR_STORE_NOT_FOUND', `no issuer key ${id}`, { details: { id } })
      return issuerKey(rows[0])
    },

    async appendAudit(entry) {
      checkAuditEntry(entry)
      const rows = await query('INSERT INTO audit_log (at, actor, actor_name, action, target, reason, details) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *', [now(), ...auditRowValues(entry)])
      return auditEntry(rows[0]!)
    },
    async listAudit(q = {}) {
      const limit = pageLimit(q.limit)
      const before = cursorBefore(q.cursor)
      const rows = q.target === undefined
        ? await query('SELECT * FROM audit_log WHERE seq < $1 ORDER BY seq DESC LIMIT $2', [before, limit + 1])
        : await query('SELECT * FROM audit_log WHERE target = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3', [q.target, before, limit + 1])
      return pageOf(rows, limit, (r) => String(r['seq']), (items) => items.map(auditEntry))
    },
    async appendAudits(entries) {
      entries.forEach(checkAuditEntry)
      if (entries.length === 0) return
      // One statement (atomic, autocommitted), built as the one inside insertBatch.
      await query(AUDIT_ROWS_ALONE, [now(), ...auditColumns(entries)])
    },
  }
}

