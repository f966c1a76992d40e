// Timing helpers: ops/s per run (median over runs) and latency percentiles over all
// operations. Baseline and candidate runs are interleaved so machine noise hits both alike.
import { performance } from 'node:perf_hooks'

export async function timeRun(fn, { seconds, minOps = 5 }) {
  const latencies = []
  const start = performance.now()
  const deadline = start + seconds * 1000
  while (performance.now() < deadline || latencies.length < minOps) {
    const t0 = performance.now()
    await fn(latencies.length)
    latencies.push(performance.now() - t0)
  }
  const elapsed = performance.now() - start
  return { opsPerSecond: (latencies.length * 1000) / elapsed, latencies }
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/** Runs `runs` interleaved rounds of candidate and baseline; returns both summaries. */
export async function compare({ candidate, baseline, runs, seconds, warmup }) {
  for (let i = 0; i < warmup; i++) {
    await candidate(i)
    if (baseline) await baseline(i)
  }
  const c = { ops: [], lat: [] }
  const b = { ops: [], lat: [] }
  for (let r = 0; r < runs; r++) {
    const cr = await timeRun(candidate, { seconds })
    c.ops.push(cr.opsPerSecond)
    c.lat.push(...cr.latencies)
    if (baseline) {
      const br = await timeRun(baseline, { seconds })
      b.ops.push(br.opsPerSecond)
      b.lat.push(...br.latencies)
    }
  }
  const summary = (s) => ({ opsPerSecond: median(s.ops), p50: percentile(s.lat, 50), p99: percentile(s.lat, 99) })
  return { candidate: summary(c), baseline: baseline ? summary(b) : undefined }
}
