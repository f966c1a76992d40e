#!/usr/bin/env node
// npm run bench [-- --quick]: microcred's public issueCredential / verifyCredential beside
// the plain @digitalbazaar/vc stack, measured in the same run, on three credentials (small
// badge, full micro-credential, realistic micro-credential as the service builds it). Each
// iteration signs / verifies another credential (own id and learner). Prints ops/s (median of the
// runs), p50/p99 latency and the ratio. --quick (used by CI) only checks that it works.
import { compare } from './measure.mjs'
import { createBaseline } from './baseline.mjs'
import { fullMicroCredential, realisticMicroCredentials, smallBadge, variants } from './credentials.mjs'

const quick = process.argv.includes('--quick')
const settings = quick ? { runs: 1, seconds: 0.05, warmup: 3 } : { runs: 5, seconds: 1.5, warmup: 200 }

const microcred = await import('../dist/src/index.js').catch(() => {
  console.error('bench: run `npm run build` first')
  process.exit(2)
})

const baseline = await createBaseline()
const issuer = microcred.createIssuer({ name: 'Bench College' })
// The plain stack checks our proofs with our issuer's DID document (did:key, derived locally).
baseline.addController(microcred.resolveDidKey(issuer.id))
const rows = []
/** Distinct credentials per side: every iteration signs / verifies another id and learner. */
const VARIANTS = quick ? 8 : 64

const credentialKinds = [
  ['small badge', (id, seed) => variants(smallBadge, id, VARIANTS, seed)],
  ['full micro-credential', (id, seed) => variants(fullMicroCredential, id, VARIANTS, seed)],
  ['realistic micro-credential', (id, seed) => realisticMicroCredentials(microcred, id, VARIANTS, seed)],
]
for (const [label, make] of credentialKinds) {
  const ours = await make(issuer.id, 'a')
  const theirs = await make(baseline.did, 'b')
  const issued = await compare({
    candidate: (i) => microcred.issueCredential(ours[i % VARIANTS], { issuer }),
    baseline: (i) => baseline.issue(theirs[i % VARIANTS]),
    ...settings,
  })
  rows.push([`issue ${label}`, issued])

  const signedOurs = []
  for (const unsigned of ours) signedOurs.push(await microcred.issueCredential(unsigned, { issuer }))
  const signedTheirs = []
  for (const unsigned of theirs) signedTheirs.push(await baseline.issue(unsigned))
  // Sanity, checked: what we verify is valid, the plain stack accepts our proof (its verify
  // throws otherwise), and the proofs are byte-identical (theirs verified by us too).
  if (!(await microcred.verifyCredential(signedOurs[0])).verified) throw new Error('bench: our credential did not verify')
  await baseline.verify(signedOurs[0])
  if (!(await microcred.verifyCredential(signedTheirs[0])).checks.find((c) => c.id === 'proof' && c.outcome === 'pass')) {
    throw new Error('bench: the plain stack\'s proof did not verify with microcred')
  }
  const verified = await compare({
    candidate: async (i) => {
      const result = await microcred.verifyCredential(signedOurs[i % VARIANTS])
      if (!result.verified) throw new Error('bench: verification failed')
    },
    baseline: (i) => baseline.verify(signedTheirs[i % VARIANTS]),
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
const cohortVariants = variants(fullMicroCredential, poolIssuer.id, VARIANTS, 'c')
async function* cohort(count = batchSize, offset = 0) {
  for (let i = offset; i < offset + count; i++) {
    yield { ...cohortVariants[i % VARIANTS], id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }
  }
}
// Warm up the workers first (start-up, module loading, JIT), as the single-thread rates above
// are measured warm: otherwise the batch row compares a cold pool with a warm thread.
for await (const outcome of pool.issueStream(cohort(quick ? 20 : 1000, batchSize), new Date())) {
  if (!outcome.ok) throw new Error(`bench: warm-up credential failed: ${outcome.code}`)
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
const fullIssue = rows.find(([name]) => name === 'issue full micro-credential')[1]
const baselineFull = fullIssue.baseline.opsPerSecond
const oursFull = fullIssue.candidate.opsPerSecond
const batch = { count: signedCount, seconds: batchSeconds, perSecond: signedCount / batchSeconds, workers: pool.size, rssBefore, peakRss }

// Batch verification: an employer checking a batch of credentials of one issuer; keys,
// contexts and schemas are resolved once and reused. Both sides verify batches of the same size.
const verifyCount = quick ? 20 : 200
const toVerify = []
for (let i = 0; i < verifyCount; i++) toVerify.push(await microcred.issueCredential({ ...fullMicroCredential(issuer.id), id: `urn:uuid:10000000-0000-4000-8000-${String(i).padStart(12, '0')}` }, { issuer }))
const theirBatch = []
for (let i = 0; i < verifyCount; i++) theirBatch.push(await baseline.issue({ ...fullMicroCredential(baseline.did), id: `urn:uuid:20000000-0000-4000-8000-${String(i).padStart(12, '0')}` }))
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
// The pool row compares with microcred's own single-thread rate (same credential, same run):
// the plain stack has no pool, so a ratio against its one thread would mix two effects.
console.log(`| batch | microcred | compared with | ratio |`)
console.log('|---|---:|---:|---:|')
console.log(`| issue ${fmt(batch.count)} full micro-credentials, ${batch.workers} worker threads (${availableParallelism()} cores) | ${fmt(batch.perSecond)} credentials/s (${fmt(batch.seconds, 1)} s) | microcred, one thread: ${fmt(oursFull)} credentials/s (plain stack, one thread: ${fmt(baselineFull)}) | ${fmt(batch.perSecond / oursFull, 1)}× microcred's one thread |`)
console.log(`| peak RSS during that batch | ${mib(batch.peakRss)} MiB (${mib(batch.rssBefore)} MiB before) | | |`)
console.log(`| verify ${fmt(verifyCount)} full micro-credentials, one issuer (median of ${settings.runs}) | ${fmt(ourBatchRate)} credentials/s | plain stack: ${fmt(theirBatchRate)} credentials/s (same batch size) | ${fmt(ourBatchRate / theirBatchRate, 1)}× |`)
