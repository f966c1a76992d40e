// Portability through the built `microcred` binary, as a child process in a fresh temporary
// directory: a QA body and a polytechnic made with `init`; `endorse`; `issue` with the
// endorsement embedded; `verify --profile --trust`; `stack`, `stack --award`, and `verify` of
// the CLR award (nested credentials included). Needs dist/: `npm run build` first.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CredentialVerificationResult, PathwayResult, VerificationResult } from '../../src/core/index.js'

const BIN = fileURLToPath(new URL('../../bin/microcred.js', import.meta.url))
const PATHWAYS = fileURLToPath(new URL('../../pathways/', import.meta.url))

interface Run {
  code: number
  stdout: string
  stderr: string
}

function microcred(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') reject(error)
      else resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr })
    })
    child.stdin!.end('')
  })
}

function expectUsageError(run: Run, code: string): void {
  expect(run.code).toBe(2)
  expect(run.stdout).toBe('')
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
  expect(run.stderr).toContain(code)
}

const LEARNER = 'did:example:learner-aroha'
/** Both issuers' published status lists (written by the first test). */
const LISTS = ['--status-list', 'pub/status', '--status-list', 'qa-pub/status']
/** Each test runs the binary several times (a second or two each). */
const SLOW = { timeout: 120_000 }
let root: string
let qaId: string
let polyId: string

async function write(name: string, value: unknown): Promise<string> {
  await writeFile(join(root, name), JSON.stringify(value, null, 2))
  return name
}

async function idOf(dir: string): Promise<string> {
  return (JSON.parse(await readFile(join(root, dir, 'microcred.json'), 'utf8')) as { issuer: { id: string } }).issuer.id
}

