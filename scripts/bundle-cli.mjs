#!/usr/bin/env node
// Bundles the CLI (dist/src/cli/main.js and every module of ours it may load) into dist/cli/ with
// esbuild, code-split per command, so that `microcred verify FILE` loads 24 files of ours
// instead of 70 ES modules: each module costs Node 20 a resolve, an open, a read, a compile and
// a link. A profile put that at about 40 ms of a 240 ms run; the bundle saved 27 ms of the median
// (231 → 204 ms, docs/performance.md, fifth round). `npm run build` runs it after tsc;
// bin/microcred.js starts dist/cli/main.js.
//
// What stays outside the bundle:
// - npm packages (`packages: 'external'`): their own module instances, as before.
// - the worker threads' entry files and the assets a module finds from `import.meta.url`: each
//   `import.meta.url` in our code is rewritten to the URL of the module's original file under
//   dist/src/, so the worker pool, the SQLite checkpoint thread, the pinned context file and the
//   JSON Schema scripts are found where they always were (a bundle moves the code, not them).
// Every module of ours is in the bundle exactly once (dynamic imports become chunks), so a
// class such as MicrocredError has one identity for `instanceof`, as in dist/src.
// dist/cli/meta.json is esbuild's metafile: which source modules each chunk holds (the
// cold-start test reads it).
import { readFile, rm, writeFile } from 'node:fs/promises'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = new URL('../', import.meta.url)
const compiled = fileURLToPath(new URL('dist/src/', root))
const outdir = fileURLToPath(new URL('dist/cli/', root))

/** Rewrites `import.meta.url` in our compiled modules to the module's own file URL, relative to the chunk. */
const ownUrls = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(compiled)) return undefined
      const text = await readFile(args.path, 'utf8')
      if (!text.includes('import.meta.url')) return undefined
      // Every chunk is written flat into dist/cli/: resolve from the chunk's own URL to the original file's.
      const expression = `new URL(${JSON.stringify(relative(outdir, args.path))}, import.meta.url).href`
      return { contents: text.replaceAll('import.meta.url', `(${expression})`), loader: 'js' }
    })
  },
}

await rm(outdir, { recursive: true, force: true })
const result = await build({
  entryPoints: { main: fileURLToPath(new URL('dist/src/cli/main.js', root)) },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outdir,
  chunkNames: '[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
  plugins: [ownUrls],
})
await writeFile(new URL('dist/cli/meta.json', root), JSON.stringify(result.metafile))
