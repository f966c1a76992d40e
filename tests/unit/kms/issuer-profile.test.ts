// An issuer directory written by an earlier release with `--country Ireland` (stored as
// "IRELAND") must not go on signing credentials with that value.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { initIssuer, loadIssuer } from '../../../src/kms/issuer-directory.js'

const dirs: string[] = []
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})

async function issuerWithCountry(country: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'microcred-profile-'))
  dirs.push(dir)
  await initIssuer(dir, { name: 'Example', address: { type: ['Address'], addressCountryCode: country } })
  return dir
}

describe('loadIssuer checks the stored country code', () => {
  it('loads an issuer whose country is an ISO 3166-1 alpha-2 code', async () => {
    const issuer = await loadIssuer(await issuerWithCountry('IE'))
    expect(issuer.profile).toMatchObject({ address: { addressCountryCode: 'IE' } })
  })

  it('refuses "IRELAND", naming the file and the code to write', async () => {
    const dir = await issuerWithCountry('IRELAND')
    await expect(loadIssuer(dir)).rejects.toMatchObject({
      code: 'ERR_CONFIG_INVALID',
      message: `${join(dir, 'microcred.json')}: issuer.address.addressCountryCode "IRELAND" is not an ISO 3166-1 alpha-2 code; did you mean "IE"?`,
    })
  })

  it('refuses a lower-case code, saying how to write it', async () => {
    await expect(loadIssuer(await issuerWithCountry('ie'))).rejects.toMatchObject({ message: expect.stringMatching(/"ie" is not .*; write "IE"$/) })
  })
})
