// The store contract: every adapter must pass this suite unchanged. There are no per-adapter
// branches: a behaviour difference between adapters is a bug in the adapter.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MAX_BATCH, MIN_STATUS_LIST_SIZE, type Store, type StoreOptions, type StatusPosition } from '../../src/storage/store.js'
import { HASH_A, HASH_B, newCredential, testClock, type TestClock } from './fixtures.js'
import { describeOffersContract } from './offers.contract.js'
import { describeJobsContract } from './jobs.contract.js'
import { describeWalletSecretsContract } from './wallet-secrets.contract.js'

/**
 * How the suite reaches one adapter. `open` returns a migrated store on the adapter's test
 * database; every call is a separate connection (for PostgreSQL another Pool, standing in for
 * another process), all seeing the same data. `reset` closes what was opened and empties the
 * database; `destroy` removes it.
 */
export interface StoreHarness {
  open(options?: StoreOptions): Promise<Store>
  reset(): Promise<void>
  destroy(): Promise<void>
}

const key = (p: StatusPosition): string => `${p.listId}#${p.index}`

export function describeStoreContract(name: string, makeHarness: () => Promise<StoreHarness>): void {
  describe(`store contract: ${name}`, () => {
    let harness: StoreHarness
    let clock: TestClock
    let store: Store

    beforeAll(async () => {
      harness = await makeHarness()
    })
    afterAll(async () => {
      await harness?.destroy()
    })
    beforeEach(async () => {
      await harness.reset()
      clock = testClock()
      store = await harness.open({ clock })
    })

    /** One credential with a revocation and a suspension position. */
    async function issueOne(over: Parameters<typeof newCredential>[1] = {}) {
      const [positions] = await store.allocateStatusPositions(1, ['revocation', 'suspension'])
      const c = newCredential(positions!, over)
      await store.insertCredentials([c])
      return c
    }

    describe('lifecycle', () => {
      it('migrates idempotently, also from two connections at once', async () => {
        const other = await harness.open({ clock })
        await Promise.all([store.migrate(), other.migrate(), store.migrate()])
        await expect(store.ping()).resolves.toBeUndefined()
        await expect(other.ping()).resolves.toBeUndefined()
      })

      it('refuses a status list smaller than 131 072 entries or not a multiple of 8', async () => {
        await expect(harness.open({ clock, statusListSize: 1024 })).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID' })
        await expect(harness.open({ clock, statusListSize: MIN_STATUS_LIST_SIZE + 3 })).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID' })
      })

      it('rejects calls after close with ERR_STORE_UNAVAILABLE', async () => {
        await store.close()
        await store.close() // twice is fine
        await expect(store.ping()).rejects.toMatchObject({ code: 'ERR_STORE_UNAVAILABLE' })
        await expect(store.getCredential('urn:x')).rejects.toMatchObject({ code: 'ERR_STORE_UNAVAILABLE' })
      })
    })

    describe('achievements', () => {
      const input = {
        id: 'https://example.edu/achievements/data-101',
        definition: { id: 'https://example.edu/achievements/data-101', name: 'Data literacy', credits: { system: 'ECTS', value: 5 } },
        achievement: { id: 'https://example.edu/achievements/data-101', type: ['Achievement'], name: 'Data literacy', creditsAvailable: 5 },
      }

      it('stores and returns a definition with its built achievement', async () => {
        const created = await store.createAchievement(input)
        expect(created).toEqual({ ...input, createdAt: clock.now() })
        expect(await store.getAchievement(input.id)).toEqual(created)
        expect(Object.keys((await store.getAchievement(input.id))!.achievement)).toEqual(Object.keys(input.achievement))
        expect(await store.getAchievement('https://example.edu/none')).toBeUndefined()
      })

      it('refuses a second definition with the same id (ERR_STORE_CONFLICT)', async () => {
        await store.createAchievement(input)
        await expect(store.createAchievement({ ...input, definition: {} })).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' })
        expect((await store.getAchievement(input.id))!.definition).toEqual(input.definition)
      })

      it('lists in creation order, page by page', async () => {
        for (let i = 0; i < 5; i++) await store.createAchievement({ ...input, id: `${input.id}-${i}` })
        const first = await store.listAchievements({ limit: 2 })
        const second = await store.listAchievements({ limit: 2, cursor: first.nextCursor! })
        const third = await store.listAchievements({ limit: 2, cursor: second.nextCursor! })
        expect([...first.items, ...second.items, ...third.items].map((a) => a.id)).toEqual([0, 1, 2, 3, 4].map((i) => `${input.id}-${i}`))
        expect(third.nextCursor).toBeUndefined()
      })

      it('updates a definition in place, keeping createdAt; a missing id is ERR_STORE_NOT_FOUND', async () => {
        const created = await store.createAchievement(input)
        clock.tick(5000)
        const changed = await store.updateAchievement({ id: input.id, definition: { ...input.definition, name: 'Data literacy II' }, achievement: { ...input.achievement, name: 'Data literacy II' } })
        expect(changed.definition['name']).toBe('Data literacy II')
        expect(changed.createdAt).toEqual(created.createdAt)
        expect(await store.getAchievement(input.id)).toEqual(changed)
        expect((await store.listAchievements()).items).toHaveLength(1)
        await expect(store.updateAchievement({ ...input, id: 'https://example.edu/none' })).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' })
      })
    })

    describe('audit log', () => {
      it('appends entries stamped by the store clock and lists them newest first, page by page', async () => {
        const first = await store.appendAudit({ actor: 'key-1', actorName: 'registry', action: 'credential.revoke', target: 'urn:uuid:1', reason: 'awarded in error', details: { changed: true } })
        expect(first).toEqual({ at: clock.now(), actor: 'key-1', actorName: 'registry', action: 'credential.revoke', target: 'urn:uuid:1', reason: 'awarded in error', details: { changed: true } })
        for (let i = 2; i <= 5; i++) {
          clock.tick(1000)
          await store.appendAudit({ actor: 'key-2', action: 'credentials.issue', target: `urn:uuid:${i}` })
        }
        const a = await store.listAudit({ limit: 2 })
        const b = await store.listAudit({ limit: 2, cursor: a.nextCursor! })
        const c = await store.listAudit({ limit: 2, cursor: b.nextCursor! })
        expect([...a.items, ...b.items, ...c.items].map((e) => e.target)).toEqual(['urn:uuid:5', 'urn:uuid:4', 'urn:uuid:3', 'urn:uuid:2', 'urn:uuid:1'])
        expect(c.nextCursor).toBeUndefined()
        expect(c.items[0]).toEqual(first)
        expect(a.items[0]!.reason).toBeUndefined()
        expect((await store.listAudit({ target: 'urn:uuid:1' })).items).toEqual([first])
      })

      it('refuses an entry without actor or action, or with an over-long reason', async () => {
        await expect(store.appendAudit({ actor: '', action: 'x' })).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
        await expect(store.appendAudit({ actor: 'k', action: 'x', reason: 'r'.repeat(1001) })).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
        await expect(store.listAudit({ cursor: 'nope' })).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
        expect((await store.listAudit()).items).toEqual([])
      })

      it('appends several entries in order in one call, or none of them when one is invalid', async () => {
        await store.appendAudits([
          { actor: 'key-1', actorName: 'registry', action: 'credentials.issue', target: 'urn:uuid:a', details: { count: 1 } },
          { actor: 'key-2', action: 'credentials.issue', target: 'urn:uuid:b' },
        ])
        expect((await store.listAudit()).items).toEqual([
          { at: clock.now(), actor: 'key-2', action: 'credentials.issue', target: 'urn:uuid:b' },
          { at: clock.now(), actor: 'key-1', actorName: 'registry', action: 'credentials.issue', target: 'urn:uuid:a', details: { count: 1 } },
        ])
        await expect(store.appendAudits([{ actor: 'k', action: 'x', target: 'urn:uuid:c' }, { actor: '', action: 'x' }])).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
        await store.appendAudits([])
        expect((await store.listAudit()).items.map((e) => e.target)).toEqual(['urn:uuid:b', 'urn:uuid:a'])
      })
    })

    describe('pathways', () => {
      const doc = {
        id: 'urn:pathway:uk-pgcert-data-analytics',
        name: 'Postgraduate Certificate – Data Analytics ✓',
        targetAward: { name: 'PgCert Data Analytics', level: { framework: 'FHEQ', code: 7 } },
        creditUnit: 'UK-CATS',
        rules: { minTotalCredits: 60, minCreditsAtOrAboveLevel: [{ framework: 'FHEQ', level: 7, credits: 40 }], noDoubleCounting: true },
      }

      it('stores and returns a pathway document as given, keys in order', async () => {
        const created = await store.createPathway({ id: doc.id, pathway: doc })
        expect(created).toEqual({ id: doc.id, pathway: doc, createdAt: clock.now() })
        const got = (await store.getPathway(doc.id))!
        expect(got).toEqual(created)
        expect(JSON.stringify(got.pathway)).toBe(JSON.stringify(doc))
        expect(await store.getPathway('urn:pathway:none')).toBeUndefined()
      })

      it('returns copies: changing a returned record changes nothing stored', async () => {
        const created = await store.createPathway({ id: doc.id, pathway: structuredClone(doc) })
        ;(created.pathway['rules'] as Record<string, unknown>)['minTotalCredits'] = 1
        expect((await store.getPathway(doc.id))!.pathway).toEqual(doc)
      })

      it('refuses a second pathway with the same id (ERR_STORE_CONFLICT) and keeps the first', async () => {
        await store.createPathway({ id: doc.id, pathway: doc })
        await expect(store.createPathway({ id: doc.id, pathway: { ...doc, name: 'Another' } })).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' })
        expect((await store.getPathway(doc.id))!.pathway['name']).toBe(doc.name)
        await expect(store.createPathway({ id: '', pathway: doc })).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
      })

      it('lists in creation order, page by page; a bad cursor is ERR_INPUT_INVALID', async () => {
        for (let i = 0; i < 5; i++) {
          await store.createPathway({ id: `${doc.id}-${i}`, pathway: { ...doc, id: `${doc.id}-${i}` } })
          clock.tick(1000)
        }
        const first = await store.listPathways({ limit: 2 })
        const second = await store.listPathways({ limit: 2, cursor: first.nextCursor! })
        const third = await store.listPathways({ limit: 2, cursor: second.nextCursor! })
        expect([...first.items, ...second.items, ...third.items].map((p) => p.id)).toEqual([0, 1, 2, 3, 4].map((i) => `${doc.id}-${i}`))
        expect(third.nextCursor).toBeUndefined()
        expect((await store.listPathways()).items.map((p) => p.createdAt.getTime())).toEqual([0, 1, 2, 3, 4].map((i) => clock.now().getTime() - (5 - i) * 1000))
        await expect(store.listPathways({ cursor: 'nope' })).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
      })

      it('is visible from another connection', async () => {
        await store.createPathway({ id: doc.id, pathway: doc })
        const other = await harness.open({ clock })
        expect((await other.getPathway(doc.id))?.pathway).toEqual(doc)
      })
    })

    describe('status positions', () => {
      it('hands out one position per purpose, in the order asked', async () => {
        const got = await store.allocateStatusPositions(3, ['suspension', 'revocation'])
        expect(got).toHaveLength(3)
        for (const positions of got) {
          expect(positions.map((p) => p.purpose)).toEqual(['suspension', 'revocation'])
          expect(positions.map((p) => p.listId)).toEqual(['suspension-1', 'revocation-1'])
          for (const p of positions) expect(p.index).toBeGreaterThanOrEqual(0)
          for (const p of positions) expect(p.index).toBeLessThan(MIN_STATUS_LIST_SIZE)
        }
        expect(new Set(got.map((p) => key(p[1]!))).size).toBe(3)
        expect(await store.allocateStatusPositions(0, ['revocation'])).toEqual([])
      })

      it('spreads indices over the list instead of counting up', async () => {
        const indices = (await store.allocateStatusPositions(200, ['revocation'])).map((p) => p[0]!.index)
        expect(new Set(indices).size).toBe(200)
        const sorted = [...indices].sort((a, b) => a - b)
        expect(sorted[199]! - sorted[0]!).toBeGreaterThan(MIN_STATUS_LIST_SIZE / 2)
        const ascending = indices.filter((v, i) => i > 0 && v === indices[i - 1]! + 1).length
        expect(ascending).toBeLessThan(10)
      })

      it('fills a list with every index exactly once, then opens the next list', async () => {
        const seen = new Uint8Array(MIN_STATUS_LIST_SIZE)
        let left = MIN_STATUS_LIST_SIZE
        while (left > 0) {
          const n = Math.min(left, MAX_BATCH)
          const lists = new Set<string>()
          for (const [p] of await store.allocateStatusPositions(n, ['revocation'])) {
            lists.add(p!.listId)
            seen[p!.index]! += 1
          }
          expect([...lists]).toEqual(['revocation-1'])
          left -= n
        }
        expect(seen.every((v) => v === 1)).toBe(true)
        expect(await store.getStatusListMeta('revocation-1')).toMatchObject({ size: MIN_STATUS_LIST_SIZE, allocated: MIN_STATUS_LIST_SIZE, purpose: 'revocation', version: 1 })
        const [[next]] = (await store.allocateStatusPositions(1, ['revocation'])) as [[StatusPosition]]
        expect(next.listId).toBe('revocation-2')
        expect((await store.listStatusLists()).map((l) => l.listId)).toEqual(['revocation-1', 'revocation-2'])
      })

      it('splits one allocation across a full list and the next', async () => {
        let left = MIN_STATUS_LIST_SIZE - 5
        while (left > 0) {
          const n = Math.min(left, MAX_BATCH)
          await store.allocateStatusPositions(n, ['revocation'])
          left -= n
        }
        const got = (await store.allocateStatusPositions(8, ['revocation'])).map((p) => p[0]!)
        expect(got.map((p) => p.listId)).toEqual([...Array(5).fill('revocation-1'), ...Array(3).fill('revocation-2')])
      })

      it('never hands out a position twice under concurrent allocation from two connections', async () => {
        const other = await harness.open({ clock })
        const calls = Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? store : other).allocateStatusPositions(40, ['revocation', 'suspension']))
        const all = (await Promise.all(calls)).flat().flat()
        expect(all).toHaveLength(24 * 40 * 2)
        expect(new Set(all.map(key)).size).toBe(all.length)
        const lists = await store.listStatusLists()
        expect(lists.map((l) => [l.listId, l.allocated])).toEqual([
          ['revocation-1', 960],
          ['suspension-1', 960],
        ])
      })

      it('never hands out a position twice when concurrent allocations cross into a new list', async () => {
        let left = MIN_STATUS_LIST_SIZE - 30
        while (left > 0) {
          const n = Math.min(left, MAX_BATCH)
          await store.allocateStatusPositions(n, ['revocation'])
          left -= n
        }
        const other = await harness.open({ clock })
        const all = (await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? store : other).allocateStatusPositions(10, ['revocation']))))
          .flat()
          .map((p) => p[0]!)
        expect(new Set(all.map(key)).size).toBe(100)
        expect(all.filter((p) => p.listId === 'revocation-1')).toHaveLength(30)
        expect((await store.listStatusLists()).map((l) => [l.listId, l.allocated])).toEqual([
          ['revocation-1', MIN_STATUS_LIST_SIZE],
          ['revocation-2', 70],
        ])
      })

      it('rejects bad requests with codes', async () => {
        await expect(store.allocateStatusPositions(MAX_BATCH + 1, ['revocation'])).rejects.toMatchObject({ code: 'ERR_BATCH_TOO_LARGE' })
        await expect(store.allocateStatusPositions(-1, ['revocation'])).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
        await expect(store.allocateStatusPositions(1, [])).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
        await expect(store.allocateStatusPositions(1, ['revocation', 'revocation'])).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
        await expect(store.allocateStatusPositions(1, ['message' as 'revocation'])).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
      })
    })

    describe('credentials', () => {
      it('returns the signed JSON text byte for byte, with its record', async () => {
        const c = await issueOne()
        const got = await store.getCredential(c.id)
        expect(got).toEqual({ ...c, createdAt: clock.now(), statusUpdatedAt: clock.now(), revoked: false, suspended: false, publicPage: false })
        expect(got!.json).toBe(c.json)
        expect(await store.getCredential('urn:uuid:missing')).toBeUndefined()
      })

      it('turns the public page on and off, and refuses an unknown id', async () => {
        const c = await issueOne()
        expect((await store.setCredentialPublicPage(c.id, true)).publicPage).toBe(true)
        expect((await store.getCredential(c.id))!.publicPage).toBe(true)
        expect((await store.getCredentials([c.id]))[0]!.publicPage).toBe(true)
        const off = await store.setCredentialPublicPage(c.id, false)
        expect(off).toMatchObject({ id: c.id, publicPage: false, json: c.json })
        expect((await store.getCredential(c.id))!.publicPage).toBe(false)
        await expect(store.setCredentialPublicPage('urn:uuid:missing', true)).rejects.toMatchObject({ code: 'ERR_CREDENTIAL_NOT_FOUND' })
      })

      it('keeps a credential without achievement or status', async () => {
        const c = newCredential([], { achievementId: undefined })
        await store.insertCredentials([c])
        expect(await store.getCredential(c.id)).toMatchObject({ id: c.id, achievementId: undefined, status: [] })
      })

      it('gets several in the order asked, skipping unknown ids', async () => {
        const a = await issueOne()
        const b = await issueOne()
        expect((await store.getCredentials([b.id, 'urn:uuid:missing', a.id])).map((c) => c.id)).toEqual([b.id, a.id])
      })

      it('stores a batch of 10 000 in one call', async () => {
        const positions = await store.allocateStatusPositions(MAX_BATCH, ['revocation'])
        const batch = positions.map((p) => newCredential(p))
        const result = await store.insertCredentials(batch, { idempotency: { key: 'big', requestHash: 'h-big' } })
        expect(result).toEqual({ ids: batch.map((c) => c.id), replayed: false })
        expect((await store.getCredentials([batch[0]!.id, batch[MAX_BATCH - 1]!.id])).map((c) => c.json)).toEqual([batch[0]!.json, batch[MAX_BATCH - 1]!.json])
        expect((await store.getIdempotency('big'))!.credentialIds).toEqual(batch.map((c) => c.id))
      })

      it('refuses more than 10 000 credentials in one batch', async () => {
        const batch = Array.from({ length: MAX_BATCH + 1 }, () => newCredential([]))
        await expect(store.insertCredentials(batch)).rejects.toMatchObject({ code: 'ERR_BATCH_TOO_LARGE' })
      })

      it('stores nothing of a batch that fails midway (duplicate id)', async () => {
        const existing = await issueOne()
        const positions = await store.allocateStatusPositions(50, ['revocation', 'suspension'])
        const batch = positions.map((p) => newCredential(p))
        batch[30] = { ...batch[30]!, id: existing.id }
        await expect(store.insertCredentials(batch, { idempotency: { key: 'k-fail', requestHash: 'h1' } })).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' })
        expect(await store.getCredentials(batch.map((c) => c.id))).toEqual([await store.getCredential(existing.id)])
        expect(await store.getIdempotency('k-fail')).toBeUndefined()
        // nothing was kept: the same positions and the same key work afterwards
        batch[30] = newCredential(positions[30]!)
        await expect(store.insertCredentials(batch, { idempotency: { key: 'k-fail', requestHash: 'h1' } })).resolves.toMatchObject({ replayed: false })
        expect(await store.getCredentials(batch.map((c) => c.id))).toHaveLength(50)
      })

      it('appends audit entries with the credentials, in order, and neither without the other', async () => {
        const positions = await store.allocateStatusPositions(3, ['revocation'])
        const batch = positions.map((p) => newCredential(p))
        const entries = [
          { actor: 'key-1', actorName: 'registry', action: 'credentials.issue', target: batch[0]!.id, details: { count: 1 } },
          { actor: 'key-2', action: 'credentials.issue', target: '2 credentials' },
        ]
        await store.insertCredentials(batch, { audit: entries })
        expect((await store.listAudit()).items).toEqual([{ at: clock.now(), ...entries[1] }, { at: clock.now(), ...entries[0] }])
        // a failed insert appends nothing, and a bad entry stores no credential
        const again = [newCredential([]), { ...newCredential([]), id: batch[2]!.id }]
        await expect(store.insertCredentials(again, { audit: [{ actor: 'k', action: 'credentials.issue', target: 'lost' }] })).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' })
        const fresh = newCredential([])
        await expect(store.insertCredentials([fresh], { audit: [{ actor: '', action: 'x' }] })).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
        expect(await store.getCredentials([again[0]!.id, fresh.id])).toEqual([])
        expect((await store.listAudit()).items).toHaveLength(2)
        // a batch of several chunks (PostgreSQL sends them in chunks) logs its entry once
        const many = (await store.allocateStatusPositions(1200, ['revocation'])).map((p) => newCredential(p))
        await store.insertCredentials(many, { idempotency: { key: 'k-audit', requestHash: 'h' }, audit: [{ actor: 'k', action: 'credentials.issue', target: '1200 credentials' }] })
        expect((await store.listAudit({ target: '1200 credentials' })).items).toHaveLength(1)
        // a replay appends nothing
        await expect(store.insertCredentials(many, { idempotency: { key: 'k-audit', requestHash: 'h' }, audit: [{ actor: 'k', action: 'credentials.issue', target: '1200 credentials' }] })).resolves.toMatchObject({ replayed: true })
        expect((await store.listAudit({ target: '1200 credentials' })).items).toHaveLength(1)
      })

      it('stores nothing of a batch that reuses a status position', async () => {
        const existing = await issueOne()
        const positions = await store.allocateStatusPositions(20, ['revocation'])
        const batch = positions.map((p) => newCredential(p))
        batch[19] = newCredential([existing.status[0]!])
        await expect(store.insertCredentials(batch)).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' })
        expect(await store.getCredentials(batch.map((c) => c.id))).toEqual([])
        // a position repeated inside one batch is a conflict too
        const twice = [newCredential(positions[0]!), newCredential(positions[0]!)]
        await expect(store.insertCredentials(twice)).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' })
        expect(await store.getCredentials(twice.map((c) => c.id))).toEqual([])
      })

      it('refuses positions that do not belong to a list (ERR_STORE_CONFLICT)', async () => {
        const [[p]] = (await store.allocateStatusPositions(1, ['revocation'])) as [[StatusPosition]]
        for (const bad of [
          { ...p, listId: 'revocation-99' },
          { ...p, index: MIN_STATUS_LIST_SIZE },
          { ...p, purpose: 'suspension' as const },
        ]) {
          await expect(store.insertCredentials([newCredential([bad])])).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' })
        }
        await expect(store.insertCredentials([newCredential([{ ...p, index: -1 }])])).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
      })

      it('lists by recipient and achievement, oldest first, page by page', async () => {
        const made = []
        for (let i = 0; i < 7; i++) {
          made.push(await issueOne({ recipient: i % 2 === 0 ? 'did:example:alice' : 'did:example:bob', achievementId: i < 5 ? 'urn:ach:a' : 'urn:ach:b' }))
        }
        const alice = made.filter((c) => c.recipient === 'did:example:alice').map((c) => c.id)
        const pages = []
        let cursor: string | undefined
        do {
          const page = await store.listCredentials({ recipient: 'did:example:alice', limit: 3, cursor })
          pages.push(page.items.map((c) => c.id))
          cursor = page.nextCursor
        } while (cursor !== undefined)
        expect(pages.map((p) => p.length)).toEqual([3, 1])
        expect(pages.flat()).toEqual(alice)
        const aliceB = await store.listCredentials({ recipient: 'did:example:alice', achievementId: 'urn:ach:b' })
        expect(aliceB.items.map((c) => c.id)).toEqual([made[6]!.id])
        expect(aliceB.items[0]!.json).toBe(made[6]!.json)
        expect(aliceB.nextCursor).toBeUndefined()
        expect((await store.listCredentials({ achievementId: 'urn:ach:a' })).items).toHaveLength(5)
        expect((await store.listCredentials({ recipient: 'did:example:nobody' })).items).toEqual([])
      })

      it('rejects a bad cursor or page size (ERR_INPUT_INVALID)', async () => {
        await expect(store.listCredentials({ cursor: 'abc' })).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
        await expect(store.listCredentials({ limit: 0 })).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
        await expect(store.listCredentials({ limit: 1001 })).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
      })
    })

    describe('idempotency', () => {
      it('replays a retry: same ids, nothing new stored', async () => {
        const positions = await store.allocateStatusPositions(3, ['revocation'])
        const first = positions.map((p) => newCredential(p))
        const key = { key: 'batch-1', requestHash: 'sha256:abc' }
        expect(await store.insertCredentials(first, { idempotency: key })).toEqual({ ids: first.map((c) => c.id), replayed: false })
        clock.tick(60_000)
        // the retry signed afresh (new ids, new positions): the first result wins
        const retry = (await store.allocateStatusPositions(3, ['revocation'])).map((p) => newCredential(p))
        expect(await store.insertCredentials(retry, { idempotency: key })).toEqual({ ids: first.map((c) => c.id), replayed: true })
        expect(await store.getCredentials(retry.map((c) => c.id))).toEqual([])
        const record = await store.getIdempotency('batch-1')
        expect(record).toEqual({ key: 'batch-1', requestHash: 'sha256:abc', credentialIds: first.map((c) => c.id), createdAt: new Date(Date.parse('2026-03-01T12:00:00.000Z')) })
        expect(await store.getIdempotency('batch-2')).toBeUndefined()
      })

      it('refuses a key reused with another request (ERR_IDEMPOTENCY_KEY_REUSED)', async () => {
        const c = newCredential([])
        await store.insertCredentials([c], { idempotency: { key: 'k', requestHash: 'one' } })
        const other = newCredential([])
        await expect(store.insertCredentials([other], { idempotency: { key: 'k', requestHash: 'two' } })).rejects.toMatchObject({
          code: 'ERR_IDEMPOTENCY_KEY_REUSED',
        })
        expect(await store.getCredential(other.id)).toBeUndefined()
      })

      it('expires records after the TTL (default 24 h): invisible, purged, and a retry is a new request', async () => {
        const first = (await store.allocateStatusPositions(2, ['revocation'])).map((p) => newCredential(p))
        const key = { key: 'ttl-1', requestHash: 'h' }
        await store.insertCredentials(first, { idempotency: key })
        await store.insertCredentials([newCredential([])], { idempotency: { key: 'ttl-2', requestHash: 'h' } })
        clock.tick(86_400_000 - 1)
        expect((await store.getIdempotency('ttl-1'))?.credentialIds).toEqual(first.map((c) => c.id))
        await store.insertCredentials([newCredential([])], { idempotency: { key: 'ttl-3', requestHash: 'h' } }) // younger than the others
        expect(await store.purgeExpiredIdempotency()).toBe(0)
        clock.tick(1)
        expect(await store.getIdempotency('ttl-1')).toBeUndefined()
        // after expiry the same key (even with another body) is a new request, not a replay or a conflict
        const again = (await store.allocateStatusPositions(1, ['revocation'])).map((p) => newCredential(p))
        expect(await store.insertCredentials(again, { idempotency: { key: 'ttl-1', requestHash: 'other' } })).toEqual({ ids: again.map((c) => c.id), replayed: false })
        expect(await store.getIdempotency('ttl-1')).toMatchObject({ requestHash: 'other', credentialIds: again.map((c) => c.id), createdAt: clock.now() })
        expect(await store.purgeExpiredIdempotency()).toBe(1) // ttl-2; ttl-1 was replaced, ttl-3 is younger
        expect(await store.getIdempotency('ttl-2')).toBeUndefined()
        expect(await store.getIdempotency('ttl-3')).toBeDefined()
        expect(await store.purgeExpiredIdempotency()).toBe(0)
        // the credentials of purged records stay stored
        expect(await store.getCredentials(first.map((c) => c.id))).toHaveLength(2)
      })

      it('refuses an idempotency TTL under one second (ERR_CONFIG_INVALID)', async () => {
        await expect(harness.open({ clock, idempotencyTtlMs: 999 })).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID' })
      })

      it('lets exactly one of two concurrent batches with one key win; the other replays it', async () => {
        const other = await harness.open({ clock })
        const a = (await store.allocateStatusPositions(200, ['revocation'])).map((p) => newCredential(p))
        const b = (await other.allocateStatusPositions(200, ['revocation'])).map((p) => newCredential(p))
        const key = { key: 'race', requestHash: 'same' }
        const [ra, rb] = await Promise.all([store.insertCredentials(a, { idempotency: key }), other.insertCredentials(b, { idempotency: key })])
        expect([ra.replayed, rb.replayed].sort()).toEqual([false, true])
        expect(ra.ids).toEqual(rb.ids)
        const winner = ra.replayed ? b : a
        const loser = ra.replayed ? a : b
        expect(ra.ids).toEqual(winner.map((c) => c.id))
        expect(await store.getCredentials(loser.map((c) => c.id))).toEqual([])
        expect(await store.getCredentials(winner.map((c) => c.id))).toHaveLength(200)
      })

      it('gives the conflict to the loser of a race with one key and two requests', async () => {
        const other = await harness.open({ clock })
        const a = Array.from({ length: 100 }, () => newCredential([]))
        const b = Array.from({ length: 100 }, () => newCredential([]))
        const results = await Promise.allSettled([
          store.insertCredentials(a, { idempotency: { key: 'race2', requestHash: 'A' } }),
          other.insertCredentials(b, { idempotency: { key: 'race2', requestHash: 'B' } }),
        ])
        expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
        const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
        expect(rejected.reason).toMatchObject({ code: 'ERR_IDEMPOTENCY_KEY_REUSED' })
        expect((await store.listCredentials({ limit: 1000 })).items).toHaveLength(100)
      })
    })

    describe('status changes', () => {
      it('revokes: sets the bit, bumps the list version, and is final', async () => {
        const c = await issueOne()
        const revocation = c.status.find((p) => p.purpose === 'revocation')!
        clock.tick(1000)
        const result = await store.updateCredentialStatus(c.id, 'revoke')
        expect(result.changed).toBe(true)
        expect(result.listIds).toEqual([revocation.listId])
        expect(result.credential).toMatchObject({ id: c.id, revoked: true, suspended: false, statusUpdatedAt: clock.now() })
        const list = (await store.getStatusList(revocation.listId))!
        expect(list).toMatchObject({ listId: 'revocation-1', purpose: 'revocation', version: 2, updatedAt: clock.now() })
        expect(list.bits).toHaveLength(MIN_STATUS_LIST_SIZE / 8)
        expect(setIndices(list.bits)).toEqual([revocation.index])

        clock.tick(1000)
        const again = await store.updateCredentialStatus(c.id, 'revoke')
        expect(again).toMatchObject({ changed: false, listIds: [] })
        expect((await store.getStatusListMeta(revocation.listId))!.version).toBe(2)
        await expect(store.updateCredentialStatus(c.id, 'suspend')).rejects.toMatchObject({ code: 'ERR_STATUS_IRREVERSIBLE' })
        await expect(store.updateCredentialStatus(c.id, 'unsuspend')).rejects.toMatchObject({ code: 'ERR_STATUS_IRREVERSIBLE' })
        expect(await store.getCredential(c.id)).toMatchObject({ revoked: true, suspended: false })
      })

      it('suspends and unsuspends, toggling the suspension bit', async () => {
        const c = await issueOne()
        const suspension = c.status.find((p) => p.purpose === 'suspension')!
        expect(await store.updateCredentialStatus(c.id, 'suspend')).toMatchObject({ changed: true, listIds: [suspension.listId] })
        expect(setIndices((await store.getStatusList(suspension.listId))!.bits)).toEqual([suspension.index])
        expect(await store.updateCredentialStatus(c.id, 'suspend')).toMatchObject({ changed: false })
        expect(await store.updateCredentialStatus(c.id, 'unsuspend')).toMatchObject({ changed: true, credential: { suspended: false } })
        const list = (await store.getStatusList(suspension.listId))!
        expect(setIndices(list.bits)).toEqual([])
        expect(list.version).toBe(3)
        expect(await store.updateCredentialStatus(c.id, 'unsuspend')).toMatchObject({ changed: false })
        expect(setIndices((await store.getStatusList('revocation-1'))!.bits)).toEqual([])
      })

      it('keeps the reason given with the last change (trimmed), never in the list; a no-op keeps the old one', async () => {
        const c = await issueOne()
        expect((await store.getCredential(c.id))!.statusReason).toBeUndefined()
        const suspended = await store.updateCredentialStatus(c.id, 'suspend', { reason: '  under investigation ' })
        expect(suspended.credential.statusReason).toBe('under investigation')
        expect((await store.getCredential(c.id))!.statusReason).toBe('under investigation')
        expect(await store.updateCredentialStatus(c.id, 'suspend', { reason: 'again' })).toMatchObject({ changed: false, credential: { statusReason: 'under investigation' } })
        const list = (await store.getStatusList(c.status.find((p) => p.purpose === 'suspension')!.listId))!
        expect(Object.values(list).some((v) => typeof v === 'string' && v.includes('investigation'))).toBe(false)
        expect((await store.updateCredentialStatus(c.id, 'unsuspend', { reason: 'cleared' })).credential.statusReason).toBe('cleared')
        expect((await store.updateCredentialStatus(c.id, 'revoke')).credential.statusReason).toBeUndefined()
        await expect(store.updateCredentialStatus(c.id, 'revoke', { reason: 'x'.repeat(1001) })).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
      })

      it('answers ERR_STATUS_NOT_TRACKED without an entry for the purpose, ERR_CREDENTIAL_NOT_FOUND for an unknown id', async () => {
        const [[r]] = (await store.allocateStatusPositions(1, ['revocation'])) as [[StatusPosition]]
        const revocableOnly = newCredential([r])
        const noStatus = newCredential([])
        await store.insertCredentials([revocableOnly, noStatus])
        await expect(store.updateCredentialStatus(revocableOnly.id, 'suspend')).rejects.toMatchObject({ code: 'ERR_STATUS_NOT_TRACKED' })
        await expect(store.updateCredentialStatus(noStatus.id, 'revoke')).rejects.toMatchObject({ code: 'ERR_STATUS_NOT_TRACKED' })
        await expect(store.updateCredentialStatus('urn:uuid:missing', 'revoke')).rejects.toMatchObject({ code: 'ERR_CREDENTIAL_NOT_FOUND' })
        await expect(store.updateCredentialStatus(revocableOnly.id, 'erase' as 'revoke')).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
      })

      it('loses no change when many credentials of one list change at once from two connections', async () => {
        const other = await harness.open({ clock })
        const positions = await store.allocateStatusPositions(40, ['revocation'])
        const batch = positions.map((p) => newCredential(p))
        await store.insertCredentials(batch)
        await Promise.all(batch.map((c, i) => (i % 2 === 0 ? store : other).updateCredentialStatus(c.id, 'revoke')))
        const list = (await other.getStatusList('revocation-1'))!
        expect(setIndices(list.bits)).toEqual(positions.map((p) => p[0]!.index).sort((a, b) => a - b))
        expect(list.version).toBe(41)
      })

      it('reports status lists: unknown ids are undefined, bits follow the W3C order', async () => {
        expect(await store.getStatusList('revocation-1')).toBeUndefined()
        expect(await store.getStatusListMeta('nope')).toBeUndefined()
        const c = await issueOne()
        await store.updateCredentialStatus(c.id, 'revoke')
        const index = c.status[0]!.index
        const list = (await store.getStatusList('revocation-1'))!
        expect(list.bits[index >> 3]).toBe(1 << (7 - (index % 8)))
        expect(await store.listStatusLists()).toEqual([
          { listId: 'revocation-1', purpose: 'revocation', size: MIN_STATUS_LIST_SIZE, allocated: 1, version: 2, createdAt: testClock().now(), updatedAt: clock.now() },
          { listId: 'suspension-1', purpose: 'suspension', size: MIN_STATUS_LIST_SIZE, allocated: 1, version: 1, createdAt: testClock().now(), updatedAt: testClock().now() },
        ])
      })
    })

    describe('API keys', () => {
      it('creates, finds by hash, lists and revokes', async () => {
        const created = await store.createApiKey({ id: 'key-1', name: 'registrar', hash: HASH_A, scopes: ['revoke', 'issue', 'issue'] })
        expect(created).toEqual({ id: 'key-1', name: 'registrar', hash: HASH_A, scopes: ['issue', 'revoke'], createdAt: clock.now(), revokedAt: undefined })
        expect(await store.findApiKeyByHash(HASH_A)).toEqual(created)
        expect(await store.findApiKeyByHash(HASH_B)).toBeUndefined()
        await store.createApiKey({ id: 'key-2', name: 'reader', hash: HASH_B, scopes: ['read'] })
        expect((await store.listApiKeys()).map((k) => k.id)).toEqual(['key-1', 'key-2'])
        clock.tick(5000)
        const revokedAt = clock.now()
        expect(await store.revokeApiKey('key-1')).toMatchObject({ id: 'key-1', revokedAt })
        clock.tick(5000)
        expect(await store.revokeApiKey('key-1')).toMatchObject({ revokedAt })
        expect(await store.findApiKeyByHash(HASH_A)).toMatchObject({ revokedAt })
      })

      it('stores an optional expiry and returns it as given', async () => {
        const expiresAt = new Date('2026-04-01T00:00:00.000Z')
        const created = await store.createApiKey({ id: 'key-1', name: 'temp', hash: HASH_A, scopes: ['read'], expiresAt })
        expect(created).toEqual({ id: 'key-1', name: 'temp', hash: HASH_A, scopes: ['read'], createdAt: clock.now(), revokedAt: undefined, expiresAt })
        expect(await store.findApiKeyByHash(HASH_A)).toEqual(created)
        expect((await store.listApiKeys())[0]!.expiresAt).toEqual(expiresAt)
        const forever = await store.createApiKey({ id: 'key-2', name: 'forever', hash: HASH_B, scopes: ['read'] })
        expect(forever.expiresAt).toBeUndefined()
        expect((await store.findApiKeyByHash(HASH_B))!.expiresAt).toBeUndefined()
        await expect(store.createApiKey({ id: 'key-3', name: 'c', hash: 'c'.repeat(64), scopes: ['read'], expiresAt: new Date('nope') })).rejects.toMatchObject({
          code: 'ERR_INPUT_INVALID',
        })
      })

      it('refuses duplicates and bad input with codes', async () => {
        await store.createApiKey({ id: 'key-1', name: 'a', hash: HASH_A, scopes: ['admin'] })
        await expect(store.createApiKey({ id: 'key-1', name: 'b', hash: HASH_B, scopes: ['admin'] })).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' })
        await expect(store.createApiKey({ id: 'key-2', name: 'b', hash: HASH_A, scopes: ['admin'] })).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' })
        await expect(store.createApiKey({ id: 'key-3', name: 'c', hash: 'not-hex', scopes: ['admin'] })).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
        await expect(store.createApiKey({ id: 'key-3', name: 'c', hash: HASH_B, scopes: ['root' as 'admin'] })).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
        await expect(store.createApiKey({ id: 'key-3', name: 'c', hash: HASH_B, scopes: [] })).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
        await expect(store.revokeApiKey('key-9')).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' })
        expect(await store.listApiKeys()).toHaveLength(1)
      })
    })

    describeOffersContract(() => ({ store, clock, harness }))
    describeWalletSecretsContract(() => ({ store, clock }))

    describeJobsContract(() => ({ store, clock, harness }))

    describe('issuer keys', () => {
      it('keeps rotated keys, oldest first, retired by date', async () => {
        const controller = 'did:web:badges.example.edu'
        await store.addIssuerKey({ id: `${controller}#key-1`, controller, publicKeyMultibase: 'z6MkOne' })
        clock.tick(86_400_000)
        await store.addIssuerKey({ id: `${controller}#key-2`, controller, publicKeyMultibase: 'z6MkTwo' })
        const retired = await store.retireIssuerKey(`${controller}#key-1`)
        expect(retired.retiredAt).toEqual(clock.now())
        clock.tick(1000)
        expect((await store.retireIssuerKey(`${controller}#key-1`)).retiredAt).toEqual(retired.retiredAt)
        const keys = await store.listIssuerKeys(controller)
        expect(keys.map((k) => [k.id, k.retiredAt?.toISOString()])).toEqual([
          [`${controller}#key-1`, '2026-03-02T12:00:00.000Z'],
          [`${controller}#key-2`, undefined],
        ])
        expect(await store.listIssuerKeys('did:web:other.example')).toEqual([])
        await expect(store.addIssuerKey({ id: `${controller}#key-2`, controller, publicKeyMultibase: 'z6MkX' })).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' })
        await expect(store.retireIssuerKey(`${controller}#key-9`)).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' })
      })
    })
  })
}

function setIndices(bits: Uint8Array): number[] {
  const out: number[] = []
  for (let i = 0; i < bits.length * 8; i++) if ((bits[i >> 3]! >> (7 - (i & 7))) & 1) out.push(i)
  return out
}
