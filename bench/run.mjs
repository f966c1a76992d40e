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

const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
const us = (ms) => fmt(ms * 1000)
console.log(`microcred bench${quick ? ' (quick mode: not a measurement)' : ''} — node ${process.version}, ${settings.runs} runs × ${settings.seconds}s, interleaved`)
console.log('| operation | microcred ops/s | p50 µs | p99 µs | baseline ops/s | p50 µs | p99 µs | ratio |')
console.log('|---|---:|---:|---:|---:|---:|---:|---:|')
for (const [name, { candidate: c, baseline: b }] of rows) {
  console.log(`| ${name} | ${fmt(c.opsPerSecond)} | ${us(c.p50)} | ${us(c.p99)} | ${fmt(b.opsPerSecond)} | ${us(b.p50)} | ${us(b.p99)} | ${fmt(c.opsPerSecond / b.opsPerSecond, 1)}× |`)
}
