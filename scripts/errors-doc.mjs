#!/usr/bin/env node
// Writes docs/errors.md from ERROR_CODES (src/core/errors.ts, via dist/). A test fails when
// the committed file and the table disagree: run `npm run build && node scripts/errors-doc.mjs`.
import { writeFileSync } from 'node:fs'
import { renderErrorsDoc } from './render-errors-doc.mjs'

writeFileSync(new URL('../docs/errors.md', import.meta.url), await renderErrorsDoc())
