// The built `microcred` binary, run as a child process in a fresh temporary directory:
// init → keys show → issue → verify, exit codes (0 verified, 1 not verified, 2 bad usage or
// unreadable input), one-line error messages, --json, --help on every command.
// Needs dist/: `npm test` builds first; alone: `npm run build && npx vitest run tests/e2e`.
import { execFile } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHECK_IDS, matchesEmail, toAchievement, type IdentityObject, type VerificationResult } from '../../src/core/index.js'
import { fullDefinition, GRADE_DESCRIPTION_ID, NON_ASCII } from '../fixtures/micro-credential-definition.js'

const BIN = fileURLToPath(new URL('../../bin/microcred.js', import.meta.url))
const BUILT = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url))
const COMMANDS = ['init', 'keys', 'issue', 'verify'] as const
/** The status lists `microcred status publish` writes (issued credentials verify only with their status known). */
const LISTS = ['--status-list', join('public', 'status')]
/** Each run starts a Node process (~0.5 s; verify ~1.5 s): allow for a loaded CI machine. */
const SLOW = { timeout: 120_000 }

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs `node bin/microcred.js …` with `cwd`, feeding `input` on stdin (closed either way). */
function microcred(args: string[], cwd: string, input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') reject(error)
      else resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr })
    })
    child.stdin!.end(input ?? '')
  })
}

/** A usage error: exit 2, nothing on stdout, exactly one line on stderr that carries the code. */
function expectOneLineError(run: Run, code: string | RegExp): void {
  expect(run.code).toBe(2)
  expect(run.stdout).toBe('')
  expect(run.stderr.endsWith('\n')).toBe(true)
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
  expect(run.stderr).toMatch(code)
}

let root: string
let dir: string // the issuer directory `init` creates

const unsignedBadge = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Teamwork',
  issuer: {
    id: 'did:example:placeholder',
    type: ['Profile'],
    name: 'Example College',
    url: 'https://college.example',
    address: { type: ['Address'], addressCountryCode: 'NZ' },
  },
  credentialSubject: {
    id: 'did:example:learner',
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://college.example/achievements/teamwork',
      type: ['Achievement'],
      name: 'Teamwork',
      description: 'Works well in a team.',
      criteria: { narrative: 'Nominated by peers.' },
    },
  },
}

beforeAll(async () => {
  if (!existsSync(BUILT)) throw new Error('dist/ is missing: run `npm run build` first (npm test does it)')
  root = await mkdtemp(join(tmpdir(), 'microcred-cli-'))
  dir = join(root, 'issuer')
  await mkdir(dir)
})

afterAll(async () => {
  if (root !== undefined) await rm(root, { recursive: true, force: true })
})

describe('microcred init', SLOW, () => {
  it('creates microcred.json and a 0600 key file under keys/', async () => {
    const run = await microcred(['init', '--name', 'Universität Beispiel', '--url', 'https://uni.example', '--country', 'at'], dir)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Created issuer did:key:z6Mk\w+\n/)

    const config = JSON.parse(await readFile(join(dir, 'microcred.json'), 'utf8'))
    expect(config.issuer).toEqual({
      id: expect.stringMatching(/^did:key:z6Mk/),
      name: 'Universität Beispiel',
      url: 'https://uni.example',
      address: { type: ['Address'], addressCountryCode: 'AT' },
    })
    expect(config.activeKey).toBe(`${config.issuer.id}#${config.issuer.id.slice('did:key:'.length)}`)
    expect(config.keys).toHaveLength(1)
    expect(run.stdout).toContain(config.issuer.id)

    const keyFiles = await readdir(join(dir, 'keys'))
    expect(keyFiles).toHaveLength(1)
    expect(join(dir, config.keys[0].file)).toBe(join(dir, 'keys', keyFiles[0]!))
    expect(statSync(join(dir, 'keys', keyFiles[0]!)).mode & 0o777).toBe(0o600)
    expect(statSync(join(dir, 'keys')).mode & 0o077).toBe(0)
    // The public config carries no secret.
    expect(JSON.stringify(config)).not.toContain('secretKeyMultibase')
  })

  it('refuses to run again where an issuer exists (exit 2) and leaves it untouched', async () => {
    const before = await readFile(join(dir, 'microcred.json'), 'utf8')
    const run = await microcred(['init'], dir)
    expectOneLineError(run, /ERR_ISSUER_EXISTS/)
    expect(await readFile(join(dir, 'microcred.json'), 'utf8')).toBe(before)
    expect(await readdir(join(dir, 'keys'))).toHaveLength(1)
  })
})

