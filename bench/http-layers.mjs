#!/usr/bin/env node
// npm run bench:layers [-- --credential small|realistic] [-- --database-url URL] [-- --rounds N]
//   [-- --seconds S] [-- --inflight N] [-- --quick]
// Where an HTTP request's time goes, one layer at a time, in ONE process and without sockets,
// so that every layer runs in the same heap, on the same documents, in alternating rounds:
//   library   the core's issueCredential / verifyCredential (as `npm run bench:http` measures it);
//   service   what the route calls, without HTTP: issueCredentials (status positions, signing,
//             the grouped insert with its audit entry) / verifyCredentialHere (the store's
//             status lists and the service's documents);
//   HTTP      a route added to the same app, with the same body schema and access rules, that
//             answers a precomputed response: parsing, validation, hooks, serialization and
//             light-my-request's simulated socket, without the work;
//   route     `app.inject` of POST /credentials/issue or /credentials/verify: all of it.
// `--inflight N` (default 10, as bench:http's connections) requests are kept in flight, so the
// service's grouped commits and per-turn reads behave as under load. Printed: CPU µs per
// operation (median of rounds, with the range) and the library's share of each layer's cost,
// which bounds what any HTTP server built on that layer can reach against the library.
// The store is SQLite in a temporary directory (as `microcred serve` opens it), or PostgreSQL
// at --database-url (a fresh schema, dropped at the end).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { realisticMicroCredentials, serviceBadge } from './credentials.mjs'
import { median } from './measure.mjs'

const argValue = (name) => {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? undefined : process.argv[i + 1]
}
const quick = process.argv.includes('--quick')
const credentialKind = argValue('credential') ?? 'small'
if (credentialKind !== 'small' && credentialKind !== 'realistic') throw new Error('--credential: small or realistic')
const databaseUrl = argValue('database-url')
const rounds = Number(argValue('rounds') ?? (quick ? 1 : 5))
const seconds = Number(argValue('seconds') ?? (quick ? 0.2 : 1.5))
const inflight = Number(argValue('inflight') ?? 10)
const warmup = quick ? 5 : 300

const dist = (path) =>
  import(new URL(`../dist/src/${path}`, import.meta.url).href).catch((e) => {
    if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e
    console.error('bench:layers: run `npm run build` first')
    process.exit(2)
  })
const microcred = await dist('index.js')
const { buildApp } = await dist('http/app.js')
const { openStore } = await dist('storage/open-store.js')
const { ActiveIssuer } = await dist('issuance/context.js')
const { createApiKey } = await dist('issuance/api-keys.js')
const { issueCredentials } = await dist('issuance/issue.js')
const { verifyCredentialHere } = await dist('issuance/verification.js')
const { StatusListPublisher } = await dist('issuance/status-lists.js')
const { createStatusBlockAllocator } = await dist('issuance/status-blocks.js')
const { createInsertGroups } = await dist('issuance/insert-groups.js')
const { createAuditGroups } = await dist('issuance/audit-groups.js')
const { issueSchema } = await dist('http/schemas/credentials.js')
const { verifyCredentialSchema } = await dist('http/schemas/verify.js')

const BASE = 'http://127.0.0.1:3000'
let dir
let schema
let store
if (databaseUrl === undefined) {
  dir = await mkdtemp(join(tmpdir(), 'microcred-bench-layers-'))
  store = await openStore({ kind: 'sqlite', filename: join(dir, 'microcred.sqlite'), backgroundCheckpoints: true })
} else {
  schema = `mc_layers_${Date.now().toString(36)}`
  store = await openStore({ kind: 'postgres', connectionString: databaseUrl, schema })
}

