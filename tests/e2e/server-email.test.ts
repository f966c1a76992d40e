// The real server process with SMTP_URL: `microcred serve` runs the outbox worker, an offer's
// claim link arrives at a real SMTP server (smtp-server on loopback, with a login), the link
// claims the credential, SIGTERM stops the process cleanly, and the log never holds the SMTP
// password, the learner's address or the claim token.
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, createKey, startServerProcess, unsigned, type ServerProcess } from './server-process.js'

let dir: string
let server: ServerProcess
let smtp: SMTPServer
const inbox: { to: string[]; raw: string }[] = []
const PASSWORD = 'sm7p-Pa55word'

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'microcred-e2e-email-'))
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === PASSWORD) callback(null, { user: 'mailer' })
      else callback(new Error('invalid login'))
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()))
  const port = (smtp.server.address() as AddressInfo).port
  server = await startServerProcess(dir, { SMTP_URL: `smtp://mailer:${PASSWORD}@127.0.0.1:${port}`, SMTP_FROM: 'Badges <badges@example.edu>' })
}, 60_000)
afterAll(async () => {
  await server?.stop('SIGKILL')
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
  await rm(dir, { recursive: true, force: true })
})

describe('microcred serve with SMTP_URL', () => {
  it('emails the claim link of an offer, the link claims the credential, SIGTERM stops the worker', async () => {
    const token = await createKey(dir, 'issue,read')
    const credential = unsigned('did:example:unused')
    const { id: _id, ...subject } = credential['credentialSubject'] as Record<string, unknown>
    const res = await client(server.url, token).post('/credentials/issue', { credential: { ...credential, credentialSubject: subject }, options: { offer: { email: 'ana@example.org' } } })
    expect(res.status).toBe(201)
    const offer = res.json().offers[0] as { id: string; claimUrl: string; delivery: string }
    expect(offer.delivery).toBe('email-queued')

    const deadline = Date.now() + 15_000
    while (inbox.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    expect(inbox).toHaveLength(1)
    expect(inbox[0]!.to).toEqual(['ana@example.org'])
    const link = /http:\/\/127\.0\.0\.1:\d+\/claim\/[A-Za-z0-9_-]{43}/.exec(inbox[0]!.raw.replace(/=\r?\n/g, ''))?.[0]
    expect(link).toBe(offer.claimUrl)

    const claim = await client(server.url).post(`${new URL(link!).pathname}/download`, { holder: 'did:example:wallet-ana' })
    expect(claim.status).toBe(200)
    expect(claim.json().credentialSubject.id).toBe('did:example:wallet-ana')
    const view = await client(server.url, token).get(`/offers/${offer.id}`)
    expect(view.json()).toMatchObject({ state: 'claimed', delivery: { state: 'sent', attempts: 1 } })

    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null })
    const log = server.logs.join('\n')
    expect(log).toContain('emailing offers through SMTP')
    expect(log).not.toContain(PASSWORD)
    expect(log).not.toContain('ana@example.org')
    expect(log).not.toContain(link!.split('/').pop())
  }, 40_000)
})
