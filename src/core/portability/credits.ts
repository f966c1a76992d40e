/**
 * @module portability/credits
 * Credit values between systems (ECTS, UK credit, SCQF, NZ credit, US semester/quarter
 * hours, CEU) and notional hours, from the table in `data/credit-systems.json`.
 *
 * A conversion never replaces the issuer's value: it returns a new value with the method
 * that produced it (`fte-year`, `hours-25`, `hours-30`, `declared`) and the original
 * `{ value, system }` beside it, so anyone can re-compute.
 *
 * @example
 * convertCredits({ value: 15, system: 'UK-CATS' }, 'ECTS', 'fte-year')
 * // → { value: 7.5, system: 'ECTS', method: 'fte-year', estimated: false, from: { value: 15, system: 'UK-CATS' }, … }
 */
import table from './data/credit-systems.json' with { type: 'json' }

export const CONVERSION_METHODS = ['fte-year', 'hours-25', 'hours-30', 'declared'] as const
export type ConversionMethod = (typeof CONVERSION_METHODS)[number]

/** Canonical ids of the credit systems microcred knows (aliases are accepted on input). */
export type CreditSystemId = 'ECTS' | 'UK-CATS' | 'SCQF' | 'NZQF' | 'US-SEMESTER' | 'US-QUARTER' | 'CEU'

export interface CreditSystemInfo {
  id: CreditSystemId
  name: string
  aliases: string[]
  hoursPerCredit: { min: number; max: number }
  /** Credits in one full-time year; null when the system has none (CEU). */
  creditsPerYear: number | null
  /** `total` notional workload, or `contact` hours only (CEU). */
  hoursKind: 'total' | 'contact'
  source: string
  confidence: 'V' | 'S' | 'M'
}

export interface CreditValue {
  value: number
  /** Any spelling the issuer used; see `normalizeCreditSystem`. */
  system: string
}

export interface ConvertedCredits {
  value: number
  system: CreditSystemId
  /** The method actually used (a fallback is named, never hidden). */
  method: ConversionMethod
  /** True when the result rests on contact hours or a fallback, not a stated workload. */
  estimated: boolean
  /** The issuer's own value, untouched. */
  from: { value: number; system: string }
  /** Why this factor: the sources of both systems. */
  source: string
}

export interface NotionalHours {
  min: number
  max: number
  kind: 'total' | 'contact'
  estimated: boolean
  source: string
}

export const CREDIT_SYSTEM_TABLE: ReadonlyMap<CreditSystemId, CreditSystemInfo> = new Map(
  Object.entries(table.systems).map(([id, info]) => [id as CreditSystemId, { id: id as CreditSystemId, ...info } as CreditSystemInfo]),
)

/** Describes every method in words (for reports and docs). */
export const CONVERSION_METHOD_DESCRIPTIONS: Readonly<Record<ConversionMethod, string>> = table.methods

const ALIASES = new Map<string, CreditSystemId>()
for (const info of CREDIT_SYSTEM_TABLE.values()) {
  ALIASES.set(info.id.toLowerCase(), info.id)
  for (const alias of info.aliases) ALIASES.set(alias.toLowerCase(), info.id)
}

/** `'NZQCF'` → `'NZQF'`, `'US-SCH'` → `'US-SEMESTER'`; undefined for a unit microcred does not know. */
export function normalizeCreditSystem(system: string | undefined): CreditSystemId | undefined {
  return system === undefined ? undefined : ALIASES.get(system.trim().toLowerCase())
}

export function creditSystemInfo(system: string): CreditSystemInfo | undefined {
  const id = normalizeCreditSystem(system)
  return id === undefined ? undefined : CREDIT_SYSTEM_TABLE.get(id)
}

/** Notional hours for a credit value, as a range (ECTS: 25–30 h per credit). */
export function notionalHours(credits: CreditValue): NotionalHours | undefined {
  const info = creditSystemInfo(credits.system)
  if (info === undefined || !Number.isFinite(credits.value)) return undefined
  return {
    min: credits.value * info.hoursPerCredit.min,
    max: credits.value * info.hoursPerCredit.max,
    kind: info.hoursKind,
    estimated: info.hoursKind !== 'total',
    source: info.source,
  }
}

/** The hours one credit stands for under a method (ECTS depends on the method; others use their own). */
function hoursPerCredit(info: CreditSystemInfo, method: 'hours-25' | 'hours-30'): number {
  if (info.id === 'ECTS') return method === 'hours-25' ? 25 : 30
  return info.hoursPerCredit.max
}

/**
 * Converts a credit value into `target` with `method`. Returns undefined when the unit is
 * unknown, or when `declared` is asked for and the value is not already in `target`.
 */
export function convertCredits(credits: CreditValue, target: string, method: ConversionMethod): ConvertedCredits | undefined {
  const from = creditSystemInfo(credits.system)
  const to = creditSystemInfo(target)
  if (from === undefined || to === undefined || !Number.isFinite(credits.value)) return undefined
  const original = { value: credits.value, system: credits.system }
  const source = from.id === to.id ? from.source : `${from.source}; ${to.source}`
  if (from.id === to.id) {
    return { value: credits.value, system: to.id, method: 'declared', estimated: false, from: original, source }
  }
  if (method === 'declared') return undefined
  if (method === 'fte-year' && from.creditsPerYear !== null && to.creditsPerYear !== null) {
    return { value: (credits.value * to.creditsPerYear) / from.creditsPerYear, system: to.id, method, estimated: false, from: original, source }
  }
  // Hour-based (asked for, or the fallback for systems without a full-time year: the lower ECTS bound).
  const used: 'hours-25' | 'hours-30' = method === 'hours-25' ? 'hours-25' : 'hours-30'
  const hours = credits.value * hoursPerCredit(from, used)
  return {
    value: hours / hoursPerCredit(to, used),
    system: to.id,
    method: used,
    estimated: method === 'fte-year' || from.hoursKind !== 'total',
    from: original,
    source,
  }
}

/**
 * Converts bare notional hours (a workload with no credit value) into `target`. Hour-based
 * only; `fte-year` falls back to `hours-30` (the conservative bound) and says so.
 */
export function convertHours(hours: number, target: string, method: ConversionMethod): ConvertedCredits | undefined {
  const to = creditSystemInfo(target)
  if (to === undefined || !Number.isFinite(hours) || method === 'declared') return undefined
  const used: 'hours-25' | 'hours-30' = method === 'hours-25' ? 'hours-25' : 'hours-30'
  return {
    value: hours / hoursPerCredit(to, used),
    system: to.id,
    method: used,
    estimated: method === 'fte-year',
    from: { value: hours, system: 'hours' },
    source: to.source,
  }
}
