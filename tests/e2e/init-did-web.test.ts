// `microcred init --did-web URL`: a did:web issuer from the command line, its credentials
// verifiable offline once the verifier has the issuer's DID document.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const BIN = new URL('../../bin/microcred.js', import.meta.url).pathname
const EXAMPLE = new URL('../../examples/unsigned.json', import.meta.url).pathname

function microcred(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'microcred-did-web-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('microcred init --did-web', () => {
  it('creates a did:web issuer whose keys are named by date, and refuses a second issuer', async () => {
    const run = await microcred(['init', '--did-web', 'https://badges.example.edu:8443', '--name', 'Example U'], dir)
    expect(run.code).toBe(0)
    const config = JSON.parse(await readFile(join(dir, 'microcred.json'), 'utf8'))
    expect(config.issuer).toEqual({ id: 'did:web:badges.example.edu%3A8443', name: 'Example U' })
    expect(config.activeKey).toMatch(/^did:web:badges\.example\.edu%3A8443#key-\d{4}-\d{2}-\d{2}$/)

    const again = await microcred(['init', '--did-web', 'https://other.example'], dir)
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/ERR_ISSUER_EXISTS/)
  })

  it('rejects a URL with a path (did:web is served at /.well-known/did.json) and a non-URL', async () => {
    const other = await mkdtemp(join(tmpdir(), 'microcred-did-web-bad-'))
    try {
      expect((await microcred(['init', '--did-web', 'https://host.example/issuers/1'], other)).stderr).toMatch(/ERR_CONFIG_INVALID/)
      expect((await microcred(['init', '--did-web', 'not a url'], other)).code).toBe(2)
    } finally {
      await rm(other, { recursive: true, force: true })
    }
  })

  it('signs with the did:web key; verifies offline only with the DID document supplied', async () => {
    const issued = await microcred(['issue', EXAMPLE], dir)
    expect(issued.code).toBe(0)
    const signed = JSON.parse(issued.stdout)
    const config = JSON.parse(await readFile(join(dir, 'microcred.json'), 'utf8'))
    expect(signed.issuer.id).toBe(config.issuer.id)
    expect(signed.proof.verificationMethod).toBe(config.activeKey)
    await writeFile(join(dir, 'badge.json'), issued.stdout)

    const without = await microcred(['verify', 'badge.json', '--json'], dir)
    expect(without.code).toBe(1)
    const result = JSON.parse(without.stdout)
    expect(result.checks.find((c: { id: string }) => c.id === 'proof')).toMatchObject({ code: 'ERR_KEY_UNRESOLVABLE' })

    const key = config.keys[0]
    const didDocument = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: config.issuer.id,
      verificationMethod: [{ id: key.id, type: 'Multikey', controller: key.controller, publicKeyMultibase: key.publicKeyMultibase }],
      assertionMethod: [key.id],
    }
    await writeFile(join(dir, 'did.json'), JSON.stringify(didDocument))
    expect((await microcred(['status', 'publish'], dir)).code).toBe(0)
    const verified = await microcred(['verify', 'badge.json', '--controller', 'did.json', '--status-list', join('public', 'status')], dir)
    expect(verified.code).toBe(0)
    expect(verified.stdout).toMatch(/\nVERIFIED\n$/)
  })
})
