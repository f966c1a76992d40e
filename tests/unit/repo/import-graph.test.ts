// The module structure rules: no import cycles anywhere in src/, and src/core imports nothing
// from the rest of src/ (nor node: built-ins) — it is the pure, browser-safe part.
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { importCycles, importEdges, type ImportEdge } from './import-graph.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** Repository data that core may embed (profiles, JSON schemas), never code. */
const CORE_DATA_DIRS = ['profiles/', 'schemas/', 'contexts/']

function coreBoundaryViolations(edges: readonly ImportEdge[]): string[] {
  return edges
    .filter(({ from }) => from.startsWith('src/core/'))
    .filter(({ specifier, target }) => {
      if (specifier.startsWith('node:')) return true
      if (target === undefined) return false
      if (target.startsWith('src/core/')) return false
      return !(target.endsWith('.json') && CORE_DATA_DIRS.some((dir) => target.startsWith(dir)))
    })
    .map(({ from, specifier }) => `${from} imports ${specifier}`)
}

describe('import graph of src/', () => {
  const edges = importEdges(ROOT)

  it('parses the imports (sanity: the graph is not empty and sees dynamic imports)', () => {
    expect(edges.length).toBeGreaterThan(200)
    expect(edges).toContainEqual({ from: 'src/cli/main.ts', specifier: './commands/verify.js', target: 'src/cli/commands/verify.ts' })
  })

  it('has no import cycle', () => {
    expect(importCycles(edges)).toEqual([])
  })

  it('keeps src/core free of imports from outside it', () => {
    expect(coreBoundaryViolations(edges)).toEqual([])
  })

  it('detects a cycle and a boundary crossing when there is one', () => {
    const synthetic: ImportEdge[] = [
      { from: 'src/core/a.ts', specifier: './b.js', target: 'src/core/b.ts' },
      { from: 'src/core/b.ts', specifier: './a.js', target: 'src/core/a.ts' },
      { from: 'src/core/c.ts', specifier: '../http/app.js', target: 'src/http/app.ts' },
      { from: 'src/core/d.ts', specifier: 'node:fs', target: undefined },
    ]
    expect(importCycles(synthetic)).toEqual([['src/core/a.ts', 'src/core/b.ts']])
    expect(coreBoundaryViolations(synthetic)).toEqual(['src/core/c.ts imports ../http/app.js', 'src/core/d.ts imports node:fs'])
  })
})
