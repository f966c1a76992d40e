// Background WAL checkpoints (storage/sqlite/background-checkpoints.ts): the worker thread
// copies committed pages into the database file while the serving connection only commits,
// nothing is lost across close and reopen, and closing does not hang.
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { SAFETY_NET_PAGES } from '../../src/storage/sqlite/background-checkpoints.js'
import { createSqliteStore } from '../../src/storage/sqlite/sqlite-store.js'
import type { NewCredential, Store } from '../../src/storage/store.js'

const dirs: string[] = []
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
})

async function fill(store: Store, count: number): Promise<void> {
  const positions = await store.allocateStatusPositions(count, ['revocation'])
  const json = JSON.stringify({ padding: 'x'.repeat(3000) })
  for (let start = 0; start < count; start += 100) {
    const batch: NewCredential[] = []
    for (let i = start; i < Math.min(count, start + 100); i++) {
      batch.push({ id: `urn:uuid:c-${i}`, issuerId: 'did:web:college.example', recipient: `did:example:${i}`, json, status: positions[i]! })
    }
    await store.insertCredentials(batch)
  }
}

const until = async (check: () => Promise<boolean>, ms: number): Promise<boolean> => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (await check()) return true
  return check()
}

describe('SQLite background checkpoints', () => {
  it('copy committed pages into the database file without a commit doing it; all rows survive close and reopen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'microcred-ckpt-'))
    dirs.push(dir)
    const filename = join(dir, 'microcred.sqlite')
    const errors: string[] = []
    const store = createSqliteStore({ filename, backgroundCheckpoints: true, onCheckpointError: (m) => errors.push(m) })
    await store.migrate()
    const before = (await stat(filename)).size
    // ≈ 1.6 MB of rows: below the default automatic checkpoint (1 000 pages ≈ 4 MB of WAL), far below the safety net.
    await fill(store, 500)
    expect(await until(async () => (await stat(filename)).size > before + 1_000_000, 5000)).toBe(true)
    await store.close()
    expect(errors).toEqual([])

    const db = new Database(filename, { readonly: true })
    expect(db.prepare('SELECT count(*) AS n FROM credentials').get()).toEqual({ n: 500 })
    db.close()
  })

  it('without them (the CLI’s short-lived stores), the same rows stay in the WAL until a commit checkpoints', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'microcred-ckpt-'))
    dirs.push(dir)
    const filename = join(dir, 'microcred.sqlite')
    const store = createSqliteStore({ filename })
    await store.migrate()
    const before = (await stat(filename)).size
    await fill(store, 500)
    await new Promise((r) => setTimeout(r, 500))
    expect((await stat(filename)).size).toBeLessThan(before + 300_000)
    expect((await stat(`${filename}-wal`)).size).toBeGreaterThan(1_000_000)
    await store.close()
  })

  it('raise the serving connection’s own automatic checkpoint to the safety net, and close promptly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'microcred-ckpt-'))
    dirs.push(dir)
    let opened: { pragma(source: string): unknown } | undefined
    const store = createSqliteStore({
      filename: join(dir, 'microcred.sqlite'),
      backgroundCheckpoints: true,
      open: (f) => {
        const db = new Database(f)
        opened = db
        return db as never
      },
    })
    await store.migrate()
    expect(opened!.pragma('wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: SAFETY_NET_PAGES }])
    const started = Date.now()
    await store.close()
    expect(Date.now() - started).toBeLessThan(1500)
  })
})
