// Offer emails through a real SMTP server (smtp-server on 127.0.0.1, no mock transport) and a
// real SQLite store: the email arrives with the claim link, the link claims a credential that
// verifies and is bound to the DID given; with the SMTP server down the message stays queued
// and goes out once the server is back, also after the app is rebuilt on the same database.
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSmtpMailer, scrub } from '../../src/delivery/mailer.js'
import { composeOfferEmail } from '../../src/delivery/offer-email.js'
import { createOutboxWorker } from '../../src/delivery/outbox-worker.js'
import { buildApp } from '../../src/http/app.js'
import { createApiKey } from '../../src/issuance/api-keys.js'
import { ActiveIssuer, type IssuanceContext } from '../../src/issuance/context.js'
import { createIssuer, systemClock, verifyCredential } from '../../src/index.js'
import { createSqliteStore } from '../../src/storage/sqlite/sqlite-store.js'
import type { Store } from '../../src/storage/store.js'

const BASE = 'https://badges.example.edu'
const HOLDER = createIssuer({ name: 'wallet' }).id

interface Received {
  from: string
  to: string[]
  raw: string
}

/** A real SMTP server on loopback collecting what it receives. */
async function startSmtp(inbox: Received[], port = 0): Promise<{ server: SMTPServer; port: number }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        inbox.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') })
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return { server, port: (server.server.address() as AddressInfo).port }
}
const stopSmtp = (server: SMTPServer): Promise<void> => new Promise((resolve) => server.close(() => resolve()))

/** The message body with quoted-printable soft line breaks undone. */
const unfold = (raw: string): string => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')
const claimLinkIn = (raw: string): string | undefined => /https:\/\/badges\.example\.edu\/claim\/[A-Za-z0-9_-]{43}/.exec(unfold(raw))?.[0]

