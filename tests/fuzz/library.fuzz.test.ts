// The bad-input corpus through the library: verifyCredential and verifyPresentation return a
// failed result (never throw, never verified), issueCredential refuses with a coded 4xx
// MicrocredError (never signs garbage, never a TypeError), each well under 100 ms.
import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isMicrocredError, issueCredential, verifyCredential, verifyPresentation } from '../../src/core/index.js'
import { createNodeCryptoProvider } from '../../src/index.js'
import { makeBases, type FuzzSetup } from './bases.js'
import { buildCorpus, latencySummary, parsed, PRESENTATION_CHALLENGE, type CorpusEntry } from './corpus.js'

const crypto = createNodeCryptoProvider()
let setup: FuzzSetup
let corpus: CorpusEntry[]
const unhandled: unknown[] = []
const onUnhandled = (e: unknown): void => void unhandled.push(e)

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled)
  setup = await makeBases()
  corpus = buildCorpus(setup.bases)
})
afterAll(() => void process.off('unhandledRejection', onUnhandled))

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const start = performance.now()
  try {
    const value = await fn()
    return { ms: performance.now() - start, value }
  } catch (error) {
    return { ms: performance.now() - start, error }
  }
}

describe('bad-input corpus through the library', () => {
  it('the bases verify, so every failure below is the mutation', async () => {
    expect((await verifyCredential(setup.bases.signedCredential, { crypto })).verified).toBe(true)
    expect((await verifyPresentation(setup.bases.signedPresentation, { crypto, challenge: PRESENTATION_CHALLENGE })).verified).toBe(true)
    expect(corpus.length).toBeGreaterThanOrEqual(1000)
  })

  it('0 accepted, 0 thrown by the verifiers, only coded 4xx from issuing; p99 < 100 ms', async () => {
    const accepted: string[] = []
    const crashed: string[] = []
    const latency: Record<'verifyCredential' | 'verifyPresentation' | 'issueCredential', number[]> = { verifyCredential: [], verifyPresentation: [], issueCredential: [] }
    for (const entry of corpus) {
      const value = parsed(entry)
      const vc = await timed(() => verifyCredential(value, { crypto }))
      latency.verifyCredential.push(vc.ms)
      if (vc.error !== undefined) crashed.push(`verifyCredential ${entry.name}: ${String(vc.error)}`)
      else if (vc.value!.verified) accepted.push(`verifyCredential ${entry.name}`)

      const vp = await timed(() => verifyPresentation(value, { crypto, challenge: PRESENTATION_CHALLENGE }))
      latency.verifyPresentation.push(vp.ms)
      if (vp.error !== undefined) crashed.push(`verifyPresentation ${entry.name}: ${String(vp.error)}`)
      else if (vp.value!.verified) accepted.push(`verifyPresentation ${entry.name}`)

      if (entry.issuable) continue
      const issued = await timed(() => issueCredential(value, { issuer: setup.issuer, crypto }))
      latency.issueCredential.push(issued.ms)
      if (issued.error === undefined) accepted.push(`issueCredential ${entry.name}`)
      else if (!isMicrocredError(issued.error) || issued.error.status >= 500) crashed.push(`issueCredential ${entry.name}: ${String(issued.error)}`)
    }
    const summary = Object.fromEntries(Object.entries(latency).map(([k, v]) => [k, latencySummary(v)]))
    console.log(JSON.stringify({ runner: 'library', corpus: corpus.length, accepted: accepted.length, crashed: crashed.length, unhandled: unhandled.length, latencyMs: summary }))
    expect(accepted).toEqual([])
    expect(crashed).toEqual([])
    expect(unhandled).toEqual([])
    for (const s of Object.values(summary)) expect(s.p99).toBeLessThan(100)
  }, 300_000)
})
