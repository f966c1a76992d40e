/**
 * @module limits
 * The service's limits and defaults, each defined once: the config loader (src/config.ts)
 * takes its defaults and bounds from here, the store, the HTTP schemas, the use-cases and the
 * CLI help import them. The core's own limits live in src/core/limits.ts (the core imports
 * nothing from outside it) and are re-exported here.
 */
export * from './core/limits.js'

const DAY_MS = 86_400_000

/** Most credentials (or offers) in one batch request or store call; also the most MAX_BATCH_SIZE may be set to. */
export const MAX_BATCH_SIZE = 10_000

/** Request bodies: one credential, and a batch (BODY_LIMIT, BATCH_BODY_LIMIT). */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024
export const DEFAULT_BATCH_BODY_LIMIT_BYTES = 64 * 1024 * 1024

/** Rate limits: per client address on public routes, per API key on the others, in one window. */
export const DEFAULT_RATE_LIMIT_MAX = 300
export const MAX_RATE_LIMIT = 1_000_000
export const DEFAULT_API_KEY_RATE_LIMIT_MAX = 6000
export const MAX_API_KEY_RATE_LIMIT = 10_000_000
export const DEFAULT_RATE_LIMIT_WINDOW_MS = 60_000
export const MIN_RATE_LIMIT_WINDOW_MS = 1000
export const MAX_RATE_LIMIT_WINDOW_MS = DAY_MS

/**
 * API keys the service looked up are reused for this long (http/api-key-cache.ts): the most a
 * key revoked by another process (the CLI, another instance) keeps working here. At most this
 * many keys are held.
 */
export const API_KEY_CACHE_TTL_MS = 1000
export const API_KEY_CACHE_MAX = 1000

/** Idempotency records: kept 24 h by default, at least 1 s and at most a year. */
export const DEFAULT_IDEMPOTENCY_TTL_MS = DAY_MS
export const MIN_IDEMPOTENCY_TTL_MS = 1000
export const MAX_IDEMPOTENCY_TTL_MS = 365 * DAY_MS

/** Cache-Control max-age of a served status list. */
export const DEFAULT_STATUS_LIST_MAX_AGE_SECONDS = 300
export const MAX_STATUS_LIST_MAX_AGE_SECONDS = 7 * 86_400

/** Offers: days until a claim link stops working. */
export const DEFAULT_OFFER_DAYS = 30
export const MAX_OFFER_DAYS = 365

/** Longest status-change reason kept (never published). */
export const MAX_STATUS_REASON_LENGTH = 1000

/** Listing pages. */
export const DEFAULT_PAGE_SIZE = 100
export const MAX_PAGE_SIZE = 1000

/**
 * Old-generation heap of each issue-pool worker, in MiB. A worker holds its key, the bundled
 * contexts and a few messages of credentials (a few MiB live), but a long job streams gigabytes
 * of short-lived text through it, and an unbounded old generation grows by tens of MiB of
 * garbage per worker before V8 collects it (docs/performance.md, Jobs). The limit makes it
 * collect sooner.
 */
export const WORKER_HEAP_MB = 96
