/**
 * @module cli/service-store
 * How every CLI command that touches the service's database finds it: exactly as
 * `microcred serve` does (src/server.ts) — the same config loader, so the same `--dir`,
 * `--config`/MICROCRED_CONFIG, DATABASE_URL, DATABASE_SCHEMA and SQLITE_PATH rules — and
 * says on stderr which store it used. Two traps are closed here:
 * - a directory without an issuer is not a service directory: refused before anything is
 *   opened or created (a key created there would be one the real service never sees);
 * - a command that only reads never creates the SQLite file or its folder.
 */
import { existsSync } from 'node:fs'
import { loadConfig, redactUrl, storeConfigOf, type Config } from '../config.js'
import { isMicrocredError, MicrocredError, systemClock, type Issuer } from '../core/index.js'
import { ActiveIssuer, type IssuanceContext } from '../issuance/context.js'
import { loadIssuer, readIssuerConfig } from '../kms/issuer-directory.js'
import { openStore } from '../storage/open-store.js'
import type { Store } from '../storage/store.js'
import { stringOption, type CliIO, type OptionSpec, type ParsedArgs } from './command.js'

/** The options every store command accepts (documented in each command's help). */
export const SERVICE_OPTIONS = {
  dir: { type: 'string' },
  config: { type: 'string' },
} as const satisfies OptionSpec

export const SERVICE_OPTIONS_HELP = `  --dir DIR        the service directory, as for microcred serve (default: .)
  --config FILE    the service's config file (MICROCRED_CONFIG; see microcred serve --help)`

/** `read`: never creates anything; `write`: may create the SQLite file (as serve does). */
export type StoreAccess = 'read' | 'write'

export interface ServiceStore {
  config: Config
  store: Store
}

export async function loadServiceConfig(args: ParsedArgs, io: CliIO): Promise<Config> {
  return loadConfig({ env: io.env, cwd: io.cwd, flags: { dir: stringOption(args, 'dir'), config: stringOption(args, 'config') } })
}

/** One line naming the store, with any password masked. */
export function describeStore(config: Pick<Config, 'database'>): string {
  const db = config.database
  return db.kind === 'sqlite' ? `SQLite ${db.path}` : `PostgreSQL ${redactUrl(db.url)} (schema ${db.schema})`
}

export async function openServiceStore(args: ParsedArgs, io: CliIO, access: StoreAccess): Promise<ServiceStore> {
  const config = await loadServiceConfig(args, io)
  return { config, store: await openConfiguredStore(config, io, access) }
}

/**
 * Opens (and migrates) the store `config` names, after the checks above; says which on
 * stderr unless `announce` is false (the caller then says it once it has succeeded).
 */
export async function openConfiguredStore(config: Config, io: CliIO, access: StoreAccess, announce = true): Promise<Store> {
  await requireServiceDirectory(config.dir)
  if (access === 'read' && config.database.kind === 'sqlite' && !existsSync(config.database.path)) {
    throw new MicrocredError(
      'ERR_STORE_MISSING',
      `no database at ${config.database.path}: nothing has been stored for the issuer in ${config.dir} yet (microcred serve or microcred issue creates it; for PostgreSQL set DATABASE_URL as for serve)`,
    )
  }
  if (announce) io.stderr(`store: ${describeStore(config)}\n`)
  return openStore(storeConfigOf(config))
}

/** Refuses a directory with no microcred.json, naming what to do instead. */
export async function requireServiceDirectory(dir: string): Promise<void> {
  try {
    await readIssuerConfig(dir)
  } catch (e) {
    if (isMicrocredError(e) && e.code === 'ERR_ISSUER_NOT_FOUND') {
      throw new MicrocredError(
        'ERR_ISSUER_NOT_FOUND',
        `no issuer in ${dir} (no microcred.json), so it is not a service directory: run this where microcred serve runs, pass --dir, or create an issuer with microcred init`,
      )
    }
    throw e
  }
}

/**
 * The base URL in credential ids and status-list URLs, chosen as serve chooses it:
 * PUBLIC_URL, else the address serve listens on with this configuration (HOST:PORT).
 */
export function baseUrlOf(config: Config): { url: string; configured: boolean } {
  if (config.publicUrl !== undefined) return { url: config.publicUrl, configured: true }
  if (config.port === 0) {
    throw new MicrocredError('ERR_CONFIG_INVALID', 'PUBLIC_URL is not set and PORT is 0, so the URL status lists are served at is unknown: set PUBLIC_URL (or publicUrl in the config file)')
  }
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host === '::' ? '[::1]' : config.host.includes(':') ? `[${config.host}]` : config.host
  return { url: `http://${host}:${config.port}`, configured: false }
}

/** The issuance use-cases' context, as serve builds it, over an open store. */
export function issuanceContext(config: Config, store: Store, issuer: Issuer): IssuanceContext {
  const base = baseUrlOf(config).url
  return { store, issuer: new ActiveIssuer(issuer, config.dir), clock: systemClock, baseUrl: () => base, statusPurposes: config.statusPurposes }
}

/** Store + issuer + context for commands that change status or sign lists; `close` releases the store. */
export async function openIssuance(args: ParsedArgs, io: CliIO, access: StoreAccess): Promise<{ ctx: IssuanceContext; config: Config; close: () => Promise<void> }> {
  const config = await loadServiceConfig(args, io)
  const issuer = await loadIssuer(config.dir)
  baseUrlOf(config) // refuse an unknown base URL before opening anything
  const store = await openConfiguredStore(config, io, access)
  return { ctx: issuanceContext(config, store, issuer), config, close: () => store.close() }
}
