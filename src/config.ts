/**
 * @module config
 * The service configuration: read once at start from command-line flags, the environment
 * and an optional JSON file (in that order of precedence), validated in one pass, and
 * handed to the app as a plain typed object. A bad value stops the start with one line
 * per problem naming the variable, the value and what was expected (ERR_CONFIG_INVALID).
 *
 * Nothing here reads `process.env` itself: the caller (server.ts) passes the environment.
 *
 * @example
 * const config = await loadConfig({ env: process.env, cwd: process.cwd(), flags: { port: '8080' } })
 */
import { readFile } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import { MicrocredError } from './core/index.js'
import { STATUS_PURPOSES, type StatusPurpose, type StoreConfig } from './storage/store.js'

export type DatabaseConfig =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string; schema: string }

export interface RateLimitConfig {
  /** Requests per window (per client address on public routes, per API key on the others). */
  max: number
  windowMs: number
}

export interface Config {
  /** The issuer directory (microcred.json, keys/); also the base of relative paths. */
  dir: string
  port: number
  host: string
  database: DatabaseConfig
  /**
   * Base URL of the service as the outside world reaches it, without a trailing slash, used
   * in credential ids and status-list URLs. Undefined: derived from the listening address.
   */
  publicUrl: string | undefined
  /** Largest request body accepted on ordinary routes, in bytes. */
  bodyLimit: number
  /** Largest request body accepted by the batch route, in bytes. */
  batchBodyLimit: number
  /** Most credentials in one batch request. */
  maxBatchSize: number
  /** Public routes, per client address. */
  rateLimit: RateLimitConfig
  /** Authenticated routes, per API key (same window as `rateLimit`). */
  apiKeyRateLimit: RateLimitConfig
  /** How long an Idempotency-Key is remembered, in ms; expired records are purged. */
  idempotencyTtlMs: number
  /** Cache-Control max-age of status lists, in seconds. */
  statusListMaxAgeSeconds: number
  /** Status entries each credential gets: revocation and suspension (default), or one of them. */
  statusPurposes: StatusPurpose[]
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** Trust X-Forwarded-* from a reverse proxy (for client addresses in rate limiting). */
  trustProxy: boolean
  /** Email delivery of offers; undefined: nothing is emailed (claim links are only returned). */
  smtp: SmtpConfig | undefined
  /**
   * PostgreSQL jobs: how long an instance holds a chunk task before pg-boss hands it to another
   * (after a crash, the chunk is taken up again at most this long plus a maintenance pass later).
   */
  jobLeaseSeconds: number
}

export interface SmtpConfig {
  /** `smtp://user:pass@host:587` or `smtps://user:pass@host:465`. Holds a password: never log it. */
  url: string
  /** The From header of offer emails. */
  from: string
}

/** What the command line can set; flags win over the environment and the file. */
export interface ConfigFlags {
  port?: string | undefined
  host?: string | undefined
  config?: string | undefined
  dir?: string | undefined
}

export interface LoadConfigInput {
  env: Readonly<Record<string, string | undefined>>
  cwd: string
  flags?: ConfigFlags
}

export const DEFAULTS = {
  port: 3000,
  host: '127.0.0.1',
  sqlitePath: join('data', 'microcred.sqlite'),
  bodyLimit: 1024 * 1024,
  batchBodyLimit: 64 * 1024 * 1024,
  maxBatchSize: 10_000,
  rateLimitMax: 300,
  rateLimitWindowMs: 60_000,
  apiKeyRateLimitMax: 6000,
  idempotencyTtlMs: 86_400_000,
  statusListMaxAgeSeconds: 300,
  logLevel: 'info',
  jobLeaseSeconds: 60,
} as const

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** The keys a config file may hold (JSON, camelCase); env names in parentheses in docs/api.md. */
const FILE_KEYS = [
  'port',
  'host',
  'databaseUrl',
  'databaseSchema',
  'sqlitePath',
  'publicUrl',
  'bodyLimit',
  'batchBodyLimit',
  'maxBatchSize',
  'rateLimitMax',
  'rateLimitWindowMs',
  'apiKeyRateLimitMax',
  'idempotencyTtlMs',
  'statusListMaxAgeSeconds',
  'statusPurposes',
  'logLevel',
  'trustProxy',
  'smtpUrl',
  'smtpFrom',
  'jobLeaseSeconds',
] as const
type FileKey = (typeof FILE_KEYS)[number]

/** Source of one raw value, for error messages: `PORT`, `--port`, `microcred.config.json: port`. */
interface Raw {
  value: unknown
  from: string
}