describe('offer email delivery over SMTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'microcred-mail-'))
  const filename = join(dir, 'microcred.sqlite')
  const issuer = new ActiveIssuer(createIssuer({ name: 'Example University', url: 'https://example.edu' }))
  const inbox: Received[] = []
  let smtp: { server: SMTPServer; port: number }
  let store: Store
  let app: FastifyInstance
  let token: string

  async function open(): Promise<IssuanceContext> {
    store = createSqliteStore({ filename })
    await store.migrate()
    app = await buildApp({ store, issuer, baseUrl: () => BASE, emailDelivery: true })
    return { store, issuer, clock: systemClock, baseUrl: () => BASE }
  }
  const mailerFor = (port: number) => createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: 'Example University <badges@example.edu>', timeoutMs: 5000 })
  const offerTo = async (email: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        credential: {
          '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
          type: ['VerifiableCredential', 'OpenBadgeCredential'],
          issuer: { id: 'did:example:placeholder', type: ['Profile'], name: 'Example University' },
          name: 'Data Literacy',
          credentialSubject: {
            type: ['AchievementSubject'],
            achievement: { id: 'urn:example:achievement:data-literacy', type: ['Achievement'], name: 'Data Literacy', description: 'Reads data.', criteria: { narrative: 'Passed.' } },
          },
        },
        options: { offer: { email, expiresInDays: 10 } },
      },
    })
    expect(res.statusCode).toBe(201)
    const body = JSON.parse(res.body) as { offers: { id: string; claimUrl: string; delivery: string }[]; emailDelivery: string }
    expect(body.offers[0]!.delivery).toBe('email-queued')
    expect(body.emailDelivery).toMatch(/^smtp/)
    return body.offers[0]!
  }
  const offerView = async (id: string) => JSON.parse((await app.inject({ method: 'GET', url: `/offers/${id}`, headers: { authorization: `Bearer ${token}` } })).body) as Record<string, unknown> & {
    delivery: { state: string; attempts: number; lastError?: string }
    deliveryAttempts: { ok: boolean; error?: string }[]
  }

  beforeAll(async () => {
    smtp = await startSmtp(inbox)
    await open()
    token = (await createApiKey(store, { name: 'all', scopes: ['admin'] })).token
  })
  afterAll(async () => {
    await app?.close()
    await store?.close()
    await stopSmtp(smtp.server)
    rmSync(dir, { recursive: true, force: true })
  })

  it('emails the claim link; the link claims a credential that verifies and is bound to the DID given', async () => {
    const ctx: IssuanceContext = { store, issuer, clock: systemClock, baseUrl: () => BASE }
    const offer = await offerTo('ana@example.org')
    const mailer = mailerFor(smtp.port)
    const worker = createOutboxWorker(ctx, mailer)
    expect(await worker.runOnce()).toBe(1)
    mailer.close()

    expect(inbox).toHaveLength(1)
    const mail = inbox[0]!
    expect(mail.to).toEqual(['ana@example.org'])
    expect(mail.from).toBe('badges@example.edu')
    expect(mail.raw).toMatch(/^Subject: Your credential from Example University: Data Literacy\r?$/m)
    expect(mail.raw).toMatch(/Content-Type: text\/plain/)
    expect(mail.raw).toMatch(/Content-Type: text\/html/)
    expect(mail.raw).not.toMatch(/<img|src=/i)
    const link = claimLinkIn(mail.raw)
    expect(link).toBe(offer.claimUrl)
    expect(unfold(mail.raw)).toContain('before 13 December 2026 (UTC)'.replace('13 December 2026', dayIn10()))

    const claim = await app.inject({ method: 'POST', url: `${new URL(link!).pathname}/download`, payload: { holder: HOLDER } })
    expect(claim.statusCode).toBe(200)
    const vc = JSON.parse(claim.body) as { credentialSubject: { id: string } }
    expect(vc.credentialSubject.id).toBe(HOLDER)
    const result = await verifyCredential(vc)
    expect(result.checks.find((c) => c.id === 'proof')!.outcome).toBe('pass')
    expect(result.checks.filter((c) => c.outcome !== 'pass').map((c) => c.id)).toEqual(['status']) // the lists are online only

    const view = await offerView(offer.id)
    expect(view).toMatchObject({ state: 'claimed', holder: HOLDER, delivery: { state: 'sent', attempts: 1 } })
    expect(view.deliveryAttempts.map((a) => a.ok)).toEqual([true])
  })

  it('keeps the message queued while SMTP is down and delivers it when it is back, after an app restart', async () => {
    const port = smtp.port
    await stopSmtp(smtp.server)
    const ctx: IssuanceContext = { store, issuer, clock: systemClock, baseUrl: () => BASE }
    const offer = await offerTo('ben@example.org')
    const down = mailerFor(port)
    expect(await createOutboxWorker(ctx, down, { retryBaseMs: 50 }).runOnce()).toBe(0)
    down.close()
    const queued = await offerView(offer.id)
    expect(queued.delivery).toMatchObject({ state: 'queued', attempts: 1 })
    expect(queued.delivery.lastError).toMatch(/ECONNREFUSED|connect/i)
    const token = offer.claimUrl.split('/').pop()!
    expect(JSON.stringify(queued)).not.toContain(token)

    // Restart: a new app on the same SQLite file, and the SMTP server back on its port.
    await app.close()
    await store.close()
    smtp = await startSmtp(inbox, port)
    const restarted = await open()
    const up = mailerFor(port)
    const worker = createOutboxWorker(restarted, up, { pollMs: 20, retryBaseMs: 50 })
    worker.start()
    const deadline = Date.now() + 10_000
    while (!inbox.some((m) => m.to.includes('ben@example.org')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    await worker.stop()
    up.close()

    const mail = inbox.find((m) => m.to.includes('ben@example.org'))
    expect(mail).toBeDefined()
    expect(claimLinkIn(mail!.raw)).toBe(offer.claimUrl)
    const delivered = await offerView(offer.id)
    expect(delivered.delivery).toMatchObject({ state: 'sent', attempts: 2 })
    expect(delivered.deliveryAttempts.map((a) => a.ok)).toEqual([false, true])
    expect(inbox.filter((m) => m.to.includes('ben@example.org'))).toHaveLength(1)
  })
})

describe('offer email text', () => {
  it('escapes names in the HTML part and names the expiry day', () => {
    const mail = composeOfferEmail({ issuerName: 'A <b>&</b> B', achievementName: 'Data "101"', claimUrl: `${BASE}/claim/x`, expiresAt: new Date('2026-03-04T00:00:00Z') })
    expect(mail.html).toContain('A &lt;b&gt;&amp;&lt;/b&gt; B')
    expect(mail.html).not.toContain('<b>')
    expect(mail.text).toContain('before 4 March 2026 (UTC)')
    expect(mail.html.match(/href=/g)).toHaveLength(1)
  })

  it('scrubs secrets out of failure texts, longest first', () => {
    expect(scrub('535 auth failed for s3cret at https://x/claim/tok1', ['s3cret', 'tok1', 'https://x/claim/tok1'])).toBe('535 auth failed for [redacted] at [redacted]')
  })
})

function dayIn10(): string {
  const d = new Date(Date.now() + 10 * 86_400_000)
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}
