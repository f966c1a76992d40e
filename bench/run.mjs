#!/usr/bin/env node
// npm run bench [-- --quick]: microcred's public issueCredential / verifyCredential beside
// the plain @digitalbazaar/vc stack, measured in the same run. Prints ops/s (median of the
// runs), p50/p99 latency and the ratio. --quick (used by CI) only checks that it works.
import { compare } from './measure.mjs'
import { createBaseline } from './baseline.mjs'
import { fullMicroCredential, smallBadge } from './credentials.mjs'

const quick = process.argv.includes('--quick')
const settings = quick ? { runs: 1, seconds: 0.05, warmup: 3 } : { runs: 5, seconds: 1.5, warmup: 200 }

const microcred = await import('../dist/src/index.js').catch(() => {
  console.error('bench: run `npm run build` first')
  process.exit(2)
})

const baseline = await createBaseline()
const issuer = microcred.createIssuer({ name: 'Bench College' })
const rows = []

for (const [label, make] of [['small badge', smallBadge], ['full micro-credential', fullMicroCredential]]) {
  const ours = make(issuer.id)
  const theirs = make(baseline.did)
  const issued = await compare({
    candidate: () => microcred.issueCredential(ours, { issuer }),
    baseline: () => baseline.issue(theirs),
    ...settings,
  })
  rows.push([`issue ${label}`, issued])

  const signedOurs = await microcred.issueCredential(ours, { issuer })
  const signedTheirs = await baseline.issue(theirs)
  // Sanity: what we verify must be valid, and the baseline must accept our proof.
  if (!(await microcred.verifyCredential(signedOurs)).verified) throw new Error('bench: our credential did not verify')
  const verified = await compare({
    candidate: async () => {
      const result = await microcred.verifyCredential(signedOurs)
      if (!result.verified) throw new Error('bench: verification failed')
    },
    baseline: () => baseline.verify(signedTheirs),
    ...settings,
  })
  rows.push([`verify ${label}`, verified])
}

// Batch issuance: 10 000 credentials streamed through the worker pool (every core), memory
// sampled while it runs; beside it, the plain stack's single-thread rate from above.
const { availableParallelism } = await import('node:os')
const { createIssuePool } = await import('../dist/src/workers/issue-pool.js')
const batchSize = quick ? 200 : 10_000
const material = microcred.generateKeyMaterial()
const poolKey = microcred.signingKeyFromMaterial(material)
const poolIssuer = { id: poolKey.controller, profile: { name: 'Bench College' }, key: poolKey }
const pool = createIssuePool({ issuer: poolIssuer, material })
const template = fullMicroCredential(poolIssuer.id)
async function* cohort() {
  for (let i = 0; i < batchSize; i++) yield { ...template, id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }
}
const rssBefore = process.memoryUsage.rss()
let peakRss = rssBefore
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20)
const batchStart = performance.now()
let signedCount = 0
for await (const outcome of pool.issueStream(cohort(), new Date())) {
  if (!outcome.ok) throw new Error(`bench: batch credential failed: ${outcome.code}`)
  signedCount++ // consumed and dropped, as the service streams them to the database
}
const batchSeconds = (performance.now() - batchStart) / 1000
clearInterval(sampler)
await pool.close()
const baselineFull = rows.find(([name]) => name === 'issue full micro-credential')[1].baseline.opsPerSecond
const batch = { count: signedCount, seconds: batchSeconds, perSecond: signedCount / batchSeconds, workers: pool.size, rssBefore, peakRss }

// Batch verification: an employer checking 1 000 credentials of one issuer; keys, contexts
// and schemas are resolved once and reused.
const verifyCount = quick ? 50 : 1000
const toVerify = []
for (let i = 0; i < verifyCount; i++) toVerify.push(await microcred.issueCredential({ ...fullMicroCredential(issuer.id), id: `urn:uuid:10000000-0000-4000-8000-${String(i).padStart(12, '0')}` }, { issuer }))
const theirBatch = []
for (let i = 0; i < Math.min(verifyCount, quick ? 20 : 200); i++) theirBatch.push(await baseline.issue({ ...fullMicroCredential(baseline.did), id: `urn:uuid:20000000-0000-4000-8000-${String(i).padStart(12, '0')}` }))
const verifyBatch = await compare({
  candidate: async () => {
    for (const vc of toVerify) if (!(await microcred.verifyCredential(vc)).verified) throw new Error('bench: batch verification failed')
  },
  baseline: async () => {
    for (const vc of theirBatch) await baseline.verify(vc)
  },
  ...settings,
  warmup: 1,
  seconds: 0,
})
const ourBatchRate = verifyCount * verifyBatch.candidate.opsPerSecond
const theirBatchRate = theirBatch.length * verifyBatch.baseline.opsPerSecond

const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
const us = (ms) => fmt(ms * 1000)
console.log(`microcred bench${quick ? ' (quick mode: not a measurement)' : ''} — node ${process.version}, ${settings.runs} runs × ${settings.seconds}s, interleaved`)
console.log('| operation | microcred ops/s | p50 µs | p99 µs | baseline ops/s | p50 µs | p99 µs | ratio |')
console.log('|---|---:|---:|---:|---:|---:|---:|---:|')
for (const [name, { candidate: c, baseline: b }] of rows) {
  console.log(`| ${name} | ${fmt(c.opsPerSecond)} | ${us(c.p50)} | ${us(c.p99)} | ${fmt(b.opsPerSecond)} | ${us(b.p50)} | ${us(b.p99)} | ${fmt(c.opsPerSecond / b.opsPerSecond, 1)}× |`)
}
const mib = (bytes) => fmt(bytes / 1024 / 1024)
console.log('')
console.log(`| batch | microcred | baseline (plain stack, one thread) | ratio |`)
console.log('|---|---:|---:|---:|')
console.log(`| issue ${fmt(batch.count)} full micro-credentials, ${batch.workers} worker threads (${availableParallelism()} cores) | ${fmt(batch.perSecond)} credentials/s (${fmt(batch.seconds, 1)} s) | ${fmt(baselineFull)} credentials/s | ${fmt(batch.perSecond / baselineFull, 1)}× |`)
console.log(`| peak RSS during that batch | ${mib(batch.peakRss)} MiB (${mib(batch.rssBefore)} MiB before) | | |`)
console.log(`| verify ${fmt(verifyCount)} full micro-credentials, one issuer (median of ${settings.runs}) | ${fmt(ourBatchRate)} credentials/s | ${fmt(theirBatchRate)} credentials/s (batches of ${theirBatch.length}) | ${fmt(ourBatchRate / theirBatchRate, 1)}× |`)
