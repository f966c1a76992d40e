// Nothing secret reaches the logs: the whole flow (first-run issuer, apikey create --expires,
// define, issue to an email, batch, verify, revoke, status list, failed and expired-key calls)
// against the real server process at LOG_LEVEL=debug, then every log line is searched for the
// API key (whole, its secret part and a prefix of it), the private key (the key file's text
// and values, a JWK "d", a multibase secret key) and the recipients' email addresses.
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fullDefinition } from '../fixtures/micro-credential-definition.js'
import { client, microcred, startServerProcess, unsigned, type ServerProcess } from './server-process.js'

const EMAILS = ['ana.leak-test@example.org', 'ben.leak-test@example.org']

let dir: string
let server: ServerProcess
let token: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'microcred-e2e-logs-'))
  server = await startServerProcess(dir, { LOG_LEVEL: 'debug' })
  const created = await microcred(['apikey', 'create', '--scope', 'issue,revoke,read', '--name', 'logs', '--expires', '30d'], dir)
  expect(created.code, created.stderr).toBe(0)
  expect(created.stderr).toMatch(/expiring \d{4}-\d{2}-\d{2}T/)
  token = created.stdout.trim()
}, 60_000)
afterAll(async () => {
  await server?.stop('SIGKILL')
  await rm(dir, { recursive: true, force: true })
})

describe('logs at debug level', () => {
  it('never contain an API key, private key material or a recipient email', async () => {
    const api = client(server.url, token)
    const pub = client(server.url)

    const listed = await microcred(['apikey', 'list', '--json'], dir)
    expect(JSON.parse(listed.stdout)[0]).toMatchObject({ name: 'logs', expiresAt: expect.stringMatching(/^\d{4}-/) })

    expect((await api.post('/achievements', fullDefinition)).status).toBe(201)
    const byEmail = await api.post(`/achievements/${encodeURIComponent(fullDefinition.id as string)}/issue`, { recipients: EMAILS.map((email) => ({ email })) }, { 'idempotency-key': 'logs-1' })
    expect(byEmail.status).toBe(201)
    const issued = await api.post('/credentials/issue', { credential: unsigned('did:example:logs') })
    expect(issued.status).toBe(201)
    const vc = issued.json().verifiableCredential as { id: string; credentialStatus: { statusPurpose: string; statusListCredential: string }[] }
    expect((await api.post('/credentials/issue/batch', { credentials: [unsigned('did:example:b1'), unsigned('did:example:b2')] }, { 'idempotency-key': 'logs-2' })).status).toBe(201)
    expect((await pub.post('/credentials/verify', { verifiableCredential: byEmail.json().verifiableCredentials[0] })).json().verified).toBe(true)
    expect((await api.post('/credentials/status', { credentialId: vc.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, status: true })).status).toBe(200)
    expect((await pub.get(vc.credentialStatus[0]!.statusListCredential)).status).toBe(200)
    expect((await api.get('/credentials?limit=5')).status).toBe(200)
    // refused calls log too: a wrong secret for a real key id, a key in the wrong header form
    const forged = `${token.slice(0, -4)}AAAA`
    expect((await client(server.url, forged).get('/credentials')).status).toBe(401)
    expect((await pub.get('/credentials', { authorization: token })).status).toBe(401)
    expect((await pub.post('/credentials/issue', { credential: { credentialSubject: { email: EMAILS[0] } } }, { authorization: `Bearer ${token}` })).status).toBe(400)

    await server.stop('SIGTERM')
    const logs = server.logs
    expect(logs.length).toBeGreaterThan(20)
    expect(logs.some((l) => /"level":20/.test(l)) || logs.some((l) => /"reqId"/.test(l))).toBe(true) // request logging was on

    const [, keyId, secret] = /^mck_([a-z0-9]{12})_(.+)$/.exec(token)!
    const keyFiles = readdirSync(join(dir, 'keys')).filter((f) => f.endsWith('.json'))
    expect(keyFiles.length).toBeGreaterThan(0)
    const keyTexts = keyFiles.map((f) => readFileSync(join(dir, 'keys', f), 'utf8'))
    const keyValues = keyTexts.flatMap((text) => Object.values(JSON.parse(text) as Record<string, unknown>).filter((v): v is string => typeof v === 'string' && v.length >= 32))
    const secretKeys = keyTexts.map((text) => (JSON.parse(text) as { secretKeyMultibase: string }).secretKeyMultibase)

    const forbidden: [string, (line: string) => boolean][] = [
      ['the API key', (l) => l.includes(token)],
      ['the forged API key', (l) => l.includes(forged)],
      ['the API key secret', (l) => l.includes(secret!)],
      ['a prefix of the API key secret', (l) => l.includes(`${keyId}_${secret!.slice(0, 8)}`) || l.includes(secret!.slice(0, 12))],
      ['the key file', (l) => keyTexts.some((t) => l.includes(t.trim()))],
      ['the secret key', (l) => secretKeys.some((k) => l.includes(k))],
      ['a JWK private part', (l) => /"d"\s*:/.test(l)],
      ['a multibase Ed25519 secret key', (l) => /(^|[^1-9A-HJ-NP-Za-km-z])(z3u2|zrv)[1-9A-HJ-NP-Za-km-z]{40,}/.test(l)],
      ['secretKeyMultibase', (l) => l.includes('secretKeyMultibase')],
      ['a recipient email', (l) => EMAILS.some((e) => l.toLowerCase().includes(e)) || /leak-test/.test(l)],
    ]
    // the public key may appear (it is in the DID); only values that are secret count
    const publicKey = keyTexts.map((text) => (JSON.parse(text) as { publicKeyMultibase: string }).publicKeyMultibase)
    forbidden.push(['another value of the key file', (l) => keyValues.some((v) => !publicKey.includes(v) && l.includes(v))])

    // the detectors catch what they are meant to catch (a detector that never fires proves nothing)
    const caught = (line: string): boolean => forbidden.some(([, test]) => test(line))
    for (const planted of [token, `{"auth":"Bearer ${token}"}`, secretKeys[0]!, keyTexts[0]!, `{"to":"${EMAILS[1]}"}`, '{"jwk":{"kty":"OKP","d":"x"}}', ` ${secretKeys[0]!}`]) {
      expect(caught(planted), planted.slice(0, 40)).toBe(true)
    }
    expect(secretKeys[0]).toMatch(/^(z3u2|zrv)/)

    const leaks = logs.flatMap((line, i) => forbidden.filter(([, test]) => test(line)).map(([what]) => `line ${i}: ${what}: ${line.slice(0, 300)}`))
    expect(leaks).toEqual([])
  }, 60_000)
})
