// One source for each limit and default (src/limits.ts, src/core/limits.ts): the config, the
// store, the HTTP schemas and the CLI read the same numbers.
import { describe, expect, it } from 'vitest'
import { DEFAULTS, loadConfig } from '../../src/config.js'
import { MAX_INPUT_BYTES } from '../../src/cli/read-input.js'
import { updateStatusSchema } from '../../src/http/schemas/credentials.js'
import { batchOfferOption } from '../../src/http/schemas/offers.js'
import * as limits from '../../src/limits.js'
import { MAX_BATCH } from '../../src/storage/store.js'
import { DEFAULT_IDEMPOTENCY_TTL_MS, MAX_STATUS_REASON_LENGTH } from '../../src/storage/store-rules.js'

describe('limits and defaults', () => {
  it('the config defaults and bounds are the named limits', async () => {
    expect(DEFAULTS).toMatchObject({
      bodyLimit: limits.DEFAULT_BODY_LIMIT_BYTES,
      batchBodyLimit: limits.DEFAULT_BATCH_BODY_LIMIT_BYTES,
      maxBatchSize: limits.MAX_BATCH_SIZE,
      rateLimitMax: limits.DEFAULT_RATE_LIMIT_MAX,
      rateLimitWindowMs: limits.DEFAULT_RATE_LIMIT_WINDOW_MS,
      apiKeyRateLimitMax: limits.DEFAULT_API_KEY_RATE_LIMIT_MAX,
      idempotencyTtlMs: limits.DEFAULT_IDEMPOTENCY_TTL_MS,
      statusListMaxAgeSeconds: limits.DEFAULT_STATUS_LIST_MAX_AGE_SECONDS,
    })
    const load = (env: Record<string, string>) => loadConfig({ env, cwd: '/tmp' })
    expect((await load({ MAX_BATCH_SIZE: String(limits.MAX_BATCH_SIZE) })).maxBatchSize).toBe(limits.MAX_BATCH_SIZE)
    await expect(load({ MAX_BATCH_SIZE: String(limits.MAX_BATCH_SIZE + 1) })).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID' })
    await expect(load({ IDEMPOTENCY_TTL_MS: String(limits.MAX_IDEMPOTENCY_TTL_MS + 1) })).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID' })
  })

  it('the store, the schemas and the CLI use the same numbers', () => {
    expect(MAX_BATCH).toBe(limits.MAX_BATCH_SIZE)
    expect(DEFAULT_IDEMPOTENCY_TTL_MS).toBe(limits.DEFAULT_IDEMPOTENCY_TTL_MS)
    expect(MAX_STATUS_REASON_LENGTH).toBe(limits.MAX_STATUS_REASON_LENGTH)
    expect(updateStatusSchema.body.properties.reason.maxLength).toBe(limits.MAX_STATUS_REASON_LENGTH)
    expect(JSON.stringify(batchOfferOption)).toContain(`"maximum":${limits.MAX_OFFER_DAYS}`)
    expect(MAX_INPUT_BYTES).toBe(limits.MAX_CREDENTIAL_INPUT_BYTES)
  })
})
