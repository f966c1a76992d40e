// Runs the built `microcred serve` as a child process on a free port and talks to it over
// HTTP, as a client would. Needs dist/ (`npm test` builds first).
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const BIN = fileURLToPath(new URL('../../bin/microcred.js', import.meta.url))

export interface ServerProcess {
  /** Where the process listens. */
  url: string
  /** The base URL in credential and status-list ids (PUBLIC_URL, or `url`). */
  publicUrl: string
  child: ChildProcess
  /** Every log line (JSON) so far. */
  logs: string[]
  /** Resolves with the first log line matching `pattern` (or rejects after `timeoutMs`). */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

export interface ServerProcessOptions {
  /** `ulimit -f` for the process, in KiB: writes past it fail with EFBIG (a full disk, in effect). */
  fileSizeLimitKiB?: number
}

export async function startServerProcess(cwd: string, env: Record<string, string> = {}, options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const command = [process.execPath, BIN, 'serve', '--port', '0']
  const [file, args] =
    options.fileSizeLimitKiB === undefined
      ? [command[0]!, command.slice(1)]
      : ['/bin/bash', ['-c', `ulimit -f ${Math.floor(options.fileSizeLimitKiB)} && exec "$@"`, 'serve', ...command]]
  const child = spawn(file, args, {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logs: string[] = []
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = []
  let buffered = ''
  const onData = (chunk: Buffer): void => {
    buffered += chunk.toString('utf8')
    const lines = buffered.split('\n')
    buffered = lines.pop() ?? ''
    for (const line of lines) {
      logs.push(line)
      for (const w of [...waiters]) {
        if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1)
          w.resolve(line)
        }
      }
    }
  }
  child.stdout!.on('data', onData)
  child.stderr!.on('data', onData)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))

  const waitForLog = (pattern: RegExp, timeoutMs = 20_000): Promise<string> => {
    const seen = logs.find((l) => pattern.test(l))
    if (seen !== undefined) return Promise.resolve(seen)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no log line matching ${pattern} within ${timeoutMs} ms:\n${logs.join('\n')}`)), timeoutMs)
      waiters.push({
        pattern,
        resolve: (line) => {
          clearTimeout(timer)
          resolve(line)
        },
      })
      void exited.then(() => reject(new Error(`the server exited before logging ${pattern}:\n${logs.join('\n')}`)))
    })
  }

  const listening = JSON.parse(await waitForLog(/"msg":"microcred listening on /, 45_000)) as { url: string; listen: string }
  return {
    url: listening.listen,
    publicUrl: listening.url,
    child,
    logs,
    waitForLog,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}

/** `node bin/microcred.js …args` in `cwd`; resolves with its exit code and output. */
export function microcred(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr })
    })
  })
}

/** An API key with `scopes`, created through the CLI (the way an operator does). */
export async function createKey(cwd: string, scopes: string, env: Record<string, string> = {}): Promise<string> {
  const run = await microcred(['apikey', 'create', '--scope', scopes, '--name', 'e2e'], cwd, env)
  if (run.code !== 0) throw new Error(`apikey create failed (${run.code}): ${run.stderr}`)
  return run.stdout.trim()
}

export interface Client {
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: string; json: () => any; headers: Headers }>
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: string; json: () => any; headers: Headers }>
}

export function client(base: string, token?: string): Client {
  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(path.startsWith('http') ? path : `${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await res.text()
    return { status: res.status, body: text, json: () => JSON.parse(text), headers: res.headers }
  }
  return { post: (path, body, headers) => send('POST', path, body, headers), get: (path, headers) => send('GET', path, undefined, headers) }
}

export function unsigned(subject: string): Record<string, unknown> {
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