/** An OB 3.0 Achievement that meets the nzqa profile. */
function achievement(n: number, level: number): Record<string, unknown> {
  return {
    id: `https://poly.example/mc/bcats-${n}`,
    type: ['Achievement'],
    achievementType: 'MicroCredential',
    name: `Construction Trade Skills ${n}`,
    description: 'Practical construction skills.',
    criteria: { narrative: 'Pass the practical assessment.' },
    humanCode: `BCATS-${n}`,
    creditsAvailable: 20,
    creditSystem: 'NZQF',
    workloadHours: 200,
    otherIdentifier: [{ type: 'IdentifierEntry', identifier: '040399', identifierType: 'ext:NZSCED' }],
    alignment: [{ type: ['Alignment'], targetName: `NZQCF level ${level}`, targetUrl: `https://www.nzqa.govt.nz/nzqf/level-${level}`, targetFramework: 'NZQCF', targetCode: String(level) }],
    learningOutcome: [{ type: 'LearningOutcome', description: 'Use hand and power tools safely' }],
    assessmentType: 'Practical assessment',
    participationMode: 'onsite',
    qualityAssurance: [{ type: 'QualityAssurance', qaType: 'external', qaBody: { id: qaId, type: ['Profile'], name: 'NZQA' } }],
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'microcred-portability-'))
  expect((await microcred(['init', '--name', 'NZQA', '--country', 'NZ', '--dir', 'qa'], root)).code).toBe(0)
  expect((await microcred(['init', '--name', 'Example Polytechnic', '--country', 'NZ', '--dir', 'poly'], root)).code).toBe(0)
  qaId = await idOf('qa')
  polyId = await idOf('poly')
  // The QA body's own public URL: its status lists must not share URLs with the polytechnic's.
  await write('qa/service.json', { publicUrl: 'https://qa.example' })
  await write('trust.json', { name: 'Employer trust list', entries: [{ did: qaId, name: 'NZQA', scope: { levels: [{ framework: 'NZQCF', min: 1, max: 7 }] } }] })
}, 60_000)

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('endorse → issue → verify --profile', SLOW, () => {
  it('a QA body endorses an achievement; the polytechnic issues with it embedded', async () => {
    for (const [n, level] of [[1, 4], [2, 4], [3, 3]] as const) {
      await write(`ach${n}.json`, achievement(n, level))
      const endorsed = await microcred(['endorse', '--achievement', `ach${n}.json`, '--comment', 'Approved under the 2022 rules', '--dir', 'qa', '--config', 'service.json'], root)
      expect(endorsed.code).toBe(0)
      const endorsement = JSON.parse(endorsed.stdout) as Record<string, unknown>
      expect(endorsement).toMatchObject({ type: ['VerifiableCredential', 'EndorsementCredential'], issuer: { id: qaId }, credentialSubject: { id: `https://poly.example/mc/bcats-${n}`, endorsementComment: 'Approved under the 2022 rules' } })
      await write(`req${n}.json`, { achievement: { ...achievement(n, level), endorsement: [endorsement] }, recipient: { id: LEARNER } })
      const issued = await microcred(['issue', `req${n}.json`, '--dir', 'poly'], root)
      expect(issued.code).toBe(0)
      await writeFile(join(root, `c${n}.json`), issued.stdout)
    }
    // The credentials and the endorsements carry status entries: publish both issuers' lists
    // once, for every verify below (endorsements back a QA claim only when their status is known).
    expect((await microcred(['status', 'publish', '--dir', 'poly', '--out', 'pub'], root)).code).toBe(0)
    expect((await microcred(['status', 'publish', '--dir', 'qa', '--config', 'service.json', '--out', 'qa-pub'], root)).code).toBe(0)
    const ofIssuer = await microcred(['endorse', '--issuer', 'poly/microcred.json', '--dir', 'qa', '--config', 'service.json'], root)
    expect(JSON.parse(ofIssuer.stdout)).toMatchObject({ credentialSubject: { id: polyId } })
  })

  it('verify --profile nzqa --trust: every element listed, QA assured', async () => {
    const run = await microcred(['verify', 'c1.json', '--profile', 'nzqa', '--trust', 'trust.json', ...LISTS], root)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/PASS {2}profile:nzqa/)
    expect(run.stdout).toMatch(/ok {3}field +NZSCED field-of-study code: present/)
    expect(run.stdout).toMatch(/ok {3}qa .*QA assured \(NZQA\)/)
    expect(run.stdout.trimEnd().endsWith('VERIFIED')).toBe(true)

    const json = await microcred(['verify', 'c1.json', '--profile', 'nzqa', '--json', ...LISTS], root)
    const result = JSON.parse(json.stdout) as VerificationResult
    expect(result.checks.some((c) => c.id.startsWith('profile:'))).toBe(false)
    const check = (result as CredentialVerificationResult).portability!.profiles.find((c) => c.id === 'profile:nzqa')!
    const qa = (check.details!['elements'] as { id: string; outcome: string; warnings?: { message: string }[] }[]).find((e) => e.id === 'qa')!
    expect(qa.outcome).toBe('warn') // no trust list: claimed, unconfirmed
    expect(qa.warnings![0]!.message).toMatch(/claimed, unconfirmed/)
  })

  it('verify --profile eu-microcredential-2022 reports what is missing under Portability; the authentic credential stays verified, exit 0', async () => {
    const run = await microcred(['verify', 'c1.json', '--profile', 'eu-microcredential-2022', '--trust', 'trust.json', ...LISTS], root)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Portability \(does not change the verdict\):$/m)
    expect(run.stdout).toMatch(/FAIL {2}profile:eu-microcredential-2022 .*M8 missing/)
    expect(run.stdout).toMatch(/FAIL M8 .*\[ERR_PROFILE_ELEMENT_MISSING\]/)
    expect(run.stdout.split('\n')[0]).toMatch(/^VERIFIED/)
    expect(run.stdout.trimEnd().endsWith('\nVERIFIED')).toBe(true)
  })

  it('verify --profile FILE loads a user profile; bad names and files are usage errors', async () => {
    await write('my-profile.json', { id: 'employer', name: 'Employer checklist', version: '1', elements: [{ id: 'level', name: 'NZQCF level 4+', fact: 'levels', select: { framework: 'NZQCF' }, required: true, rules: [{ kind: 'range', field: 'code', min: 4 }] }] })
    expect((await microcred(['verify', 'c1.json', '--profile', 'my-profile.json', ...LISTS], root)).code).toBe(0)
    const low = await microcred(['verify', 'c3.json', '--profile', 'my-profile.json', ...LISTS], root)
    expect(low.code).toBe(0) // a profile miss never makes an authentic credential "not verified"
    expect(low.stdout).toMatch(/FAIL level .*out of range: found "3"/)
    expectUsageError(await microcred(['verify', 'c1.json', '--profile', 'atlantis', ...LISTS], root), 'ERR_PROFILE_NOT_FOUND')
    await write('bad-profile.json', { id: 'bad', name: 'Bad', version: '1', elements: [{ id: 'x', name: 'X', fact: 'shoeSize' }] })
    expectUsageError(await microcred(['verify', 'c1.json', '--profile', 'bad-profile.json', ...LISTS], root), 'ERR_PROFILE_INVALID')
    await write('bad-trust.json', { entries: [{ name: 'No id' }] })
    expectUsageError(await microcred(['verify', 'c1.json', '--profile', 'nzqa', '--trust', 'bad-trust.json', ...LISTS], root), 'ERR_TRUST_LIST_INVALID')
  })

  it('an endorsement supplied beside the credential with --endorsement', async () => {
    await write('req-plain.json', { achievement: achievement(4, 4), recipient: { id: LEARNER } })
    await writeFile(join(root, 'c4.json'), (await microcred(['issue', 'req-plain.json', '--dir', 'poly'], root)).stdout)
    await writeFile(join(root, 'e4.json'), (await microcred(['endorse', '--achievement', 'https://poly.example/mc/bcats-4', '--dir', 'qa', '--config', 'service.json'], root)).stdout)
    const without = await microcred(['verify', 'c4.json', '--profile', 'nzqa', '--trust', 'trust.json', ...LISTS], root)
    expect(without.stdout).toMatch(/warn qa .*claimed, unconfirmed: no endorsement signed by NZQA/)
    const beside = await microcred(['verify', 'c4.json', '--profile', 'nzqa', '--trust', 'trust.json', '--endorsement', 'e4.json', ...LISTS], root)
    expect(beside.stdout).toMatch(/ok {3}qa .*QA assured \(NZQA\)/)
  })
})

