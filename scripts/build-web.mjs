// Builds the web pages at build time: each page's TypeScript (with the browser-safe core)
// is bundled by esbuild and inlined, with the shared stylesheet, into ONE self-contained
// HTML file under dist/web/. The same file is served by the service and written by
// `microcred page`, and works from file:// with no network. Its Content-Security-Policy
// allows exactly the inline script and style it carries (by SHA-256), nothing else.
import { createHash } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { build } from 'esbuild'

const root = new URL('../', import.meta.url)
const out = new URL('dist/web/', root)

/**
 * `entry`: the page's script (none for a static page); `connect`: where its script may fetch;
 * `img`: where images may come from. The claim and credential pages are templates: the
 * service fills their `<!--page-head-->` and `<!--page-data-->` slots per request.
 */
const PAGES = [
  { name: 'verify', entry: 'src/web/verify/main.ts', template: 'src/web/verify/page.html', connect: "'self' https:" },
  { name: 'home', template: 'src/web/home/page.html' },
  // The claim page talks to its own service only (claim, download, public toggle); QR codes are data: images.
  { name: 'claim', entry: 'src/web/claim/main.ts', template: 'src/web/claim/page.html', connect: "'self'" },
  // The public credential page verifies with what came in the page: no fetch at all; its badge image is served here.
  { name: 'credential', entry: 'src/web/credential/main.ts', template: 'src/web/credential/page.html', img: "'self' data: blob:" },
  { name: 'console', entry: 'src/web/console/main.ts', template: 'src/web/console/page.html', connect: "'self'" },
]

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

async function bundleScript(name, entry) {
  const bundle = await build({
    entryPoints: [new URL(entry, root).pathname],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  })
  const script = bundle.outputFiles[0].text.trim()
  if (/<\/script/i.test(script)) throw new Error(`${name}: the bundle contains "</script" and cannot be inlined`)
  if (/from\s*["']node:/.test(script)) throw new Error(`${name}: the bundle imports a Node built-in`)
  return script
}

async function buildPage({ name, entry, template, connect, img }) {
  const script = entry === undefined ? undefined : await bundleScript(name, entry)
  const css = (await readFile(new URL('src/web/common/style.css', root), 'utf8')).trim()
  const csp = [
    "default-src 'none'",
    ...(script === undefined ? [] : [`script-src ${sha256(script)}`]),
    `style-src ${sha256(css)}`,
    `img-src ${img ?? 'data: blob:'}`,
    ...(connect === undefined ? [] : [`connect-src ${connect}`]),
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
  const html = (await readFile(new URL(template, root), 'utf8'))
    .replace('%CSP%', () => csp)
    .replace('%CSS%', () => css)
    .replace('%SCRIPT%', () => script ?? '')
  await writeFile(new URL(`${name}.html`, out), html)
  await writeFile(new URL(`${name}.csp.json`, out), JSON.stringify({ csp }) + '\n')
  return { name, bytes: Buffer.byteLength(html) }
}

await mkdir(out, { recursive: true })
for (const page of PAGES) {
  const { bytes } = await buildPage(page)
  process.stdout.write(`web: dist/web/${page.name}.html (${Math.round(bytes / 1024)} KiB)\n`)
}
