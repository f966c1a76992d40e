// The employer's verification page in real Firefox (issue 12: "runs in current Chromium and
// Firefox engines"). The key scenarios of verify-page.test.ts, driven over WebDriver BiDi by
// puppeteer-core (tests/setup/firefox.ts): the page the service serves at /verify and the
// self-contained dist/web/verify.html opened from file://; a valid credential, a tampered one, a
// baked PNG, revocation checked online only once the user allows it; the file input and the
// paste area reachable and usable from the keyboard; no request leaving the page's origin.
// Screenshots at desktop and phone widths go to test-results/screenshots/ (git-ignored).
// With no Firefox on the machine the suite is skipped, and its title says how to get one.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Browser, ElementHandle, Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestApp } from '../http/helpers.js'
import { FIREFOX_MISSING, findFirefox, launchFirefox } from '../setup/firefox.js'
import { startVerifyService } from './verify-service.js'

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url))
const BUILT_PAGE = fileURLToPath(new URL('../../dist/web/verify.html', import.meta.url))
const firefox = findFirefox()

describe.skipIf(firefox === undefined)(firefox === undefined ? FIREFOX_MISSING : `the verification page in Firefox (${firefox})`, () => {
  let t: TestApp
  let base: string
  let browser: Browser
  let dir: string
  let valid: Record<string, unknown>
  const foreign: string[] = []

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'microcred-verify-firefox-'))
    await mkdir(SHOTS, { recursive: true })
    const service = await startVerifyService()
    t = service.t
    base = service.base
    valid = service.valid
    const files = service.files
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content)
    browser = await launchFirefox()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await t?.app.close()
    await rm(dir, { recursive: true, force: true })
  })

  async function open(url: string, origin: string): Promise<Page> {
    const page = await browser.newPage()
    page.on('request', (request) => {
      const u = request.url()
      if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u)
    })
    await page.goto(url)
    await page.waitForFunction(() => document.documentElement.dataset['ready'] === 'true')
    return page
  }

  const settled = (page: Page, count: number) =>
    page.waitForFunction((n: number) => document.querySelectorAll('#inputs li').length === n && /^Checked/.test(document.getElementById('status')?.textContent ?? ''), {}, count)

  async function drop(page: Page, ...names: string[]): Promise<void> {
    const input = (await page.$('#files')) as ElementHandle<HTMLInputElement>
    await input.uploadFile(...names.map((n) => join(dir, n)))
    await settled(page, names.length)
  }

  const verdicts = (page: Page) => page.$$eval('#results > article > .headline .verdict', (els) => els.map((e) => e.textContent))
  const resultsText = (page: Page) => page.$eval('#results', (e) => e.textContent ?? '')

  it('verifies valid, tampered and baked PNG credentials at /verify, with the claim summary', async () => {
    const page = await open(`${base}/verify`, base)
    await drop(page, 'valid.json', 'tampered.json', 'badge.png')
    // Status is not checked until the user allows it, so an intact credential is verified with a warning.
    expect(await verdicts(page)).toEqual(['Verified, with warnings', 'Not verified', 'Verified, with warnings'])
    const text = await resultsText(page)
    expect(text).toContain('Data Literacy')
    expect(text).toContain('Example University')
    expect(text).toContain('Revocation could not be checked')
    expect(text).toContain('changed after it was signed')
    for (const [width, height, label] of [[1280, 900, 'desktop'], [390, 844, 'phone']] as const) {
      await page.setViewport({ width, height })
      await page.screenshot({ path: join(SHOTS, `verify-firefox-results-${label}.png`), fullPage: true })
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
    await page.click('#online')
    await page.waitForFunction(() => document.querySelector('#results .verdict')?.textContent === 'Not verified')
    expect(listRequests).toBeGreaterThan(0)
    expect(await resultsText(page)).toContain('ERR_STATUS_REVOKED')
    await page.close()
  })

  it('reaches the file input and the paste area by Tab, and verifies pasted text from the keyboard', async () => {
    const page = await open(`${base}/verify`, base)
    const order: string[] = []
    let fileFocusOutline = 'not reached'
    for (let i = 0; i < 8 && !order.includes('verify-paste'); i++) {
      await page.keyboard.press('Tab')
      const id = await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || '')
      // The file input is visually hidden: its focus must show on the "Choose files" label.
      if (id === 'files') fileFocusOutline = await page.$eval('label[for="files"]', (label) => getComputedStyle(label).outlineStyle)
      order.push(id)
    }
    expect(order.indexOf('files')).toBeGreaterThanOrEqual(0)
    expect(fileFocusOutline).toBe('solid')
    expect(order.indexOf('paste')).toBeGreaterThan(order.indexOf('files'))
    expect(order.indexOf('verify-paste')).toBe(order.indexOf('paste') + 1)
    // Focus is on the button now: the text goes in as a paste would put it, and Enter presses the button.
    await page.$eval('#paste', (el, text) => void ((el as HTMLTextAreaElement).value = text), JSON.stringify(valid))
    await page.keyboard.press('Enter')
    await settled(page, 1)
    expect(await verdicts(page)).toEqual(['Verified, with warnings'])
    await page.close()
  })

  it('works from file:// (dist/web/verify.html) with no network at all', async () => {
    // The built file is what `microcred page` writes and what the service sends at /verify.
    const page = await open(pathToFileURL(BUILT_PAGE).href, 'file://')
    await drop(page, 'valid.json', 'tampered.json', 'badge.png')
    expect(await verdicts(page)).toEqual(['Verified, with warnings', 'Not verified', 'Verified, with warnings'])
    expect(await resultsText(page)).toContain('Data Literacy')
    for (const [width, height, label] of [[1280, 900, 'desktop'], [390, 844, 'phone']] as const) {
      await page.setViewport({ width, height })
      await page.screenshot({ path: join(SHOTS, `verify-firefox-file-${label}.png`), fullPage: true })
    }
    await page.close()
    expect(foreign).toEqual([])
  })
})