describe('microcred keys show', SLOW, () => {
  let secret: string
  let config: { issuer: { id: string }; activeKey: string; keys: { id: string; publicKeyMultibase: string; created: string }[] }

  beforeAll(async () => {
    config = JSON.parse(await readFile(join(dir, 'microcred.json'), 'utf8'))
    const [keyFile] = await readdir(join(dir, 'keys'))
    secret = JSON.parse(await readFile(join(dir, 'keys', keyFile!), 'utf8')).secretKeyMultibase
    expect(secret).toMatch(/^z/)
  })

  it('prints the DID and the public key, never the secret', async () => {
    const run = await microcred(['keys', 'show'], dir)
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain(`issuer: ${config.issuer.id} (Universität Beispiel)`)
    expect(run.stdout).toContain(`* ${config.activeKey}`)
    expect(run.stdout).toContain(config.keys[0]!.publicKeyMultibase)
    expect(run.stdout).not.toContain(secret)
    expect(run.stdout).not.toContain('secretKeyMultibase')
  })

  it('--json prints the issuer and its public keys, never the secret', async () => {
    const run = await microcred(['keys', 'show', '--json'], dir)
    expect(run.code).toBe(0)
    expect(run.stdout).not.toContain(secret)
    expect(run.stdout).not.toContain('secretKeyMultibase')
    const shown = JSON.parse(run.stdout)
    expect(shown.issuer.id).toBe(config.issuer.id)
    expect(shown.keys).toEqual([
      {
        id: config.activeKey,
        controller: config.issuer.id,
        type: 'Multikey',
        publicKeyMultibase: config.keys[0]!.publicKeyMultibase,
        created: config.keys[0]!.created,
        active: true,
      },
    ])
  })

  it('without the show subcommand is a usage error', async () => {
    expectOneLineError(await microcred(['keys'], dir), /ERR_USAGE/)
  })
})

