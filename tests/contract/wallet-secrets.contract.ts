// The wallet-secrets part of the store contract (run by describeStoreContract for every
// adapter): OID4VCI access tokens and nonces and VC-API challenges, stored as hashes, live
// until they expire or are used, and used once even when two callers race.
import { describe, expect, it } from 'vitest'
import type { Store } from '../../src/storage/store.js'
import type { TestClock } from './fixtures.js'

const MINUTE = 60_000
let counter = 0
const nextHash = (): string => String(++counter).padStart(64, 'd')

export function describeWalletSecretsContract(get: () => { store: Store; clock: TestClock }): void {
  async function anOffer(store: Store, clock: TestClock): Promise<string> {
    const id = `wallet-offer-${++counter}`
    await store.createOffers([{ id, tokenHash: nextHash(), issuerId: 'did:key:z6MkTestIssuer', template: '{}', expiresAt: new Date(clock.now().getTime() + 60 * MINUTE) }])
    return id
  }

  describe('wallet secrets', () => {
    it('stores a secret bound to an offer and finds it by hash and kind while it lives', async () => {
      const { store, clock } = get()
      const offerId = await anOffer(store, clock)
      const hash = nextHash()
      const expiresAt = new Date(clock.now().getTime() + 5 * MINUTE)
      const created = await store.createWalletSecret({ hash, kind: 'oid4vci-access-token', offerId, expiresAt })
      expect(created).toEqual({ hash, kind: 'oid4vci-access-token', offerId, expiresAt, createdAt: clock.now(), usedAt: undefined })
      expect(await store.findWalletSecret(hash, 'oid4vci-access-token')).toEqual(created)
      expect(await store.findWalletSecret(hash, 'oid4vci-nonce')).toBeUndefined()
      expect(await store.findWalletSecret(nextHash(), 'oid4vci-access-token')).toBeUndefined()
      clock.tick(5 * MINUTE)
      expect(await store.findWalletSecret(hash, 'oid4vci-access-token')).toBeUndefined()
      expect(await store.useWalletSecret(hash, 'oid4vci-access-token')).toBeUndefined()
    })

    it('uses a secret once, also under concurrent use', async () => {
      const { store, clock } = get()
      const hash = nextHash()
      await store.createWalletSecret({ hash, kind: 'oid4vci-nonce', expiresAt: new Date(clock.now().getTime() + MINUTE) })
      expect(await store.useWalletSecret(hash, 'vcapi-challenge')).toBeUndefined()
      const results = await Promise.all([store.useWalletSecret(hash, 'oid4vci-nonce'), store.useWalletSecret(hash, 'oid4vci-nonce'), store.useWalletSecret(hash, 'oid4vci-nonce')])
      const winners = results.filter((r) => r !== undefined)
      expect(winners).toHaveLength(1)
      expect(winners[0]!.usedAt).toEqual(clock.now())
      expect(winners[0]!.offerId).toBeUndefined()
      expect(await store.findWalletSecret(hash, 'oid4vci-nonce')).toBeUndefined()
    })

    it('refuses a duplicate hash, an unknown offer and bad input; deletes expired rows on create', async () => {
      const { store, clock } = get()
      const hash = nextHash()
      await store.createWalletSecret({ hash, kind: 'vcapi-challenge', expiresAt: new Date(clock.now().getTime() + MINUTE) })
      await expect(store.createWalletSecret({ hash, kind: 'vcapi-challenge', expiresAt: new Date(clock.now().getTime() + MINUTE) })).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' })
      await expect(store.createWalletSecret({ hash: nextHash(), kind: 'vcapi-challenge', offerId: 'no-such-offer', expiresAt: clock.now() })).rejects.toMatchObject({ code: 'ERR_OFFER_NOT_FOUND' })
      await expect(store.createWalletSecret({ hash: 'short', kind: 'vcapi-challenge', expiresAt: clock.now() })).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
      await expect(store.createWalletSecret({ hash: nextHash(), kind: 'other' as 'vcapi-challenge', expiresAt: clock.now() })).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
      await expect(store.findWalletSecret(hash, 'other' as 'vcapi-challenge')).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
      // Once expired, the row is deleted by the next create, so the same hash may be stored again.
      clock.tick(MINUTE)
      await store.createWalletSecret({ hash: nextHash(), kind: 'vcapi-challenge', expiresAt: new Date(clock.now().getTime() + MINUTE) })
      await expect(store.createWalletSecret({ hash, kind: 'vcapi-challenge', expiresAt: new Date(clock.now().getTime() + MINUTE) })).resolves.toMatchObject({ hash })
    })
  })
}
