#!/usr/bin/env node
// The `microcred` command. The TypeScript sources are compiled to dist/ by `npm ci`
// (the `prepare` script) or `npm run build`, and the CLI is bundled into dist/cli/
// (scripts/bundle-cli.mjs: a few files to load instead of one ES module per source file).
import { existsSync } from 'node:fs'

const entry = new URL('../dist/cli/main.js', import.meta.url)
if (!existsSync(entry)) {
  process.stderr.write('microcred: not built yet; run `npm run build` (npm ci does it for you)\n')
  process.exitCode = 3
} else {
  const { main } = await import(entry.href)
  await main()
}
