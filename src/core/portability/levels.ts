/**
 * @module portability/levels
 * Qualification-framework levels and their EQF equivalents, from `data/level-map.json`.
 *
 * A national level can have several candidate EQF levels (SCQF 7 → EQF 4 or 5) or none
 * (NZQCF 8). Rules are conservative: "EQF ≥ 6" holds only when *every* candidate meets it,
 * unless the caller opts into `any`. Mappings below a minimum confidence are ignored, and
 * an EQF level the issuer states on the credential is used before any mapping.
 *
 * @example
 * eqfCandidates([{ framework: 'SCQF', code: '7' }]) // → { eqf: [4, 5], confidence: 'comparison', … }
 * meetsLevel([{ framework: 'SCQF', code: '7' }], { framework: 'EQF', level: 5 }) // → false (4 is a candidate)
 */
import table from './data/level-map.json' with { type: 'json' }

export const LEVEL_CONFIDENCES = ['unverified', 'comparison', 'referenced', 'declared'] as const
/** `declared`: the issuer stated it on the credential; the others grade a mapping (see level-map.json). */
export type LevelConfidence = (typeof LEVEL_CONFIDENCES)[number]

export type LevelMatch = 'all' | 'any'

export interface LevelMapping {
  eqf: number[]
  confidence: Exclude<LevelConfidence, 'declared'>
  source: string
  note?: string
}

export interface FrameworkInfo {
  id: string
  name: string
  aliases: string[]
  uriPrefixes?: string[]
  levels: string[]
}

/** A level as read from a credential (framework and code as written, or normalised). */
export interface LevelRef {
  framework: string
  code: string
  uri?: string
}

export const FRAMEWORKS: ReadonlyMap<string, FrameworkInfo> = new Map(
  Object.entries(table.frameworks).map(([id, info]) => [id, { id, ...info } as FrameworkInfo]),
)

export const LEVEL_MAP: ReadonlyMap<string, LevelMapping> = new Map(
  Object.entries(table.mappings).map(([key, m]) => [key, m as LevelMapping]),
)

const FRAMEWORK_ALIASES = new Map<string, string>()
for (const info of FRAMEWORKS.values()) {
  FRAMEWORK_ALIASES.set(info.id.toLowerCase(), info.id)
  for (const alias of info.aliases) FRAMEWORK_ALIASES.set(alias.toLowerCase(), info.id)
}

/** `'European Qualifications Framework'` → `'EQF'`; an EQF URI wins over the name. Unknown → undefined. */
export function normalizeFramework(framework: string | undefined, uri?: string): string | undefined {
  if (uri !== undefined) {
    for (const info of FRAMEWORKS.values()) {
      if (info.uriPrefixes?.some((p) => uri.startsWith(p))) return info.id
    }
  }
  return framework === undefined ? undefined : FRAMEWORK_ALIASES.get(framework.trim().toLowerCase())
}

/** `'Entry 3'` → `'E3'`, `'Level 6'` → `'6'`, `'Second cycle'` → `'second'`; EQF from its URI when the code is missing. */
export function normalizeLevelCode(framework: string, code: string | undefined, uri?: string): string | undefined {
  let c = code?.trim()
  if ((c === undefined || c === '') && uri !== undefined) c = /\/(?:level-)?(\d+)$/.exec(uri)?.[1]
  if (c === undefined || c === '') return undefined
  c = c.replace(/^level\s*/i, '')
  if (framework === 'RQF' || framework === 'CQFW') {
    const entry = /^(?:e|entry)\s*(\d)$/i.exec(c)
    if (entry) return `E${entry[1]}`
  }
  if (framework === 'QF-EHEA') return c.toLowerCase().replace(/\s*cycle$/, '')
  return c
}

/** The normalised `{ framework, code }` of a level, or undefined when the framework is unknown. */
export function normalizeLevel(level: LevelRef): { framework: string; code: string } | undefined {
  const framework = normalizeFramework(level.framework, level.uri)
  if (framework === undefined) return undefined
  const code = normalizeLevelCode(framework, level.code, level.uri)
  return code === undefined ? undefined : { framework, code }
}

