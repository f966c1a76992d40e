// Level referencing with EQF as the pivot: every row of data/level-map.json, normalisation,
// confidence, and the conservative all-candidates rule.
import { describe, expect, it } from 'vitest'
import {
  compareLevel,
  eqfCandidates,
  FRAMEWORKS,
  LEVEL_MAP,
  levelCandidates,
  meetsLevel,
  normalizeFramework,
  normalizeLevel,
} from '../../../src/core/index.js'

// framework, level, EQF candidates, confidence — the table in docs/portability.md §7.2
const TABLE: [string, string, number[], string][] = [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((l) => ['EQF', String(l), [l], 'referenced'] as [string, string, number[], string]),
  ['FHEQ', '4', [5], 'comparison'],
  ['FHEQ', '5', [5], 'comparison'],
  ['FHEQ', '6', [6], 'comparison'],
  ['FHEQ', '7', [7], 'comparison'],
  ['FHEQ', '8', [8], 'comparison'],
  ...(['RQF', 'CQFW'] as const).flatMap((fw) =>
    (
      [
        ['E1', []],
        ['E2', []],
        ['E3', [1]],
        ['1', [2]],
        ['2', [3]],
        ['3', [4]],
        ['4', [5]],
        ['5', [5]],
        ['6', [6]],
        ['7', [7]],
        ['8', [8]],
      ] as [string, number[]][]
    ).map(([code, eqf]) => [fw, code, eqf, 'comparison'] as [string, string, number[], string]),
  ),
  ['SCQF', '1', [], 'comparison'],
  ['SCQF', '2', [], 'comparison'],
  ['SCQF', '3', [1], 'comparison'],
  ['SCQF', '4', [2], 'comparison'],
  ['SCQF', '5', [3], 'comparison'],
  ['SCQF', '6', [4], 'comparison'],
  ['SCQF', '7', [4, 5], 'comparison'],
  ['SCQF', '8', [5], 'comparison'],
  ['SCQF', '9', [6], 'comparison'],
  ['SCQF', '10', [6], 'comparison'],
  ['SCQF', '11', [7], 'comparison'],
  ['SCQF', '12', [8], 'comparison'],
  ['NZQCF', '1', [2], 'referenced'],
  ['NZQCF', '2', [3], 'referenced'],
  ['NZQCF', '3', [4], 'referenced'],
  ['NZQCF', '4', [4], 'referenced'],
  ['NZQCF', '5', [5], 'referenced'],
  ['NZQCF', '6', [5], 'referenced'],
  ['NZQCF', '7', [6], 'referenced'],
  ['NZQCF', '8', [], 'referenced'],
  ['NZQCF', '9', [7], 'referenced'],
  ['NZQCF', '10', [8], 'referenced'],
  ['AQF', '1', [2], 'unverified'],
  ['AQF', '2', [3], 'unverified'],
  ['AQF', '3', [4], 'unverified'],
  ['AQF', '4', [4], 'unverified'],
  ['AQF', '5', [5], 'unverified'],
  ['AQF', '6', [5], 'unverified'],
  ['AQF', '7', [6], 'unverified'],
  ['AQF', '8', [6, 7], 'unverified'],
  ['AQF', '9', [7], 'unverified'],
  ['AQF', '10', [8], 'unverified'],
  ['QF-EHEA', 'short', [5], 'comparison'],
  ['QF-EHEA', 'first', [6], 'comparison'],
  ['QF-EHEA', 'second', [7], 'comparison'],
  ['QF-EHEA', 'third', [8], 'comparison'],
]

describe('the level map', () => {
  it.each(TABLE)('%s %s → EQF %j (%s)', (framework, code, eqf, confidence) => {
    const mapping = LEVEL_MAP.get(`${framework}:${code}`)!
    expect(mapping.eqf).toEqual(eqf)
    expect(mapping.confidence).toBe(confidence)
    expect(mapping.source.length).toBeGreaterThan(0)
  })

  it('has exactly these rows, each level of each framework once', () => {
    expect([...LEVEL_MAP.keys()].sort()).toEqual(TABLE.map(([f, c]) => `${f}:${c}`).sort())
    for (const info of FRAMEWORKS.values()) for (const level of info.levels) expect(LEVEL_MAP.has(`${info.id}:${level}`)).toBe(true)
  })

  it('explains the ambiguous and unlevelled rows', () => {
    for (const key of ['SCQF:7', 'AQF:8', 'NZQCF:8']) expect(LEVEL_MAP.get(key)!.note).toBeTruthy()
  })
})

describe('normalisation', () => {
  it.each([
    ['European Qualifications Framework', undefined, 'EQF'],
    ['anything', 'http://data.europa.eu/snb/eqf/6', 'EQF'],
    ['NZQF', undefined, 'NZQCF'],
    ['New Zealand Qualifications and Credentials Framework', undefined, 'NZQCF'],
    ['Regulated Qualifications Framework', undefined, 'RQF'],
    ['Scottish Credit and Qualifications Framework', undefined, 'SCQF'],
    ['ISCED-F', undefined, undefined],
  ])('framework %j (uri %s) → %s', (framework, uri, expected) => {
    expect(normalizeFramework(framework, uri)).toBe(expected)
  })

  it.each([
    [{ framework: 'RQF', code: 'Entry 3' }, { framework: 'RQF', code: 'E3' }],
    [{ framework: 'FHEQ', code: 'Level 7' }, { framework: 'FHEQ', code: '7' }],
    [{ framework: 'QF-EHEA', code: 'Second cycle' }, { framework: 'QF-EHEA', code: 'second' }],
    [{ framework: 'EQF', code: '', uri: 'http://data.europa.eu/snb/eqf/5' }, { framework: 'EQF', code: '5' }],
  ])('level %j → %j', (level, expected) => {
    expect(normalizeLevel(level)).toEqual(expected)
  })
})

