// The real server process on SQLite, on a random port, in an empty directory: first run creates
// the issuer; issue → verify → revoke → fetch the status list → verify again (fails on status),
// online and offline; SIGTERM lets an in-flight batch finish before the process exits.
import { existsSync, statSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStatusListResolver, decodeStatusList, getBit } from '../../src/core/index.js'
import { verifyCredential } from '../../src/index.js'
import { client, createKey, startServerProcess, unsigned, type ServerProcess } from './server-process.js'

let dir: string
let server: ServerProcess
let token: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'microcred-e2e-sqlite-'))
  server = await startServerProcess(dir)
  token = await createKey(dir, 'issue,revoke,read')
}, 60_000)
afterAll(async () => {
  await server?.stop('SIGKILL')
  await rm(dir, { recursive: true, force: true })
})

describe('microcred serve (SQLite)', () => {
  it('creates an issuer on first run and says what it created', async () => {
    const created = JSON.parse(await server.waitForLog(/created did:key:/)) as { issuer: string; keyFile: string; msg: string }
    expect(created.issuer).toMatch(/^did:key:z6Mk/)
    expect(created.msg).toContain('0600')
    expect(statSync(created.keyFile).mode & 0o777).toBe(0o600)
    expect(existsSync(join(dir, 'microcred.json'))).toBe(true)
    expect(existsSync(join(dir, 'data', 'microcred.sqlite'))).toBe(true)
    expect(server.logs.join('\n')).not.toContain('secretKeyMultibase')
    expect((await readdir(join(dir, 'keys'))).length).toBe(1)
  })

  it('issues, verifies, revokes, publishes the list, and then fails verification on status', async () => {
    const api = client(server.url, token)
    const pub = client(server.url)
    const health = await pub.get('/health')
    expect(health.json()).toMatchObject({ status: 'ok', store: 'sqlite' })

    const issued = await api.post('/credentials/issue', { credential: unsigned('did:example:e2e') })
    expect(issued.status).toBe(201)
    const vc = issued.json().verifiableCredential as { id: string; credentialStatus: { statusPurpose: string; statusListCredential: string; statusListIndex: string }[] }
    expect(vc.id.startsWith(`${server.url}/credentials/`)).toBe(true)

    const before = await pub.post('/credentials/verify', { verifiableCredential: vc })
    expect(before.json().verified).toBe(true)

    const revoke = await api.post('/credentials/status', { credentialId: vc.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, status: true })
    expect(revoke.status).toBe(200)

    const entry = vc.credentialStatus.find((e) => e.statusPurpose === 'revocation')!
    const listRes = await pub.get(entry.statusListCredential)
    expect(listRes.status).toBe(200)
    expect(listRes.headers.get('etag')).toMatch(/^W\//)
    expect(listRes.headers.get('cache-control')).toMatch(/max-age=\d+/)
    const list = listRes.json() as { credentialSubject: { encodedList: string } }
    expect(getBit(await decodeStatusList(list.credentialSubject.encodedList), Number(entry.statusListIndex))).toBe(true)
    expect((await pub.get(entry.statusListCredential, { 'if-none-match': listRes.headers.get('etag')! })).status).toBe(304)

    const after = await pub.post('/credentials/verify', { verifiableCredential: vc })
    expect(after.json().verified).toBe(false)
    expect(after.json().checks.find((c: { id: string }) => c.id === 'status')).toMatchObject({ outcome: 'fail', code: 'ERR_STATUS_REVOKED' })

    // Offline, with the status lists fetched earlier: the same answer.
    const suspension = vc.credentialStatus.find((e) => e.statusPurpose === 'suspension')!
    const suspensionList = (await pub.get(suspension.statusListCredential)).json()
    const offline = await verifyCredential(vc, { statusResolver: createStatusListResolver({ lists: [list, suspensionList] }) })
    expect(offline.verified).toBe(false)
    expect(offline.checks.find((c) => c.id === 'status')).toMatchObject({ code: 'ERR_STATUS_REVOKED' })

    const stored = await api.get(`/credentials/${encodeURIComponent(vc.id)}`)
    expect(stored.body).toBe(JSON.stringify(vc))
    expect(stored.headers.get('credential-revoked')).toBe('true')
  })

  it('on SIGTERM finishes the request in flight, then exits 0', async () => {
    const api = client(server.url, token)
    const credentials = Array.from({ length: 60 }, (_, i) => unsigned(`did:example:drain-${i}`))
    const pending = api.post('/credentials/issue/batch', { credentials }, { 'idempotency-key': 'drain-1' })
    await server.waitForLog(/"msg":"issuing a batch"/)
    server.child.kill('SIGTERM')
    const res = await pending
    expect(res.status).toBe(201)
    expect(res.json().verifiableCredentials).toHaveLength(60)
    expect(await server.exited).toEqual({ code: 0, signal: null })
    expect(server.logs.join('\n')).toMatch(/SIGTERM: finishing in-flight requests/)
  })
})
