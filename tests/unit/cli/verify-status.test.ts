// `microcred verify --status-list FILE`: offline status from a list fetched earlier.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCommandArgs, type CliIO } from '../../../src/cli/command.js'
import { verifyCommand } from '../../../src/cli/commands/verify.js'
import {
  VC_V2_CONTEXT,
  buildStatusListCredential,
  buildStatusListEntry,
  createBitstring,
  createIssuer,
  encodeStatusList,
  fixedClock,
  issueCredential,
  setBit,
} from '../../../src/index.js'

const T0 = '2026-03-01T00:00:00Z'
const LIST = 'https://badges.example.edu/status/revocation-1'
const issuer = createIssuer({ name: 'Test University' })
let dir: string

async function list(set: number[], ttl?: number) {
  const bits = createBitstring()
  for (const i of set) setBit(bits, i, true)
  const unsigned = buildStatusListCredential({ id: LIST, issuer: issuer.id, purpose: 'revocation', encodedList: await encodeStatusList(bits), validFrom: T0, ...(ttl ? { ttl } : {}) })
  return issueCredential(unsigned, { issuer, clock: fixedClock(T0) })
}

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  let out = ''
  const io: CliIO = { cwd: dir, stdout: (t) => (out += t), stderr: (t) => (out += t), readStdin: async () => '', env: {} }
  const code = await verifyCommand.run(parseCommandArgs(verifyCommand, argv), io)
  return { code, out }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'microcred-verify-status-'))
  const vc = await issueCredential(
    {
      '@context': [VC_V2_CONTEXT],
      type: ['VerifiableCredential'],
      issuer: issuer.id,
      credentialSubject: { id: 'did:example:learner' },
      credentialStatus: buildStatusListEntry({ statusListCredential: LIST, purpose: 'revocation', index: 42 }),
    },
    { issuer, clock: fixedClock(T0) },
  )
  writeFileSync(join(dir, 'vc.json'), JSON.stringify(vc))
  writeFileSync(join(dir, 'active.json'), JSON.stringify(await list([41, 43])))
  writeFileSync(join(dir, 'revoked.json'), JSON.stringify(await list([42])))
  writeFileSync(join(dir, 'short-ttl.json'), JSON.stringify(await list([], 60_000)))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('microcred verify --status-list', () => {
  it('passes the status check with an active list', async () => {
    const { code, out } = await run(['vc.json', '--status-list', 'active.json', '--at', '2026-03-01T00:10:00Z'])
    expect(out).toMatch(/PASS\s+status/)
    expect(code).toBe(0)
  })

  it('fails a revoked credential with ERR_STATUS_REVOKED', async () => {
    const { code, out } = await run(['vc.json', '--status-list', 'revoked.json', '--at', '2026-03-01T00:10:00Z'])
    expect(out).toMatch(/FAIL\s+status.*\[ERR_STATUS_REVOKED\]/)
    expect(code).toBe(1)
  })

  it('reports unknown (a warning: verified with warnings, exit 0; --strict: not verified, exit 1) without a list or with a stale one', async () => {
    for (const argv of [['vc.json'], ['vc.json', '--status-list', 'short-ttl.json', '--at', '2026-03-01T01:00:00Z']]) {
      const { code, out } = await run(argv)
      expect(out).toMatch(/WARN\s+status.*\[ERR_STATUS_UNKNOWN\]/)
      expect(out.split('\n')[0]).toMatch(/^VERIFIED WITH WARNINGS: .*revocation status could not be checked — supply --status-list FILE or allow --online-status$/)
      expect(out).not.toMatch(/not revoked or suspended/)
      expect(code).toBe(0)
      const strict = await run([...argv, '--strict'])
      expect(strict.out).toMatch(/ERROR\s+status.*\[ERR_STATUS_UNKNOWN\]/)
      expect(strict.out.split('\n')[0]).toMatch(/^NOT VERIFIED: revocation status could not be checked/)
      expect(strict.code).toBe(1)
    }
  })
})
