// Credit conversion: every row of data/credit-systems.json, every method, the fallbacks, and
// the issuer's own value never replaced.
import { describe, expect, it } from 'vitest'
import {
  CONVERSION_METHODS,
  CREDIT_SYSTEM_TABLE,
  convertCredits,
  convertHours,
  creditSystemInfo,
  normalizeCreditSystem,
  notionalHours,
} from '../../../src/core/index.js'

describe('the credit-system table', () => {
  it.each([
    // id, hours per credit (min, max), credits per full-time year, hours kind, confidence
    ['ECTS', 25, 30, 60, 'total', 'V'],
    ['UK-CATS', 10, 10, 120, 'total', 'V'],
    ['SCQF', 10, 10, 120, 'total', 'V'],
    ['NZQF', 10, 10, 120, 'total', 'V'],
    ['US-SEMESTER', 37.5, 45, 30, 'total', 'V'],
    ['US-QUARTER', 25, 30, 45, 'total', 'V'],
    ['CEU', 10, 10, null, 'contact', 'M'],
  ] as const)('%s: %s–%s h per credit, %s per year (%s hours, [%s])', (id, min, max, perYear, kind, confidence) => {
    const info = CREDIT_SYSTEM_TABLE.get(id)!
    expect(info).toMatchObject({ id, hoursPerCredit: { min, max }, creditsPerYear: perYear, hoursKind: kind, confidence })
    expect(info.source.length).toBeGreaterThan(10)
  })

  it('has exactly the seven systems, each with a source', () => {
    expect([...CREDIT_SYSTEM_TABLE.keys()].sort()).toEqual(['CEU', 'ECTS', 'NZQF', 'SCQF', 'UK-CATS', 'US-QUARTER', 'US-SEMESTER'])
  })

  it.each([
    ['ECTS', 'ECTS'],
    ['ects credits', 'ECTS'],
    ['http://data.europa.eu/snb/education-credit/6fcec5c5af', 'ECTS'],
    ['UK credit', 'UK-CATS'],
    ['CATS', 'UK-CATS'],
    ['NZQCF', 'NZQF'],
    ['NZ-credit', 'NZQF'],
    ['US-SCH', 'US-SEMESTER'],
    ['SCQF credit points', 'SCQF'],
    [' ceu ', 'CEU'],
  ])('normalises %j to %s', (alias, id) => {
    expect(normalizeCreditSystem(alias)).toBe(id)
  })

  it('does not guess an unknown unit', () => {
    expect(normalizeCreditSystem('credit hours')).toBeUndefined()
    expect(normalizeCreditSystem(undefined)).toBeUndefined()
    expect(convertCredits({ value: 3, system: 'credit hours' }, 'ECTS', 'fte-year')).toBeUndefined()
    expect(creditSystemInfo('points')).toBeUndefined()
  })
})

