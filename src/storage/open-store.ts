/**
 * @module storage/open-store
 * Builds the store a config asks for and runs its migrations. The only place that knows
 * every adapter.
 */
import { createMemoryStore } from './memory/memory-store.js'
import { createPostgresStore } from './postgres/postgres-store.js'
import { createSqliteStore } from './sqlite/sqlite-store.js'
import type { Store, StoreConfig } from './store.js'

export function createStore(config: StoreConfig): Store {
  switch (config.kind) {
    case 'memory':
      return createMemoryStore(config)
    case 'sqlite':
      return createSqliteStore(config)
    case 'postgres':
      return createPostgresStore(config)
  }
}

/** `createStore` + `migrate()`; closes the store again if migrating fails. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const store = createStore(config)
  try {
    await store.migrate()
  } catch (e) {
    await store.close().catch(() => {})
    throw e
  }
  return store
}
