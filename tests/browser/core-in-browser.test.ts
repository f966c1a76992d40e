// The verifier (and issuer) core runs in a browser: bundle src/core with esbuild for the
// browser platform, load it in headless Chromium from a loopback server, sign with
// @noble/ed25519 and verify — with every non-loopback request failing the test.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { build } from 'esbuild'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createIssuer, issueCredential } from '../../src/index.js'
import { launchChromium } from '../setup/chromium.js'

let server: Server
let browser: Browser
let baseUrl: string
const foreignRequests: string[] = []

beforeAll(async () => {
  const bundle = await build({
    entryPoints: ['src/core/index.ts'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  })
  const script = bundle.outputFiles[0]!.text
  // A bundle that pulled in a Node built-in would not load in a browser at all.
  expect(script).not.toMatch(/from\s*["']node:/)
  server = createServer((req, res) => {
    if (req.url === '/core.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script)
    } else {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>microcred</title><script type="module">import * as core from "/core.js"; window.microcred = core</script>')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await launchChromium()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
})

async function openPage() {
  const page = await browser.newPage()
  page.on('request', (request) => {
    if (!request.url().startsWith(baseUrl)) foreignRequests.push(request.url())
  })
  await page.goto(`${baseUrl}/`)
  await page.waitForFunction(() => 'microcred' in window)
  return page
}

describe('the core in a browser (headless Chromium)', () => {
  it('verifies a credential signed in Node, and detects tampering, without any network request', async () => {
    const issuer = createIssuer({ name: 'Browser Test College' })
    const signed = await issueCredential(
      {
        '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        name: 'Café ® “quotes” 日本語',
        credentialSubject: {
          type: ['AchievementSubject'],
          id: 'did:example:learner',
          achievement: { id: 'urn:uuid:6d5b6bd6-5a0b-4c1e-9f35-0b1f2a1d8c11', type: ['Achievement'], name: 'Browser badge', description: 'd', criteria: { narrative: 'n' }, creditsAvailable: 5 },
        },
      },
      { issuer },
    )
    const page = await openPage()
    const outcome = await page.evaluate(async (credential) => {
      const core = (window as unknown as { microcred: any }).microcred
      const good = await core.verifyCredential(credential)
      const tampered = structuredClone(credential) as unknown as { credentialSubject: { achievement: { creditsAvailable: number } } }
      tampered.credentialSubject.achievement.creditsAvailable = 50
      const bad = await core.verifyCredential(tampered)
      return { good: good.verified, badProof: bad.checks.find((c: { id: string }) => c.id === 'proof') }
    }, signed)
    expect(outcome.good).toBe(true)
    expect(outcome.badProof).toMatchObject({ outcome: 'fail', code: 'ERR_PROOF_INVALID' })
    expect(foreignRequests).toEqual([])
    await page.close()
  })

  it('issues with @noble/ed25519 in the browser and verifies the result', async () => {
    const page = await openPage()
    const result = await page.evaluate(async () => {
      const core = (window as unknown as { microcred: any }).microcred
      const { key } = await core.createNobleSigningKey()
      const issuer = { id: key.controller, profile: { name: 'In-browser issuer' }, key }
      const achievement = core.toAchievement({
        id: 'https://college.example/achievements/browser',
        name: 'Browser micro-credential',
        description: 'Issued inside a web page',
        criteria: 'Open the page',
        credits: { value: 2, system: 'ECTS' },
        levels: [{ framework: 'EQF', code: '4', uri: 'http://data.europa.eu/snb/eqf/4' }],
      })
      const unsigned = await core.buildAchievementCredential({ achievement, recipient: { email: 'learner@example.org' }, issuer: { id: issuer.id, name: 'In-browser issuer' } })
      const signed = await core.issueCredential(unsigned, { issuer })
      return { signed, result: await core.verifyCredential(signed) }
    })
    expect(result.result.verified).toBe(true)
    expect(result.signed.proof.cryptosuite).toBe('eddsa-rdfc-2022')
    expect(foreignRequests).toEqual([])
    await page.close()
  })
})