describe('EQF candidates', () => {
  it('uses an EQF level the credential states before any mapping (AQF 8 needs one)', () => {
    expect(eqfCandidates([{ framework: 'AQF', code: '8' }], 'unverified').eqf).toEqual([6, 7])
    const stated = eqfCandidates([{ framework: 'AQF', code: '8' }, { framework: 'EQF', code: '7' }])
    expect(stated.eqf).toEqual([7])
    expect(stated.confidence).toBe('declared')
  })

  it('ignores mappings below the accepted confidence (AQF is unverified)', () => {
    const result = eqfCandidates([{ framework: 'AQF', code: '7' }])
    expect(result.eqf).toEqual([])
    expect(result.ignored[0]!.reason).toMatch(/unverified, below the accepted comparison/)
    expect(eqfCandidates([{ framework: 'AQF', code: '7' }], 'unverified').eqf).toEqual([6])
    expect(eqfCandidates([{ framework: 'FHEQ', code: '7' }], 'referenced').eqf).toEqual([])
  })

  it('reports levels with no EQF level and unknown frameworks', () => {
    expect(eqfCandidates([{ framework: 'NZQCF', code: '8' }]).ignored[0]!.reason).toMatch(/unlevelled/)
    expect(eqfCandidates([{ framework: 'Made-up', code: '3' }]).ignored[0]!.reason).toMatch(/unknown framework/)
  })

  it('unions the candidates of several national levels and keeps the weakest confidence', () => {
    const result = eqfCandidates([{ framework: 'NZQCF', code: '7' }, { framework: 'SCQF', code: '7' }])
    expect(result.eqf).toEqual([4, 5, 6])
    expect(result.confidence).toBe('comparison')
  })
})

describe('"EQF ≥ n" passes only when every candidate meets it, unless a rule opts into any', () => {
  it('SCQF 7 (EQF 4 or 5) is not EQF ≥ 5 under "all", and is under "any"', () => {
    const levels = [{ framework: 'SCQF', code: '7' }]
    expect(meetsLevel(levels, { framework: 'EQF', level: 5 })).toBe(false)
    expect(meetsLevel(levels, { framework: 'EQF', level: 5, match: 'any' })).toBe(true)
    expect(meetsLevel(levels, { framework: 'EQF', level: 4 })).toBe(true)
    expect(compareLevel(levels, { framework: 'EQF', level: 5 }).reason).toMatch(/every candidate must be ≥ 5/)
  })

  it('AQF 8 (EQF 6 or 7) is not EQF ≥ 7 even with unverified mappings accepted', () => {
    const levels = [{ framework: 'AQF', code: '8' }]
    expect(meetsLevel(levels, { framework: 'EQF', level: 7, minConfidence: 'unverified' })).toBe(false)
    expect(meetsLevel(levels, { framework: 'EQF', level: 6, minConfidence: 'unverified' })).toBe(true)
    expect(meetsLevel(levels, { framework: 'EQF', level: 6 })).toBe(false) // unverified mapping not accepted by default
  })

  it('a level with no candidate never meets a requirement', () => {
    expect(meetsLevel([{ framework: 'NZQCF', code: '8' }], { framework: 'EQF', level: 1 })).toBe(false)
    expect(meetsLevel([], { framework: 'EQF', level: 1 })).toBe(false)
  })

  it('compares in a national framework through EQF (EQF 5 → FHEQ 4 or 5)', () => {
    expect(levelCandidates([{ framework: 'EQF', code: '5' }], 'FHEQ').codes.sort()).toEqual(['4', '5'])
    expect(meetsLevel([{ framework: 'EQF', code: '5' }], { framework: 'FHEQ', level: 5 })).toBe(false)
    expect(meetsLevel([{ framework: 'SCQF', code: '11' }], { framework: 'FHEQ', level: 7 })).toBe(true)
    expect(meetsLevel([{ framework: 'FHEQ', code: '7' }], { framework: 'FHEQ', level: 7 })).toBe(true)
    expect(compareLevel([{ framework: 'FHEQ', code: '6' }], { framework: 'FHEQ', level: 7 }).meets).toBe(false)
  })

  it('compares maximums too, and orders RQF entry levels below level 1', () => {
    expect(compareLevel([{ framework: 'RQF', code: 'E3' }], { framework: 'RQF', level: 1 }, 'max').meets).toBe(true)
    expect(compareLevel([{ framework: 'RQF', code: '2' }], { framework: 'RQF', level: 'E3' }, 'min').meets).toBe(true)
    expect(compareLevel([{ framework: 'FHEQ', code: '7' }], { framework: 'FHEQ', level: 6 }, 'max').meets).toBe(false)
  })
})