describe('stack', SLOW, () => {
  const pathway = () => join(PATHWAYS, 'nz-cert-l4-construction.json')

  it('satisfied: exit 0 and a report of what counted', async () => {
    const run = await microcred(['stack', '--pathway', pathway(), 'c1.json', 'c2.json', 'c3.json', '--trust', 'trust.json', ...LISTS], root)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/COUNTED {2}#0 Construction Trade Skills 1 — 20 NZQF; NZQCF 4; QA assured/)
    expect(run.stdout).toMatch(/PASS minTotalCredits +60 of 60 NZQF/)
    expect(run.stdout.trimEnd().endsWith('SATISFIED')).toBe(true)
  })

  it('not satisfied: exit 1, with what is missing; --json gives the evaluation', async () => {
    const run = await microcred(['stack', '--pathway', pathway(), 'c1.json', 'c3.json', '--trust', 'trust.json', ...LISTS], root)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/MISSING minTotalCredits: 20 more NZQF/)
    expect(run.stdout.trimEnd().endsWith('NOT SATISFIED')).toBe(true)
    const json = await microcred(['stack', '--pathway', pathway(), 'c1.json', 'c1.json', 'c3.json', '--trust', 'trust.json', '--json', ...LISTS], root)
    const result = JSON.parse(json.stdout) as PathwayResult
    expect(result.satisfied).toBe(false)
    expect(result.excluded).toEqual([expect.objectContaining({ index: 1, code: 'ERR_PATHWAY_DOUBLE_COUNTED' })])
    const untrusted = JSON.parse((await microcred(['stack', '--pathway', pathway(), 'c1.json', 'c2.json', 'c3.json', '--json', ...LISTS], root)).stdout) as PathwayResult
    expect(untrusted.excluded.map((e) => e.code)).toEqual(Array(3).fill('ERR_TRUST_NO_TRUST_LIST'))
  })

  it('--award signs a CLR 2.0 award that verify accepts, nested credentials included', async () => {
    const run = await microcred(['stack', '--pathway', pathway(), 'c1.json', 'c2.json', 'c3.json', '--trust', 'trust.json', '--award', '--dir', 'poly', ...LISTS], root)
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/SATISFIED/)
    const clr = JSON.parse(run.stdout) as Record<string, unknown>
    expect(clr).toMatchObject({ type: ['VerifiableCredential', 'ClrCredential'], issuer: { id: polyId }, credentialSubject: { id: LEARNER, type: ['ClrSubject'] } })
    await write('clr.json', clr)
    const verified = await microcred(['verify', 'clr.json', ...LISTS], root)
    expect(verified.code).toBe(0)
    expect(verified.stdout).toMatch(/PASS {2}schema +matches the CLR 2.0 ClrCredential JSON Schema/)
    expect(verified.stdout).toMatch(/PASS {2}nested +all 3 nested credential\(s\) verify/)

    const tampered = structuredClone(clr) as { credentialSubject: { verifiableCredential: { name: string }[] } }
    tampered.credentialSubject.verifiableCredential[0]!.name = 'Master Builder'
    await write('clr-tampered.json', tampered)
    const bad = await microcred(['verify', 'clr-tampered.json', ...LISTS], root)
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(/FAIL {2}nested .*\[ERR_PROOF_INVALID\]/)
  })

  it('--award when not satisfied signs nothing (exit 1, empty stdout)', async () => {
    const run = await microcred(['stack', '--pathway', pathway(), 'c1.json', '--trust', 'trust.json', '--award', '--dir', 'poly', ...LISTS], root)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/not satisfied, so no award was signed/)
  })

  it('usage errors', async () => {
    expectUsageError(await microcred(['stack', 'c1.json', ...LISTS], root), 'ERR_USAGE')
    expectUsageError(await microcred(['stack', '--pathway', pathway(), ...LISTS], root), 'ERR_USAGE')
    await write('bad-pathway.json', { id: 'urn:x', name: 'X', targetAward: { name: 'X' }, creditUnit: 'bananas', rules: {} })
    expectUsageError(await microcred(['stack', '--pathway', 'bad-pathway.json', 'c1.json', ...LISTS], root), 'ERR_PATHWAY_INVALID')
    expectUsageError(await microcred(['endorse', '--dir', 'qa', '--config', 'service.json'], root), 'ERR_USAGE')
    expectUsageError(await microcred(['endorse', '--achievement', 'ach1.json', '--issuer', 'did:example:x', '--dir', 'qa', '--config', 'service.json'], root), 'ERR_USAGE')
  })

  it('both commands are listed and have --help', async () => {
    const help = await microcred(['--help'], root)
    expect(help.stdout).toMatch(/\n {2}stack +check whether credentials satisfy a stacking pathway/)
    expect(help.stdout).toMatch(/\n {2}endorse +sign an OB 3.0 EndorsementCredential/)
    for (const command of ['stack', 'endorse']) {
      const run = await microcred([command, '--help'], root)
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(new RegExp(`^Usage: microcred ${command}`))
    }
    expect((await microcred(['verify', '--help'], root)).stdout).toMatch(/--profile NAME\|FILE/)
  })
})

