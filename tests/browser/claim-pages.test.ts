// The learner's pages in real Chromium: the claim page (every button: JSON, PNG and SVG
// downloads that verify; both QR codes decode to the wallet links; the LinkedIn link; the
// public page toggle) and the public credential page (verified in the browser, Open Graph
// tags). No request leaves the service's origin unless the user follows a link; axe finds no
// serious or critical violation; screenshots at 1280 and 390 px go to test-results/screenshots/.
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import jsQRModule from 'jsqr'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStatusListResolver, readCredentialInput, verifyCredential } from '../../src/index.js'
import { walletLinks } from '../../src/delivery/wallet-links.js'
import { makeApp, unsignedCredential, type TestApp } from '../http/helpers.js'
import { launchChromium } from '../setup/chromium.js'

// jsqr is CommonJS with a `default` export: Node's interop and TypeScript's types disagree on where the function is.
const jsQR = (typeof jsQRModule === 'function' ? jsQRModule : jsQRModule.default) as typeof jsQRModule.default
const SHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname
let t: TestApp
let base: string
let browser: Browser
const foreign: string[] = []

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true })
  let port = 0
  t = await makeApp({ baseUrl: () => `http://127.0.0.1:${port}` })
  await t.app.listen({ host: '127.0.0.1', port: 0 })
  port = (t.app.server.address() as { port: number }).port
  base = `http://127.0.0.1:${port}`
  browser = await launchChromium()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await t?.app.close()
})

async function newOffer(): Promise<{ token: string; url: string }> {
  const { credential, ...rest } = { credential: unsignedCredential('did:example:ana') }
  const { id: _id, ...subject } = credential['credentialSubject'] as Record<string, unknown>
  const res = await t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { ...rest, credential: { ...credential, credentialSubject: subject }, options: { offer: { email: 'ana@example.org' } } } })
  expect(res.statusCode, res.body).toBe(201)
  const url = (JSON.parse(res.body) as { offers: { claimUrl: string }[] }).offers[0]!.claimUrl
  return { token: url.split('/').pop()!, url }
}

async function open(url: string): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage()
  page.on('request', (request) => {
    const u = request.url()
    if (!u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u)
  })
  await page.goto(url)
  await page.waitForFunction(() => document.documentElement.dataset['ready'] === 'true')
  return page
}

async function expectAccessible(page: Page, label: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${label}: ${v.id} ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

async function screenshots(page: Page, name: string): Promise<void> {
  for (const [width, height, label] of [[1280, 900, 'desktop'], [390, 844, 'phone']] as const) {
    await page.setViewportSize({ width, height })
    await page.screenshot({ path: join(SHOTS, `${name}-${label}.png`), fullPage: true })
  }
}

/** Draws the QR image onto a canvas in the page and decodes its pixels with jsQR. */
async function decodeQr(page: Page, selector: string): Promise<string | undefined> {
  const { width, height, pixels } = await page.$eval(selector, async (img: HTMLImageElement) => {
    await img.decode()
    const size = 600
    const canvas = document.createElement('canvas')
    canvas.width = size
    canvas.height = size
    const context = canvas.getContext('2d')!
    context.imageSmoothingEnabled = false
    context.drawImage(img, 0, 0, size, size)
    const data = context.getImageData(0, 0, size, size).data
    let binary = ''
    for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000))
    return { width: size, height: size, pixels: btoa(binary) }
  })
  return jsQR(new Uint8ClampedArray(Buffer.from(pixels, 'base64')), width, height)?.data
}

async function download(page: Page, button: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)])
  return readFile((await file.path())!)
}

/** Verifies with the service's status lists (as a verifier that fetched them would). */
async function verify(credential: unknown): Promise<string> {
  const lists: unknown[] = []
  for (const entry of (credential as { credentialStatus: { statusListCredential: string }[] }).credentialStatus) {
    lists.push(JSON.parse((await t.app.inject({ method: 'GET', url: new URL(entry.statusListCredential).pathname })).body))
  }
  return (await verifyCredential(credential, { statusResolver: createStatusListResolver({ lists }) })).verdict.level
}

