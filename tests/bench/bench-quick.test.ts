// The benchmark is not a test; this only checks that `npm run bench` still runs (its quick
// mode) and prints every row, so a refactor cannot silently break it.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

describe('npm run bench -- --quick', () => {
  it('runs and prints every operation beside the baseline', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bench/run.mjs', '--quick'], { timeout: 240_000 })
    const rows = ['small badge', 'full micro-credential', 'realistic micro-credential'].flatMap((kind) => [`issue ${kind}`, `verify ${kind}`])
    for (const row of rows) {
      expect(stdout).toMatch(new RegExp(`\\| ${row} \\| [\\d,]+ \\| [\\d,]+ \\| [\\d,]+ \\| [\\d,]+ \\| [\\d,]+ \\| [\\d,]+ \\| [\\d.]+× \\|`))
    }
    expect(stdout).toMatch(/\| issue 200 full micro-credentials, \d+ worker threads/)
    expect(stdout).toMatch(/\| peak RSS during that batch \| [\d,]+ MiB/)
    expect(stdout).toMatch(/\| verify 20 full micro-credentials, one issuer .*\| plain stack: [\d,]+ credentials\/s \(same batch size\)/)
  }, 300_000)
})
