/**
 * @module server
 * The process around the app: the only module that reads `process.env`, listens on a socket
 * and handles signals. It loads the configuration, loads the issuer (creating one — Ed25519
 * did:key, key file 0600 under keys/ — when the directory has none, and saying so), opens the
 * store (running migrations), builds the app, listens, and on SIGTERM/SIGINT stops accepting
 * connections, lets in-flight requests finish, then closes the store.
 *
 * @example
 * const server = await startServer({ flags: { port: '0' } })
 * console.log(server.url)
 * await server.close()
 */
import { createServer, type AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { loadConfig, redactUrl, storeConfigOf, type Config, type ConfigFlags } from './config.js'
import { isMicrocredError, MicrocredError, systemClock, type Issuer } from './core/index.js'
import { createSmtpMailer } from './delivery/mailer.js'
import { createOutboxWorker, type OutboxWorker } from './delivery/outbox-worker.js'
import { buildApp } from './http/app.js'
import { ActiveIssuer } from './issuance/context.js'
import { didWebFromUrl, isDidWeb, registerIssuerKeys } from './issuance/did-web.js'
import { initIssuer, loadIssuer, loadIssuerWithMaterial } from './kms/issuer-directory.js'
import { createIssuePool, type IssuePool } from './workers/issue-pool.js'
import { openStore } from './storage/open-store.js'
import { pgBossJobQueue } from './jobs/pg-boss-queue.js'
import type { Store } from './storage/store.js'

/** Longest a shutdown may take before the process is ended anyway. */
const SHUTDOWN_TIMEOUT_MS = 30_000
/** How often expired idempotency records are purged (at most; sooner for a short TTL). */
const IDEMPOTENCY_PURGE_INTERVAL_MS = 3_600_000

export interface StartServerOptions {
  flags?: ConfigFlags
  /** Default: process.env. */
  env?: Readonly<Record<string, string | undefined>>
  /** Default: process.cwd(). */
  cwd?: string
  /** Install SIGTERM/SIGINT handlers (default true). */
  handleSignals?: boolean
}

export interface RunningServer {
  app: FastifyInstance
  config: Config
  /** The public base URL in use. */
  url: string
  /** Stops accepting, drains in-flight requests, closes the store. Idempotent. */
  close(): Promise<void>
  /** Resolves once the server has closed (after a signal or `close()`). */
  closed: Promise<void>
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env
  const config = await loadConfig({ env, cwd: options.cwd ?? process.cwd(), flags: options.flags ?? {} })
  // Before anything is created: a busy port must not leave a new issuer and key behind.
  await probePort(config.host, config.port)

  const { issuer, created } = await loadOrCreateIssuer(config.dir)
  // Until the app's logger exists, a failed background checkpoint is reported on stderr.
  let reportCheckpointError = (message: string): void => void process.stderr.write(`SQLite checkpoint failed: ${message}\n`)
  const storeConfig = storeConfigOf(config)
  const store = await openStore(
    storeConfig.kind === 'sqlite' ? { ...storeConfig, backgroundCheckpoints: true, onCheckpointError: (message) => reportCheckpointError(message) } : storeConfig,
  )
  let publicUrl = config.publicUrl
  let app: FastifyInstance
  let pool: IssuePool | undefined
  // The outbox worker starts after listening; until then a queued email waits for its first pass.
  let wakeOutbox = (): void => {}
  try {
    // Batches are signed on every core; the workers import the active key once each.
    const { material } = await loadIssuerWithMaterial(config.dir)
    pool = createIssuePool({ issuer, material })
    const active = new ActiveIssuer(issuer, config.dir)
    // Without PUBLIC_URL the base is the listening address (known once listening).
    const baseUrl = (): string => publicUrl ?? urlOfAddress(app.server.address() as AddressInfo)
    app = await buildApp({
      store,
      issuer: active,
      baseUrl,
      limits: config,
      trustProxy: config.trustProxy,
      statusPurposes: config.statusPurposes,
      pool,
      logger: { level: config.logLevel },
      emailDelivery: config.smtp !== undefined,
      onEmailsQueued: () => wakeOutbox(),
      // Jobs: in this process with SQLite (the app's default); with PostgreSQL a pg-boss queue
      // every instance shares. Started when the app is ready, drained when it closes (SIGTERM).
      ...(config.database.kind === 'postgres'
        ? { jobs: pgBossJobQueue({ connectionString: config.database.url, schema: `${config.database.schema}_pgboss`.slice(0, 63), leaseSeconds: config.jobLeaseSeconds }) }
        : {}),
    })
    reportCheckpointError = (message) => app.log.warn({ error: message }, 'SQLite background checkpoint failed')
    await registerIssuerKeys({ store, issuer: active, clock: systemClock, baseUrl })
    if (created !== undefined) {
      app.log.info(
        { issuer: issuer.id, config: created.configPath, keyFile: created.keyPath, keyFileMode: '0600' },
        `no issuer in ${config.dir}: created ${issuer.id} (config ${created.configPath}, private key ${created.keyPath}, mode 0600 — back it up, never commit it)`,
      )
    }
    app.log.info(
      { store: store.kind, database: config.database.kind === 'sqlite' ? config.database.path : redactUrl(config.database.url) },
      config.database.kind === 'sqlite' ? `SQLite database ${config.database.path}` : `PostgreSQL database ${redactUrl(config.database.url)} (schema ${config.database.schema})`,
    )
    await app.listen({ port: config.port, host: config.host }).catch((e: unknown) => {
      throw listenError(e, config.host, config.port) ?? e
    })
  } catch (e) {
    await pool?.close().catch(() => {})
    await store.close().catch(() => {})
    throw e
  }

  if (publicUrl === undefined) {
    publicUrl = urlOfAddress(app.server.address() as AddressInfo)
    app.log.warn(`PUBLIC_URL is not set: credential and status-list URLs use ${publicUrl}; set PUBLIC_URL to the address verifiers reach`)
  }
  warnOnDidWebMismatch(app, issuer, publicUrl)
  const listening = urlOfAddress(app.server.address() as AddressInfo)
  app.log.info({ url: publicUrl, listen: listening, issuer: issuer.id }, `microcred listening on ${listening}${listening === publicUrl ? '' : ` (public URL ${publicUrl})`}`)

  const stopPurging = purgeIdempotencyPeriodically(app, store, Math.min(config.idempotencyTtlMs, IDEMPOTENCY_PURGE_INTERVAL_MS))
  const delivery = startOfferDelivery(app, config, { store, issuer: new ActiveIssuer(issuer, config.dir), clock: systemClock, baseUrl: () => publicUrl! })
  wakeOutbox = delivery.wake
  const stopBackground = async (): Promise<void> => {
    stopPurging()
    await delivery.stop()
  }
  return withShutdown(app, store, pool, config, publicUrl, options.handleSignals ?? true, stopBackground)
}

/**
 * With SMTP_URL, runs the outbox worker that emails claim links (queued in the store, so
 * nothing is lost across restarts). `wake` runs a pass now (the issue routes call it after
 * queueing); `stop` ends the loop after its current message.
 */
function startOfferDelivery(app: FastifyInstance, config: Config, ctx: Parameters<typeof createOutboxWorker>[0]): { wake: () => void; stop: () => Promise<void> } {
  if (config.smtp === undefined) {
    app.log.info('SMTP_URL is not set: offers are not emailed; their claim links are only returned by the issue routes')
    return { wake: () => {}, stop: async () => {} }
  }
  const mailer = createSmtpMailer(config.smtp)
  const worker: OutboxWorker = createOutboxWorker(ctx, mailer, {
    onError: (message, details) => app.log.warn(details, message),
  })
  worker.start()
  app.log.info({ smtp: redactUrl(config.smtp.url) }, 'emailing offers through SMTP')
  return {
    wake: () => worker.wake(),
    stop: async () => {
      await worker.stop()
      mailer.close()
    },
  }
}

/** Deletes expired idempotency records now and every `intervalMs`; returns the stop function. */
function purgeIdempotencyPeriodically(app: FastifyInstance, store: Store, intervalMs: number): () => void {
  const purge = (): void => {
    store.purgeExpiredIdempotency().then(
      (purged) => {
        if (purged > 0) app.log.info({ purged }, `purged ${purged} expired idempotency records`)
      },
      (e: unknown) => app.log.warn({ err: e }, 'purging expired idempotency records failed; retrying at the next interval'),
    )
  }
  purge()
  const timer = setInterval(purge, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}

/**
 * Binds HOST:PORT once and lets it go again, so a port that is taken or not permitted is
 * reported before the issuer, its key or the database are created. (Port 0 always binds.)
 */
export async function probePort(host: string, port: number): Promise<void> {
  if (port === 0) return
  await new Promise<void>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', (e) => reject(listenError(e, host, port) ?? e))
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()))
  })
}