export async function loadConfig(input: LoadConfigInput): Promise<Config> {
  const { env, flags = {} } = input
  const dir = resolve(input.cwd, flags.dir ?? '.')
  const problems: string[] = []

  // An empty MICROCRED_CONFIG is unset, like every other variable here.
  const configPath = flags.config ?? (env['MICROCRED_CONFIG'] || undefined)
  const file = configPath === undefined ? {} : await readConfigFile(resolve(dir, configPath), problems)
  const fileLabel = configPath ?? ''

  /** flag > env > file > undefined */
  function pick(key: FileKey, envName: string, flag?: string): Raw | undefined {
    if (flag !== undefined) return { value: flag, from: `--${key}` }
    const fromEnv = env[envName]
    if (fromEnv !== undefined && fromEnv !== '') return { value: fromEnv, from: envName }
    if (key in file) return { value: file[key], from: `${fileLabel}: ${key}` }
    return undefined
  }

  const integer = (raw: Raw | undefined, fallback: number, min: number, max: number, what: string): number => {
    if (raw === undefined) return fallback
    const n = typeof raw.value === 'number' ? raw.value : typeof raw.value === 'string' && /^\s*\d+\s*$/.test(raw.value) ? Number(raw.value) : NaN
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${raw.from}: ${JSON.stringify(raw.value)} is not ${what} (an integer from ${min} to ${max})`)
      return fallback
    }
    return n
  }
  const size = (raw: Raw | undefined, fallback: number): number => {
    if (raw === undefined) return fallback
    const n = parseSize(raw.value)
    if (n === undefined || n < 1024 || n > 1024 ** 3) {
      problems.push(`${raw.from}: ${JSON.stringify(raw.value)} is not a size between 1kb and 1gb (bytes, or a number with kb/mb)`)
      return fallback
    }
    return n
  }
  const text = (raw: Raw | undefined): string | undefined => {
    if (raw === undefined) return undefined
    if (typeof raw.value !== 'string' || raw.value.trim() === '') {
      problems.push(`${raw.from}: ${JSON.stringify(raw.value)} must be a non-empty string`)
      return undefined
    }
    return raw.value.trim()
  }

  const port = integer(pick('port', 'PORT', flags.port), DEFAULTS.port, 0, 65535, 'a port number')
  const host = text(pick('host', 'HOST', flags.host)) ?? DEFAULTS.host

  let database: DatabaseConfig
  const databaseUrl = text(pick('databaseUrl', 'DATABASE_URL'))
  if (databaseUrl !== undefined) {
    let ok = false
    try {
      ok = /^postgres(ql)?:$/.test(new URL(databaseUrl).protocol)
    } catch {
      ok = false
    }
    if (!ok) problems.push(`DATABASE_URL: ${redactUrl(databaseUrl)} is not a postgres:// or postgresql:// URL`)
    const schema = text(pick('databaseSchema', 'DATABASE_SCHEMA')) ?? 'public'
    if (!/^[a-z_][a-z0-9_]{0,62}$/i.test(schema)) problems.push(`DATABASE_SCHEMA: ${JSON.stringify(schema)} is not a plain SQL identifier`)
    database = { kind: 'postgres', url: databaseUrl, schema }
  } else {
    const path = text(pick('sqlitePath', 'SQLITE_PATH')) ?? DEFAULTS.sqlitePath
    database = { kind: 'sqlite', path: isAbsolute(path) ? path : resolve(dir, path) }
  }

  let publicUrl = text(pick('publicUrl', 'PUBLIC_URL'))
  if (publicUrl !== undefined) {
    try {
      const url = new URL(publicUrl)
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme')
      if (url.search !== '' || url.hash !== '') throw new Error('query')
      publicUrl = url.href.replace(/\/+$/, '')
    } catch {
      problems.push(`PUBLIC_URL: ${JSON.stringify(publicUrl)} is not an http(s) URL without query or fragment`)
      publicUrl = undefined
    }
  }

  const logLevelRaw = pick('logLevel', 'LOG_LEVEL')
  let logLevel: Config['logLevel'] = DEFAULTS.logLevel
  if (logLevelRaw !== undefined) {
    if ((LOG_LEVELS as readonly unknown[]).includes(logLevelRaw.value)) logLevel = logLevelRaw.value as Config['logLevel']
    else problems.push(`${logLevelRaw.from}: ${JSON.stringify(logLevelRaw.value)} is not one of ${LOG_LEVELS.join(', ')}`)
  }

  const trustProxyRaw = pick('trustProxy', 'TRUST_PROXY')
  let trustProxy = false
  if (trustProxyRaw !== undefined) {
    const v = trustProxyRaw.value
    if (v === true || v === 'true' || v === '1') trustProxy = true
    else if (v === false || v === 'false' || v === '0') trustProxy = false
    else problems.push(`${trustProxyRaw.from}: ${JSON.stringify(v)} is not true or false`)
  }

  const purposesRaw = pick('statusPurposes', 'STATUS_PURPOSES')
  let statusPurposes: StatusPurpose[] = [...STATUS_PURPOSES]
  if (purposesRaw !== undefined) {
    const list = Array.isArray(purposesRaw.value)
      ? purposesRaw.value
      : typeof purposesRaw.value === 'string'
        ? purposesRaw.value.split(',').map((p) => p.trim())
        : [purposesRaw.value]
    const valid = list.length > 0 && new Set(list).size === list.length && list.every((p) => (STATUS_PURPOSES as readonly unknown[]).includes(p))
    if (valid) statusPurposes = list as StatusPurpose[]
    else problems.push(`${purposesRaw.from}: ${JSON.stringify(purposesRaw.value)} is not a comma-separated list of ${STATUS_PURPOSES.join(', ')}`)
  }

  const smtpUrl = text(pick('smtpUrl', 'SMTP_URL'))
  let smtp: SmtpConfig | undefined
  if (smtpUrl !== undefined) {
    let url: URL | undefined
    try {
      url = new URL(smtpUrl)
    } catch {
      url = undefined
    }
    if (url === undefined || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') {
      // The value holds a password: the message never repeats it.
      problems.push('SMTP_URL: is not an smtp:// or smtps:// URL with a host (e.g. smtp://user:pass@mail.example.edu:587)')
    } else {
      const host = publicUrl === undefined ? 'localhost' : new URL(publicUrl).hostname
      smtp = { url: smtpUrl, from: text(pick('smtpFrom', 'SMTP_FROM')) ?? `microcred <no-reply@${host}>` }
    }
  }

  const windowMs = integer(pick('rateLimitWindowMs', 'RATE_LIMIT_WINDOW_MS'), DEFAULTS.rateLimitWindowMs, 1000, 86_400_000, 'a window in milliseconds')
  const config: Config = {
    dir,
    port,
    host,
    database,
    publicUrl,
    smtp,
    bodyLimit: size(pick('bodyLimit', 'BODY_LIMIT'), DEFAULTS.bodyLimit),
    batchBodyLimit: size(pick('batchBodyLimit', 'BATCH_BODY_LIMIT'), DEFAULTS.batchBodyLimit),
    maxBatchSize: integer(pick('maxBatchSize', 'MAX_BATCH_SIZE'), DEFAULTS.maxBatchSize, 1, 10_000, 'a batch size'),
    rateLimit: { max: integer(pick('rateLimitMax', 'RATE_LIMIT_MAX'), DEFAULTS.rateLimitMax, 1, 1_000_000, 'a request count'), windowMs },
    apiKeyRateLimit: { max: integer(pick('apiKeyRateLimitMax', 'API_KEY_RATE_LIMIT_MAX'), DEFAULTS.apiKeyRateLimitMax, 1, 10_000_000, 'a request count'), windowMs },
    idempotencyTtlMs: integer(pick('idempotencyTtlMs', 'IDEMPOTENCY_TTL_MS'), DEFAULTS.idempotencyTtlMs, 1000, 365 * 86_400_000, 'a time in milliseconds'),
    statusListMaxAgeSeconds: integer(
      pick('statusListMaxAgeSeconds', 'STATUS_LIST_MAX_AGE'),
      DEFAULTS.statusListMaxAgeSeconds,
      0,
      86_400 * 7,
      'a number of seconds',
    ),
    statusPurposes,
    logLevel,
    trustProxy,
    jobLeaseSeconds: integer(pick('jobLeaseSeconds', 'JOB_LEASE_SECONDS'), DEFAULTS.jobLeaseSeconds, 5, 3600, 'a number of seconds'),
  }
  if (problems.length > 0) {
    throw new MicrocredError('ERR_CONFIG_INVALID', `invalid configuration:\n  ${problems.join('\n  ')}`, { details: { problems } })
  }
  return config
}

