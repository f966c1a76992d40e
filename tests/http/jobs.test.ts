// Issue jobs over HTTP: 202 with the job's links, progress, results streamed as NDJSON in row
// order, bad rows reported per row (the job goes on), NDJSON bodies, auth, cancel; on the memory
// store (main-thread signing) and on SQLite with the worker pool.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { generateKeyMaterial, signingKeyFromMaterial, verifyCredential, type Issuer } from '../../src/index.js'
import { ActiveIssuer } from '../../src/issuance/context.js'
import { createSqliteStore } from '../../src/storage/sqlite/sqlite-store.js'
import { createIssuePool } from '../../src/workers/issue-pool.js'
import { json, makeApp, unsignedCredential, type TestApp } from './helpers.js'

type Line = { row: number; ok: boolean; credentialId?: string; error?: { code: string; message: string; path?: string } }

async function waitDone(t: TestApp, id: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 600; i++) {
    const status = json(await t.as('issue', { method: 'GET', url: `/jobs/${id}` }))
    if (status['state'] !== 'queued' && status['state'] !== 'running') return status
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`job ${id} did not finish`)
}

const lines = (body: string): Line[] => body.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line)

describe('issue jobs (memory store)', async () => {
  const t = await makeApp()
  afterAll(() => t.app.close())

  it('answers 202 with links, issues every good row and reports each bad row with its error', async () => {
    const items: unknown[] = Array.from({ length: 12 }, (_, i) => unsignedCredential(`did:example:job-${i}`))
    items[3] = 'not an object'
    items[7] = { ...unsignedCredential('did:example:bad'), credentialStatus: { id: 'x' } }
    items[9] = { ...unsignedCredential('did:example:bad2'), validFrom: 'yesterday' }
    const res = await t.as('issue', { method: 'POST', url: '/credentials/issue/jobs', payload: { items } })
    expect(res.statusCode).toBe(202)
    const body = json<{ id: string; state: string; total: number; links: { self: string; results: string } }>(res)
    expect(body).toEqual({ id: body.id, state: 'queued', total: 12, links: { self: `/jobs/${body.id}`, results: `/jobs/${body.id}/results` } })
    expect(res.headers['location']).toBe(`/jobs/${body.id}`)

    const status = await waitDone(t, body.id)
    expect(status).toMatchObject({ id: body.id, state: 'done', total: 12, done: 9, failed: 3, etaSeconds: 0 })
    expect(typeof status['ratePerSecond']).toBe('number')
    expect(status['startedAt']).toEqual(expect.any(String))
    expect(status['finishedAt']).toEqual(expect.any(String))

    const results = await t.as('issue', { method: 'GET', url: body.links.results })
    expect(results.statusCode).toBe(200)
    expect(results.headers['content-type']).toMatch(/^application\/x-ndjson/)
    const got = lines(results.body)
    expect(got.map((l) => l.row)).toEqual([...Array(12).keys()])
    expect(got[3]).toMatchObject({ ok: false, error: { code: 'ERR_CREDENTIAL_MALFORMED', path: '$' } })
    expect(got[7]).toMatchObject({ ok: false, error: { code: 'ERR_CREDENTIAL_MALFORMED', path: '$.credentialStatus' } })
    expect(got[9]).toMatchObject({ ok: false, error: { code: 'ERR_CREDENTIAL_MALFORMED' } })
    const good = got.filter((l) => l.ok)
    expect(new Set(good.map((l) => l.credentialId)).size).toBe(9)
    const stored = await t.store.getCredential(good[0]!.credentialId!)
    const verdict = await verifyCredential(JSON.parse(stored!.json) as Record<string, unknown>)
    expect(verdict.verified).toBe(true)

    const from = lines((await t.as('issue', { method: 'GET', url: `${body.links.results}?from=10` })).body)
    expect(from.map((l) => l.row)).toEqual([10, 11])
  })

  it('reads an NDJSON body as a stream: lines split across packets, CRLF, an empty body refused', async () => {
    const text = [0, 1, 2].map((i) => JSON.stringify(unsignedCredential(`did:example:stream-${i}`, { name: `Zoë ${i} ✓` }))).join('\r\n')
    const bytes = Buffer.from(text)
    // Packets cut mid-line and inside a multi-byte character.
    const cut = bytes.indexOf(Buffer.from('ë')) + 1
    const parts = [bytes.subarray(0, 7), bytes.subarray(7, cut), bytes.subarray(cut, bytes.length - 5), bytes.subarray(bytes.length - 5)]
    const res = await t.as('issue', { method: 'POST', url: '/credentials/issue/jobs', headers: { 'content-type': 'application/x-ndjson' }, payload: Readable.from(parts) })
    expect(res.statusCode).toBe(202)
    const { id, total } = json<{ id: string; total: number }>(res)
    expect(total).toBe(3)
    expect(await waitDone(t, id)).toMatchObject({ state: 'done', done: 3, failed: 0 })
    const empty = await t.as('issue', { method: 'POST', url: '/credentials/issue/jobs', headers: { 'content-type': 'application/x-ndjson' }, payload: '\n\n' })
    expect(empty.statusCode).toBe(400)
    expect(json(empty)).toMatchObject({ code: 'ERR_INPUT_INVALID' })
  })

  it('accepts NDJSON, one item per line; a line that is not JSON fails alone', async () => {
    const payload = [JSON.stringify(unsignedCredential('did:example:nd-0')), '{ not json', '', JSON.stringify(unsignedCredential('did:example:nd-1')), ''].join('\n')
    const res = await t.as('issue', { method: 'POST', url: '/credentials/issue/jobs', headers: { 'content-type': 'application/x-ndjson' }, payload })
    expect(res.statusCode).toBe(202)
    const { id, total } = json<{ id: string; total: number }>(res)
    expect(total).toBe(3)
    expect(await waitDone(t, id)).toMatchObject({ state: 'done', done: 2, failed: 1 })
    const got = lines((await t.as('issue', { method: 'GET', url: `/jobs/${id}/results` })).body)
    expect(got.map((l) => [l.row, l.ok])).toEqual([
      [0, true],
      [1, false],
      [2, true],
    ])
    expect(got[1]!.error!.code).toBe('ERR_INPUT_INVALID_JSON')
  })

  it('refuses an empty job, an unknown job and callers without the issue scope', async () => {
    expect((await t.as('issue', { method: 'POST', url: '/credentials/issue/jobs', payload: { items: [] } })).statusCode).toBe(400)
    expect((await t.as('issue', { method: 'POST', url: '/credentials/issue/jobs', payload: { credentials: [{}] } })).statusCode).toBe(400)
    const missing = await t.as('issue', { method: 'GET', url: '/jobs/job-nope' })
    expect(missing.statusCode).toBe(404)
    expect(json(missing)['code']).toBe('ERR_JOB_NOT_FOUND')
    expect((await t.as('issue', { method: 'GET', url: '/jobs/job-nope/results' })).statusCode).toBe(404)
    const res = await t.as('issue', { method: 'POST', url: '/credentials/issue/jobs', payload: { items: [unsignedCredential()] } })
    const { id } = json<{ id: string }>(res)
    expect((await t.as('read', { method: 'GET', url: `/jobs/${id}` })).statusCode).toBe(403)
    expect((await t.as('read', { method: 'GET', url: `/jobs/${id}/results` })).statusCode).toBe(403)
    expect((await t.as(undefined, { method: 'GET', url: `/jobs/${id}` })).statusCode).toBe(401)
    expect((await t.as('read', { method: 'POST', url: '/credentials/issue/jobs', payload: { items: [unsignedCredential()] } })).statusCode).toBe(403)
    await waitDone(t, id)
  })

  it('cancels a queued job: its rows are not issued', async () => {
    const job = await t.store.createJob({ id: 'job-cancel-me', issuerId: t.issuer.current.id }, ['{}'])
    const res = await t.as('issue', { method: 'POST', url: `/jobs/${job.id}/cancel` })
    expect(res.statusCode).toBe(200)
    expect(json(res)).toMatchObject({ state: 'cancelled', done: 0 })
    expect((await t.as('issue', { method: 'GET', url: `/jobs/${job.id}/results` })).body).toBe('')
  })
})

