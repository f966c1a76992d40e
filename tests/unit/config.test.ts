import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig, parseSize, storeConfigOf } from '../../src/config.js'
import { MicrocredError } from '../../src/core/index.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'microcred-config-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise
  } catch (e) {
    expect(e).toBeInstanceOf(MicrocredError)
    expect((e as MicrocredError).code).toBe('ERR_CONFIG_INVALID')
    return (e as MicrocredError).details!['problems'] as string[]
  }
  throw new Error('expected ERR_CONFIG_INVALID')
}

describe('loadConfig', () => {
  it('defaults: port 3000 on 127.0.0.1, SQLite under data/, revocation and suspension', async () => {
    const config = await loadConfig({ env: {}, cwd: dir })
    expect(config).toMatchObject({
      dir,
      port: 3000,
      host: '127.0.0.1',
      database: { kind: 'sqlite', path: join(dir, 'data', 'microcred.sqlite') },
      publicUrl: undefined,
      bodyLimit: 1024 * 1024,
      maxBatchSize: 10_000,
      statusPurposes: ['revocation', 'suspension'],
      logLevel: 'info',
      trustProxy: false,
    })
    expect(config.apiKeyRateLimit).toEqual({ max: 6000, windowMs: 60_000 })
    expect(config.idempotencyTtlMs).toBe(86_400_000)
    expect(storeConfigOf(config)).toEqual({ kind: 'sqlite', filename: join(dir, 'data', 'microcred.sqlite'), idempotencyTtlMs: 86_400_000 })
  })

  it('takes flags over the environment over the file', async () => {
    const file = join(dir, 'service.json')
    await writeFile(file, JSON.stringify({ port: 4000, host: '0.0.0.0', publicUrl: 'https://from-file.example', bodyLimit: '2mb', statusPurposes: ['revocation'] }))
    const config = await loadConfig({
      env: { PORT: '5000', PUBLIC_URL: 'https://badges.example.edu/', MICROCRED_CONFIG: 'service.json', DATABASE_URL: 'postgres://u:p@127.0.0.1/test', DATABASE_SCHEMA: 'run_1' },
      cwd: dir,
      flags: { port: '6000' },
    })
    expect(config.port).toBe(6000)
    expect(config.host).toBe('0.0.0.0')
    expect(config.publicUrl).toBe('https://badges.example.edu')
    expect(config.bodyLimit).toBe(2 * 1024 * 1024)
    expect(config.statusPurposes).toEqual(['revocation'])
    expect(storeConfigOf(config)).toEqual({ kind: 'postgres', connectionString: 'postgres://u:p@127.0.0.1/test', schema: 'run_1', idempotencyTtlMs: 86_400_000 })
  })

  it('names every bad value, where it came from and what was expected, in one error', async () => {
    const problems = await problemsOf(
      loadConfig({
        env: { PORT: 'eighty', DATABASE_URL: 'mysql://root:secret@db/x', PUBLIC_URL: 'ftp://x', BODY_LIMIT: 'huge', LOG_LEVEL: 'loud', STATUS_PURPOSES: 'revocation,refresh', TRUST_PROXY: 'maybe' },
        cwd: dir,
        flags: { host: '' },
      }),
    )
    expect(problems).toEqual([
      'PORT: "eighty" is not a port number (an integer from 0 to 65535)',
      '--host: "" must be a non-empty string',
      'DATABASE_URL: mysql://root:***@db/x is not a postgres:// or postgresql:// URL',
      'PUBLIC_URL: "ftp://x" is not an http(s) URL without query or fragment',
      'LOG_LEVEL: "loud" is not one of fatal, error, warn, info, debug, trace, silent',
      'TRUST_PROXY: "maybe" is not true or false',
      'STATUS_PURPOSES: "revocation,refresh" is not a comma-separated list of revocation, suspension',
      'BODY_LIMIT: "huge" is not a size between 1kb and 1gb (bytes, or a number with kb/mb)',
    ])
    expect(problems.join('\n')).not.toContain('secret')
  })

  it('reads the per-key rate limit and the idempotency TTL, and refuses bad ones', async () => {
    const config = await loadConfig({ env: { API_KEY_RATE_LIMIT_MAX: '50', RATE_LIMIT_WINDOW_MS: '10000', IDEMPOTENCY_TTL_MS: '3600000' }, cwd: dir })
    expect(config.apiKeyRateLimit).toEqual({ max: 50, windowMs: 10_000 })
    expect(config.rateLimit.windowMs).toBe(10_000)
    expect(storeConfigOf(config)).toMatchObject({ idempotencyTtlMs: 3_600_000 })
    expect(await problemsOf(loadConfig({ env: { API_KEY_RATE_LIMIT_MAX: '0', IDEMPOTENCY_TTL_MS: '5' }, cwd: dir }))).toEqual([
      'API_KEY_RATE_LIMIT_MAX: "0" is not a request count (an integer from 1 to 10000000)',
      'IDEMPOTENCY_TTL_MS: "5" is not a time in milliseconds (an integer from 1000 to 31536000000)',
    ])
  })

  it('reads SMTP_URL and SMTP_FROM (From defaults to no-reply at the public host) and never repeats a bad SMTP_URL', async () => {
    expect((await loadConfig({ env: {}, cwd: dir })).smtp).toBeUndefined()
    const config = await loadConfig({ env: { SMTP_URL: 'smtp://mailer:pa55@mail.example.edu:587', PUBLIC_URL: 'https://badges.example.edu' }, cwd: dir })
    expect(config.smtp).toEqual({ url: 'smtp://mailer:pa55@mail.example.edu:587', from: 'microcred <no-reply@badges.example.edu>' })
    expect((await loadConfig({ env: { SMTP_URL: 'smtps://mail.example.edu', SMTP_FROM: 'Badges <b@example.edu>' }, cwd: dir })).smtp!.from).toBe('Badges <b@example.edu>')
    const problems = await problemsOf(loadConfig({ env: { SMTP_URL: 'http://mailer:pa55@mail.example.edu' }, cwd: dir }))
    expect(problems).toEqual(['SMTP_URL: is not an smtp:// or smtps:// URL with a host (e.g. smtp://user:pass@mail.example.edu:587)'])
    expect(problems.join()).not.toContain('pa55')
  })

  it('refuses a missing or malformed config file and unknown keys in it', async () => {
    expect(await problemsOf(loadConfig({ env: {}, cwd: dir, flags: { config: 'absent.json' } }))).toEqual([`config file ${join(dir, 'absent.json')} cannot be read`])
    await writeFile(join(dir, 'bad.json'), '{ port: 1 }')
    expect((await problemsOf(loadConfig({ env: {}, cwd: dir, flags: { config: 'bad.json' } })))[0]).toMatch(/is not valid JSON/)
    await writeFile(join(dir, 'typo.json'), JSON.stringify({ prot: 1 }))
    expect((await problemsOf(loadConfig({ env: {}, cwd: dir, flags: { config: 'typo.json' } })))[0]).toMatch(/unknown key "prot"/)
  })

  it('treats an empty MICROCRED_CONFIG as unset, like every other variable', async () => {
    const config = await loadConfig({ env: { MICROCRED_CONFIG: '', DATABASE_URL: '', PUBLIC_URL: '' }, cwd: dir })
    expect(config).toMatchObject({ port: 3000, publicUrl: undefined, database: { kind: 'sqlite' } })
  })

  it('parses sizes', () => {
    expect(parseSize('512kb')).toBe(512 * 1024)
    expect(parseSize('1.5mb')).toBe(1.5 * 1024 * 1024)
    expect(parseSize(2048)).toBe(2048)
    expect(parseSize('1 tb')).toBeUndefined()
  })
})
