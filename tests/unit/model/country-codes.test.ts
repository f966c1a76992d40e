import { describe, expect, it } from 'vitest'
import { COUNTRY_CODES, countryName, isCountryCode, parseCountryCode } from '../../../src/core/index.js'

describe('ISO 3166-1 alpha-2 country codes', () => {
  it('lists the 249 assigned codes once each, two capital letters, sorted', () => {
    expect(COUNTRY_CODES).toHaveLength(249)
    expect(new Set(COUNTRY_CODES).size).toBe(249)
    expect(COUNTRY_CODES.every((c) => /^[A-Z]{2}$/.test(c))).toBe(true)
    expect([...COUNTRY_CODES].sort()).toEqual(COUNTRY_CODES)
    // Every one is a region CLDR names (a typo in the list would come back as itself).
    expect(COUNTRY_CODES.filter((c) => countryName(c) === c)).toEqual([])
  })

  it('excludes user-assigned and reserved codes', () => {
    for (const code of ['UK', 'EU', 'EL', 'XK', 'ZZ', 'AA', 'QM']) expect(isCountryCode(code)).toBe(false)
    for (const code of ['IE', 'NZ', 'DE', 'GB', 'SS', 'BQ', 'AX']) expect(isCountryCode(code)).toBe(true)
    expect(isCountryCode('ie')).toBe(false) // stored upper case only
  })

  it('reads a code in any case and upper-cases it', () => {
    expect(parseCountryCode('ie')).toEqual({ ok: true, code: 'IE' })
    expect(parseCountryCode(' nz ')).toEqual({ ok: true, code: 'NZ' })
  })

  it('refuses a country name, suggesting its code', () => {
    const result = parseCountryCode('Ireland')
    expect(result).toMatchObject({ ok: false, suggestion: 'IE' })
    expect(!result.ok && result.message).toBe('"Ireland" is not an ISO 3166-1 alpha-2 country code (two letters, e.g. NZ, IE, DE); did you mean IE (Ireland)?')
    expect(parseCountryCode('ireland')).toMatchObject({ suggestion: 'IE' })
    expect(parseCountryCode('Germny')).toMatchObject({ suggestion: 'DE' })
    expect(parseCountryCode('new zealand')).toMatchObject({ suggestion: 'NZ' })
  })

  it('suggests GB for UK and GR for EL (the reserved codes people use)', () => {
    expect(parseCountryCode('UK')).toMatchObject({ ok: false, suggestion: 'GB' })
    expect(parseCountryCode('el')).toMatchObject({ ok: false, suggestion: 'GR' })
  })

  it('does not guess from short non-codes or unknown names', () => {
    expect(parseCountryCode('IRL')).toEqual({ ok: false, message: expect.stringContaining('"IRL" is not') })
    expect(parseCountryCode('XX')).not.toHaveProperty('suggestion')
    expect(parseCountryCode('Atlantis')).not.toHaveProperty('suggestion')
  })
})
