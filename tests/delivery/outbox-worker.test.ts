// The outbox worker's retry schedule against an SMTP address nobody listens on (a real refused
// connection): exponential backoff from retryBaseMs, capped at retryMaxMs, given up after
// maxAttempts; the failure text stored and reported holds no address, link or token.
import { createServer, type AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createSmtpMailer } from '../../src/delivery/mailer.js'
import { createOutboxWorker } from '../../src/delivery/outbox-worker.js'
import { ActiveIssuer } from '../../src/issuance/context.js'
import { createOffers } from '../../src/issuance/offers.js'
import { createIssuer } from '../../src/index.js'
import { createMemoryStore } from '../../src/storage/memory/memory-store.js'
import { testClock } from '../contract/fixtures.js'
import { unsignedCredential } from '../http/helpers.js'

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('outbox worker retries', () => {
  it('backs off exponentially, caps the delay, gives up after maxAttempts, and reports scrubbed errors', async () => {
    const clock = testClock('2026-12-01T10:00:00.000Z')
    const store = createMemoryStore({ clock })
    const ctx = { store, issuer: new ActiveIssuer(createIssuer({ name: 'Example University' })), clock, baseUrl: () => 'https://badges.example.edu' }
    const { id: _id, ...subject } = unsignedCredential()['credentialSubject'] as Record<string, unknown>
    const [offer] = await createOffers(ctx, [{ unsigned: { ...unsignedCredential(), credentialSubject: subject }, email: 'ana@example.org' }], { deliver: true })
    const reported: Record<string, unknown>[] = []
    const mailer = createSmtpMailer({ url: `smtp://user:hunter22@127.0.0.1:${await closedPort()}`, from: 'b@example.edu', timeoutMs: 2000 })
    const worker = createOutboxWorker(ctx, mailer, { retryBaseMs: 1000, retryMaxMs: 5000, maxAttempts: 5, onError: (_m, details) => reported.push(details) })

    const delays: number[] = []
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await worker.runOnce()).toBe(0)
      const d = (await store.getOffer(offer!.id))!.delivery!
      expect(d.attempts).toBe(attempt)
      if (attempt < 5) {
        delays.push(d.nextAttemptAt.getTime() - clock.now().getTime())
        expect(d.state).toBe('queued')
        clock.tick(d.nextAttemptAt.getTime() - clock.now().getTime())
      } else {
        expect(d.state).toBe('failed')
      }
    }
    expect(delays).toEqual([1000, 2000, 4000, 5000])
    expect(await worker.runOnce()).toBe(0) // nothing left to send
    expect(reported.at(-1)).toMatchObject({ gaveUp: true, attempt: 5 })
    const text = JSON.stringify([reported, await store.listDeliveryAttempts(offer!.id), await store.getOffer(offer!.id)])
    expect(text).toMatch(/ECONNREFUSED/)
    for (const secret of ['hunter22', offer!.claimUrl, offer!.claimUrl.split('/').pop()!]) expect(text).not.toContain(secret)
    mailer.close()
  })
})