async function readConfigFile(path: string, problems: string[]): Promise<Partial<Record<FileKey, unknown>>> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    problems.push(`config file ${path} cannot be read`)
    return {}
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (e) {
    problems.push(`config file ${path} is not valid JSON: ${(e as Error).message}`)
    return {}
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    problems.push(`config file ${path} must hold a JSON object`)
    return {}
  }
  for (const key of Object.keys(parsed)) {
    if (!(FILE_KEYS as readonly string[]).includes(key)) problems.push(`config file ${path}: unknown key "${key}" (known: ${FILE_KEYS.join(', ')})`)
  }
  return parsed as Partial<Record<FileKey, unknown>>
}

/** `1048576`, `512kb`, `1mb`, `1.5mb` → bytes. */
export function parseSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(value)
  if (m === null) return undefined
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb' | 'gb']
  return Math.floor(Number(m[1]) * unit)
}

/** A database URL with its password masked, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password !== '') u.password = '***'
    return u.href
  } catch {
    return '(unparseable URL)'
  }
}

/** The store adapter configuration for a service configuration. */
export function storeConfigOf(config: Pick<Config, 'database'> & Partial<Pick<Config, 'idempotencyTtlMs'>>): StoreConfig {
  const options = config.idempotencyTtlMs === undefined ? {} : { idempotencyTtlMs: config.idempotencyTtlMs }
  return config.database.kind === 'postgres'
    ? { kind: 'postgres', connectionString: config.database.url, schema: config.database.schema, ...options }
    : { kind: 'sqlite', filename: config.database.path, ...options }
}