describe('microcred issue', SLOW, () => {
  let issuerId: string

  beforeAll(async () => {
    issuerId = JSON.parse(await readFile(join(dir, 'microcred.json'), 'utf8')).issuer.id
    await writeFile(join(dir, 'unsigned.json'), JSON.stringify(unsignedBadge, null, 2))
  })

  it('issue unsigned.json > badge.json: sets the issuer id, keeps its profile, adds validFrom, id and status entries', async () => {
    const run = await microcred(['issue', 'unsigned.json'], dir)
    expect(run.code).toBe(0)
    // Which store, which credential, and (without PUBLIC_URL) where its status lists are expected.
    expect(run.stderr).toMatch(
      new RegExp(`^store: SQLite ${join(dir, 'data', 'microcred.sqlite').replace(/[.\\/]/g, '\\$&')}\nissued http://127\\.0\\.0\\.1:3000/credentials/[0-9a-f-]{36}\nwarning: PUBLIC_URL is not set: .*http://127\\.0\\.0\\.1:3000/status/`),
    )
    await writeFile(join(dir, 'badge.json'), run.stdout)
    const badge = JSON.parse(run.stdout)
    expect(badge.issuer).toEqual({ ...unsignedBadge.issuer, id: issuerId })
    expect(badge.validFrom).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(badge.id).toMatch(/^http:\/\/127\.0\.0\.1:3000\/credentials\//)
    expect(badge.credentialStatus).toEqual([
      expect.objectContaining({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListCredential: 'http://127.0.0.1:3000/status/revocation-1' }),
      expect.objectContaining({ type: 'BitstringStatusListEntry', statusPurpose: 'suspension', statusListCredential: 'http://127.0.0.1:3000/status/suspension-1' }),
    ])
    expect(badge.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', verificationMethod: expect.stringContaining(issuerId) })
    expect(badge.proof.created).toEqual(expect.any(String))
    expect(badge.credentialSubject).toEqual(unsignedBadge.credentialSubject)
  })

  it('issue - reads the credential from standard input', async () => {
    const run = await microcred(['issue', '-'], dir, JSON.stringify(unsignedBadge))
    expect(run.code).toBe(0)
    const badge = JSON.parse(run.stdout)
    expect(badge.issuer.id).toBe(issuerId)
    expect(badge.id).not.toBe(JSON.parse(await readFile(join(dir, 'badge.json'), 'utf8')).id)
    await writeFile(join(dir, 'badge-stdin.json'), run.stdout)
    // Its status is unknown until the lists are at hand: published as files, they are.
    expect((await microcred(['verify', 'badge-stdin.json'], dir)).stdout).toMatch(/^WARN {2}status .*\[ERR_STATUS_UNKNOWN\]$/m)
    const published = await microcred(['status', 'publish'], dir)
    expect(published.code).toBe(0)
    expect(published.stdout).toBe(
      `${join('public', 'status', 'revocation-1')}  →  serve at http://127.0.0.1:3000/status/revocation-1\n${join('public', 'status', 'suspension-1')}  →  serve at http://127.0.0.1:3000/status/suspension-1\n`,
    )
    expect((await microcred(['verify', 'badge-stdin.json', ...LISTS], dir)).code).toBe(0)
  })

  it('an issue request naming an achievement file (relative to the request) and an email recipient', async () => {
    await mkdir(join(dir, 'requests'), { recursive: true })
    await writeFile(join(dir, 'requests', 'achievement.json'), JSON.stringify(fullDefinition, null, 2))
    await writeFile(
      join(dir, 'requests', 'request.json'),
      JSON.stringify({
        achievement: 'achievement.json',
        recipient: { email: 'Learner@Example.org' },
        validUntil: '2031-01-01T00:00:00Z',
        result: [{ type: ['Result'], resultDescription: GRADE_DESCRIPTION_ID, value: 'A' }],
      }),
    )
    const run = await microcred(['issue', join('requests', 'request.json')], dir)
    expect(run.stderr).toMatch(/^store: SQLite /)
    expect(run.code).toBe(0)
    const credential = JSON.parse(run.stdout)
    expect(credential.issuer.id).toBe(issuerId)
    expect(credential.issuer.name).toBe('Universität Beispiel')
    expect(credential.name).toBe(NON_ASCII.name)
    expect(credential.validUntil).toBe('2031-01-01T00:00:00Z')
    expect(credential.credentialSubject.achievement).toEqual(toAchievement(fullDefinition))
    expect(credential.credentialSubject.result).toEqual([{ type: ['Result'], resultDescription: GRADE_DESCRIPTION_ID, value: 'A' }])
    expect(credential.credentialSubject.id).toBeUndefined()
    const [identity] = credential.credentialSubject.identifier as IdentityObject[]
    expect(identity).toMatchObject({ type: 'IdentityObject', hashed: true, identityType: 'emailAddress' })
    expect(await matchesEmail(identity!, 'learner@example.org')).toBe(true)
    expect(run.stdout.toLowerCase()).not.toContain('learner@example.org')
    // Non-ASCII text is printed as is (UTF-8), not escaped or normalized.
    expect(run.stdout).toContain(NON_ASCII.description)
    expect(run.stdout).toContain(NON_ASCII.decomposed)

    await writeFile(join(dir, 'micro.json'), run.stdout)
    const verified = await microcred(['verify', 'micro.json', ...LISTS], dir)
    expect(verified.stdout).toMatch(/VERIFIED\n$/)
    expect(verified.code).toBe(0)
  })

  it('a malformed credential is refused before signing: exit 2, nothing on stdout', async () => {
    await writeFile(join(dir, 'malformed.json'), JSON.stringify({ ...unsignedBadge, issuanceDate: '2026-01-01T00:00:00Z' }))
    expectOneLineError(await microcred(['issue', 'malformed.json'], dir), /ERR_CREDENTIAL_MALFORMED/)
  })

  it('an undefined term is refused naming the term and its path', async () => {
    await writeFile(join(dir, 'undefined-term.json'), JSON.stringify({ ...unsignedBadge, favouriteColour: 'teal' }))
    const run = await microcred(['issue', 'undefined-term.json'], dir)
    expectOneLineError(run, /ERR_JSONLD_UNDEFINED_TERM/)
    expect(run.stderr).toContain('favouriteColour')
    expect(run.stderr).toContain('$.favouriteColour')
  })

  it('without an issuer in the directory: exit 2 with ERR_ISSUER_NOT_FOUND', async () => {
    const empty = await mkdtemp(join(root, 'empty-'))
    await writeFile(join(empty, 'unsigned.json'), JSON.stringify(unsignedBadge))
    expectOneLineError(await microcred(['issue', 'unsigned.json'], empty), /ERR_ISSUER_NOT_FOUND/)
  })

  it('--dir selects the issuer directory', async () => {
    const run = await microcred(['issue', join(dir, 'unsigned.json'), '--dir', dir], root)
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).issuer.id).toBe(issuerId)
  })
})