try {
  const issuer = microcred.createIssuer({ name: 'Bench College' })
  const active = new ActiveIssuer(issuer)
  // Rate limits out of the way: every layer runs thousands of times a second from one "address".
  const limits = { bodyLimit: 1_048_576, batchBodyLimit: 10_485_760, maxBatchSize: 1000, rateLimit: { max: 1e9, windowMs: 60_000 }, apiKeyRateLimit: { max: 1e9, windowMs: 60_000 }, statusListMaxAgeSeconds: 300 }
  const app = await buildApp({ store, issuer: active, baseUrl: () => BASE, logger: false, limits })

  // The HTTP-only routes: the real routes' schemas and access, a precomputed answer.
  const answers = {}
  const publicAccess = { config: { access: { kind: 'public' } } }
  const { response: _issueResponses, ...issueBodyOnly } = issueSchema
  app.post('/bench/issue-http-only', { schema: issueBodyOnly, ...publicAccess }, async (_request, reply) =>
    reply.code(201).header('content-type', 'application/json; charset=utf-8').send(answers.issue),
  )
  app.post('/bench/verify-http-only', { schema: verifyCredentialSchema, ...publicAccess }, async (_request, reply) => reply.code(200).send(answers.verify))

  const { token } = await createApiKey(store, { name: 'bench', scopes: ['issue'] })
  const auth = { authorization: `Bearer ${token}` }
  let unsigned
  if (credentialKind === 'realistic') {
    ;[unsigned] = await realisticMicroCredentials(microcred, 'did:example:issuer', 1, 'h')
    delete unsigned.id // the service assigns one per request
  } else {
    unsigned = serviceBadge('did:example:bench')
  }
  const post = async (url, body, headers = {}, expected = [200, 201]) => {
    const res = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: body })
    if (!expected.includes(res.statusCode)) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
    return res
  }
  const issueBody = JSON.stringify({ credential: unsigned })
  const issued = await post('/credentials/issue', issueBody, auth)
  answers.issue = issued.body
  const signed = JSON.parse(issued.body).verifiableCredential
  const verifyBody = JSON.stringify({ verifiableCredential: signed })
  answers.verify = JSON.parse((await post('/credentials/verify', verifyBody)).body)
  if (!answers.verify.verified) throw new Error(`bench:layers: the issued credential does not verify: ${JSON.stringify(answers.verify.checks)}`)

  // The same documents for the library: what the service signs (its id and status entries
  // included, the proof left out), and the signed credential with its status lists.
  const { proof: _proof, ...toSign } = signed
  const lists = await Promise.all(
    signed.credentialStatus.map(async (entry) => JSON.parse((await app.inject({ method: 'GET', url: new URL(entry.statusListCredential).pathname })).body)),
  )
  const statusResolver = microcred.createStatusListResolver({ lists })
  // The service's own context, as buildApp makes it (the route adds the caller as actor).
  const ctx = {
    store,
    issuer: active,
    clock: { now: () => new Date() },
    baseUrl: () => BASE,
    allocateStatus: createStatusBlockAllocator(store),
    insertGrouped: createInsertGroups(store),
    auditGrouped: createAuditGroups(store),
    actor: { id: 'bench', name: 'bench' },
  }
  const publisher = new StatusListPublisher(ctx, { maxAgeSeconds: 300 })

  const layers = {
    issue: {
      library: () => microcred.issueCredential(toSign, { issuer }),
      // Parsed per call, as the route gets a fresh body each time.
      service: () => issueCredentials(ctx, [JSON.parse(issueBody).credential]),
      HTTP: () => post('/bench/issue-http-only', issueBody),
      route: () => post('/credentials/issue', issueBody, auth),
    },
    verify: {
      library: async () => {
        const result = await microcred.verifyCredential(signed, { statusResolver })
        if (!result.verified) throw new Error(`bench:layers: library verification failed: ${JSON.stringify(result.checks)}`)
      },
      service: async () => {
        const result = await verifyCredentialHere(ctx, publisher, JSON.parse(verifyBody).verifiableCredential)
        if (!result.verified) throw new Error(`bench:layers: service verification failed: ${JSON.stringify(result.checks)}`)
      },
      HTTP: () => post('/bench/verify-http-only', verifyBody),
      route: () => post('/credentials/verify', verifyBody),
    },
  }

  /** CPU µs per operation with `inflight` operations kept in flight for `seconds`. */
  const cpuPerOp = async (fn) => {
    let done = 0
    const until = performance.now() + seconds * 1000
    const before = process.cpuUsage()
    await Promise.all(
      Array.from({ length: inflight }, async () => {
        while (performance.now() < until) {
          await fn()
          done++
        }
      }),
    )
    const used = process.cpuUsage(before)
    return (used.user + used.system) / done
  }

  for (const route of Object.values(layers)) for (const fn of Object.values(route)) for (let i = 0; i < warmup; i++) await fn()
  const results = Object.fromEntries(Object.entries(layers).map(([name, route]) => [name, Object.fromEntries(Object.keys(route).map((layer) => [layer, []]))]))
  for (let round = 0; round < rounds; round++) {
    for (const [name, route] of Object.entries(layers)) for (const [layer, fn] of Object.entries(route)) results[name][layer].push(await cpuPerOp(fn))
  }

  const fmt = (n) => Math.round(n).toLocaleString('en-US')
  console.log(
    `microcred bench:layers${quick ? ' (quick mode: not a measurement)' : ''} — node ${process.version}, ${databaseUrl === undefined ? 'SQLite' : 'PostgreSQL'}, ${credentialKind} credential, one process, ${inflight} in flight, ${rounds} round${rounds === 1 ? '' : 's'} of ${seconds} s per layer`,
  )
  console.log('| route | layer | CPU µs/op (median) | range | library / layer: median of rounds (range) |')
  console.log('|---|---|---:|---:|---:|')
  for (const [name, route] of Object.entries(results)) {
    for (const [layer, values] of Object.entries(route)) {
      // Taken within each round (the layers of a round ran seconds apart), then summarised.
      const shares = values.map((v, round) => (100 * route.library[round]) / v)
      const share = layer === 'library' ? '100 %' : `${fmt(median(shares))} % (${fmt(Math.min(...shares))}–${fmt(Math.max(...shares))} %)`
      console.log(`| ${name} | ${layer} | ${fmt(median(values))} | ${fmt(Math.min(...values))}–${fmt(Math.max(...values))} | ${share} |`)
    }
  }
  console.log('')
  console.log('library / layer is the most any server built on that layer can reach against the library, one thread each')
  await app.close()
} finally {
  await store.close()
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  if (schema !== undefined) {
    const { default: pg } = await import('pg')
    const admin = new pg.Client({ connectionString: databaseUrl })
    await admin.connect()
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await admin.end()
  }
}
