// Regression tests for the traps a new user fell into (issue 9, items 2–4), each through the
// built binary: a busy port must not leave a new issuer behind; commands that touch the store
// refuse a directory that is not the service's, and commands that read create nothing;
// misspelt fields and country names are refused with the right name suggested; a credential
// issued by the CLI can be revoked, and its published status list says so.
// Needs dist/ (`npm test` builds first).
import { createServer, type Server } from 'node:net'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { initIssuer } from '../../src/kms/issuer-directory.js'
import { microcred, unsigned } from './server-process.js'

const SLOW = { timeout: 60_000 }
/** The CLI's environment: nothing inherited that would point it at another store. */
const ENV = { DATABASE_URL: '', SQLITE_PATH: '', PUBLIC_URL: '', MICROCRED_CONFIG: '' }

let root: string
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'microcred-traps-'))
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

/** A one-line error on stderr, exit 2, no stack trace. */
function expectOneLine(run: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(run.code).toBe(2)
  expect(run.stdout).toBe('')
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
  expect(run.stderr).toMatch(pattern)
  expect(run.stderr).not.toMatch(/\n\s+at /)
}

describe('no traps', SLOW, () => {
  it('--version and -v print the version', async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    const [long, short] = await Promise.all([microcred(['--version'], root, ENV), microcred(['-v'], root, ENV)])
    expect(long).toEqual({ code: 0, stdout: `microcred ${version}\n`, stderr: '' })
    expect(short).toEqual(long)
  })

  it('serve on a busy port: one line, and no issuer, key or database created', async () => {
    const dir = await mkdtemp(join(root, 'serve-'))
    const blocker: Server = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    try {
      const run = await microcred(['serve', '--port', String(port)], dir, ENV)
      expectOneLine(run, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use.*\\[ERR_CONFIG_PORT_UNAVAILABLE\\]`))
      expect(await readdir(dir)).toEqual([])
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })

  it('apikey create in a directory without an issuer: refused, nothing created', async () => {
    const wrong = await mkdtemp(join(root, 'wrong-'))
    const run = await microcred(['apikey', 'create', '--scope', 'issue'], wrong, ENV)
    expectOneLine(run, /no issuer in .*not a service directory.*\[ERR_ISSUER_NOT_FOUND\]/)
    expect(await readdir(wrong)).toEqual([])
  })

  it('apikey list --dir on a missing path does not create it', async () => {
    const missing = join(root, 'nonexistent', 'x')
    expectOneLine(await microcred(['apikey', 'list', '--dir', missing], root, ENV), /ERR_ISSUER_NOT_FOUND/)
    expect(existsSync(join(root, 'nonexistent'))).toBe(false)
  })

  it('apikey list where the service never ran: says so, creates no database', async () => {
    const dir = await mkdtemp(join(root, 'fresh-'))
    await initIssuer(dir)
    expectOneLine(await microcred(['apikey', 'list'], dir, ENV), /no database at .*data\/microcred\.sqlite.*\[ERR_STORE_MISSING\]/)
    expect(existsSync(join(dir, 'data'))).toBe(false)
  })

  it('init --country Ireland: refused suggesting IE, nothing written', async () => {
    const dir = await mkdtemp(join(root, 'init-'))
    expectOneLine(await microcred(['init', '--country', 'Ireland'], dir, ENV), /"Ireland" is not an ISO 3166-1 alpha-2 country code.*did you mean IE \(Ireland\)\?.*\[ERR_USAGE\]/)
    expect(await readdir(dir)).toEqual([])
  })
})

describe('strict input and revocable credentials', SLOW, () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(root, 'issuer-'))
    await initIssuer(dir, { name: 'Example Polytechnic' })
  })

  it('a misspelt field in an issue request is refused naming the field it resembles; no database created', async () => {
    await writeFile(
      join(dir, 'typo.json'),
      JSON.stringify({ achievement: { id: 'https://poly.example/mc/1', name: 'A', description: 'B', criteria: 'C', credit: { value: 5, system: 'ECTS' } }, recipient: { id: 'did:example:learner' } }),
    )
    const run = await microcred(['issue', 'typo.json'], dir, ENV)
    expectOneLine(run, /unknown field "credit" at \/achievement; did you mean "credits"\? \[ERR_ACHIEVEMENT_INVALID\]/)
    expect(existsSync(join(dir, 'data'))).toBe(false)
  })

  it('issue → revoke --reason → status publish → verify: not verified, revoked; the reason is stored, not published', async () => {
    const env = { ...ENV, PUBLIC_URL: 'https://badges.poly.example' }
    await writeFile(join(dir, 'unsigned.json'), JSON.stringify(unsigned('did:example:learner')))
    const issued = await microcred(['issue', 'unsigned.json'], dir, env)
    expect(issued.code).toBe(0)
    expect(issued.stderr).toMatch(/^store: SQLite .*\/data\/microcred\.sqlite\nissued https:\/\/badges\.poly\.example\/credentials\//)
    const credential = JSON.parse(issued.stdout) as { id: string; credentialStatus: { statusPurpose: string; statusListCredential: string }[] }
    expect(credential.credentialStatus.map((e) => e.statusListCredential)).toEqual(['https://badges.poly.example/status/revocation-1', 'https://badges.poly.example/status/suspension-1'])
    await writeFile(join(dir, 'badge.json'), issued.stdout)

    // The short form (last path segment) of an id minted here is accepted.
    const revoked = await microcred(['revoke', credential.id.split('/').at(-1)!, '--reason', 'issued in error', '--json'], dir, env)
    expect(revoked.code).toBe(0)
    expect(JSON.parse(revoked.stdout)).toMatchObject({ credentialId: credential.id, revoked: true, changed: true, statusReason: 'issued in error' })

    const published = await microcred(['status', 'publish', '--out', 'site', '--json'], dir, env)
    expect(published.code).toBe(0)
    const files = JSON.parse(published.stdout) as { listId: string; file: string; url: string }[]
    expect(files.map((f) => [f.file, f.url])).toEqual([
      [join(dir, 'site', 'status', 'revocation-1'), 'https://badges.poly.example/status/revocation-1'],
      [join(dir, 'site', 'status', 'suspension-1'), 'https://badges.poly.example/status/suspension-1'],
    ])
    const list = await readFile(files[0]!.file, 'utf8')
    expect(list).not.toContain('issued in error')
    expect(JSON.parse(list)).toMatchObject({ id: 'https://badges.poly.example/status/revocation-1', type: ['VerifiableCredential', 'BitstringStatusListCredential'] })
    expect(JSON.parse(list).credentialSubject).not.toHaveProperty('ttl') // static files must not go stale

    const verified = await microcred(['verify', 'badge.json', '--status-list', join('site', 'status')], dir, env)
    expect(verified.code).toBe(1)
    expect(verified.stdout).toMatch(/^FAIL {2}status .*\[ERR_STATUS_REVOKED\]$/m)

    const db = new Database(join(dir, 'data', 'microcred.sqlite'), { readonly: true })
    try {
      expect(db.prepare('SELECT status_reason FROM credentials WHERE id = ?').get(credential.id)).toEqual({ status_reason: 'issued in error' })
    } finally {
      db.close()
    }
  })

  it('revoke without --reason, or of an unknown credential: one line, exit 2', async () => {
    const [noReason, unknown] = await Promise.all([
      microcred(['revoke', 'urn:uuid:00000000-0000-4000-8000-000000000000'], dir, ENV),
      microcred(['suspend', 'urn:uuid:00000000-0000-4000-8000-000000000000', '--reason', 'x'], dir, ENV),
    ])
    expectOneLine(noReason, /revoke needs --reason .*\[ERR_USAGE\]/)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/^store: SQLite .*\nmicrocred suspend: no credential urn:uuid:0{8}-.* was issued with this store.*\[ERR_CREDENTIAL_NOT_FOUND\]\n$/)
  })
})
