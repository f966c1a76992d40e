// The employer's verification page in real Chromium: served by the service at /verify and
// opened from file:// as `microcred page` writes it. Valid, tampered, revoked (status checked
// online, with the user's consent), did:web (controller document supplied), baked PNG and a
// stacked set; no request leaves the page's origin unless the user allows it; axe finds no
// serious or critical violation; screenshots at desktop and phone widths go to
// test-results/screenshots/ (git-ignored).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateKeyMaterial, issueCredential, signingKeyFromMaterial, type Issuer } from '../../src/index.js'
import { webPage } from '../../src/web-pages.js'
import { unsignedCredential, type TestApp } from '../http/helpers.js'
import { euDefinition, issueMicro, makeIssuer } from '../unit/portability/helpers.js'
import { launchChromium } from '../setup/chromium.js'
import { startVerifyService } from './verify-service.js'

const SHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname
let t: TestApp
let base: string
let browser: Browser
let dir: string
const foreign: string[] = []

const files: Record<string, string | Uint8Array> = {}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'microcred-verify-page-'))
  await mkdir(SHOTS, { recursive: true })
  const service = await startVerifyService()
  t = service.t
  base = service.base
  Object.assign(files, service.files)

  // A did:web issuer, whose key binding needs its DID document.
  const did = 'did:web:college.example'
  const material = generateKeyMaterial()
  const webIssuer: Issuer = { id: did, profile: { name: 'Web College' }, key: signingKeyFromMaterial(material, { controller: did, id: `${did}#key-1` }) }
  files['web.json'] = JSON.stringify(await issueCredential(unsignedCredential('did:example:ana'), { issuer: webIssuer }))
  files['did.json'] = JSON.stringify({
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [{ id: `${did}#key-1`, type: 'Multikey', controller: did, publicKeyMultibase: material.publicKeyMultibase }],
    assertionMethod: [`${did}#key-1`],
  })

  // A stacked set: two 5-ECTS modules towards a 10-ECTS pathway.
  const uni = makeIssuer('Stack University', 'IE')
  files['module-1.json'] = JSON.stringify(await issueMicro(uni, euDefinition({ id: 'https://uni.example/a/1', name: 'Module One' })))
  files['module-2.json'] = JSON.stringify(await issueMicro(uni, euDefinition({ id: 'https://uni.example/a/2', name: 'Module Two' })))
  files['pathway.json'] = JSON.stringify({
    id: 'urn:pathway:test-10-ects',
    name: 'Ten ECTS award',
    targetAward: { name: 'Certificate of Ten', achievementType: 'Certificate' },
    creditUnit: 'ECTS',
    conversion: 'fte-year',
    rules: { minTotalCredits: 10 },
  })

  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content)
  browser = await launchChromium()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await t?.app.close()
  await rm(dir, { recursive: true, force: true })
})

async function open(url: string, origin: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  page.on('request', (request) => {
    const u = request.url()
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u)
  })
  await page.goto(url)
  await page.waitForFunction(() => document.documentElement.dataset['ready'] === 'true')
  return page
}

async function drop(page: Page, ...names: string[]): Promise<void> {
  await page.setInputFiles('#files', names.map((n) => join(dir, n)))
  await page.waitForFunction((count) => document.querySelectorAll('#inputs li').length === count && /^Checked/.test(document.getElementById('status')?.textContent ?? ''), names.length)
}

const verdicts = (page: Page) => page.$$eval('#results > article > .headline .verdict', (els) => els.map((e) => e.textContent))

async function expectAccessible(page: Page, label: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${label}: ${v.id} ${v.help}`)).toEqual([])
}

describe('the verification page', () => {
  it('is served at /verify with a strict CSP, and GET / leads there', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/verify' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-/)
    expect(res.body).toBe(webPage('verify').html)
    expect((await t.app.inject({ method: 'GET', url: '/verify', headers: { 'if-none-match': String(res.headers['etag']) } })).statusCode).toBe(304)
    const home = await t.app.inject({ method: 'GET', url: '/' })
    expect(home.statusCode).toBe(200)
    expect(home.body).toContain('href="verify"')
  })

  it('verifies valid, tampered, did:web (controller supplied) and baked PNG credentials in the browser', async () => {
    const page = await open(`${base}/verify`, base)
    await expectAccessible(page, 'empty page')
    await drop(page, 'valid.json', 'tampered.json', 'web.json', 'did.json', 'badge.png')
    expect(await verdicts(page)).toEqual(['Verified, with warnings', 'Not verified', 'Verified', 'Verified, with warnings'])
    const text = await page.textContent('#results')
    expect(text).toContain('Data Literacy')
    expect(text).toContain('Example University (college.example)') // a did:web issuer is shown by its domain
    expect(text).toContain('Revocation could not be checked')
    expect(text).toContain('changed after it was signed')
    await expectAccessible(page, 'results')
    for (const [width, height, label] of [[1280, 900, 'desktop'], [390, 844, 'phone']] as const) {
      await page.setViewportSize({ width, height })
      await page.screenshot({ path: join(SHOTS, `verify-results-${label}.png`), fullPage: true })
    }
    await page.close()
  })

  it('checks revocation online only when the user allows it, and then shows the revoked credential', async () => {
    const page = await open(`${base}/verify`, base)
    let listRequests = 0
    page.on('request', (r) => void (r.url().includes('/status/') && listRequests++))
    await drop(page, 'revoked.json')
    expect(await verdicts(page)).toEqual(['Verified, with warnings'])
    expect(listRequests).toBe(0)
    await page.check('#online')
    await page.waitForFunction(() => document.querySelector('#results .verdict')?.textContent === 'Not verified')
    expect(listRequests).toBeGreaterThan(0)
    expect(await page.textContent('#results')).toContain('ERR_STATUS_REVOKED')
    await page.close()
  })

  it('reports a stacked set against a pathway', async () => {
    const page = await open(`${base}/verify`, base)
    await drop(page, 'module-1.json', 'module-2.json', 'pathway.json')
    const headlines = await verdicts(page)
    expect(headlines[0]).toBe('These credentials add up to the award')
    expect(await page.textContent('#results')).toContain('10 ECTS counted from 2 credentials')
    await page.selectOption('#profile', 'eu-microcredential-2022')
    await page.waitForFunction(() => document.querySelector('.portability') !== null)
    await expectAccessible(page, 'stacking and portability')
    await page.screenshot({ path: join(SHOTS, 'verify-stacking-desktop.png'), fullPage: true })
    await page.close()
  })

  it('works from file:// with no network at all', async () => {
    const file = join(dir, 'verify.html')
    await writeFile(file, webPage('verify').html)
    const page = await open(pathToFileURL(file).href, 'file://')
    await drop(page, 'valid.json')
    expect(await verdicts(page)).toEqual(['Verified, with warnings'])
    await page.close()
    expect(foreign).toEqual([])
  })
})
