import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createStatusBlockAllocator } from '../../../src/issuance/status-blocks.js'
import { createSqliteStore } from '../../../src/storage/sqlite/sqlite-store.js'
import type { StatusPosition, Store } from '../../../src/storage/store.js'

const both = ['revocation', 'suspension'] as const
const key = (p: StatusPosition): string => `${p.listId}#${p.index}`

/** Counts the store allocations an allocator makes. */
function counting(store: Store): { store: Store; calls: number[] } {
  const calls: number[] = []
  return {
    calls,
    store: Object.assign(Object.create(store) as Store, {
      allocateStatusPositions: (count: number, purposes: Parameters<Store['allocateStatusPositions']>[1]) => {
        calls.push(count)
        return store.allocateStatusPositions(count, purposes)
      },
    }),
  }
}

describe('status positions in blocks', () => {
  let dir: string | undefined
  const stores: Store[] = []
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close()
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
    dir = undefined
  })
  const open = async (filename: string): Promise<Store> => {
    const store = createSqliteStore({ filename })
    await store.migrate()
    stores.push(store)
    return store
  }

  it('takes one block from the store for many small requests, one position per purpose each, never twice', async () => {
    dir = await mkdtemp(join(tmpdir(), 'microcred-blocks-'))
    const { store, calls } = counting(await open(join(dir, 'db.sqlite')))
    const allocate = createStatusBlockAllocator(store, 16)
    // 40 concurrent single requests share refills instead of each allocating.
    const got = await Promise.all(Array.from({ length: 40 }, () => allocate(1, both)))
    expect(calls).toEqual([16, 16, 16])
    const rows = got.flat()
    expect(rows).toHaveLength(40)
    for (const row of rows) expect(row.map((p) => p.purpose)).toEqual(['revocation', 'suspension'])
    const positions = rows.flat().map(key)
    expect(new Set(positions).size).toBe(80)
  })

  it('sends requests larger than half a block to the store directly', async () => {
    dir = await mkdtemp(join(tmpdir(), 'microcred-blocks-'))
    const { store, calls } = counting(await open(join(dir, 'db.sqlite')))
    const allocate = createStatusBlockAllocator(store, 16)
    const rows = await allocate(9, ['revocation'])
    expect(rows).toHaveLength(9)
    expect(calls).toEqual([9])
  })

  it('two allocators on one database (two processes) never hand out the same position', async () => {
    dir = await mkdtemp(join(tmpdir(), 'microcred-blocks-'))
    const file = join(dir, 'db.sqlite')
    const a = createStatusBlockAllocator(await open(file), 8)
    const b = createStatusBlockAllocator(await open(file), 8)
    const got = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? a : b)(1, both)))
    const positions = got.flat(2).map(key)
    expect(new Set(positions).size).toBe(100)
  })

  it('a failed refill fails the waiting requests and the next request tries again', async () => {
    dir = await mkdtemp(join(tmpdir(), 'microcred-blocks-'))
    const real = await open(join(dir, 'db.sqlite'))
    let fail = true
    const flaky = Object.assign(Object.create(real) as Store, {
      allocateStatusPositions: (count: number, purposes: Parameters<Store['allocateStatusPositions']>[1]) =>
        fail ? Promise.reject(new Error('database is locked')) : real.allocateStatusPositions(count, purposes),
    })
    const allocate = createStatusBlockAllocator(flaky, 4)
    await expect(Promise.all([allocate(1, both), allocate(1, both)])).rejects.toThrow('database is locked')
    fail = false
    expect(await allocate(1, both)).toHaveLength(1)
  })
})
