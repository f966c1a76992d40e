#!/usr/bin/env node
// node bench/canonize.bench.mjs [--quick] (after `npm run build`): RDFC-1.0 canonicalization
// of the small badge and the full micro-credential (and their proof configurations) by
// microcred's canonize() — the fast path — beside jsonld.canonize (safe mode), measured in
// the same run, interleaved. Prints ops/s (median of the runs), p50/p99 latency and the ratio,
// after checking both give the same bytes.
import jsonld from 'jsonld'
import { compare } from './measure.mjs'
import { fullMicroCredential, smallBadge } from './credentials.mjs'

const quick = process.argv.includes('--quick')
const settings = quick ? { runs: 1, seconds: 0.05, warmup: 3 } : { runs: 5, seconds: 1.5, warmup: 300 }

const [{ canonize }, { fastCanonize }, { createDocumentLoader }] = await Promise.all([
  import('../dist/src/core/suites/default-canonize.js').then((m) => ({ canonize: m.defaultCanonize })),
  import('../dist/src/core/canonical/fast-canonize.js'),
  import('../dist/src/core/contexts/document-loader.js'),
]).catch(() => {
  console.error('bench: run `npm run build` first')
  process.exit(2)
})
const documentLoader = createDocumentLoader()
const jsonldCanonize = (document) =>
  jsonld.canonize(document, { algorithm: 'RDFC-1.0', format: 'application/n-quads', safe: true, documentLoader })

const issuerId = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
const proofConfig = (document) => ({
  '@context': document['@context'],
  type: 'DataIntegrityProof',
  cryptosuite: 'eddsa-rdfc-2022',
  created: '2026-01-01T00:00:00Z',
  verificationMethod: `${issuerId}#${issuerId.slice('did:key:'.length)}`,
  proofPurpose: 'assertionMethod',
})
const small = smallBadge(issuerId)
const full = fullMicroCredential(issuerId)
const cases = [
  ['small badge', small],
  ['full micro-credential', full],
  ['proof configuration', proofConfig(full)],
]

const rows = []
for (const [label, document] of cases) {
  if (fastCanonize(document) === undefined) throw new Error(`bench: the fast path does not cover the ${label}`)
  if ((await canonize(document, { documentLoader })) !== (await jsonldCanonize(document))) {
    throw new Error(`bench: canonical forms differ for the ${label}`)
  }
  rows.push([label, await compare({ candidate: () => canonize(document, { documentLoader }), baseline: () => jsonldCanonize(document), ...settings })])
}

const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
const us = (ms) => fmt(ms * 1000)
console.log(`canonize bench${quick ? ' (quick mode: not a measurement)' : ''} — node ${process.version}, ${settings.runs} runs × ${settings.seconds}s, interleaved`)
console.log('| canonicalize | canonize() ops/s | p50 µs | p99 µs | jsonld.canonize ops/s | p50 µs | p99 µs | ratio |')
console.log('|---|---:|---:|---:|---:|---:|---:|---:|')
for (const [name, { candidate: c, baseline: b }] of rows) {
  console.log(`| ${name} | ${fmt(c.opsPerSecond)} | ${us(c.p50)} | ${us(c.p99)} | ${fmt(b.opsPerSecond)} | ${us(b.p50)} | ${us(b.p99)} | ${fmt(c.opsPerSecond / b.opsPerSecond, 1)}× |`)
}
