// API keys: the --expires grammar and why a token does or does not authenticate.
import { describe, expect, it } from 'vitest'
import { authenticateApiKey, createApiKey, parseApiKeyExpiry } from '../../../src/issuance/api-keys.js'
import { createMemoryStore } from '../../../src/storage/memory/memory-store.js'

const NOW = new Date('2026-12-03T10:00:00.000Z')

describe('parseApiKeyExpiry', () => {
  it('reads durations from now and dates (a bare date is midnight UTC)', () => {
    expect(parseApiKeyExpiry('30d', NOW).toISOString()).toBe('2027-01-02T10:00:00.000Z')
    expect(parseApiKeyExpiry('12h', NOW).toISOString()).toBe('2026-12-03T22:00:00.000Z')
    expect(parseApiKeyExpiry('90m', NOW).toISOString()).toBe('2026-12-03T11:30:00.000Z')
    expect(parseApiKeyExpiry('2w', NOW).toISOString()).toBe('2026-12-17T10:00:00.000Z')
    expect(parseApiKeyExpiry('2027-01-31', NOW).toISOString()).toBe('2027-01-31T00:00:00.000Z')
    expect(parseApiKeyExpiry('2027-01-31T12:00:00+01:00', NOW).toISOString()).toBe('2027-01-31T11:00:00.000Z')
  })

  it('refuses other text, impossible dates and instants not in the future (ERR_USAGE)', () => {
    for (const text of ['soon', '30', '30y', '-1d', '2027-13-01', '2027-02-30T25:00:00Z', '0d', '2026-12-03', '2026-01-01T00:00:00Z']) {
      expect(() => parseApiKeyExpiry(text, NOW), text).toThrow(expect.objectContaining({ code: 'ERR_USAGE' }))
    }
  })
})

describe('authenticateApiKey', () => {
  it('tells invalid, revoked and expired apart, and lets a live key in', async () => {
    const store = createMemoryStore()
    await store.migrate()
    const live = await createApiKey(store, { scopes: ['read'], expiresAt: new Date(NOW.getTime() + 1000) })
    const forever = await createApiKey(store, { scopes: ['read'] })
    const revoked = await createApiKey(store, { scopes: ['read'] })
    await store.revokeApiKey(revoked.record.id)
    expect(await authenticateApiKey(store, live.token, NOW)).toEqual({ ok: true, key: live.record })
    expect(await authenticateApiKey(store, forever.token, new Date('2099-01-01T00:00:00Z'))).toMatchObject({ ok: true })
    expect(await authenticateApiKey(store, live.token, new Date(NOW.getTime() + 1000))).toEqual({ ok: false, reason: 'expired' })
    expect(await authenticateApiKey(store, revoked.token, NOW)).toEqual({ ok: false, reason: 'revoked' })
    expect(await authenticateApiKey(store, `${live.token.slice(0, -1)}${live.token.endsWith('A') ? 'B' : 'A'}`, NOW)).toEqual({ ok: false, reason: 'invalid' })
    expect(await authenticateApiKey(store, 'not-a-token', NOW)).toEqual({ ok: false, reason: 'invalid' })
  })
})