describe('endorsements and awards are revocable (status entries from the signer\'s store)', SLOW, () => {
  const pathway = () => join(PATHWAYS, 'nz-cert-l4-construction.json')
  const purposes = (vc: Record<string, unknown>) => (vc['credentialStatus'] as { statusPurpose: string }[]).map((e) => e.statusPurpose)

  it('endorse stores the endorsement with status entries; once revoked it no longer assures the QA claim', async () => {
    const run = await microcred(['endorse', '--achievement', 'https://poly.example/mc/bcats-4', '--dir', 'qa', '--config', 'service.json'], root)
    expect(run.code).toBe(0)
    const endorsement = JSON.parse(run.stdout) as Record<string, unknown> & { id: string }
    expect(endorsement.id).toMatch(/^https:\/\/qa\.example\/credentials\/[0-9a-f-]{36}$/)
    expect(purposes(endorsement)).toEqual(['revocation', 'suspension'])
    expect(run.stderr).toContain(`store: SQLite ${join(root, 'qa', 'data', 'microcred.sqlite')}`)
    expect(run.stderr).toContain(`issued ${endorsement.id}`)
    await write('e4-revocable.json', endorsement)

    expect((await microcred(['status', 'publish', '--dir', 'qa', '--config', 'service.json', '--out', 'qa-before'], root)).code).toBe(0)
    const before = await microcred(['verify', 'c4.json', '--profile', 'nzqa', '--trust', 'trust.json', '--endorsement', 'e4-revocable.json', '--status-list', 'pub/status', '--status-list', 'qa-before/status'], root)
    expect(before.stdout).toMatch(/ok {3}qa .*QA assured \(NZQA\)/)

    const revoked = await microcred(['revoke', endorsement.id.split('/').pop()!, '--reason', 'programme approval withdrawn', '--json', '--dir', 'qa', '--config', 'service.json'], root)
    expect(revoked.code).toBe(0)
    expect(JSON.parse(revoked.stdout)).toMatchObject({ credentialId: endorsement.id, revoked: true, statusReason: 'programme approval withdrawn' })
    expect((await microcred(['status', 'publish', '--dir', 'qa', '--config', 'service.json', '--out', 'qa-after'], root)).code).toBe(0)
    const after = await microcred(['verify', 'c4.json', '--profile', 'nzqa', '--trust', 'trust.json', '--endorsement', 'e4-revocable.json', '--status-list', 'pub/status', '--status-list', 'qa-after/status'], root)
    expect(after.stdout).not.toMatch(/QA assured/)
    expect(after.stdout).toMatch(/warn qa .*claimed, unconfirmed/)
  })

  it('stack --award stores the CLR with status entries; revoked, it verifies as revoked', async () => {
    const run = await microcred(['stack', '--pathway', pathway(), 'c1.json', 'c2.json', 'c3.json', '--trust', 'trust.json', '--award', '--dir', 'poly', ...LISTS], root)
    expect(run.code).toBe(0)
    const clr = JSON.parse(run.stdout) as Record<string, unknown> & { id: string }
    expect(clr.id).toMatch(/^http:\/\/127\.0\.0\.1:3000\/credentials\/[0-9a-f-]{36}$/)
    expect(purposes(clr)).toEqual(['revocation', 'suspension'])
    expect(run.stderr).toContain(`store: SQLite ${join(root, 'poly', 'data', 'microcred.sqlite')}`)
    expect(run.stderr).toContain(`issued ${clr.id}`)
    await write('clr-revocable.json', clr)

    expect((await microcred(['revoke', clr.id, '--reason', 'component credential issued in error', '--dir', 'poly'], root)).code).toBe(0)
    expect((await microcred(['status', 'publish', '--dir', 'poly', '--out', 'pub-after'], root)).code).toBe(0)
    const verified = await microcred(['verify', 'clr-revocable.json', '--json', '--status-list', 'pub-after/status'], root)
    expect(verified.code).toBe(1)
    const result = JSON.parse(verified.stdout) as CredentialVerificationResult
    expect(result.checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'fail', code: 'ERR_STATUS_REVOKED' })
  })

  it('a bad --award configuration fails before anything is evaluated or created', async () => {
    const run = await microcred(['stack', '--pathway', pathway(), 'c1.json', 'c2.json', 'c3.json', '--award', '--dir', 'nowhere', ...LISTS], root)
    expectUsageError(run, 'ERR_ISSUER_NOT_FOUND')
    const endorse = await microcred(['endorse', '--achievement', 'https://poly.example/mc/bcats-4', '--dir', 'nowhere'], root)
    expectUsageError(endorse, 'ERR_ISSUER_NOT_FOUND')
    expect(existsSync(join(root, 'nowhere'))).toBe(false)
  })
})
