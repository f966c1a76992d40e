// `microcred verify`: the headline and the claim summary first, then the checks, then
// portability; --json carries the same structure; --strict, --email; exit codes 0/1/2.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCommandArgs, type CliIO } from '../../../src/cli/command.js'
import { verifyCommand, type VerifyOutput } from '../../../src/cli/commands/verify.js'
import { runCli } from '../../../src/cli/main.js'
import type { CredentialVerificationResult } from '../../../src/index.js'
import { euDefinition, issueMicro, makeIssuer, statusEntry } from '../portability/helpers.js'

let dir: string
const AT = ['--at', '2026-06-01T00:00:00Z']

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  let out = ''
  const io: CliIO = { cwd: dir, stdout: (t) => (out += t), stderr: (t) => (out += t), readStdin: async () => '', env: {} }
  const code = await verifyCommand.run(parseCommandArgs(verifyCommand, argv), io)
  return { code, out }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'microcred-verify-verdict-'))
  const uni = makeIssuer('Example University', 'GB')
  const definition = euDefinition({ levels: [{ framework: 'FHEQ', code: '6', uri: 'https://www.qaa.ac.uk/fheq/level-6' }] })
  const valid = await issueMicro(uni, definition, { recipient: { email: 'ada@example.org' } })
  const tampered = structuredClone(valid) as unknown as { credentialSubject: { achievement: { name: string } } }
  tampered.credentialSubject.achievement.name = 'Data Visualisation (Advanced)'
  const withStatus = await issueMicro(uni, definition, { edit: (c) => (c['credentialStatus'] = statusEntry(9)) })
  writeFileSync(join(dir, 'valid.json'), JSON.stringify(valid))
  writeFileSync(join(dir, 'tampered.json'), JSON.stringify(tampered))
  writeFileSync(join(dir, 'status.json'), JSON.stringify(withStatus))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('microcred verify: the verdict first', () => {
  it('a valid credential: headline, what it claims, the checks, exit 0', async () => {
    const { code, out } = await run(['valid.json', ...AT])
    expect(code).toBe(0)
    const lines = out.split('\n')
    expect(lines[0]).toBe('VERIFIED: signed by its issuer and unchanged since, within its validity dates, the issuer publishes no revocation status for it')
    expect(lines.slice(2, 10)).toEqual([
      'What it claims:',
      expect.stringMatching(/^ {2}Achievement {2}Data Visualisation/),
      expect.stringMatching(/^ {2}Issuer {7}Example University — did:key:\S+ \(a bare key: no domain\)$/),
      '  Recipient    hashed email',
      '  Credits      5 ECTS, 125 hours',
      '  Level        FHEQ 6',
      '  QA           QA Agency (external): claimed by the issuer; no trust list was supplied to confirm it',
      '  Dates        issued 2026-01-15T09:00:00Z',
    ])
    expect(out).toMatch(/\nChecks:\nPASS  shape /)
    expect(out.endsWith('\nVERIFIED\n')).toBe(true)
  })

  it('a tampered credential: NOT VERIFIED, proof FAIL, what depends on it SKIP, exit 1', async () => {
    const { code, out } = await run(['tampered.json', ...AT])
    expect(code).toBe(1)
    expect(out.split('\n')[0]).toBe('NOT VERIFIED: the credential was changed after it was signed (or signed with another key): do not rely on anything in it')
    expect(out).toMatch(/^What it claims \(NOT verified: do not rely on it\):$/m)
    expect(out).toMatch(/^FAIL {2}proof .*\[ERR_PROOF_INVALID\]$/m)
    for (const id of ['issuer', 'validity']) expect(out).toMatch(new RegExp(`^SKIP {2}${id} +not checked because the signature failed$`, 'm'))
  })

  it('status unknown: VERIFIED WITH WARNINGS with what to supply, exit 0; --strict: NOT VERIFIED, exit 1', async () => {
    const lax = await run(['status.json', ...AT])
    expect(lax.code).toBe(0)
    expect(lax.out.split('\n')[0]).toMatch(/^VERIFIED WITH WARNINGS: .*; but revocation status could not be checked — supply --status-list FILE or allow --online-status$/)
    expect(lax.out).toMatch(/^WARN {2}status .*\[ERR_STATUS_UNKNOWN\]$/m)
    expect(lax.out.endsWith('\nVERIFIED WITH WARNINGS\n')).toBe(true)
    const strict = await run(['status.json', ...AT, '--strict'])
    expect(strict.code).toBe(1)
    expect(strict.out).toMatch(/^ERROR status .*\[ERR_STATUS_UNKNOWN\]$/m)
  })

  it('--email checks the hashed recipient', async () => {
    const match = await run(['valid.json', ...AT, '--email', 'ada@example.org'])
    expect(match.code).toBe(0)
    expect(match.out).toMatch(/^ {2}Recipient {4}hashed email; the email you gave matches$/m)
    expect(match.out).toMatch(/^PASS {2}recipient /m)
    const other = await run(['valid.json', ...AT, '--email', 'bob@example.org'])
    expect(other.code).toBe(1)
    expect(other.out.split('\n')[0]).toBe('NOT VERIFIED: it was not issued to the email address you gave')
    expect(other.out).toMatch(/the email you gave does NOT match/)
  })

  it('--profile reports portability apart, with the ECTS → UK conversion; never changes the verdict', async () => {
    const { code, out } = await run(['valid.json', ...AT, '--profile', 'uk-qaa', '--profile', 'nzqa'])
    expect(code).toBe(0)
    expect(out).toMatch(/\nPortability \(does not change the verdict\):\nPASS {2}profile:uk-qaa /)
    expect(out).toMatch(/warn credits +UK credit value: converted from 5 ECTS to 10 UK-CATS by fte-year/)
    expect(out).toMatch(/^FAIL {2}profile:nzqa .*\[ERR_PROFILE_NOT_MET\]$/m)
    expect(out.split('\n')[0]).toMatch(/^VERIFIED: /)
  })

  it('--pathway reports how the credential counts toward a stacking pathway, as portability (exit unchanged)', async () => {
    const pathway = fileURLToPath(new URL('../../../pathways/uk-pgcert-data-analytics.json', import.meta.url))
    const { code, out } = await run(['valid.json', ...AT, '--pathway', pathway, '--email', 'ada@example.org'])
    expect(code).toBe(0)
    expect(out).toMatch(/\nPortability \(does not change the verdict\):\nPathway: UK Postgraduate Certificate in Data Analytics/)
    expect(out).toMatch(/^ {2}Learner: .*\(email proven\)$/m)
    expect(out).toMatch(/^ {2}NOT SATISFIED$/m)
    const json = JSON.parse((await run(['valid.json', ...AT, '--pathway', pathway, '--json'])).out) as VerifyOutput
    expect(json.portability!.pathways).toEqual([expect.objectContaining({ pathway: expect.objectContaining({ id: 'urn:pathway:uk-pgcert-data-analytics' }), satisfied: false })])
    expect(json.verified).toBe(true)
  })

  it('--json carries the same structure: verified, verdict, summary, checks, portability', async () => {
    const { code, out } = await run(['status.json', ...AT, '--json', '--profile', 'uk-qaa'])
    expect(code).toBe(0)
    const result = JSON.parse(out) as CredentialVerificationResult
    expect(result).toMatchObject({
      verified: true,
      verdict: { level: 'verified-with-warnings', strict: false, problems: [], warnings: [{ check: 'status', code: 'ERR_STATUS_UNKNOWN', next: { cli: 'supply --status-list FILE or allow --online-status' } }] },
      summary: { achievement: { name: 'Data Visualisation' }, credits: { value: 5, system: 'ECTS' } },
      portability: { profiles: [{ id: 'profile:uk-qaa', outcome: 'pass' }] },
    })
    expect(result.verdict.headline).toMatch(/--status-list FILE/)
  })

  it('a bad --email is a usage error (exit 2)', async () => {
    let err = ''
    const code = await runCli(['verify', 'valid.json', '--email', 'not-an-email'], { cwd: dir, stdout: () => {}, stderr: (t) => (err += t), readStdin: async () => '', env: {} })
    expect(code).toBe(2)
    expect(err).toMatch(/--email not-an-email is not an email address/)
  })
})
