// Runs the store contract over every adapter. `STORES=memory,sqlite` narrows the list for a
// quick local run; CI runs all three (PostgreSQL from DATABASE_URL, or one embedded
// for the run: tests/setup/postgres.ts), each PostgreSQL run in a fresh schema dropped afterwards.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { createMemoryStore } from '../../src/storage/memory/memory-store.js'
import { createPostgresStore } from '../../src/storage/postgres/postgres-store.js'
import { createSqliteStore } from '../../src/storage/sqlite/sqlite-store.js'
import type { Store, StoreOptions } from '../../src/storage/store.js'
import { describeStoreContract, type StoreHarness } from './store.contract.js'
import { TEST_DATABASE_URL as PG_URL } from '../setup/database.js'


const ADAPTERS = [
  {
    name: 'memory',
    async harness(): Promise<StoreHarness> {
      let shared: Store | undefined
      return {
        async open(options?: StoreOptions) {
          const fresh = createMemoryStore(options) // validates the options every time
          shared ??= fresh
          return shared
        },
        async reset() {
          await shared?.close()
          shared = undefined
        },
        async destroy() {
          await shared?.close()
        },
      }
    },
  },
  {
    name: 'sqlite',
    async harness(): Promise<StoreHarness> {
      const dir = mkdtempSync(join(tmpdir(), 'microcred-store-'))
      let n = 0
      let opened: Store[] = []
      return {
        async open(options?: StoreOptions) {
          const store = createSqliteStore({ ...options, filename: join(dir, `db-${n}`, 'microcred.sqlite') })
          opened.push(store)
          await store.migrate()
          return store
        },
        async reset() {
          await Promise.all(opened.map((s) => s.close()))
          opened = []
          n += 1
        },
        async destroy() {
          await Promise.all(opened.map((s) => s.close()))
          rmSync(dir, { recursive: true, force: true })
        },
      }
    },
  },
  {
    name: 'postgres',
    async harness(): Promise<StoreHarness> {
      const schema = `mc_test_${process.pid}_${Date.now().toString(36)}`
      const admin = new pg.Client({ connectionString: PG_URL })
      await admin.connect()
      let opened: Store[] = []
      const open = async (options?: StoreOptions): Promise<Store> => {
        const store = createPostgresStore({ ...options, connectionString: PG_URL, schema, poolSize: 8 })
        opened.push(store)
        await store.migrate()
        return store
      }
      await open() // creates the schema and tables
      return {
        open,
        async reset() {
          await Promise.all(opened.map((s) => s.close()))
          opened = []
          await admin.query(
            `TRUNCATE "${schema}".credential_status, "${schema}".credentials, "${schema}".idempotency_keys, "${schema}".status_lists,
             "${schema}".achievements, "${schema}".pathways, "${schema}".api_keys, "${schema}".issuer_keys,
             "${schema}".offers, "${schema}".offer_outbox, "${schema}".offer_delivery_attempts, "${schema}".jobs, "${schema}".job_rows, "${schema}".audit_log RESTART IDENTITY CASCADE`,
          )
        },
        async destroy() {
          await Promise.all(opened.map((s) => s.close()))
          await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
          await admin.end()
        },
      }
    },
  },
] as const

const wanted = (process.env['STORES'] ?? 'memory,sqlite,postgres').split(',').map((s) => s.trim())
for (const adapter of ADAPTERS) {
  if (wanted.includes(adapter.name)) describeStoreContract(adapter.name, adapter.harness)
}