describe('issue jobs (SQLite, worker pool)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'microcred-jobs-http-'))
  const material = generateKeyMaterial()
  const key = signingKeyFromMaterial(material)
  const issuer: Issuer = { id: key.controller, profile: { name: 'Pool College' }, key }
  const pool = createIssuePool({ issuer, material, size: 2 })
  const store = createSqliteStore({ filename: join(dir, 'microcred.sqlite') })
  const t = await makeApp({ store, issuer: new ActiveIssuer(issuer), pool })
  afterAll(async () => {
    await t.app.close()
    await pool.close()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('issues 600 rows in chunks, each row once, results in row order', async () => {
    const items = Array.from({ length: 600 }, (_, i) => unsignedCredential(`did:example:pool-${i}`))
    items[450] = { ...items[450]!, proof: { type: 'DataIntegrityProof' } }
    const res = await t.as('issue', { method: 'POST', url: '/credentials/issue/jobs', payload: { items } })
    const { id } = json<{ id: string }>(res)
    expect(await waitDone(t, id)).toMatchObject({ state: 'done', done: 599, failed: 1 })
    const got = lines((await t.as('issue', { method: 'GET', url: `/jobs/${id}/results` })).body)
    expect(got.map((l) => l.row)).toEqual([...Array(600).keys()])
    expect(got[450]).toMatchObject({ ok: false, error: { code: 'ERR_CREDENTIAL_MALFORMED' } })
    const ids = got.filter((l) => l.ok).map((l) => l.credentialId!)
    expect(new Set(ids).size).toBe(599)
    const stored = await store.getCredentials(ids.slice(0, 3))
    expect(stored.map((c) => c.recipient)).toEqual(['did:example:pool-0', 'did:example:pool-1', 'did:example:pool-2'])
    expect((await store.getCredential(ids[598]!))!.status).toHaveLength(2)
  })
})
