// A fresh clone has nothing beside it: no code, test, benchmark or script may read a path
// outside the repository (the development machine's sibling folders do not travel).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = new URL('../../../', import.meta.url).pathname
const SCANNED = ['src', 'tests', 'bench', 'scripts', 'bin', '.ci']
const SKIP = new Set(['fixtures'])

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      if (!SKIP.has(name)) yield* files(path)
    } else if (/\.(ts|mts|mjs|js|json|sh)$|^run$/.test(name)) yield path
  }
}

describe('the repository is self-contained', () => {
  it('no source reaches outside the repository for fixtures', () => {
    const offenders: string[] = []
    // A relative path that climbs more folders than the file is deep leaves the repository.
    const climb = /((?:\.\.\/)+)[\w.-]/g
    for (const dir of SCANNED) {
      for (const file of files(join(ROOT, dir))) {
        const depth = relative(ROOT, file).split('/').length - 1
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            // Only paths the code opens: URLs built from import.meta.url, imports, file reads.
            if (!/new URL\(|import\(|from '|readFile|join\(|resolve\(/.test(line)) return
            for (const match of line.matchAll(climb)) {
              // The package's own package.json, found from src/ or from dist/src/, is inside.
              if (line.slice(match.index).startsWith(`${match[1]}package.json`)) continue
              if (match[1]!.length / 3 > depth) offenders.push(`${relative(ROOT, file)}:${i + 1}`)
            }
          })
      }
    }
    expect(offenders).toEqual([])
  })
})
