// Schema migrations: released migrations never change (their SQL is pinned by hash), versions
// only grow, and a database created by an earlier release is upgraded in place by `migrate()`
// with its data kept. Runs for SQLite and PostgreSQL (STORES narrows the list, as for the
// store contract).
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import type { Migration } from '../../src/storage/migrations/migration.js'
import { POSTGRES_MIGRATIONS } from '../../src/storage/migrations/postgres.js'
import { SQLITE_MIGRATIONS } from '../../src/storage/migrations/sqlite.js'
import { createPostgresStore } from '../../src/storage/postgres/postgres-store.js'
import { createSqliteStore } from '../../src/storage/sqlite/sqlite-store.js'
import { testClock } from './fixtures.js'
import { TEST_DATABASE_URL as PG_URL } from '../setup/database.js'

const wanted = (process.env['STORES'] ?? 'memory,sqlite,postgres').split(',').map((s) => s.trim())

/** SHA-256 of every released migration. Appending a version is fine; changing one of these is not. */
const RELEASED: Record<'sqlite' | 'postgres', Record<number, string>> = {
  sqlite: {
    1: '8498483848aed63e50bf94a02e12a43e07100d0f51a3fd759d513e742988ff45',
    2: '9656b78bc3b287c506b14977de223e658e2e4dfe7956732f860e85bead3a26ec',
    3: 'd423ce1f50f1f1e3da8ec0b20b8dfd4fd8845965bdc1218a12283ec6bf77bf72',
    4: '9d4b3958d6c7e21a3d3c4f453af9f720782296f596c6045356fe2641217e061e',
    5: '100e4127fdce36396094cb66516af8b164744e9aa36265f882492411c575e818',
    6: 'eddf48a5c7faebc303bedc4395a15d21368f08392c618686215471308785cc39',
    7: '12a739964dd9ad795057c27d29fdc878f4bde79ab1f8679550258b79fdacfb67',
    8: '73220cd4a2709aa5ac3198fb3d62cc58f9e2618f5f39bd917b6318c6fc84ee2c',
    9: 'd427e4f03bba072d627b604a74b1c3922562b09767199057ff6b79aa6956d8c1',
  },
  postgres: {
    1: '2984385ea8e2cc260489718b28cfd6a9b30e9df33990d14f8674641d7517e90a',
    2: '1d5d9bc3d6db2fa9b04c25c2114588ec7b42b772913df8555c91262501e513d7',
    3: '306d323c1ab2c70f3edfb6dc8edc9b1c11a21bd6ed7db58d0622b74d905b40c4',
    4: 'e648c4327290a733ed27412b144ad06152c06a1f8de17d14d158fc7f66323abf',
    5: '100e4127fdce36396094cb66516af8b164744e9aa36265f882492411c575e818',
    6: '59981ef7e45f62043657f27546ec590f0c103a3831807fb77a6d8c7cee993d3c',
    7: '36dd306b8ab56ae6f1ab4eab0bb9bc217e713eba79757d9b3143d13c449c60ea',
    8: 'ad7022e2ec9966cead38a2b6414c2acae038d2e892ccd4867bb57197181d23d8',
    9: '4fc8d7a34750e6f2dcf3abe00ad2f5e95b9dfc95d0869c5025978dd58fc40883',
  },
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

describe.each([
  ['sqlite', SQLITE_MIGRATIONS],
  ['postgres', POSTGRES_MIGRATIONS],
] as const)('%s migrations', (dialect, migrations: readonly Migration[]) => {
  it('keeps released migrations unchanged and numbers versions 1, 2, 3, …', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1))
    for (const [version, hash] of Object.entries(RELEASED[dialect])) {
      const m = migrations.find((x) => x.version === Number(version))
      expect(m, `migration ${version}`).toBeDefined()
      expect(sha256(m!.sql), `${dialect} migration ${version} (${m!.name}) was edited; append a new version instead`).toBe(hash)
    }
  })
})

const achievement = { id: 'https://example.edu/achievements/a', definition: { name: 'A' }, achievement: { id: 'https://example.edu/achievements/a', type: ['Achievement'] } }
const pathway = { id: 'urn:pathway:p', pathway: { id: 'urn:pathway:p', name: 'P' } }

describe.runIf(wanted.includes('sqlite'))('sqlite: upgrading a version-1 database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'microcred-migrate-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('adds the pathways table and keeps the data', async () => {
    const filename = join(dir, 'v1.sqlite')
    const db = new Database(filename)
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
    db.exec(SQLITE_MIGRATIONS[0]!.sql)
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, ?, ?)').run(SQLITE_MIGRATIONS[0]!.name, '2026-01-01T00:00:00.000Z')
    db.prepare('INSERT INTO achievements (id, definition, achievement, created_at) VALUES (?, ?, ?, ?)').run(
      achievement.id,
      JSON.stringify(achievement.definition),
      JSON.stringify(achievement.achievement),
      '2026-01-01T00:00:00.000Z',
    )
    db.close()

    const store = createSqliteStore({ filename, clock: testClock() })
    try {
      await store.migrate()
      await store.migrate()
      expect((await store.getAchievement(achievement.id))?.definition).toEqual(achievement.definition)
      await store.createPathway(pathway)
      expect((await store.getPathway(pathway.id))?.pathway).toEqual(pathway.pathway)
    } finally {
      await store.close()
    }
    const check = new Database(filename, { readonly: true })
    expect((check.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version))
    check.close()
  })
})

describe.runIf(wanted.includes('postgres'))('postgres: upgrading a version-1 database', () => {
  const schema = `mc_migrate_${process.pid}_${Date.now().toString(36)}`
  const admin = new pg.Client({ connectionString: PG_URL })
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await admin.end()
  })

  it('adds the pathways table and keeps the data', async () => {
    await admin.connect()
    await admin.query(`CREATE SCHEMA "${schema}"`)
    await admin.query(`SET search_path TO "${schema}"`)
    await admin.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)')
    await admin.query(POSTGRES_MIGRATIONS[0]!.sql)
    await admin.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, $1, now())', [POSTGRES_MIGRATIONS[0]!.name])
    await admin.query('INSERT INTO achievements (id, definition, achievement, created_at) VALUES ($1, $2, $3, now())', [
      achievement.id,
      JSON.stringify(achievement.definition),
      JSON.stringify(achievement.achievement),
    ])

    const store = createPostgresStore({ connectionString: PG_URL, schema, clock: testClock(), poolSize: 2 })
    try {
      await store.migrate()
      await store.migrate()
      expect((await store.getAchievement(achievement.id))?.definition).toEqual(achievement.definition)
      await store.createPathway(pathway)
      expect((await store.getPathway(pathway.id))?.pathway).toEqual(pathway.pathway)
    } finally {
      await store.close()
    }
    const { rows } = await admin.query('SELECT version FROM schema_migrations ORDER BY version')
    expect(rows.map((r: { version: number }) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version))
  })
})
