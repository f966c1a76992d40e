import { describe, expect, it } from 'vitest'
import { createIssuer, systemClock } from '../../../src/index.js'
import { ActiveIssuer, type IssuanceContext } from '../../../src/issuance/context.js'
import { StatusListPublisher } from '../../../src/issuance/status-lists.js'
import { createMemoryStore } from '../../../src/storage/memory/memory-store.js'
import type { Store } from '../../../src/storage/store.js'

const BASE = 'https://issuer.example'
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** A memory store with one stored credential on a revocation list; getStatusListMeta calls are counted. */
async function setup(): Promise<{ ctx: IssuanceContext; store: Store; reads: string[]; listId: string; credentialId: string; fail: { next: boolean } }> {
  const real = createMemoryStore()
  await real.migrate()
  const reads: string[] = []
  const fail = { next: false }
  const store = Object.assign(Object.create(real) as Store, {
    getStatusListMeta: (listId: string) => {
      reads.push(listId)
      if (fail.next) {
        fail.next = false
        throw new Error('store unavailable')
      }
      return real.getStatusListMeta(listId)
    },
  })
  const [status] = await store.allocateStatusPositions(1, ['revocation'])
  const credentialId = 'urn:uuid:publisher-test'
  await store.insertCredentials([{ id: credentialId, issuerId: 'did:example:issuer', recipient: 'did:example:learner', json: '{}', status: status! }])
  const ctx: IssuanceContext = { store, issuer: new ActiveIssuer(createIssuer({ name: 'Example University' })), clock: systemClock, baseUrl: () => BASE }
  return { ctx, store, reads, listId: status![0]!.listId, credentialId, fail }
}

describe('status list publisher: version reads', () => {
  it('answers the requests of one turn with one read of the version, and reads again in the next turn', async () => {
    const { ctx, reads, listId } = await setup()
    const lists = new StatusListPublisher(ctx, { maxAgeSeconds: 60 })
    const [a, b, etag] = await Promise.all([lists.get(listId), lists.get(listId), lists.etag(listId)])
    expect(reads).toEqual([listId])
    expect(a).toBe(b)
    expect(etag).toBe(StatusListPublisher.etagOf(listId, a!.version))
    await lists.get(listId)
    expect(reads).toEqual([listId, listId])
    expect(await lists.get('no-such-list')).toBeUndefined()
  })

  it('starts the shared read after every request of the turn asked: a change made meanwhile is seen', async () => {
    const { ctx, store, listId, credentialId } = await setup()
    const lists = new StatusListPublisher(ctx, { maxAgeSeconds: 60 })
    const before = await lists.get(listId)
    const asked = lists.get(listId)
    await store.updateCredentialStatus(credentialId, 'revoke')
    const after = await asked
    expect(after!.version).toBeGreaterThan(before!.version)
  })

  it('rejects every request of a turn whose read fails (even by a throw), and reads again in the next', async () => {
    const { ctx, reads, listId, fail } = await setup()
    const lists = new StatusListPublisher(ctx, { maxAgeSeconds: 60 })
    fail.next = true
    const outcomes = await Promise.allSettled([lists.get(listId), lists.etag(listId)])
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected'])
    await nextTurn()
    expect(await lists.etag(listId)).toMatch(/^W\/"/)
    expect(reads).toEqual([listId, listId])
  })
})
