// `microcred verify FILE` reads a file holding a JWT-secured credential (signed here with jose).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCommandArgs, type CliIO } from '../../../src/cli/command.js'
import { verifyCommand } from '../../../src/cli/commands/verify.js'

let dir: string
let jwt: string

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  let out = ''
  const io: CliIO = { cwd: dir, stdout: (t) => (out += t), stderr: (t) => (out += t), readStdin: async () => '', env: {} }
  const code = await verifyCommand.run(parseCommandArgs(verifyCommand, argv), io)
  return { code, out }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'microcred-verify-formats-'))
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
  const did = `did:jwk:${Buffer.from(JSON.stringify(await exportJWK(publicKey))).toString('base64url')}`
  const credential = {
    '@context': ['https://www.w3.org/2018/credentials/v1'],
    id: 'urn:uuid:1f6b3c2a-9d8e-4f70-8a1b-2c3d4e5f6a7b',
    type: ['VerifiableCredential'],
    issuer: did,
    issuanceDate: '2026-01-10T10:00:00Z',
    credentialSubject: { id: 'did:example:learner' },
  }
  jwt = await new SignJWT({ vc: credential }).setProtectedHeader({ alg: 'EdDSA', kid: `${did}#0` }).setIssuer(did).setJti(credential.id).sign(privateKey)
  writeFileSync(join(dir, 'badge.jwt'), jwt + '\n')
  writeFileSync(join(dir, 'tampered.jwt'), jwt.slice(0, -4) + (jwt.endsWith('AAAA') ? 'BBBB' : 'AAAA'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('microcred verify FILE with a JWT', () => {
  it('a VC-JWT file verifies (exit 0) and says its format', async () => {
    const { code, out } = await run(['badge.jwt', '--json', '--at', '2026-06-01T00:00:00Z'])
    expect(code).toBe(0)
    const result = JSON.parse(out) as { verified: boolean; checks: { id: string; details?: Record<string, unknown> }[] }
    expect(result.verified).toBe(true)
    expect(result.checks.find((c) => c.id === 'proof')!.details).toMatchObject({ format: 'vc-jwt (OB 3.0)' })
  })

  it('a tampered signature does not (exit 1)', async () => {
    const { code, out } = await run(['tampered.jwt', '--at', '2026-06-01T00:00:00Z'])
    expect(code).toBe(1)
    expect(out).toContain('ERR_PROOF_INVALID')
  })
})
