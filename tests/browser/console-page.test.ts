// The issuer console in real Chromium, against the service listening on loopback: sign in
// with an API key, create an achievement (live profile checks in the page), import a 500-row
// CSV with 3 bad rows (the preview reports them, the progress bar moves, 497 are issued, the
// results CSV names the 3), search by learner email, revoke with a reason, see it in the audit
// log, and the verification page (status checked online) shows the credential revoked. axe
// finds no serious or critical violation on any console view; screenshots at 1280 and 390 px
// go to test-results/screenshots/console-*.png (git-ignored).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeApp, type TestApp } from '../http/helpers.js'
import { launchChromium } from '../setup/chromium.js'

const SHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname
let t: TestApp
let base: string
let browser: Browser
let dir: string
let page: Page
const checkedViews: string[] = []

const BAD_LINES = [42, 250, 377]

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'microcred-console-'))
  await mkdir(SHOTS, { recursive: true })
  let port = 0
  t = await makeApp({ baseUrl: () => `http://127.0.0.1:${port}`, limits: { rateLimit: { max: 100_000, windowMs: 60_000 } } })
  await t.app.listen({ host: '127.0.0.1', port: 0 })
  port = (t.app.server.address() as { port: number }).port
  base = `http://127.0.0.1:${port}`
  // 500 learners; lines 42 and 250 have broken addresses, line 377 a date that is not one.
  const rows = ['email,title,valid from']
  for (let line = 2; line <= 501; line++) {
    const email = line === 42 ? 'not-an-address' : line === 250 ? 'two@@example.org' : `learner${line}@example.org`
    rows.push(`${email},,${line === 377 ? 'next tuesday' : '2026-01-15'}`)
  }
  await writeFile(join(dir, 'learners.csv'), rows.join('\n') + '\n')
  browser = await launchChromium()
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await t?.app.close()
  await rm(dir, { recursive: true, force: true })
})

async function check(label: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${label}: ${v.id} ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
  for (const [width, suffix] of [[1280, 'desktop'], [390, 'phone']] as const) {
    await page.setViewportSize({ width, height: 900 })
    await page.screenshot({ path: join(SHOTS, `console-${label}-${suffix}.png`), fullPage: true })
  }
  await page.setViewportSize({ width: 1280, height: 900 })
  checkedViews.push(label)
}

async function tab(name: string): Promise<void> {
  await page.click(`#tabs button:text-is("${name}")`)
  await page.waitForSelector('#view h2')
}