describe('microcred verify', SLOW, () => {
  it('verify badge.json: exit 0; the headline, what it claims, then a line for every check', async () => {
    const run = await microcred(['verify', 'badge.json', ...LISTS], dir)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^VERIFIED: signed by its issuer and unchanged since/)
    expect(lines[2]).toBe('What it claims:')
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}Achievement +\S/))
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}Issuer +\S/))
    const checks = lines.indexOf('Checks:')
    expect(checks).toBeGreaterThan(2)
    CHECK_IDS.forEach((id, i) => expect(lines[checks + 1 + i]).toMatch(new RegExp(`^(PASS |SKIP ) ${id}\\s+\\S`)))
    expect(lines.at(-1)).toBe('VERIFIED')
  })

  it('verify --json prints the VerificationResult', async () => {
    const run = await microcred(['verify', 'badge.json', '--json', ...LISTS], dir)
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as VerificationResult
    expect(result.verified).toBe(true)
    expect(result.checks.map((c) => c.id)).toEqual([...CHECK_IDS])
    expect(result.checks.find((c) => c.id === 'proof')).toMatchObject({ outcome: 'pass' })
    expect(result.checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'pass' })
  })

  it('verify - reads the credential from standard input', async () => {
    const run = await microcred(['verify', '-', '--json', ...LISTS], dir, await readFile(join(dir, 'badge.json'), 'utf8'))
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).verified).toBe(true)
  })

  it('a tampered credential: exit 1, the proof check fails with ERR_PROOF_INVALID', async () => {
    const badge = JSON.parse(await readFile(join(dir, 'badge.json'), 'utf8'))
    badge.credentialSubject.achievement.name = 'Leadership'
    await writeFile(join(dir, 'tampered.json'), JSON.stringify(badge))
    const run = await microcred(['verify', 'tampered.json'], dir)
    expect(run.code).toBe(1)
    expect(run.stdout.split('\n')[0]).toMatch(/^NOT VERIFIED: the credential was changed after it was signed/)
    expect(run.stdout).toMatch(/^What it claims \(NOT verified: do not rely on it\):$/m)
    expect(run.stdout).toMatch(/^FAIL {2}proof .*\[ERR_PROOF_INVALID\]$/m)
    // What depends on the signature is not checked, never PASS.
    for (const id of ['issuer', 'validity']) expect(run.stdout).toMatch(new RegExp(`^SKIP {2}${id} +not checked because the signature failed$`, 'm'))
    expect(run.stdout).not.toMatch(/^PASS {2}issuer/m)
    expect(run.stdout).toMatch(/NOT VERIFIED\n$/)
    const json = await microcred(['verify', 'tampered.json', '--json'], dir)
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout).checks.find((c: { id: string }) => c.id === 'proof')).toMatchObject({ outcome: 'fail', code: 'ERR_PROOF_INVALID' })
  })

  it('--at a date before validFrom: exit 1 with ERR_VALIDITY_NOT_YET_VALID; --at a later date: exit 0', async () => {
    const { validFrom } = JSON.parse(await readFile(join(dir, 'badge.json'), 'utf8')) as { validFrom: string }
    const before = new Date(Date.parse(validFrom) - 60_000).toISOString()
    const run = await microcred(['verify', 'badge.json', '--at', before], dir)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^FAIL {2}validity .*\[ERR_VALIDITY_NOT_YET_VALID\]$/m)
    const after = new Date(Date.parse(validFrom) + 60_000).toISOString()
    expect((await microcred(['verify', 'badge.json', '--at', after, ...LISTS], dir)).code).toBe(0)
  })

  it('--at that is not a date is a usage error', async () => {
    expectOneLineError(await microcred(['verify', 'badge.json', '--at', 'tomorrow'], dir), /ERR_USAGE/)
  })

  it('a missing file: exit 2 with one line', async () => {
    expectOneLineError(await microcred(['verify', 'no-such-file.json'], dir), /ERR_INPUT_UNREADABLE/)
  })

  it('invalid JSON: exit 2 with one line', async () => {
    await writeFile(join(dir, 'broken.json'), '{ "type": [ "VerifiableCredential", ')
    expectOneLineError(await microcred(['verify', 'broken.json'], dir), /ERR_INPUT_INVALID_JSON/)
    expectOneLineError(await microcred(['verify', '-'], dir, 'not json'), /ERR_INPUT_INVALID_JSON/)
  })

  it('no FILE, or two: a usage error', async () => {
    expectOneLineError(await microcred(['verify'], dir), /ERR_USAGE/)
    expectOneLineError(await microcred(['verify', 'badge.json', 'badge.json'], dir), /ERR_USAGE/)
  })
})