describe('convertCredits', () => {
  // value, from, to, method, expected value, method actually used, estimated
  it.each([
    [60, 'UK-CATS', 'ECTS', 'fte-year', 30, 'fte-year', false],
    [15, 'UK-CATS', 'ECTS', 'fte-year', 7.5, 'fte-year', false],
    [20, 'SCQF', 'ECTS', 'fte-year', 10, 'fte-year', false],
    [40, 'NZQF', 'ECTS', 'fte-year', 20, 'fte-year', false],
    [3, 'US-SEMESTER', 'ECTS', 'fte-year', 6, 'fte-year', false],
    [3, 'US-QUARTER', 'ECTS', 'fte-year', 4, 'fte-year', false],
    [5, 'ECTS', 'UK-CATS', 'fte-year', 10, 'fte-year', false],
    [30, 'UK-CATS', 'NZQF', 'fte-year', 30, 'fte-year', false],
    // hour-based: 10 h per UK credit, 25 or 30 h per ECTS
    [15, 'UK-CATS', 'ECTS', 'hours-25', 6, 'hours-25', false],
    [15, 'UK-CATS', 'ECTS', 'hours-30', 5, 'hours-30', false],
    [5, 'ECTS', 'UK-CATS', 'hours-25', 12.5, 'hours-25', false],
    [5, 'ECTS', 'UK-CATS', 'hours-30', 15, 'hours-30', false],
    [3, 'US-SEMESTER', 'ECTS', 'hours-30', 4.5, 'hours-30', false],
    [3, 'US-SEMESTER', 'ECTS', 'hours-25', 5.4, 'hours-25', false],
    // CEU has no full-time year: fte-year falls back to hours-30 and is an estimate (contact hours)
    [3, 'CEU', 'ECTS', 'fte-year', 1, 'hours-30', true],
    [3, 'CEU', 'ECTS', 'hours-25', 1.2, 'hours-25', true],
    // same unit: nothing to convert, the issuer's value as declared
    [7, 'ECTS', 'ECTS', 'fte-year', 7, 'declared', false],
    [7, 'NZQCF', 'NZQF', 'hours-30', 7, 'declared', false],
  ] as const)('%s %s → %s with %s = %s (%s, estimated %s)', (value, from, to, method, expected, used, estimated) => {
    const result = convertCredits({ value, system: from }, to, method)!
    expect(result.value).toBeCloseTo(expected, 9)
    expect(result.method).toBe(used)
    expect(result.estimated).toBe(estimated)
    expect(result.system).toBe(normalizeCreditSystem(to))
    expect(result.from).toEqual({ value, system: from })
    expect(result.source).toContain(CREDIT_SYSTEM_TABLE.get(normalizeCreditSystem(from)!)!.source)
  })

  it('with "declared" converts nothing: only a value already in the target unit counts', () => {
    expect(convertCredits({ value: 15, system: 'UK-CATS' }, 'ECTS', 'declared')).toBeUndefined()
    expect(convertCredits({ value: 5, system: 'ECTS' }, 'ECTS', 'declared')).toMatchObject({ value: 5, method: 'declared' })
  })

  it('never changes the value it is given', () => {
    const credits = Object.freeze({ value: 15, system: 'UK-CATS' })
    for (const method of CONVERSION_METHODS) convertCredits(credits, 'ECTS', method)
    expect(credits).toEqual({ value: 15, system: 'UK-CATS' })
  })

  it('year-based and hour-based methods disagree for 10-hour credits, and the method says which was used', () => {
    const year = convertCredits({ value: 120, system: 'UK-CATS' }, 'ECTS', 'fte-year')!
    const hours = convertCredits({ value: 120, system: 'UK-CATS' }, 'ECTS', 'hours-30')!
    expect(year.value).toBe(60)
    expect(hours.value).toBe(40)
    expect([year.method, hours.method]).toEqual(['fte-year', 'hours-30'])
  })
})

describe('convertHours and notionalHours', () => {
  it.each([
    [125, 'ECTS', 'hours-25', 5, 'hours-25', false],
    [150, 'ECTS', 'hours-30', 5, 'hours-30', false],
    [150, 'ECTS', 'fte-year', 5, 'hours-30', true],
    [100, 'UK-CATS', 'hours-25', 10, 'hours-25', false],
  ] as const)('%s h → %s with %s = %s (%s)', (hours, to, method, expected, used, estimated) => {
    expect(convertHours(hours, to, method)).toMatchObject({ value: expected, method: used, estimated, from: { value: hours, system: 'hours' } })
  })

  it('declared hours are not credits', () => {
    expect(convertHours(100, 'ECTS', 'declared')).toBeUndefined()
  })

  it.each([
    [5, 'ECTS', 125, 150, 'total', false],
    [15, 'UK-CATS', 150, 150, 'total', false],
    [10, 'NZQCF', 100, 100, 'total', false],
    [3, 'US-SEMESTER', 112.5, 135, 'total', false],
    [2, 'CEU', 20, 20, 'contact', true],
  ] as const)('%s %s = %s–%s notional hours (%s)', (value, system, min, max, kind, estimated) => {
    expect(notionalHours({ value, system })).toMatchObject({ min, max, kind, estimated })
  })
})