describe('the issuer console', () => {
  it('signs in with an API key (the key is not kept in the page)', async () => {
    await page.goto(`${base}/console`)
    await page.waitForSelector('#signin:not([hidden])')
    await check('signin')
    await page.fill('#apikey', 'mck_wrong')
    await page.click('#signin-form button[type=submit]')
    await page.waitForFunction(() => /Sign-in failed/.test(document.getElementById('notice')!.textContent ?? ''))
    await page.fill('#apikey', t.keys.admin)
    await page.click('#signin-form button[type=submit]')
    await page.waitForSelector('#app:not([hidden]) #tabs button')
    expect(await page.inputValue('#apikey')).toBe('')
    const cookies = await page.context().cookies()
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([['mc_console', true, 'Strict']])
    await page.waitForSelector('#view h2:text("Achievements")')
    await check('achievements-empty')
  })

  it('creates an achievement, with the profile checks updating as the form changes', async () => {
    await page.click('button:text("New achievement")')
    await page.waitForSelector('form.achievement-form')
    await page.waitForFunction(() => /Not valid yet/.test(document.getElementById('live-check')!.textContent ?? ''))
    await page.getByLabel('Name', { exact: true }).fill('Data Literacy Foundations')
    await page.getByLabel('Description', { exact: true }).fill('Reads, questions and presents data.')
    await page.getByLabel('Criteria: how it is earned', { exact: true }).fill('Pass the proctored exam.')
    await page.waitForFunction(() => /The definition is valid/.test(document.getElementById('live-check')!.textContent ?? ''))
    const before = await page.textContent('#live-check')
    expect(before).toContain('misses')
    await page.getByLabel('Credits', { exact: true }).fill('5')
    await page.getByLabel('Credit system', { exact: true }).selectOption('ECTS')
    await page.getByLabel('Notional workload (hours)', { exact: true }).fill('125')
    await page.getByLabel('Levels', { exact: true }).fill('EQF | 5 | http://data.europa.eu/snb/eqf/5')
    await page.getByLabel('Quality assurance', { exact: true }).fill('external | https://qa.example.org | Example QA Agency | ESG 2015')
    await page.getByLabel('Learning outcomes', { exact: true }).fill('Interprets descriptive statistics')
    await page.getByLabel('Assessment type', { exact: true }).fill('Proctored exam')
    await page.getByLabel('Participation', { exact: true }).selectOption('online')
    await page.getByLabel('Language (BCP 47)', { exact: true }).fill('en')
    await page.waitForFunction((b) => document.getElementById('live-check')!.textContent !== b, before)
    await check('achievement-editor')
    await page.click('form.achievement-form button[type=submit]')
    await page.waitForFunction(() => /Saved/.test(document.getElementById('notice')!.textContent ?? ''))
    const stored = (await t.store.listAchievements()).items
    expect(stored.map((a) => [a.definition['name'], a.definition['credits']])).toEqual([['Data Literacy Foundations', { value: 5, system: 'ECTS' }]])
    await check('achievements')
  })

  it('imports 500 rows with 3 bad ones: the preview reports them, progress is shown, 497 are issued, the results CSV names the 3', async () => {
    await tab('Bulk from CSV')
    await page.setInputFiles('#bulk-file', join(dir, 'learners.csv'))
    await page.waitForSelector('#map-email')
    expect(await page.$eval('#map-from', (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('valid from')
    await page.click('#bulk-check')
    await page.waitForSelector('#bulk-summary')
    expect(await page.textContent('#bulk-summary')).toBe('497 of 500 rows are ready to issue; 3 have problems and will not be sent.')
    const lines = await page.$$eval('table.row-errors tbody tr td:first-child', (tds) => tds.map((td) => Number(td.textContent)))
    expect(lines).toEqual(BAD_LINES)
    await check('bulk-preview')
    // Record every progress label the page shows, to prove the bar moved while issuing.
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { progressSeen: string[] }).progressSeen = [])
      new MutationObserver(() => {
        const bar = document.getElementById('bulk-progress') as HTMLProgressElement | null
        if (bar !== null) seen.push(`${bar.value}/${bar.max}`)
      }).observe(document.getElementById('view')!, { subtree: true, childList: true, characterData: true, attributes: true })
    })
    await page.click('#bulk-issue')
    await page.waitForFunction(() => /^(Finished|Stopped)/.test(document.getElementById('bulk-progress-label')?.textContent ?? ''), undefined, { timeout: 120_000 })
    expect(await page.textContent('#bulk-progress-label')).toBe('Finished: 497 issued, 3 not issued.')
    expect(await page.textContent('#bulk-done')).toBe('497 issued, 3 not issued.')
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)
    // The bar is on screen before the job ends (a state short of 497), and ends full. How many
    // states in between depends on how fast the service signs (the jobs API runs server-side).
    expect(seen.some((s) => /^\d+\/497$/.test(s) && s !== '497/497'), seen.join(' ')).toBe(true)
    expect(seen.at(-1)).toBe('497/497')
    await check('bulk-done')
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#bulk-results')])
    const csv = await readFile((await download.path())!, 'utf8')
    const rows = csv.trim().split('\r\n').slice(1).map((r) => r.split(','))
    expect(rows).toHaveLength(500)
    expect(rows.filter((r) => r[2] === 'false').map((r) => Number(r[0]))).toEqual(BAD_LINES)
    expect(rows.filter((r) => r[2] === 'true' && r[3]!.startsWith(`${base}/credentials/`))).toHaveLength(497)
    const issued = await t.store.listCredentials({ limit: 1000 })
    expect(issued.items).toHaveLength(497)
  }, 180_000)

  it('falls back to batches of 100 when the service has no jobs API (progress per batch, same results)', async () => {
    await writeFile(join(dir, 'small.csv'), ['email', ...Array.from({ length: 150 }, (_, i) => `batch${i}@example.org`)].join('\n') + '\n')
    // The page learns about the jobs API from the OpenAPI document: answer with one that lacks it.
    await page.route(`${base}/docs`, (route) => route.fulfill({ json: { openapi: '3.0.3', paths: {} } }))
    try {
      await tab('Bulk from CSV')
      await page.setInputFiles('#bulk-file', join(dir, 'small.csv'))
      await page.waitForSelector('#map-email')
      await page.click('#bulk-check')
      await page.waitForSelector('#bulk-summary')
      const before = (await t.store.listCredentials({ limit: 1000 })).items.length
      await page.click('#bulk-issue')
      await page.waitForFunction(() => /^(Finished|Stopped)/.test(document.getElementById('bulk-progress-label')?.textContent ?? ''), undefined, { timeout: 60_000 })
      expect(await page.textContent('#bulk-progress-label')).toBe('Finished: 150 issued, 0 not issued (sent in batches: this service has no jobs API).')
      expect((await t.store.listCredentials({ limit: 1000 })).items.length - before).toBe(150)
    } finally {
      await page.unroute(`${base}/docs`)
    }
  }, 60_000)

  it('finds a learner by email, revokes with a reason; the audit log shows it; the verification page shows it revoked', async () => {
    await tab('Credentials')
    await page.fill('#search-email', 'Learner100@example.org')
    await page.click('form.search button[type=submit]')
    await page.waitForSelector('#search-results')
    expect(await page.textContent('#search-count')).toMatch(/^1 found/)
    await check('credentials-search')
    const id = (await page.textContent('#search-results code.id'))!
    await page.click('#search-results button:has-text("Revoke")')
    await page.getByLabel('Reason to revoke (kept for staff, never published)', { exact: true }).fill('Exam result withdrawn by the board')
    await page.click('button:text("Confirm revoke")')
    await page.waitForFunction(() => document.querySelector('#search-results tbody tr td:nth-child(3)')?.textContent === 'revoked')
    expect(await page.textContent('#search-results tbody tr td:nth-child(4)')).toBe('Exam result withdrawn by the board')
    await check('credentials-revoked')
    const stored = (await t.store.getCredential(id))!
    expect([stored.revoked, stored.statusReason]).toEqual([true, 'Exam result withdrawn by the board'])

    await tab('Audit log')
    await page.waitForSelector('#audit tbody tr')
    const first = await page.$$eval('#audit tbody tr:first-child td', (tds) => tds.map((td) => td.textContent))
    expect(first.slice(1)).toEqual([`admin (${(await t.store.listApiKeys()).find((k) => k.name === 'admin')!.id})`, 'credential.revoke', id, 'Exam result withdrawn by the board'])
    await check('audit')

    // The employer's view: the credential as the learner holds it, status checked online.
    const held = await t.as('read', { method: 'GET', url: `/credentials/${encodeURIComponent(id)}` })
    await writeFile(join(dir, 'held.json'), held.body)
    const verify = await (await browser.newContext()).newPage()
    await verify.goto(`${base}/verify`)
    await verify.waitForFunction(() => document.documentElement.dataset['ready'] === 'true')
    await verify.check('#online')
    await verify.setInputFiles('#files', join(dir, 'held.json'))
    await verify.waitForFunction(() => document.querySelector('#results .verdict')?.textContent === 'Not verified')
    expect(await verify.textContent('#results')).toContain('ERR_STATUS_REVOKED')
    expect(await verify.textContent('#results')).not.toContain('Exam result withdrawn')
    await verify.screenshot({ path: join(SHOTS, 'console-verify-revoked-desktop.png'), fullPage: true })
    await verify.close()
  }, 60_000)

  it('issues one credential, manages API keys (shown once) and lists the issuer keys', async () => {
    await tab('Issue one')
    await page.fill('#issue-email', 'single@example.org')
    await page.click('#view form button[type=submit]')
    await page.waitForFunction(() => /Issued:/.test(document.getElementById('view')!.textContent ?? ''))
    await check('issue-one')

    await tab('API keys')
    await page.fill('#key-name', 'Registry system')
    await page.check('#scope-issue')
    await page.click('#view form button[type=submit]:text("Create key")')
    await page.waitForSelector('#new-token')
    const token = await page.inputValue('#new-token')
    expect(token).toMatch(/^mck_/)
    expect((await t.store.listApiKeys()).find((k) => k.name === 'Registry system')!.scopes).toEqual(['issue'])
    expect(await page.textContent('#view')).toContain('did:key')
    await check('api-keys')
    page.once('dialog', (d) => void d.accept())
    await page.click('button:has-text("Revoke Registry system")')
    await page.waitForFunction(() => /revoked/.test(document.getElementById('notice')!.textContent ?? ''))
    expect((await t.store.listApiKeys()).find((k) => k.name === 'Registry system')!.revokedAt).toBeDefined()
  }, 60_000)

  it('signs out: the session is gone on the server too', async () => {
    const cookie = (await page.context().cookies())[0]!
    await page.click('#signout')
    await page.waitForSelector('#signin:not([hidden])')
    const res = await t.app.inject({ method: 'GET', url: '/console/session', headers: { cookie: `${cookie.name}=${cookie.value}` } })
    expect(res.statusCode).toBe(401)
    expect(checkedViews).toEqual(['signin', 'achievements-empty', 'achievement-editor', 'achievements', 'bulk-preview', 'bulk-done', 'credentials-search', 'credentials-revoked', 'audit', 'issue-one', 'api-keys'])
  })
})
