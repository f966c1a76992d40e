import { describe, expect, it } from 'vitest'
import type { Issuer } from '../../../src/core/index.js'
import { generateKeyMaterial, signingKeyFromMaterial } from '../../../src/kms/ed25519-key.js'
import { ActiveIssuer, type IssuanceContext } from '../../../src/issuance/context.js'
import { didDocument } from '../../../src/issuance/did-web.js'
import { readOncePerTurn } from '../../../src/issuance/turn-reads.js'
import { systemClock } from '../../../src/core/index.js'
import { createMemoryStore } from '../../../src/storage/memory/memory-store.js'
import type { Store } from '../../../src/storage/store.js'

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('one read per key per turn', () => {
  it('answers the callers of one turn with one read per key, and reads again in the next turn', async () => {
    const reads: string[] = []
    const value = new Map([['a', 1], ['b', 2]])
    const read = readOncePerTurn(async (key: string) => {
      reads.push(key)
      return value.get(key)
    })
    expect(await Promise.all([read('a'), read('b'), read('a'), read('a')])).toEqual([1, 2, 1, 1])
    expect(reads).toEqual(['a', 'b'])
    value.set('a', 10)
    expect(await read('a')).toBe(10)
    expect(reads).toEqual(['a', 'b', 'a'])
  })

  it('starts the read after every caller of the turn asked: a change made after asking is seen', async () => {
    let current = 1
    const read = readOncePerTurn(async (_key: string) => current)
    const first = read('k')
    current = 2 // e.g. a revocation committed by this process later in the same turn
    const second = read('k')
    expect(await Promise.all([first, second])).toEqual([2, 2])
  })

  it('rejects every caller of a turn whose read fails, whether it rejects or throws, and reads again in the next', async () => {
    let calls = 0
    const read = readOncePerTurn((key: string): Promise<string> => {
      calls++
      if (calls === 1) throw new Error('thrown')
      if (calls === 2) return Promise.reject(new Error('rejected'))
      return Promise.resolve(key)
    })
    const thrown = await Promise.allSettled([read('k'), read('k')])
    expect(thrown.map((o) => (o.status === 'rejected' ? (o.reason as Error).message : 'ok'))).toEqual(['thrown', 'thrown'])
    await nextTurn()
    await expect(read('k')).rejects.toThrow('rejected')
    await nextTurn()
    expect(await read('k')).toBe('k')
    expect(calls).toBe(3)
  })
})

describe('did:web document reads', () => {
  it('shares one read of the issuer keys among concurrent requests and shows a key another instance added', async () => {
    const real = createMemoryStore()
    await real.migrate()
    let reads = 0
    const store = Object.assign(Object.create(real) as Store, {
      listIssuerKeys: (issuerId: string) => {
        reads++
        return real.listIssuerKeys(issuerId)
      },
    })
    const did = 'did:web:issuer.example'
    const issuer: Issuer = { id: did, profile: { name: 'Example University' }, key: signingKeyFromMaterial(generateKeyMaterial(), { id: `${did}#key-1`, controller: did }) }
    const ctx: IssuanceContext = { store, issuer: new ActiveIssuer(issuer), clock: systemClock, baseUrl: () => 'https://issuer.example' }
    const [a, b] = await Promise.all([didDocument(ctx), didDocument(ctx)])
    expect(reads).toBe(1)
    expect(a).toEqual(b)
    expect(a!.assertionMethod).toEqual([issuer.key.id])
    // another instance rotates: its new key is in the store before it signs anything
    const asked = didDocument(ctx)
    await real.addIssuerKey({ id: `${did}#key-2`, controller: did, publicKeyMultibase: issuer.key.publicKeyMultibase })
    expect((await asked)!.assertionMethod).toContain(`${did}#key-2`)
    expect(reads).toBe(2)
  })
})
