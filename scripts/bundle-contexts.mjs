#!/usr/bin/env node
// Writes every pinned JSON-LD context into one JSON module, src/core/contexts/bundled-contexts.json
// (URL → document, in the order of contexts/manifest.json), which core/contexts/bundled.ts imports
// and tsc copies into dist/. One module instead of 23: each ES module costs Node a resolve, an
// open, a read and a link (about 5 ms of wall time and 10 ms of CPU of a `microcred verify`,
// docs/performance.md, fifth round). contexts/*.json stay the source: a file whose SHA-256 is
// not the one pinned in the manifest stops the build. `npm run build` runs it first; the output
// is git-ignored.
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'

const root = new URL('../', import.meta.url)
const manifest = JSON.parse(readFileSync(new URL('contexts/manifest.json', root), 'utf8'))
const bundle = {}
for (const { url, file, sha256 } of manifest.contexts) {
  const bytes = readFileSync(new URL(`contexts/${file}`, root))
  const actual = createHash('sha256').update(bytes).digest('hex')
  if (actual !== sha256) throw new Error(`bundle-contexts: contexts/${file} has SHA-256 ${actual}, but contexts/manifest.json pins ${sha256}`)
  bundle[url] = JSON.parse(bytes.toString('utf8'))
}
writeFileSync(new URL('src/core/contexts/bundled-contexts.json', root), JSON.stringify(bundle) + '\n')
