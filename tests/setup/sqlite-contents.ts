// What a (stopped or killed) service left in its SQLite file, read directly through the store:
// the crash and fault tests compare it with what the clients were told.
import { createSqliteStore } from '../../src/storage/sqlite/sqlite-store.js'
import type { OfferRecord, Page, StoredCredential } from '../../src/storage/store.js'

export interface SqliteContents {
  credentials: StoredCredential[]
  offers: OfferRecord[]
  /** Every credential's status positions as `listId/index`. */
  positions: string[]
}

async function allPages<T>(list: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = []
  let cursor: string | undefined
  do {
    const page = await list(cursor)
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor !== undefined)
  return items
}

export async function readSqliteContents(filename: string): Promise<SqliteContents> {
  const store = createSqliteStore({ filename })
  try {
    const credentials = await allPages((cursor) => store.listCredentials({ limit: 1000, cursor }))
    const offers = await allPages((cursor) => store.listOffers({ limit: 1000, cursor }))
    return { credentials, offers, positions: credentials.flatMap((c) => c.status.map((p) => `${p.listId}/${p.index}`)) }
  } finally {
    await store.close()
  }
}
