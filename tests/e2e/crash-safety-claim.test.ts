// Claims interrupted by SIGKILL lose and duplicate nothing. A real `microcred serve` on SQLite
// gets N concurrent claims and is killed on the first "offer claimed" line (logged after that
// claim's commit, before its answer: the hook the batch crash test uses). Both branches are
// forced, not left to timing: the logged offer was committed (killed after the commit), and
// claims that had not reached their commit — N claims, each signed one at a time on the one
// event loop, cannot all commit in the moment between a log line and the kill — were killed
// before it. Read straight from the database after the kill, each offer is either claimed with
// exactly one stored credential or still claimable with none; no credential is stored without
// its offer marked claimed. After a restart the rest are claimed once, and a second claim of
// any offer is refused.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OfferRecord, StoredCredential } from '../../src/storage/store.js'
import { readSqliteContents } from '../setup/sqlite-contents.js'
import { client, createKey, startServerProcess, unsigned, type ServerProcess } from './server-process.js'

const N = 120
let dir: string
let server: ServerProcess | undefined
let token: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'microcred-e2e-claim-crash-'))
  server = await startServerProcess(dir)
  token = await createKey(dir, 'issue')
}, 60_000)
afterAll(async () => {
  await server?.stop('SIGKILL')
  await rm(dir, { recursive: true, force: true })
})


/** The invariants that hold whenever the process died: each offer all-or-nothing, nothing twice. */
function expectConsistent({ offers, credentials }: { offers: OfferRecord[]; credentials: StoredCredential[] }): { claimed: OfferRecord[]; open: OfferRecord[] } {
  const byId = new Map<string, StoredCredential[]>()
  for (const c of credentials) byId.set(c.id, [...(byId.get(c.id) ?? []), c])
  const claimed = offers.filter((o) => o.state === 'claimed')
  const open = offers.filter((o) => o.state !== 'claimed')
  for (const o of claimed) {
    expect(o.credentialId, o.id).toBeDefined()
    expect(o.claimedAt, o.id).toBeDefined()
    expect(byId.get(o.credentialId!) ?? [], o.id).toHaveLength(1)
  }
  for (const o of open) {
    expect(o.state, o.id).toBe('pending')
    expect(o.credentialId, o.id).toBeUndefined()
  }
  // No credential without its offer marked claimed (only claims store credentials here).
  const claimedCredentialIds = claimed.map((o) => o.credentialId!)
  expect(new Set(claimedCredentialIds).size).toBe(claimedCredentialIds.length)
  expect(credentials.map((c) => c.id).sort()).toEqual([...claimedCredentialIds].sort())
  const positions = credentials.flatMap((c) => c.status.map((p) => `${p.listId}/${p.index}`))
  expect(new Set(positions).size).toBe(positions.length)
  return { claimed, open }
}

const claimPath = (claimUrl: string): string => `${new URL(claimUrl).pathname}/download`

describe('crash safety of claims', () => {
  it('SIGKILL during concurrent claims: each offer claimed once with one credential, or still claimable; the rest claim once after a restart', async () => {
    const api = client(server!.url, token)
    const created = await api.post('/credentials/issue/batch', { credentials: Array.from({ length: N }, (_, i) => unsigned(`did:example:claimer-${i}`)), options: { offer: {} } })
    expect(created.status).toBe(201)
    const offers = created.json().offers as { id: string; claimUrl: string }[]
    expect(offers).toHaveLength(N)

    const learner = client(server!.url)
    const claims = offers.map((o) => learner.post(claimPath(o.claimUrl), {}).catch((e: unknown) => e as Error))
    const logged = JSON.parse(await server!.waitForLog(/"msg":"offer claimed"/)) as { offerId: string; credentialId: string }
    expect(await server!.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' })
    server = undefined
    const outcomes = await Promise.all(claims)

    const afterKill = await readSqliteContents(join(dir, 'data', 'microcred.sqlite'))
    expect(afterKill.offers).toHaveLength(N)
    const { claimed, open } = expectConsistent(afterKill)
    // Killed after the commit: the logged claim is stored.
    expect(claimed.find((o) => o.id === logged.offerId)).toMatchObject({ state: 'claimed', credentialId: logged.credentialId })
    // Killed before the commit: some claims never got there.
    expect(open.length).toBeGreaterThan(0)
    // Every claim that was answered is stored, as answered.
    const stored = new Map(afterKill.credentials.map((c) => [c.id, c.json]))
    for (const outcome of outcomes) {
      if (outcome instanceof Error || outcome.status !== 200) continue
      const vc = outcome.json() as { id: string }
      expect(stored.get(vc.id)).toBe(outcome.body)
    }

    // After a restart: the open offers are claimed (once each), the claimed ones refuse a second claim.
    server = await startServerProcess(dir)
    const again = client(server.url)
    const openIds = new Set(open.map((o) => o.id))
    const retries = await Promise.all(offers.map(async (o) => ({ id: o.id, res: await again.post(claimPath(o.claimUrl), {}) })))
    for (const { id, res } of retries) {
      if (openIds.has(id)) expect(res.status, id).toBe(200)
      else {
        expect(res.status, id).toBe(409)
        expect(res.json().code).toBe('ERR_OFFER_CLAIMED')
      }
    }
    await server.stop('SIGTERM')
    server = undefined

    const final = expectConsistent(await readSqliteContents(join(dir, 'data', 'microcred.sqlite')))
    expect(final.claimed).toHaveLength(N)
    expect(final.open).toHaveLength(0)
    // The offers claimed before the kill kept their credential.
    for (const o of claimed) expect(final.claimed.find((f) => f.id === o.id)!.credentialId).toBe(o.credentialId)
  }, 180_000)
})
