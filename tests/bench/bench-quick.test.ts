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

describe('npm run bench:http -- --quick', () => {
  const row = (name: string): RegExp => new RegExp(`\\| ${name.replace(/[()]/g, '\\$&')} \\| [\\d,.]+ \\| [\\d.]+ \\| [\\d.]+ \\| [\\d,]+ \\| [\\d,]+ \\|`)

  it('drives issue and verify against a served SQLite service and prints them beside the library', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bench/http.mjs', '--quick'], { timeout: 120_000 })
    for (const name of ['issue (HTTP)', 'issue (library)', 'verify (HTTP)', 'verify (with status lists) (library)']) expect(stdout).toMatch(row(name))
    expect(stdout).toMatch(/HTTP \/ library, same run: issue \d+ %, verify \d+ %/)
  }, 150_000)

  it('runs with a did:web issuer, whose document the library is given too (--did-web)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bench/http.mjs', '--quick', '--did-web', '--only', 'verify'], { timeout: 120_000 })
    expect(stdout).toContain('did:web issuer')
    expect(stdout).toMatch(row('verify (HTTP)'))
    expect(stdout).toMatch(row('verify (with status lists) (library)'))
    expect(stdout).not.toMatch(/issue \(HTTP\)/)
  }, 150_000)
})

describe('npm run bench:layers -- --quick', () => {
  it('prints every layer of both routes with the library\'s share of its cost', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bench/http-layers.mjs', '--quick'], { timeout: 120_000 })
    for (const route of ['issue', 'verify']) {
      expect(stdout).toMatch(new RegExp(`\\| ${route} \\| library \\| [\\d,]+ \\| [\\d,]+–[\\d,]+ \\| 100 % \\|`))
      for (const layer of ['service', 'HTTP', 'route']) {
        expect(stdout).toMatch(new RegExp(`\\| ${route} \\| ${layer} \\| [\\d,]+ \\| [\\d,]+–[\\d,]+ \\| [\\d,]+ % \\([\\d,]+–[\\d,]+ %\\) \\|`))
      }
    }
  }, 150_000)
})