/** A one-line, actionable error for the listen failures an operator causes. */
export function listenError(e: unknown, host: string, port: number): MicrocredError | undefined {
  const code = (e as { code?: unknown } | null)?.code
  if (code === 'EADDRINUSE') {
    return new MicrocredError('ERR_CONFIG_PORT_UNAVAILABLE', `port ${port} on ${host} is already in use (another microcred serve?): stop that process or choose another port with --port or PORT`, { cause: e })
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new MicrocredError('ERR_CONFIG_PORT_UNAVAILABLE', `not permitted to listen on port ${port} on ${host} (ports below 1024 need privileges): choose a port from 1024 up with --port or PORT`, { cause: e })
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new MicrocredError('ERR_CONFIG_PORT_UNAVAILABLE', `cannot listen on ${host}:${port}: ${host} is not an address of this machine; set --host or HOST`, { cause: e })
  }
  return undefined
}

function urlOfAddress(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? (address.address === '::' ? '[::1]' : `[${address.address}]`) : address.address === '0.0.0.0' ? '127.0.0.1' : address.address
  return `http://${host}:${address.port}`
}

async function loadOrCreateIssuer(dir: string): Promise<{ issuer: Issuer; created?: { configPath: string; keyPath: string } }> {
  try {
    return { issuer: await loadIssuer(dir) }
  } catch (e) {
    if (!isMicrocredError(e) || e.code !== 'ERR_ISSUER_NOT_FOUND') throw e
  }
  try {
    const { issuer, configPath, keyPath } = await initIssuer(dir)
    return { issuer, created: { configPath, keyPath } }
  } catch (e) {
    // Another process created it at the same moment: use that one.
    if (isMicrocredError(e) && e.code === 'ERR_ISSUER_EXISTS') return { issuer: await loadIssuer(dir) }
    throw e
  }
}

