// The browser the browser tests drive, found without any manual install: CHROMIUM_PATH when
// set, else a system Chromium or Chrome, else the Chromium that npm delivers inside
// @sparticuz/chromium (a devDependency; it unpacks its binary to the temp folder once).
import { accessSync, constants } from 'node:fs'
import { chromium, type Browser, type LaunchOptions } from 'playwright-core'

const SYSTEM_BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']

/** Flags for a headless run as root in a sandbox with no network but loopback. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

export interface FoundChromium {
  executablePath: string
  source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium'
}

export async function findChromium(): Promise<FoundChromium> {
  const given = process.env['CHROMIUM_PATH']
  if (given !== undefined && given !== '') {
    if (!executable(given)) throw new Error(`CHROMIUM_PATH=${given} is not an executable file`)
    return { executablePath: given, source: 'CHROMIUM_PATH' }
  }
  const system = SYSTEM_BROWSERS.find(executable)
  if (system !== undefined) return { executablePath: system, source: 'system' }
  const { default: packaged } = await import('@sparticuz/chromium')
  return { executablePath: await packaged.executablePath(), source: '@sparticuz/chromium' }
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const { executablePath } = await findChromium()
  return chromium.launch({ ...options, executablePath, args: [...CHROMIUM_FLAGS, ...(options.args ?? [])] })
}
