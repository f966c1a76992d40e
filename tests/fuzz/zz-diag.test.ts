import { appendFileSync, writeFileSync } from 'node:fs'
import { it } from 'vitest'
import { issueCredential, verifyCredential, verifyPresentation } from '../../src/core/index.js'
import { createNodeCryptoProvider } from '../../src/index.js'
import { makeBases } from './bases.js'
import { buildCorpus, parsed, PRESENTATION_CHALLENGE } from './corpus.js'
const crypto = createNodeCryptoProvider()
it('diag', async () => {
  const setup = await makeBases()
  const corpus = buildCorpus(setup.bases)
  writeFileSync('/tmp/diag.log', '')
  for (const [i, entry] of corpus.entries()) {
    if (entry.family === 'leaf' || entry.family === 'arbitrary' || entry.family === 'presentation') continue
    const value = parsed(entry)
    for (const [n, fn] of [['vc', () => verifyCredential(value, { crypto })], ['vp', () => verifyPresentation(value, { crypto, challenge: PRESENTATION_CHALLENGE })], ['issue', () => issueCredential(value, { issuer: setup.issuer, crypto })]] as const) {
      appendFileSync('/tmp/diag.log', `start ${i} ${entry.name} ${n}\n`)
      const t = performance.now()
      let r: string
      try { const v: any = await fn(); r = 'ok ' + String(v?.verified) } catch (e) { r = 'throw ' + String((e as any)?.code ?? e).slice(0, 100) }
      const ms = performance.now() - t
      if (ms > 50 || r.startsWith('throw') && n !== 'issue') appendFileSync('/tmp/diag.log', `SLOW/THROW ${ms.toFixed(0)}ms ${entry.name} ${n} ${r}\n`)
    }
  }
}, 900_000)
