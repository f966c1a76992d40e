// Firefox for the browser tests. playwright-core can only drive a Firefox patched for it
// (downloaded from a CDN), so the stock Firefox a machine already has — Debian's firefox-esr,
// say — is driven by puppeteer-core over WebDriver BiDi, which Firefox speaks natively: no
// geckodriver, no download. Unlike Chromium there is no npm-delivered fallback, so a machine
// without Firefox skips the Firefox tests (they say why) instead of failing.
import { accessSync, constants } from 'node:fs'
import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer-core'

const SYSTEM_BROWSERS = ['/usr/bin/firefox-esr', '/usr/bin/firefox']

/** The title of a suite skipped for want of a Firefox, telling the reader how to get one. */
export const FIREFOX_MISSING = 'Firefox not installed (set FIREFOX_PATH or apt-get install firefox-esr)'

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * FIREFOX_PATH when set, else a system Firefox, else undefined. A FIREFOX_PATH that is not an
 * executable throws: someone asked for that browser, and silently skipping would hide the typo.
 */
export function findFirefox(): string | undefined {
  const given = process.env['FIREFOX_PATH']
  if (given !== undefined && given !== '') {
    if (!executable(given)) throw new Error(`FIREFOX_PATH=${given} is not an executable file`)
    return given
  }
  return SYSTEM_BROWSERS.find(executable)
}

export async function launchFirefox(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = findFirefox()
  if (executablePath === undefined) throw new Error(FIREFOX_MISSING)
  return puppeteer.launch({
    ...options,
    browser: 'firefox',
    executablePath,
    headless: true,
    extraPrefsFirefox: {
      // Tests run with no network but loopback: keep Firefox's own background traffic (update
      // checks, remote settings, captive-portal probes) from trying, and from slowing start-up.
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'app.update.enabled': false,
      'browser.safebrowsing.update.enabled': false,
      ...options.extraPrefsFirefox,
    },
  })
}
