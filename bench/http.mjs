#!/usr/bin/env node
// npm run bench:http [-- --quick] [-- --seconds N] [-- --connections N] [-- --database-url URL]
// Starts `microcred serve` (SQLite in a fresh temporary directory, or the PostgreSQL database
// at --database-url, e.g. one made with `createdb -h 127.0.0.1 -U postgres microcred_bench`) on loopback, drives it with
// autocannon and prints requests/s with p50/p99 latency for issuing and verifying, beside the
// core library's own issueCredential / verifyCredential throughput measured in the same run
// (the difference is what HTTP, JSON, auth, storage and status-list handling cost).
// --quick (for CI) only checks that it works: the numbers are not a measurement.
import { execFile, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import autocannon from 'autocannon'
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
const BIN = fileURLToPath(new URL('../bin/microcred.js', import.meta.url))

const microcred = await import('../dist/src/index.js').catch(() => {
  console.error('bench:http: run `npm run build` first')
  process.exit(2)
})

const dir = await mkdtemp(join(tmpdir(), 'microcred-bench-http-'))
const env = { ...process.env, LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '1000000', API_KEY_RATE_LIMIT_MAX: '10000000', PORT: '0', HOST: '127.0.0.1' }
delete env.DATABASE_URL
if (databaseUrl !== undefined) env.DATABASE_URL = databaseUrl

/** Starts the server; resolves with its URL once it listens. */
function startServer() {
  const child = spawn(process.execPath, [BIN, 'serve'], { cwd: dir, env: { ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let buffered = ''
    child.stdout.on('data', (chunk) => {
      buffered += chunk.toString()
      const match = /"listen":"(http:\/\/[^"]+)"/.exec(buffered)
      if (match) {
        child.stdout.removeAllListeners('data')
        child.stdout.resume()
        resolve({ child, url: match[1] })
      }
    })
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)))
  })
}

function credential(subject) {
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

function cannon(url, path, body, headers = {}) {
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
  await cannon(url, '/credentials/issue', { credential: credential('did:example:warm') }, auth).catch(() => {})
  const issue = await cannon(url, '/credentials/issue', { credential: credential('did:example:bench') }, auth)
  const verify = await cannon(url, '/credentials/verify', { verifiableCredential: signed })

  // The library alone, in this process, on the same documents.
  const issuer = microcred.createIssuer({ name: 'Bench College' })
  const unsigned = credential('did:example:bench')
  // Like the service, the resolver verifies and decodes each list once and is then reused.
  const statusResolver = microcred.createStatusListResolver({ lists })
  const libraryIssueOnce = () => microcred.issueCredential(unsigned, { issuer })
  const libraryVerifyOnce = async () => {
    const result = await microcred.verifyCredential(signed, { statusResolver })
    if (!result.verified) throw new Error(`bench:http: library verification failed: ${JSON.stringify(result.checks)}`)
  }
  for (let i = 0; i < (quick ? 2 : 50); i++) {
    await libraryIssueOnce()
    await libraryVerifyOnce()
  }
  const libraryIssue = await timeRun(libraryIssueOnce, { seconds: quick ? 0.2 : Math.min(seconds, 5) })
  const libraryVerify = await timeRun(libraryVerifyOnce, { seconds: quick ? 0.2 : Math.min(seconds, 5) })

  const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
  const httpRow = (name, r) => {
    const bad = r.non2xx + r.errors + r.timeouts
    return `| ${name} (HTTP) | ${fmt(r.requests.average, 1)} | ${fmt(r.latency.p50, 1)} | ${fmt(r.latency.p99, 1)} | ${fmt(r.requests.total)}${bad ? ` (${bad} failed)` : ''} |`
  }
  const libRow = (name, r) => `| ${name} (library) | ${fmt(r.opsPerSecond, 1)} | ${fmt(percentile(r.latencies, 50), 1)} | ${fmt(percentile(r.latencies, 99), 1)} | ${fmt(r.latencies.length)} |`
  console.log(`microcred bench:http${quick ? ' (quick mode: not a measurement)' : ''} — node ${process.version}, ${storeName}, ${connections} connections × ${seconds}s on loopback`)
  console.log('| operation | req/s | p50 ms | p99 ms | requests |')
  console.log('|---|---:|---:|---:|---:|')
  console.log(httpRow('issue', issue))
  console.log(libRow('issue', libraryIssue))
  console.log(httpRow('verify', verify))
  console.log(libRow('verify (with status lists)', libraryVerify))
  const share = (http, library) => `${fmt((100 * http.requests.average) / library.opsPerSecond, 0)} %`
  console.log('')
  console.log(`HTTP / library, same run: issue ${share(issue, libraryIssue)}, verify ${share(verify, libraryVerify)}`)
  if (issue.non2xx + issue.errors + verify.non2xx + verify.errors > 0) process.exitCode = 1
} finally {
  child.kill('SIGTERM')
  await new Promise((resolve) => child.once('exit', resolve))
  await rm(dir, { recursive: true, force: true })
}
