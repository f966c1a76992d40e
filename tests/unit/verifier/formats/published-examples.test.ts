// 1EdTech's published OB 3.0 examples (tests/fixtures/ob3-examples, see SOURCES.md there),
// signed here with `jose` in the OB 3.0 JWT proof format (VC-JWT) and as VC-JOSE-COSE vc+jwt,
// verify in microcred with the issuer's controller document supplied; altered copies do not.
import { readFileSync } from 'node:fs'
import { CompactSign, exportJWK, generateKeyPair, SignJWT } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { fixedClock, verifyCredential, type VerificationResult } from '../../../../src/core/index.js'

const example = (name: string): Record<string, any> => JSON.parse(readFileSync(new URL(`../../../fixtures/ob3-examples/${name}`, import.meta.url), 'utf8'))
const check = (r: VerificationResult, id: string) => r.checks.find((c) => c.id === id)!

let privateKey: CryptoKey
let jwk: Record<string, unknown>
beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true })
  privateKey = pair.privateKey
  jwk = (await exportJWK(pair.publicKey)) as Record<string, unknown>
})

const controllerOf = (issuer: string) => ({
  [issuer]: { id: issuer, verificationMethod: [{ id: `${issuer}#key-1`, type: 'JsonWebKey2020', controller: issuer, publicKeyJwk: jwk }], assertionMethod: [`${issuer}#key-1`] },
})

describe('1EdTech OB 3.0 examples, JWT-secured', () => {
  it('the basic OpenBadgeCredential as an OB 3.0 VC-JWT (kid) and as vc+jwt', async () => {
    const vc = example('basic-openbadgecredential.unsigned.json')
    const issuer = vc['issuer']['id'] as string
    const documents = controllerOf(issuer)
    const clock = fixedClock('2026-06-01T00:00:00Z')
    const vcJwt = await new SignJWT({ vc })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: `${issuer}#key-1` })
      .setIssuer(issuer)
      .setJti(vc['id'])
      .setSubject(vc['credentialSubject']['id'])
      .setNotBefore(Math.floor(Date.parse(vc['validFrom']) / 1000))
      .sign(privateKey)
    const result = await verifyCredential(vcJwt, { documents, clock })
    expect(result.checks.filter((c) => c.outcome !== 'pass' && c.outcome !== 'skip')).toEqual([])
    expect(check(result, 'schema').outcome).toBe('pass')
    expect(check(result, 'proof').details).toMatchObject({ format: 'vc-jwt (OB 3.0)' })

    const vcPlusJwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(vc))).setProtectedHeader({ alg: 'ES256', typ: 'vc+jwt', kid: `${issuer}#key-1` }).sign(privateKey)
    expect((await verifyCredential(vcPlusJwt, { documents, clock })).verified).toBe(true)

    const [h, , s] = vcPlusJwt.split('.')
    const altered = `${h}.${Buffer.from(JSON.stringify({ ...vc, name: 'Leadership Badge' })).toString('base64url')}.${s}`
    expect(check(await verifyCredential(altered, { documents, clock }), 'proof')).toMatchObject({ outcome: 'fail', code: 'ERR_PROOF_INVALID' })
  })

  it('the complete OpenBadgeCredential: signature and issuer verify; its 1EdTechRevocationList status cannot be read offline', async () => {
    const vc = example('complete-openbadgecredential.unsigned.json')
    const issuer = vc['issuer']['id'] as string
    const jwt = await new SignJWT({ vc }).setProtectedHeader({ alg: 'ES256', kid: `${issuer}#key-1` }).setIssuer(issuer).setJti(vc['id']).sign(privateKey)
    const result = await verifyCredential(jwt, { documents: controllerOf(issuer), clock: fixedClock(new Date(Date.parse(vc['validFrom']) + 86_400_000)) })
    expect(check(result, 'proof')).toMatchObject({ outcome: 'pass', details: { format: 'vc-jwt (OB 3.0)' } })
    expect(check(result, 'issuer').outcome).toBe('pass')
    expect(check(result, 'status')).toMatchObject({ outcome: 'warn', code: 'ERR_STATUS_UNKNOWN' })
  })
})
