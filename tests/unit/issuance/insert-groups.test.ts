import { describe, expect, it } from 'vitest'
import { createInsertGroups } from '../../../src/issuance/insert-groups.js'
import { createMemoryStore } from '../../../src/storage/memory/memory-store.js'
import type { NewCredential, Store } from '../../../src/storage/store.js'

/** A store whose insertCredentials calls are counted (sizes of each call). */
async function countingStore(): Promise<{ store: Store; calls: number[]; real: Store }> {
  const real = createMemoryStore()
  await real.migrate()
  const calls: number[] = []
  const store = Object.assign(Object.create(real) as Store, {
    insertCredentials: (batch: NewCredential[], options?: Parameters<Store['insertCredentials']>[1]) => {
      calls.push(batch.length)
      return real.insertCredentials(batch, options)
    },
  })
  return { store, calls, real }
}

async function records(store: Store, ids: string[]): Promise<NewCredential[]> {
  const positions = await store.allocateStatusPositions(ids.length, ['revocation'])
  return ids.map((id, i) => ({ id, issuerId: 'did:example:issuer', recipient: 'did:example:learner', json: JSON.stringify({ id }), status: positions[i]! }))
}

describe('grouped inserts', () => {
  it('stores inserts of one event-loop turn with one store call, each caller getting its own ids', async () => {
    const { store, calls, real } = await countingStore()
    const insert = createInsertGroups(store)
    const batches = await Promise.all(['a', 'b', 'c'].map((x) => records(real, [`urn:x:${x}1`, `urn:x:${x}2`])))
    const results = await Promise.all(batches.map((b) => insert(b)))
    expect(calls).toEqual([6])
    expect(results.map((r) => r.ids)).toEqual(batches.map((b) => b.map((r) => r.id)))
    expect(results.every((r) => !r.replayed)).toBe(true)
    expect((await real.getCredentials(batches.flat().map((r) => r.id))).map((c) => c.json)).toEqual(batches.flat().map((r) => r.json))
  })

  it('when the group fails, inserts each caller alone: only the caller at fault gets the error', async () => {
    const { store, calls, real } = await countingStore()
    const insert = createInsertGroups(store)
    const [taken] = await Promise.all([records(real, ['urn:x:taken'])])
    await real.insertCredentials(taken!)
    const [good1, bad, good2] = await Promise.all([records(real, ['urn:x:g1']), records(real, ['urn:x:taken']), records(real, ['urn:x:g2'])])
    const outcomes = await Promise.allSettled([insert(good1!), insert(bad!), insert(good2!)])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'ERR_STORE_CONFLICT' })
    expect(calls).toEqual([3, 1, 1, 1])
    expect((await real.getCredentials(['urn:x:g1', 'urn:x:g2'])).length).toBe(2)
  })

  it('writes the audit entry of each caller in the insert of its group, and alone with its own credentials when the group fails', async () => {
    const { store, calls, real } = await countingStore()
    const insert = createInsertGroups(store)
    const [a, b] = await Promise.all([records(real, ['urn:x:a']), records(real, ['urn:x:b'])])
    await Promise.all([insert(a!, { actor: 'k', action: 'credentials.issue', target: 'urn:x:a' }), insert(b!, { actor: 'k', action: 'credentials.issue', target: 'urn:x:b' })])
    expect(calls).toEqual([2])
    expect((await real.listAudit()).items.map((e) => e.target)).toEqual(['urn:x:b', 'urn:x:a'])
    const [good, bad] = await Promise.all([records(real, ['urn:x:good']), records(real, ['urn:x:a'])])
    const outcomes = await Promise.allSettled([insert(good!, { actor: 'k', action: 'credentials.issue', target: 'urn:x:good' }), insert(bad!, { actor: 'k', action: 'credentials.issue', target: 'urn:x:dup' })])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected'])
    expect((await real.listAudit()).items.map((e) => e.target)).toEqual(['urn:x:good', 'urn:x:b', 'urn:x:a'])
  })

  it('sends large inserts to the store directly', async () => {
    const { store, calls, real } = await countingStore()
    const insert = createInsertGroups(store)
    const big = await records(real, Array.from({ length: 17 }, (_, i) => `urn:x:big${i}`))
    await insert(big)
    expect(calls).toEqual([17])
  })
})