describe('the claim page', () => {
  it('shows the offer, QR codes that decode to the wallet links, and takes the credential as JSON, PNG and SVG', async () => {
    const { token, url } = await newOffer()
    const links = walletLinks(base, token)
    const page = await open(url)
    expect(await page.textContent('h1')).toBe('A credential for you')
    const summary = await page.textContent('.summary')
    expect(summary).toContain('Data Literacy')
    expect(summary).toContain('Example University')
    expect(summary).not.toContain('placeholder') // the issuer that will sign, not the template's
    expect(summary).toContain('Take it before')
    await expectAccessible(page, 'pending claim page')
    await screenshots(page, 'claim-pending')

    expect(await page.getAttribute('#oid4vci-link', 'href')).toBe(links.oid4vciByReference)
    expect(await page.getAttribute('#lcw-link', 'href')).toBe(links.lcw)
    expect(await decodeQr(page, '#oid4vci-qr')).toBe(links.oid4vciByReference)
    expect(await decodeQr(page, '#lcw-qr')).toBe(links.lcw)
    expect(await page.$('#linkedin')).toBeNull() // only once the credential exists

    // The first download claims the offer; the page then offers the rest of the paths.
    const jsonFile = await download(page, '#download-json')
    const credential = JSON.parse(jsonFile.toString('utf8')) as { id: string; validFrom: string }
    expect(await verify(credential)).toBe('verified')
    await page.waitForSelector('#linkedin')
    expect(await page.textContent('h1')).toBe('You have taken this credential')
    for (const [button, kind] of [['#download-png', 'png'], ['#download-svg', 'svg']] as const) {
      const file = await download(page, button)
      const input = readCredentialInput(kind === 'png' ? new Uint8Array(file) : file.toString('utf8'))
      expect(input.kind).toBe('credential')
      const baked = (input as { credential: unknown }).credential
      expect(baked).toEqual(credential)
      expect(await verify(baked)).toBe('verified')
    }
    const again = await download(page, '#download-json')
    expect(again.toString('utf8')).toBe(jsonFile.toString('utf8'))

    // LinkedIn: name, organisation, issue date and id; no certUrl while the credential is private.
    const issued = new Date(credential.validFrom)
    const linkedIn = new URL((await page.getAttribute('#linkedin', 'href'))!)
    expect(`${linkedIn.origin}${linkedIn.pathname}`).toBe('https://www.linkedin.com/profile/add')
    expect(Object.fromEntries(linkedIn.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Data Literacy',
      organizationName: 'Example University',
      issueYear: String(issued.getUTCFullYear()),
      issueMonth: String(issued.getUTCMonth() + 1),
      certId: credential.id,
    })
    expect(await page.getAttribute('#linkedin', 'rel')).toContain('noreferrer')

    // Opt in to the public page: LinkedIn then links to it.
    await page.click('#toggle-public')
    await page.waitForSelector('#public-link')
    const publicUrl = `${base}/c/${credential.id.split('/').pop()!}`
    expect(await page.getAttribute('#public-link', 'href')).toBe(publicUrl)
    expect(new URL((await page.getAttribute('#linkedin', 'href'))!).searchParams.get('certUrl')).toBe(publicUrl)
    await expectAccessible(page, 'claimed claim page')
    await screenshots(page, 'claim-claimed')

    // Coming back with the link: the claimed page (409), with the same choices.
    const response = await page.reload()
    expect(response!.status()).toBe(409)
    await page.waitForFunction(() => document.documentElement.dataset['ready'] === 'true')
    expect(await page.textContent('#toggle-public')).toBe('Make it private')

    // The public page verifies the credential in the browser.
    await page.click('#public-link')
    await page.waitForFunction(() => document.documentElement.dataset['ready'] === 'true' && document.querySelector('.verdict') !== null)
    expect(page.url()).toBe(publicUrl)
    expect(await page.textContent('.verdict')).toBe('Verified')
    expect(await page.textContent('h1')).toBe('Data Literacy')
    expect(await page.getAttribute('meta[property="og:image"]', 'content')).toBe(`${base}/credentials/${credential.id.split('/').pop()!}/badge.png`)
    expect(await page.$eval('img.badge', (img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    const fromPage = await download(page, '#download-json')
    expect(fromPage.toString('utf8')).toBe(jsonFile.toString('utf8'))
    await expectAccessible(page, 'public credential page')
    await screenshots(page, 'credential-public')
    await page.close()
    expect(foreign).toEqual([])
  })

  it('shows a clear page for a withdrawn offer and for a private credential', async () => {
    const res = await t.as('issue', { method: 'POST', url: '/credentials/issue', payload: { credential: unsignedCredential('did:example:ben'), options: { offer: {} } } })
    const offer = (JSON.parse(res.body) as { offers: { id: string; claimUrl: string }[] }).offers[0]!
    expect((await t.as('revoke', { method: 'POST', url: `/offers/${offer.id}/revoke` })).statusCode).toBe(200)
    const page = await open(offer.claimUrl)
    expect(await page.textContent('h1')).toBe('This offer was withdrawn')
    expect(await page.$('#download-json')).toBeNull()
    await expectAccessible(page, 'withdrawn offer')
    await screenshots(page, 'claim-withdrawn')
    const response = await page.goto(`${base}/c/${crypto.randomUUID()}`)
    expect(response!.status()).toBe(404)
    await page.waitForFunction(() => document.documentElement.dataset['ready'] === 'true')
    expect(await page.textContent('h1')).toBe('No public credential here')
    await expectAccessible(page, 'no public credential')
    await page.close()
    expect(foreign).toEqual([])
  })
})