describe('usage', SLOW, () => {
  it('an unknown command: exit 2 with one line', async () => {
    const run = await microcred(['frobnicate'], dir)
    expectOneLineError(run, /unknown command "frobnicate"/)
  })

  it('an unknown option: exit 2 with one line', async () => {
    expectOneLineError(await microcred(['verify', 'badge.json', '--bogus'], dir), /ERR_USAGE/)
    expectOneLineError(await microcred(['issue', '--json', 'unsigned.json'], dir), /ERR_USAGE/)
  })

  it('no command at all prints the usage on stderr and exits 2', async () => {
    const run = await microcred([], dir)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^Usage: microcred <command>/)
  })

  it('--help prints the top-level usage (exit 0)', async () => {
    const run = await microcred(['--help'], root)
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout).toMatchInlineSnapshot(`
      "Usage: microcred <command> [options]

      Issue Open Badges 3.0 micro-credentials and verify them offline.

      Commands:
        init       create an issuer: an Ed25519 did:key, its key file under keys/ (0600) and microcred.json
        keys       keys show: print the issuer DID and its public keys
        issue      sign an unsigned credential or an issue request (revocable: stored with status entries); prints it
        revoke     revoke ID --reason: withdraw a credential issued here, for good
        suspend    suspend ID --reason: suspend a credential issued here (undo with reinstate)
        reinstate  reinstate ID --reason: lift the suspension of a credential issued here
        status     status publish [--out DIR]: write the signed status lists as files for static hosting
        verify     verify a credential offline: shape, contexts, schema, signature, issuer, dates, status
        stack      check whether credentials satisfy a stacking pathway; --award signs a CLR 2.0 award
        bake       bake a signed credential into a PNG or SVG badge image
        holder     holder init: make a learner key (did:key) for signing presentations
        present    sign a verifiable presentation of credentials with a holder key
        page       write the verification page as one HTML file that works offline
        endorse    sign an OB 3.0 EndorsementCredential about an achievement or issuer (for QA bodies)
        serve      run the issuer service: the HTTP API over SQLite (default) or PostgreSQL
        apikey     apikey create|list|revoke: manage the API keys of the issuer service

      Run microcred <command> --help for a command's options; microcred --version for the version.
      "
    `)
    expect((await microcred(['-h'], root)).stdout).toBe(run.stdout)
  })

  it('every command the usage lists answers --help with its own usage (exit 0)', async () => {
    const usage = (await microcred(['--help'], root)).stdout
    const listed = [...usage.matchAll(/^ {2}([a-z][\w-]*) {2,}/gm)].map((m) => m[1]!)
    expect(listed).toEqual(expect.arrayContaining([...COMMANDS]))
    const runs = await Promise.all(listed.map(async (command) => ({ command, run: await microcred([command, '--help'], root) })))
    for (const { command, run } of runs) {
      expect({ command, code: run.code, stderr: run.stderr }).toEqual({ command, code: 0, stderr: '' })
      expect(run.stdout).toMatch(new RegExp(`^Usage: microcred ${command}\\b`))
      expect(run.stdout).toContain('-h, --help')
    }
  })

  it('-h is --help', async () => {
    expect((await microcred(['verify', '-h'], root)).stdout).toBe((await microcred(['verify', '--help'], root)).stdout)
  })

  it('--help wins over everything else on the line (no side effects)', async () => {
    const scratch = await mkdtemp(join(root, 'help-'))
    const run = await microcred(['init', '--help', '--name', 'X'], scratch)
    expect(run.code).toBe(0)
    expect(existsSync(join(scratch, 'microcred.json'))).toBe(false)
  })
})