export function levelMapping(framework: string, code: string): LevelMapping | undefined {
  return LEVEL_MAP.get(`${framework}:${code}`)
}

const RANK: Record<LevelConfidence, number> = { unverified: 0, comparison: 1, referenced: 2, declared: 3 }

export function confidenceAtLeast(confidence: LevelConfidence, minimum: LevelConfidence): boolean {
  return RANK[confidence] >= RANK[minimum]
}

export interface EqfCandidates {
  /** Every candidate EQF level (sorted, unique). Empty when nothing usable maps to EQF. */
  eqf: number[]
  /** The weakest confidence among the mappings used. */
  confidence: LevelConfidence | undefined
  /** What each candidate came from, for reports. */
  basis: { framework: string; code: string; eqf: number[]; confidence: LevelConfidence; source: string; note?: string }[]
  /** Levels that could not be used, and why. */
  ignored: { framework: string; code: string; reason: string }[]
}

/**
 * Candidate EQF levels of a credential's levels. EQF levels the credential states are used
 * as they are (`declared`); otherwise every national level with a mapping at or above
 * `minConfidence` contributes its candidates.
 */
export function eqfCandidates(levels: readonly LevelRef[], minConfidence: LevelConfidence = 'comparison'): EqfCandidates {
  const result: EqfCandidates = { eqf: [], confidence: undefined, basis: [], ignored: [] }
  const normalised: { framework: string; code: string }[] = []
  for (const level of levels) {
    const n = normalizeLevel(level)
    if (n === undefined) result.ignored.push({ framework: level.framework, code: level.code, reason: 'unknown framework or level' })
    else normalised.push(n)
  }
  const declared = normalised.filter((l) => l.framework === 'EQF' && LEVEL_MAP.has(`EQF:${l.code}`))
  const used = declared.length > 0 ? declared : normalised
  const eqf = new Set<number>()
  let weakest: LevelConfidence | undefined
  for (const level of used) {
    const mapping = levelMapping(level.framework, level.code)
    if (mapping === undefined) {
      result.ignored.push({ ...level, reason: `no mapping for ${level.framework} level ${level.code}` })
      continue
    }
    const confidence: LevelConfidence = level.framework === 'EQF' ? 'declared' : mapping.confidence
    if (!confidenceAtLeast(confidence, minConfidence)) {
      result.ignored.push({ ...level, reason: `the ${level.framework} → EQF mapping is ${confidence}, below the accepted ${minConfidence}` })
      continue
    }
    if (mapping.eqf.length === 0) {
      result.ignored.push({ ...level, reason: mapping.note ?? `${level.framework} level ${level.code} has no EQF level` })
      continue
    }
    for (const e of mapping.eqf) eqf.add(e)
    weakest = weakest === undefined || RANK[confidence] < RANK[weakest] ? confidence : weakest
    result.basis.push({ ...level, eqf: [...mapping.eqf], confidence, source: mapping.source, ...(mapping.note ? { note: mapping.note } : {}) })
  }
  result.eqf = [...eqf].sort((a, b) => a - b)
  result.confidence = weakest
  return result
}

/** Ordinal of a level code inside its framework (E1 < E2 < E3 < 1 …; short < first …), or undefined. */
export function levelOrdinal(framework: string, code: string): number | undefined {
  const info = FRAMEWORKS.get(framework)
  const index = info?.levels.indexOf(code) ?? -1
  return index === -1 ? undefined : index
}

/**
 * Candidate levels of a credential in `framework`: levels stated in that framework are used
 * as they are; otherwise the EQF candidates are mapped back into it (EQF 5 → FHEQ 4 or 5).
 * Returned as ordinals (see `levelOrdinal`) with their codes.
 */
