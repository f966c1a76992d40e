// docs/portability.md stays in step with the data: every element of every shipped profile,
// every credit system and every level mapping is documented with what the data says.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { bundledProfiles, CREDIT_SYSTEM_TABLE, LEVEL_MAP } from '../../../src/core/index.js'

const doc = readFileSync(new URL('../../../docs/portability.md', import.meta.url), 'utf8')

describe('docs/portability.md', () => {
  it('documents every element of every shipped profile', () => {
    for (const profile of bundledProfiles().values()) {
      expect(doc).toContain(`#### \`${profile.id}\``)
      for (const e of profile.elements) expect(doc, `${profile.id} ${e.id}`).toContain(`| **${e.id}** ${e.name} |`)
    }
  })

  it('documents every level mapping with its EQF candidates and confidence', () => {
    for (const [key, m] of LEVEL_MAP) {
      if (key.startsWith('EQF:')) continue
      const [fw, code] = [key.slice(0, key.lastIndexOf(':')), key.slice(key.lastIndexOf(':') + 1)]
      expect(doc, key).toContain(`| ${fw} ${code} | ${m.eqf.join(', ') || '—'} | ${m.confidence} |`)
    }
  })

  it('documents every credit system and conversion method', () => {
    for (const id of CREDIT_SYSTEM_TABLE.keys()) expect(doc).toContain(`| \`${id}\``)
    for (const method of ['fte-year', 'hours-25', 'hours-30', 'declared']) expect(doc).toContain(`| \`${method}\` |`)
  })
})
