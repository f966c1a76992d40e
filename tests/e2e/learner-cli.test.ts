// A learner with the built binary: `holder init` makes a key (0600) and prints the DID, a
// credential issued to that DID is baked into PNG and SVG badges that `verify` accepts,
// a tampered badge is NOT VERIFIED, and `present` signs a presentation that verifies.
import { execFile } from 'node:child_process'
import { statSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bakePng, defaultBadgePng, verifyPresentation } from '../../src/core/index.js'
import { createIssuer, issueCredential } from '../../src/index.js'

const BIN = fileURLToPath(new URL('../../bin/microcred.js', import.meta.url))
const SLOW = { timeout: 120_000 }

interface Run {
  code: number
  stdout: Buffer
  stderr: string
}

function microcred(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd, encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') reject(error)
      else resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr: stderr.toString('utf8') })
    }).stdin!.end()
  })
}

let dir: string
let holderDid: string
let signed: Record<string, unknown>

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'microcred-learner-'))
  const init = await microcred(['holder', 'init'], dir)
  expect(init.code, init.stderr).toBe(0)
  holderDid = init.stdout.toString('utf8').trim()
  expect(holderDid).toMatch(/^did:key:z6Mk/)
  signed = await issueCredential(
    {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: 'Welding Safety',
      credentialSubject: { id: holderDid, type: ['AchievementSubject'], achievement: { id: 'urn:example:weld', type: ['Achievement'], name: 'Welding Safety', description: 'Safe welding.', criteria: { narrative: 'Passed the practical.' } } },
    },
    { issuer: createIssuer({ name: 'Trade College' }) },
  )
  await writeFile(join(dir, 'badge.json'), JSON.stringify(signed, null, 2))
}, 120_000)

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('learner CLI', () => {
  it('holder init writes a 0600 key and never overwrites it', SLOW, async () => {
    expect(statSync(join(dir, 'holder-key.json')).mode & 0o777).toBe(0o600)
    const again = await microcred(['holder', 'init'], dir)
    expect(again.code).toBe(3)
    expect(again.stderr).toMatch(/already exists.*\[ERR_KEY_FILE\]/)
  })

  it('bakes PNG (to stdout) and SVG (--out) badges that verify', SLOW, async () => {
    const png = await microcred(['bake', 'badge.json'], dir)
    expect(png.code, png.stderr).toBe(0)
    expect([...png.stdout.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    await writeFile(join(dir, 'badge.png'), png.stdout)
    const svg = await microcred(['bake', 'badge.json', '--out', 'badge.svg'], dir)
    expect(svg.code, svg.stderr).toBe(0)
    expect(await readFile(join(dir, 'badge.svg'), 'utf8')).toContain('<openbadges:credential><![CDATA[')
    for (const file of ['badge.png', 'badge.svg']) {
      const verify = await microcred(['verify', file], dir)
      expect(verify.code, verify.stdout.toString()).toBe(0)
      expect(verify.stderr).toContain(`baked into the ${file.slice(-3).toUpperCase()} badge`)
    }
  })

  it('a badge baked with a tampered credential is NOT VERIFIED', SLOW, async () => {
    await writeFile(join(dir, 'forged.png'), bakePng(defaultBadgePng('x'), JSON.stringify({ ...signed, name: 'Master Welder' })))
    const verify = await microcred(['verify', 'forged.png'], dir)
    expect(verify.code).toBe(1)
    expect(verify.stdout.toString()).toMatch(/ERR_PROOF_INVALID/)
  })

  it('present signs a presentation bound to the challenge and domain', SLOW, async () => {
    const run = await microcred(['present', 'badge.png', '--holder-key', 'holder-key.json', '--challenge', 'ch-42', '--domain', 'hr.example'], dir)
    expect(run.code, run.stderr).toBe(0)
    const vp = JSON.parse(run.stdout.toString('utf8')) as Record<string, unknown>
    expect(vp['holder']).toBe(holderDid)
    expect((await verifyPresentation(vp, { challenge: 'ch-42', domain: 'hr.example' })).verified).toBe(true)
    const missing = await microcred(['present', 'badge.json', '--holder-key', 'holder-key.json'], dir)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/--challenge is required/)
  })
})