export function levelCandidates(
  levels: readonly LevelRef[],
  framework: string,
  minConfidence: LevelConfidence = 'comparison',
): { codes: string[]; ordinals: number[]; via: 'declared' | 'eqf' | 'none'; eqf: EqfCandidates } {
  const target = normalizeFramework(framework) ?? framework
  const eqf = eqfCandidates(levels, minConfidence)
  const stated = levels
    .map(normalizeLevel)
    .filter((l): l is { framework: string; code: string } => l !== undefined && l.framework === target && levelOrdinal(target, l.code) !== undefined)
  if (stated.length > 0) {
    const codes = [...new Set(stated.map((l) => l.code))]
    return { codes, ordinals: codes.map((c) => levelOrdinal(target, c)!).sort((a, b) => a - b), via: 'declared', eqf }
  }
  if (target === 'EQF') {
    const codes = eqf.eqf.map(String)
    return { codes, ordinals: codes.map((c) => levelOrdinal('EQF', c)!).sort((a, b) => a - b), via: codes.length > 0 ? 'eqf' : 'none', eqf }
  }
  // Back from EQF: every level of `target` whose mapping meets the confidence and shares a candidate.
  const codes = new Set<string>()
  for (const [key, mapping] of LEVEL_MAP) {
    const [fw, code] = splitKey(key)
    if (fw !== target || !confidenceAtLeast(mapping.confidence, minConfidence)) continue
    if (mapping.eqf.some((e) => eqf.eqf.includes(e))) codes.add(code)
  }
  const list = [...codes]
  return {
    codes: list,
    ordinals: list.map((c) => levelOrdinal(target, c)!).filter((o) => o !== undefined).sort((a, b) => a - b),
    via: list.length > 0 ? 'eqf' : 'none',
    eqf,
  }
}

function splitKey(key: string): [string, string] {
  const i = key.lastIndexOf(':')
  return [key.slice(0, i), key.slice(i + 1)]
}

export interface LevelRequirement {
  framework: string
  /** The level code to compare with, e.g. `6`, `E3`, `second`. */
  level: string | number
  match?: LevelMatch
  minConfidence?: LevelConfidence
}

export interface LevelComparison {
  meets: boolean
  candidates: string[]
  via: 'declared' | 'eqf' | 'none'
  reason: string
}

/**
 * Whether a credential's levels are at or above `requirement` (all candidates by default).
 * No candidate at all never meets a requirement.
 */
export function compareLevel(levels: readonly LevelRef[], requirement: LevelRequirement, direction: 'min' | 'max' = 'min'): LevelComparison {
  const framework = normalizeFramework(requirement.framework) ?? requirement.framework
  const code = normalizeLevelCode(framework, String(requirement.level)) ?? String(requirement.level)
  const threshold = levelOrdinal(framework, code)
  const found = levelCandidates(levels, framework, requirement.minConfidence ?? 'comparison')
  if (threshold === undefined) return { meets: false, candidates: found.codes, via: found.via, reason: `${framework} has no level ${code}` }
  if (found.ordinals.length === 0) {
    const why = found.eqf.ignored.map((i) => `${i.framework} ${i.code}: ${i.reason}`).join('; ')
    return { meets: false, candidates: [], via: 'none', reason: `no ${framework} level can be established${why ? ` (${why})` : ''}` }
  }
  const ok = (o: number): boolean => (direction === 'min' ? o >= threshold : o <= threshold)
  const match = requirement.match ?? 'all'
  const meets = match === 'all' ? found.ordinals.every(ok) : found.ordinals.some(ok)
  const sign = direction === 'min' ? '≥' : '≤'
  const list = found.codes.join(' or ')
  return {
    meets,
    candidates: found.codes,
    via: found.via,
    reason: meets
      ? `${framework} ${list} ${sign} ${code}`
      : `${framework} ${list}${found.codes.length > 1 ? ` (${match === 'all' ? 'every candidate must be' : 'no candidate is'} ${sign} ${code})` : ` is not ${sign} ${code}`}`,
  }
}

/** Shorthand: at or above a level. */
export function meetsLevel(levels: readonly LevelRef[], requirement: LevelRequirement): boolean {
  return compareLevel(levels, requirement, 'min').meets
}
