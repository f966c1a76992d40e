#!/usr/bin/env node
// npm run soak [-- --minutes N] [-- --store sqlite|postgres|both] [-- --connections N]
// A soak test, not part of npm test or CI. For each store it starts the real `microcred serve`
// process (SQLite in a fresh directory; PostgreSQL at DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/test, in a fresh schema dropped afterwards) and drives it
// at saturation with autocannon for N minutes (default 10) with a mix of issue (POST
// /credentials/issue), verify (POST /credentials/verify) and status-list (GET /status/…)
// requests. It samples the server's RSS every 10 s and reports errors (must be 0), req/s,
// p50/p99 latency and RSS growth after warm-up (must stay under 10 %). Exit 1 if either fails.
import { spawn, execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import autocannon from 'autocannon'
import pg from 'pg'
import { serviceBadge } from './credentials.mjs'

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? fallback : process.argv[i + 1]
}
const minutes = Number(option('minutes', '10'))
const stores = option('store', 'both') === 'both' ? ['sqlite', 'postgres'] : [option('store', 'sqlite')]
const connections = Number(option('connections', '16'))
const SAMPLE_MS = 10_000
/** RSS growth is measured from the first sample after this much of the run (at most 2 min). */
const warmupMs = Math.min(120_000, minutes * 60_000 * 0.25)
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const BIN = fileURLToPath(new URL('../bin/microcred.js', import.meta.url))

if (!Number.isFinite(minutes) || minutes <= 0) {
  console.error('soak: --minutes must be a positive number')
  process.exit(2)
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })

const rssBytes = (pid) => {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m === null ? NaN : Number(m[1]) * 1024
}

function credential(subject) {
  return serviceBadge(subject)
}

async function waitForHealth(url, child) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it answered`)
    try {
      if ((await fetch(`${url}/health`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('the server did not answer /health within 30 s')
}

async function soak(store) {
  const dir = await mkdtemp(join(tmpdir(), `microcred-soak-${store}-`))
  const port = await freePort()
  const schema = `soak_${process.pid}_${Date.now().toString(36)}`
  const env = {
    ...process.env,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    // saturation, not the rate limiter, is what is measured
    RATE_LIMIT_MAX: '1000000',
    API_KEY_RATE_LIMIT_MAX: '10000000',
  }
  delete env.DATABASE_URL
  if (store === 'postgres') Object.assign(env, { DATABASE_URL, DATABASE_SCHEMA: schema })
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'] })
  const url = `http://127.0.0.1:${port}`
  try {
    await waitForHealth(url, child)
    const { stdout: token } = await promisify(execFile)(process.execPath, [BIN, 'apikey', 'create', '--scope', 'issue,read', '--name', 'soak'], { cwd: dir, env })
    const auth = { authorization: `Bearer ${token.trim()}`, 'content-type': 'application/json' }
    const seed = await fetch(`${url}/credentials/issue`, { method: 'POST', headers: auth, body: JSON.stringify({ credential: credential('did:example:seed') }) })
    if (seed.status !== 201) throw new Error(`seeding failed: HTTP ${seed.status} ${await seed.text()}`)
    const vc = (await seed.json()).verifiableCredential
    const statusPath = new URL(vc.credentialStatus[0].statusListCredential).pathname

    // One issue, one verify, two status-list reads per cycle (each connection cycles).
    const requests = [
      { method: 'POST', path: '/credentials/issue', headers: auth, body: JSON.stringify({ credential: credential('did:example:soak') }) },
      { method: 'POST', path: '/credentials/verify', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verifiableCredential: vc }) },
      { method: 'GET', path: statusPath },
      { method: 'GET', path: statusPath },
    ]
    const samples = []
    const started = Date.now()
    const sample = () => samples.push({ atMs: Date.now() - started, rss: rssBytes(child.pid) })
    sample()
    const sampler = setInterval(sample, SAMPLE_MS)
    const result = await autocannon({ url, connections, duration: Math.round(minutes * 60), requests, timeout: 30 })
    clearInterval(sampler)
    sample()

    const afterWarmup = samples.filter((s) => s.atMs >= warmupMs)
    const base = afterWarmup[0]?.rss ?? NaN
    const peak = Math.max(...afterWarmup.map((s) => s.rss))
    const last = samples[samples.length - 1].rss
    const errors = result.errors + result.timeouts + result.non2xx
    return {
      store,
      minutes,
      connections,
      requests: result.requests.total,
      reqPerSec: result.requests.average,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      errors: { total: errors, connection: result.errors, timeouts: result.timeouts, non2xx: result.non2xx },
      rssMiB: samples.map((s) => Math.round(s.rss / 1048576)),
      rssAfterWarmupMiB: Math.round(base / 1048576),
      rssEndMiB: Math.round(last / 1048576),
      rssGrowthPercent: Math.round(((last - base) / base) * 1000) / 10,
      rssPeakGrowthPercent: Math.round(((peak - base) / base) * 1000) / 10,
    }
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)))
    await rm(dir, { recursive: true, force: true })
    if (store === 'postgres') {
      const admin = new pg.Client({ connectionString: DATABASE_URL })
      await admin.connect()
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      await admin.end()
    }
  }
}

console.log(`soak: ${minutes} min per store (${stores.join(', ')}), ${connections} connections, ${cpus().length} CPUs, Node ${process.version}; RSS sampled every ${SAMPLE_MS / 1000} s, growth measured after ${Math.round(warmupMs / 1000)} s`)
let failed = false
for (const store of stores) {
  const r = await soak(store)
  const ok = r.errors.total === 0 && r.rssGrowthPercent < 10
  failed ||= !ok
  console.log(
    `${store.padEnd(8)} ${ok ? 'PASS' : 'FAIL'}  ${r.requests} requests, ${r.reqPerSec.toFixed(0)} req/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, errors ${r.errors.total}, ` +
      `RSS ${r.rssAfterWarmupMiB} MiB after warm-up → ${r.rssEndMiB} MiB at the end (${r.rssGrowthPercent >= 0 ? '+' : ''}${r.rssGrowthPercent} %, peak +${r.rssPeakGrowthPercent} %)`,
  )
  console.log(JSON.stringify(r))
}
process.exit(failed ? 1 : 0)
