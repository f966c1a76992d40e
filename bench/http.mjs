#!/usr/bin/env node
// npm run bench:http [-- --quick] [-- --seconds N] [-- --rounds N] [-- --connections N] [-- --database-url URL]
//   [-- --log-level LEVEL] [-- --only issue|verify] [-- --cpu-prof DIR] [-- --credential small|realistic] [-- --did-web]
// Starts `microcred serve` (SQLite in a fresh temporary directory, or the PostgreSQL database
// at --database-url, e.g. one made with `createdb -h 127.0.0.1 -U postgres microcred_bench`) on loopback, drives it with
// autocannon and prints requests/s with p50/p99 latency for issuing and verifying, beside the
// core library's own issueCredential / verifyCredential throughput measured in the same run
// (the difference is what HTTP, JSON, auth, storage and status-list handling cost).
// --rounds N (default 3): HTTP and library runs alternate, one of each per route and round, so
// a slow minute on this shared machine hits both sides of a ratio alike; the ratio is printed
// per round and as the median over rounds, with its range.
// --quick (for CI) only checks that it works: the numbers are not a measurement.
import { execFile, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import autocannon from 'autocannon'
import { realisticMicroCredentials, serviceBadge } from './credentials.mjs'
import { median, percentile, timeRun } from './measure.mjs'

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? fallback : Number(process.argv[i + 1])
}
const quick = process.argv.includes('--quick')
const seconds = arg('seconds', quick ? 1 : 6)
const rounds = arg('rounds', quick ? 1 : 3)
const connections = arg('connections', quick ? 2 : 10)
const databaseUrlIndex = process.argv.indexOf('--database-url')
const databaseUrl = databaseUrlIndex === -1 ? undefined : process.argv[databaseUrlIndex + 1]
const storeName = databaseUrl === undefined ? 'SQLite' : 'PostgreSQL'
// --cpu-prof DIR: the server writes a V8 CPU profile of the whole run into DIR when it stops
// (read the top self-time functions with `node bench/profile-top.mjs DIR/*.cpuprofile`).
const cpuProfIndex = process.argv.indexOf('--cpu-prof')
// --only issue|verify: drive one route only (for a profile of that route alone).
const onlyIndex = process.argv.indexOf('--only')
const only = onlyIndex === -1 ? undefined : process.argv[onlyIndex + 1]
// --log-level LEVEL: the server's LOG_LEVEL (default info, the service's default: every
// request is logged, to stdout, which the bench discards).
const logLevelIndex = process.argv.indexOf('--log-level')
const logLevel = logLevelIndex === -1 ? 'info' : process.argv[logLevelIndex + 1]
// --credential small|realistic: the small Open Badge below (default), or the realistic
// micro-credential of `npm run bench` (hashed email, alignments, result, every extension element).
// --did-web: the service's issuer is did:web (`microcred init --did-web`) instead of the did:key
// `serve` creates: every verify then builds the issuer's DID document from the stored keys.
const didWeb = process.argv.includes('--did-web')
const credentialIndex = process.argv.indexOf('--credential')
const credentialKind = credentialIndex === -1 ? 'small' : process.argv[credentialIndex + 1]
if (credentialKind !== 'small' && credentialKind !== 'realistic') throw new Error('--credential: small or realistic')
const serverExecArgv = cpuProfIndex === -1 ? [] : ['--cpu-prof', '--cpu-prof-dir', process.argv[cpuProfIndex + 1]]
const BIN = fileURLToPath(new URL('../bin/microcred.js', import.meta.url))

const microcred = await import('../dist/src/index.js').catch(() => {
  console.error('bench:http: run `npm run build` first')
  process.exit(2)
})

const dir = await mkdtemp(join(tmpdir(), 'microcred-bench-http-'))
const env = { ...process.env, LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '1000000', API_KEY_RATE_LIMIT_MAX: '10000000', PORT: '0', HOST: '127.0.0.1' }
delete env.DATABASE_URL
if (databaseUrl !== undefined) env.DATABASE_URL = databaseUrl

