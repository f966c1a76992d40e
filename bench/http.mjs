#!/usr/bin/env node
// npm run bench:http [-- --quick] [-- --seconds N] [-- --connections N] [-- --database-url URL]
//   [-- --log-level LEVEL] [-- --only issue|verify] [-- --cpu-prof DIR] [-- --credential small|realistic] [-- --did-web]
// Starts `microcred serve` (SQLite in a fresh temporary directory, or the PostgreSQL database
// at --database-url, e.g. one made with `createdb -h 127.0.0.1 -U postgres microcred_bench`) on loopback, drives it with
// autocannon and prints requests/s with p50/p99 latency for issuing and verifying, beside the
// core library's own issueCredential / verifyCredential throughput measured in the same run
// (the difference is what HTTP, JSON, auth, storage and status-list handling cost).
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
import { realisticMicroCredentials } from './credentials.mjs'
import { percentile, timeRun } from './measure.mjs'

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? fallback : Number(process.argv[i + 1])
}
const quick = process.argv.includes('--quick')
const seconds = arg('seconds', quick ? 1 : 10)
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
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Data Literacy',
    credentialSubject: {
      id: subject,
      type: ['AchievementSubject'],
      achievement: {
        id: 'urn:example:achievement:data-literacy',
        type: ['Achievement'],
        name: 'Data Literacy',
        description: 'Reads and questions data.',
        criteria: { narrative: 'Passed the assessment.' },
      },
    },
  }
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
  const none = { requests: { average: 0, total: 0 }, latency: { p50: 0, p99: 0 }, non2xx: 0, errors: 0, timeouts: 0 }
  if (only !== 'verify') await cannon(url, '/credentials/issue', { credential: credential('did:example:warm') }, auth).catch(() => {})
  const issue = only === 'verify' ? none : await cannon(url, '/credentials/issue', { credential: credential('did:example:bench') }, auth)
  const verify = only === 'issue' ? none : await cannon(url, '/credentials/verify', { verifiableCredential: signed })

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
  // Only the routes driven (--only) are measured and printed.
  const libraryIssue = only === 'verify' ? undefined : await timeWithCpu(libraryIssueOnce)
  const libraryVerify = only === 'issue' ? undefined : await timeWithCpu(libraryVerifyOnce)

  const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
  const httpRow = (name, r) => {
    const bad = r.non2xx + r.errors + r.timeouts
    return `| ${name} (HTTP) | ${fmt(r.requests.average, 1)} | ${fmt(r.latency.p50, 1)} | ${fmt(r.latency.p99, 1)} | ${fmt(r.requests.total)}${bad ? ` (${bad} failed)` : ''} | ${fmt(r.cpuMicrosPerRequest ?? 0)} |`
  }
  const libRow = (name, r) => `| ${name} (library) | ${fmt(r.opsPerSecond, 1)} | ${fmt(percentile(r.latencies, 50), 1)} | ${fmt(percentile(r.latencies, 99), 1)} | ${fmt(r.latencies.length)} | ${fmt(r.cpuMicrosPerRequest)} |`
  console.log(`microcred bench:http${quick ? ' (quick mode: not a measurement)' : ''} — node ${process.version}, ${storeName}, ${credentialKind} credential, ${didWeb ? 'did:web' : 'did:key'} issuer, ${connections} connections × ${seconds}s on loopback (keep-alive), LOG_LEVEL=${logLevel}`)
  console.log('| operation | req/s | p50 ms | p99 ms | requests | CPU µs/op |')
  console.log('|---|---:|---:|---:|---:|---:|')
  const measured = [
    ...(libraryIssue === undefined ? [] : [['issue', issue, libraryIssue, 'issue']]),
    ...(libraryVerify === undefined ? [] : [['verify', verify, libraryVerify, 'verify (with status lists)']]),
  ]
  for (const [, http, library, libraryName] of measured) {
    console.log(httpRow(libraryName === 'issue' ? 'issue' : 'verify', http))
    console.log(libRow(libraryName, library))
  }
  const share = (http, library) => `${fmt((100 * http.requests.average) / library.opsPerSecond, 0)} %`
  console.log('')
  console.log(`HTTP / library, same run: ${measured.map(([name, http, library]) => `${name} ${share(http, library)}`).join(', ')}`)
  // The same comparison in CPU time per operation (library CPU / server CPU): what the rates
  // would give on an otherwise idle core. The server's figure leaves out the database server.
  const cpuShare = (http, library) => `${fmt((100 * library.cpuMicrosPerRequest) / http.cpuMicrosPerRequest, 0)} %`
  console.log(`library CPU / server CPU per operation, same run: ${measured.map(([name, http, library]) => `${name} ${cpuShare(http, library)}`).join(', ')}${databaseUrl === undefined ? '' : ' (PostgreSQL\'s own CPU not counted)'}`)
  if (issue.non2xx + issue.errors + verify.non2xx + verify.errors > 0) process.exitCode = 1
} finally {
  child.kill('SIGTERM')
  await new Promise((resolve) => child.once('exit', resolve))
  await rm(dir, { recursive: true, force: true })
}
