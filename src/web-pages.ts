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

export type PageName = 'verify' | 'home' | 'claim' | 'credential' | 'console'

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

/** Where the server puts per-request content into a page: meta tags in the head, and the page's data. */
const HEAD_SLOT = '<!--page-head-->'
const DATA_SLOT = '<!--page-data-->'

/** Escapes text for an HTML attribute value or text node. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * A page with its per-request content: `head` (HTML built with `escapeHtml`, e.g. Open Graph
 * meta tags) and `data`, the JSON the page's script reads from `<script type="application/json">`
 * — a data block, never run, so the CSP's script hash is unchanged. `<`, `>`, `&` and the two
 * JavaScript line separators are escaped so that no value can close the block.
 */
export function renderPage(name: PageName, content: { head?: string; data: unknown }): { html: string; csp: string } {
  const page = webPage(name)
  const json = JSON.stringify(content.data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
  const html = page.html.replace(HEAD_SLOT, () => content.head ?? '').replace(DATA_SLOT, () => json)
  return { html, csp: page.csp }
}