/** A free loopback port (the server is told to listen on it, whatever its log level). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

/** Starts the server; resolves with its URL once /health answers. */
async function startServer() {
  const port = await freePort()
  if (didWeb) await promisify(execFile)(process.execPath, [BIN, 'init', '--name', 'Bench College', '--did-web', `http://127.0.0.1:${port}`], { cwd: dir, env })
  const child = spawn(process.execPath, [...serverExecArgv, BIN, 'serve'], { cwd: dir, env: { ...env, PORT: String(port), LOG_LEVEL: logLevel }, stdio: ['ignore', 'ignore', 'inherit'] })
  const url = `http://127.0.0.1:${port}`
  let exited
  child.once('exit', (code) => (exited = code))
  for (let waited = 0; waited < 60_000; waited += 50) {
    if (exited !== undefined) throw new Error(`the server exited (${exited}) before listening`)
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false)
    if (ok) return { child, url }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  child.kill('SIGTERM')
  throw new Error('the server did not answer /health within 60 s')
}

const realistic = credentialKind === 'realistic' ? (await realisticMicroCredentials(microcred, 'did:example:issuer', 1, 'h'))[0] : undefined
if (realistic !== undefined) delete realistic.id // the service assigns one per request

function credential(subject) {
  if (realistic !== undefined) return realistic
  return serviceBadge(subject)
}

/** CPU time (user + system, µs) the server process has used so far, from /proc (Linux). */
function serverCpuMicros(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    // utime and stime (fields 14 and 15 of stat) in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10_000
  } catch {
    return NaN
  }
}

/** Drives one route; adds the server's CPU time per request (load-independent, unlike req/s on a shared machine). */
async function cannon(url, path, body, headers = {}) {
  const cpuBefore = serverCpuMicros(serverPid)
  const result = await cannonRaw(url, path, body, headers)
  result.cpuMicrosPerRequest = (serverCpuMicros(serverPid) - cpuBefore) / Math.max(1, result.requests.total)
  return result
}

