// The offers part of the store contract (run by describeStoreContract for every adapter):
// offers and their states, the atomic single-use claim, revocation, and the email outbox.
import { describe, expect, it } from 'vitest'
import type { NewOffer, Store } from '../../src/storage/store.js'
import { newCredential, type TestClock } from './fixtures.js'
import type { StoreHarness } from './store.contract.js'

const DAY = 86_400_000
let counter = 0

function newOffer(clock: TestClock, over: Partial<NewOffer> = {}): NewOffer {
  counter += 1
  const n = String(counter).padStart(4, '0')
  return {
    id: `offer-${n}`,
    tokenHash: n.padStart(64, 'c'),
    issuerId: 'did:key:z6MkTestIssuer',
    achievementId: 'https://example.edu/achievements/data-101',
    template: `{"credentialSubject":{"n":${counter}}}`,
    expiresAt: new Date(clock.now().getTime() + 7 * DAY),
    ...over,
  }
}

export function describeOffersContract(get: () => { store: Store; clock: TestClock; harness: StoreHarness }): void {
  async function credentialFor(store: Store) {
    const [positions] = await store.allocateStatusPositions(1, ['revocation', 'suspension'])
    return newCredential(positions!)
  }

  describe('offers', () => {
    it('creates offers with and without delivery, finds them by id and token hash, derives the state', async () => {
      const { store, clock } = get()
      const mailed = newOffer(clock, { email: 'ana@example.org', delivery: { claimUrl: 'https://x.example/claim/secret' } })
      const plain = newOffer(clock, { achievementId: undefined })
      const created = await store.createOffers([mailed, plain])
      expect(created.map((o) => [o.id, o.state, o.email, o.delivery?.state])).toEqual([
        [mailed.id, 'pending', 'ana@example.org', 'queued'],
        [plain.id, 'pending', undefined, undefined],
      ])
      expect(created[0]).not.toHaveProperty('delivery.claimUrl')
      expect(created[0]!.createdAt).toEqual(clock.now())
      expect(await store.getOffer(mailed.id)).toEqual(created[0])
      expect(await store.findOfferByTokenHash(plain.tokenHash)).toEqual(created[1])
      expect(await store.getOffer('offer-none')).toBeUndefined()
      expect(await store.findOfferByTokenHash('f'.repeat(64))).toBeUndefined()
      clock.tick(8 * DAY)
      expect((await store.getOffer(mailed.id))!.state).toBe('expired')
    })

    it('refuses a duplicate id or token hash, and the whole creation with it', async () => {
      const { store, clock } = get()
      const first = newOffer(clock)
      await store.createOffers([first])
      const fresh = newOffer(clock)
      await expect(store.createOffers([fresh, { ...newOffer(clock), tokenHash: first.tokenHash }])).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' })
      expect(await store.getOffer(fresh.id)).toBeUndefined()
      await expect(store.createOffers([{ ...newOffer(clock), id: first.id }])).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' })
      await expect(store.createOffers([newOffer(clock, { tokenHash: 'short' })])).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
    })

    it('claims once: marks the offer claimed and stores the credential together', async () => {
      const { store, clock } = get()
      const [offer] = await store.createOffers([newOffer(clock, { email: 'ana@example.org', delivery: { claimUrl: 'https://x.example/claim/secret' } })])
      const credential = await credentialFor(store)
      clock.tick(1000)
      const claimed = await store.claimOffer(offer!.id, credential, { holder: 'did:key:z6MkHolder' })
      expect(claimed).toMatchObject({ state: 'claimed', credentialId: credential.id, holder: 'did:key:z6MkHolder', claimedAt: clock.now(), delivery: { state: 'cancelled' } })
      expect((await store.getCredential(credential.id))!.json).toBe(credential.json)
      const again = await credentialFor(store)
      await expect(store.claimOffer(offer!.id, again)).rejects.toMatchObject({ code: 'ERR_OFFER_CLAIMED', message: expect.stringContaining('already claimed on 2026-03-01') })
      expect(await store.getCredential(again.id)).toBeUndefined()
      await expect(store.revokeOffer(offer!.id)).rejects.toMatchObject({ code: 'ERR_OFFER_CLAIMED' })
    })

    it('of two concurrent claims (two connections), exactly one wins', async () => {
      const { store, clock, harness } = get()
      const other = await harness.open({ clock })
      const [offer] = await store.createOffers([newOffer(clock)])
      const a = await credentialFor(store)
      const b = await credentialFor(store)
      const results = await Promise.allSettled([store.claimOffer(offer!.id, a), other.claimOffer(offer!.id, b)])
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
      expect(refused.reason).toMatchObject({ code: 'ERR_OFFER_CLAIMED' })
      expect((await store.getCredentials([a.id, b.id])).length).toBe(1)
    })

    it('refuses to claim an expired, revoked or unknown offer, storing nothing', async () => {
      const { store, clock } = get()
      const [soon, withdrawn] = await store.createOffers([newOffer(clock, { expiresAt: new Date(clock.now().getTime() + 1000) }), newOffer(clock)])
      const revoked = await store.revokeOffer(withdrawn!.id)
      expect(revoked.state).toBe('revoked')
      clock.tick(5000)
      expect((await store.revokeOffer(withdrawn!.id)).revokedAt).toEqual(revoked.revokedAt)
      const c = await credentialFor(store)
      await expect(store.claimOffer(soon!.id, c)).rejects.toMatchObject({ code: 'ERR_OFFER_EXPIRED' })
      await expect(store.claimOffer(withdrawn!.id, c)).rejects.toMatchObject({ code: 'ERR_OFFER_REVOKED' })
      await expect(store.claimOffer('offer-none', c)).rejects.toMatchObject({ code: 'ERR_OFFER_NOT_FOUND' })
      await expect(store.revokeOffer('offer-none')).rejects.toMatchObject({ code: 'ERR_OFFER_NOT_FOUND' })
      expect(await store.getCredential(c.id)).toBeUndefined()
    })

    it('lists offers by achievement and state, paginated', async () => {
      const { store, clock } = get()
      const [a, b, c, d] = await store.createOffers([
        newOffer(clock),
        newOffer(clock, { expiresAt: new Date(clock.now().getTime() + 1000) }),
        newOffer(clock),
        newOffer(clock, { achievementId: 'https://example.edu/achievements/other' }),
      ])
      await store.revokeOffer(c!.id)
      await store.claimOffer(a!.id, await credentialFor(store))
      clock.tick(2000)
      const ids = async (q: Parameters<Store['listOffers']>[0]) => (await store.listOffers(q)).items.map((o) => o.id)
      expect(await ids({})).toEqual([a!.id, b!.id, c!.id, d!.id])
      expect(await ids({ state: 'pending' })).toEqual([d!.id])
      expect(await ids({ state: 'claimed' })).toEqual([a!.id])
      expect(await ids({ state: 'revoked' })).toEqual([c!.id])
      expect(await ids({ state: 'expired' })).toEqual([b!.id])
      expect(await ids({ achievementId: 'https://example.edu/achievements/other' })).toEqual([d!.id])
      const first = await store.listOffers({ limit: 3 })
      expect(first.items).toHaveLength(3)
      expect((await store.listOffers({ limit: 3, cursor: first.nextCursor })).items.map((o) => o.id)).toEqual([d!.id])
      await expect(store.listOffers({ state: 'lost' as never })).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
    })

    it('leases due deliveries once, retries at the given time, logs every attempt, erases the claim URL when done', async () => {
      const { store, clock, harness } = get()
      const [one, two] = await store.createOffers([
        newOffer(clock, { email: 'ana@example.org', delivery: { claimUrl: 'https://x.example/claim/one' } }),
        newOffer(clock, { email: 'ben@example.org', delivery: { claimUrl: 'https://x.example/claim/two' } }),
      ])
      const other = await harness.open({ clock })
      const [leasedHere, leasedThere] = await Promise.all([store.leaseDueDeliveries(10, 60_000), other.leaseDueDeliveries(10, 60_000)])
      const leased = [...leasedHere, ...leasedThere].sort((x, y) => x.offerId.localeCompare(y.offerId))
      expect(leased).toEqual([
        { offerId: one!.id, email: 'ana@example.org', claimUrl: 'https://x.example/claim/one', attempts: 0 },
        { offerId: two!.id, email: 'ben@example.org', claimUrl: 'https://x.example/claim/two', attempts: 0 },
      ])
      expect(await store.leaseDueDeliveries(10, 60_000)).toEqual([])

      await store.recordDeliveryAttempt(one!.id, { ok: false, error: 'connect ECONNREFUSED 127.0.0.1:2525', retryAt: new Date(clock.now().getTime() + 30_000) })
      expect((await store.getOffer(one!.id))!.delivery).toMatchObject({ state: 'queued', attempts: 1, lastError: 'connect ECONNREFUSED 127.0.0.1:2525' })
      clock.tick(30_000)
      expect((await store.leaseDueDeliveries(10, 60_000)).map((d) => [d.offerId, d.attempts])).toEqual([[one!.id, 1]])
      clock.tick(1000)
      await store.recordDeliveryAttempt(one!.id, { ok: true })
      expect((await store.getOffer(one!.id))!.delivery).toMatchObject({ state: 'sent', attempts: 2, sentAt: clock.now() })
      expect((await store.listDeliveryAttempts(one!.id)).map((a) => [a.ok, a.error])).toEqual([
        [false, 'connect ECONNREFUSED 127.0.0.1:2525'],
        [true, undefined],
      ])

      await store.recordDeliveryAttempt(two!.id, { ok: false, error: 'x'.repeat(2000) })
      const gaveUp = (await store.getOffer(two!.id))!.delivery!
      expect(gaveUp.state).toBe('failed')
      expect(gaveUp.lastError!.length).toBeLessThanOrEqual(500)
      clock.tick(120_000)
      expect(await store.leaseDueDeliveries(10, 60_000)).toEqual([])
      expect(await store.listDeliveryAttempts('offer-none')).toEqual([])
    })

    it('cancels the delivery of a revoked or expired offer instead of leasing it', async () => {
      const { store, clock } = get()
      const [revoked, expiring] = await store.createOffers([
        newOffer(clock, { email: 'ana@example.org', delivery: { claimUrl: 'https://x.example/claim/r' } }),
        newOffer(clock, { email: 'ben@example.org', delivery: { claimUrl: 'https://x.example/claim/e' }, expiresAt: new Date(clock.now().getTime() + 1000) }),
      ])
      expect((await store.revokeOffer(revoked!.id)).delivery!.state).toBe('cancelled')
      clock.tick(2000)
      expect(await store.leaseDueDeliveries(10, 60_000)).toEqual([])
      expect((await store.getOffer(expiring!.id))!.delivery!.state).toBe('cancelled')
    })
  })
}