function warnOnDidWebMismatch(app: FastifyInstance, issuer: Issuer, publicUrl: string): void {
  if (!isDidWeb(issuer.id)) return
  let expected: string | undefined
  try {
    expected = didWebFromUrl(publicUrl)
  } catch {
    expected = undefined
  }
  if (expected !== issuer.id) {
    app.log.warn(`the issuer ${issuer.id} is a did:web, but this service is reached at ${publicUrl}: verifiers resolve the DID at its own host`)
  }
}

function withShutdown(
  app: FastifyInstance,
  store: Store,
  pool: IssuePool,
  config: Config,
  url: string,
  handleSignals: boolean,
  stopBackground: () => Promise<void>,
): RunningServer {
  let closing: Promise<void> | undefined
  let resolveClosed!: () => void
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve))

  const close = (): Promise<void> => {
    closing ??= (async () => {
      try {
        await stopBackground() // the outbox worker finishes the message it is sending
        await app.close() // stops accepting; in-flight requests finish first
      } finally {
        await pool.close()
        await store.close()
        resolveClosed()
      }
    })()
    return closing
  }

  if (handleSignals) {
    const onSignal = (signal: NodeJS.Signals): void => {
      app.log.info(`${signal}: finishing in-flight requests, then closing the store`)
      const timer = setTimeout(() => {
        app.log.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms; exiting`)
        process.exit(1)
      }, SHUTDOWN_TIMEOUT_MS)
      timer.unref()
      close().then(
        () => app.log.info('closed'),
        (e: unknown) => {
          app.log.error({ err: e }, 'shutdown failed')
          process.exitCode = 1
        },
      )
    }
    process.once('SIGTERM', onSignal)
    process.once('SIGINT', onSignal)
    void closed.then(() => {
      process.removeListener('SIGTERM', onSignal)
      process.removeListener('SIGINT', onSignal)
    })
  }
  return { app, config, url, close, closed }
}