function cannonRaw(url, path, body, headers = {}) {
  return autocannon({
    url: `${url}${path}`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

const { child, url } = await startServer().catch(async (e) => {
  await rm(dir, { recursive: true, force: true })
  throw e
})
const serverPid = child.pid
try {
  const { stdout: token } = await promisify(execFile)(process.execPath, [BIN, 'apikey', 'create', '--scope', 'issue', '--name', 'bench'], { cwd: dir, env })
  const auth = { authorization: `Bearer ${token.trim()}` }
  const post = async (path, body, headers = {}) => {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
    return res.json()
  }

  // One credential to verify, with its status lists, checked once before measuring.
  const { verifiableCredential: signed } = await post('/credentials/issue', { credential: credential('did:example:bench') }, auth)
  const first = await post('/credentials/verify', { verifiableCredential: signed })
  if (!first.verified) throw new Error(`bench:http: the issued credential does not verify: ${JSON.stringify(first.checks)}`)
  const lists = await Promise.all(signed.credentialStatus.map((e) => fetch(e.statusListCredential).then((r) => r.json())))

  // Warm up both routes (JIT, caches, schema compilation).
  if (only !== 'verify') await cannon(url, '/credentials/issue', { credential: credential('did:example:warm') }, auth).catch(() => {})
  if (only !== 'issue') await cannonRaw(url, '/credentials/verify', { verifiableCredential: signed }).catch(() => {})

  // The library alone, in this process, on the same documents.
  const issuer = microcred.createIssuer({ name: 'Bench College' })
  const unsigned = credential('did:example:bench')
  // Like the service, the resolver verifies and decodes each list once and is then reused.
  // A did:web issuer's document, as the service publishes it, given to the library (offline).
  const documents = didWeb ? { [signed.issuer.id ?? signed.issuer]: await fetch(`${url}/.well-known/did.json`).then((r) => r.json()) } : undefined
  const statusResolver = microcred.createStatusListResolver({ lists, ...(documents ? { verifyOptions: { documents } } : {}) })
  const libraryIssueOnce = () => microcred.issueCredential(unsigned, { issuer })
  const libraryVerifyOnce = async () => {
    const result = await microcred.verifyCredential(signed, { statusResolver, ...(documents ? { documents } : {}) })
    if (!result.verified) throw new Error(`bench:http: library verification failed: ${JSON.stringify(result.checks)}`)
  }
  for (let i = 0; i < (quick ? 2 : 50); i++) {
    await libraryIssueOnce()
    await libraryVerifyOnce()
  }
  const timeWithCpu = async (fn) => {
    const before = process.cpuUsage()
    const r = await timeRun(fn, { seconds: quick ? 0.2 : Math.min(seconds, 5) })
    const used = process.cpuUsage(before)
    return { ...r, cpuMicrosPerRequest: (used.user + used.system) / r.latencies.length }
  }

  // Only the routes driven (--only) are measured and printed. Each round runs, per route, the
  // HTTP run and then the library's, back to back.
  const routes = [
    ...(only === 'verify' ? [] : [{ name: 'issue', libraryName: 'issue', http: () => cannon(url, '/credentials/issue', { credential: credential('did:example:bench') }, auth), library: () => timeWithCpu(libraryIssueOnce) }]),
    ...(only === 'issue' ? [] : [{ name: 'verify', libraryName: 'verify (with status lists)', http: () => cannon(url, '/credentials/verify', { verifiableCredential: signed }), library: () => timeWithCpu(libraryVerifyOnce) }]),
  ]
  for (const route of routes) route.runs = []
  for (let round = 0; round < rounds; round++) {
    for (const route of routes) route.runs.push({ http: await route.http(), library: await route.library() })
  }

  const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
  const sum = (values) => values.reduce((a, b) => a + b, 0)
  // Over rounds: the median rate and latency percentiles, and CPU per operation over every operation.
  const httpRow = (name, runs) => {
    const bad = sum(runs.map((r) => r.non2xx + r.errors + r.timeouts))
    const total = sum(runs.map((r) => r.requests.total))
    const cpu = sum(runs.map((r) => r.cpuMicrosPerRequest * r.requests.total)) / Math.max(1, total)
    return `| ${name} (HTTP) | ${fmt(median(runs.map((r) => r.requests.average)), 1)} | ${fmt(median(runs.map((r) => r.latency.p50)), 1)} | ${fmt(median(runs.map((r) => r.latency.p99)), 1)} | ${fmt(total)}${bad ? ` (${bad} failed)` : ''} | ${fmt(cpu)} |`
  }
  const libRow = (name, runs) => {
    const latencies = runs.flatMap((r) => r.latencies)
    const cpu = sum(runs.map((r) => r.cpuMicrosPerRequest * r.latencies.length)) / latencies.length
    return `| ${name} (library) | ${fmt(median(runs.map((r) => r.opsPerSecond)), 1)} | ${fmt(percentile(latencies, 50), 1)} | ${fmt(percentile(latencies, 99), 1)} | ${fmt(latencies.length)} | ${fmt(cpu)} |`
  }
  console.log(`microcred bench:http${quick ? ' (quick mode: not a measurement)' : ''} — node ${process.version}, ${storeName}, ${credentialKind} credential, ${didWeb ? 'did:web' : 'did:key'} issuer, ${connections} connections × ${seconds}s on loopback (keep-alive), ${rounds} round${rounds === 1 ? '' : 's'}, LOG_LEVEL=${logLevel}`)
  console.log('| operation | req/s (median of rounds) | p50 ms | p99 ms | requests | CPU µs/op |')
  console.log('|---|---:|---:|---:|---:|---:|')
  for (const route of routes) {
    console.log(httpRow(route.name, route.runs.map((r) => r.http)))
    console.log(libRow(route.libraryName, route.runs.map((r) => r.library)))
  }
  // Ratios are taken within a round (HTTP and library measured minutes apart at most), then summarised.
  const rateShares = (route) => route.runs.map((r) => (100 * r.http.requests.average) / r.library.opsPerSecond)
  const cpuShares = (route) => route.runs.map((r) => (100 * r.library.cpuMicrosPerRequest) / r.http.cpuMicrosPerRequest)
  const summary = (shares) => `${fmt(median(shares))} %${shares.length > 1 ? ` (${fmt(Math.min(...shares))}–${fmt(Math.max(...shares))} %)` : ''}`
  console.log('')
  console.log(`HTTP / library, same run: ${routes.map((route) => `${route.name} ${summary(rateShares(route))}`).join(', ')}`)
  if (rounds > 1) console.log(`  per round: ${routes.map((route) => `${route.name} ${rateShares(route).map((s) => `${fmt(s)} %`).join(' / ')}`).join('; ')}`)
  // The same comparison in CPU time per operation (library CPU / server CPU): what the rates
  // would give on an otherwise idle core. The server's figure leaves out the database server.
  console.log(`library CPU / server CPU per operation, same run: ${routes.map((route) => `${route.name} ${summary(cpuShares(route))}`).join(', ')}${databaseUrl === undefined ? '' : ' (PostgreSQL\'s own CPU not counted)'}`)
  const failed = routes.flatMap((route) => route.runs.map((r) => r.http.non2xx + r.http.errors))
  if (sum(failed) > 0) process.exitCode = 1
} finally {
  child.kill('SIGTERM')
  await new Promise((resolve) => child.once('exit', resolve))
  await rm(dir, { recursive: true, force: true })
}
