import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
// @ts-expect-error -- plain JavaScript helper shared with scripts/errors-doc.mjs
import { renderErrorsDoc } from '../../../scripts/render-errors-doc.mjs'

describe('docs/errors.md', () => {
  it('lists every error code with its HTTP status (regenerate with node scripts/errors-doc.mjs)', async () => {
    expect(readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8')).toBe(await renderErrorsDoc())
  })
})
