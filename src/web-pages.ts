/**
 * @module web-pages
 * The built web pages (dist/web/*.html, made by scripts/build-web.mjs during `npm run build`)
 * as the service and the CLI hand them out: the HTML, its Content-Security-Policy and an
 * ETag. Each page is one self-contained file, read once.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MicrocredError } from './core/index.js'

export type PageName = 'verify' | 'home' | 'console'

export interface WebPage {
  html: string
  csp: string
  etag: string
}

/** The package root: the nearest folder above this module holding package.json (src/ or dist/src/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new MicrocredError('ERR_INTERNAL', 'the microcred package root was not found')
    dir = parent
  }
  return dir
}

const cache = new Map<PageName, WebPage>()

export function webPage(name: PageName): WebPage {
  const cached = cache.get(name)
  if (cached !== undefined) return cached
  const dir = join(packageRoot(), 'dist', 'web')
  let html: string
  let csp: string
  try {
    html = readFileSync(join(dir, `${name}.html`), 'utf8')
    csp = (JSON.parse(readFileSync(join(dir, `${name}.csp.json`), 'utf8')) as { csp: string }).csp
  } catch (cause) {
    throw new MicrocredError('ERR_INTERNAL', `the ${name} page is not built: run npm run build`, { cause })
  }
  const page = { html, csp, etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"` }
  cache.set(name, page)
  return page
}
