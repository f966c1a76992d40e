/**
 * @module cli/main
 * The process boundary of the CLI: picks the command, maps errors to exit codes and
 * one-line messages, sets `process.exitCode` (never calls process.exit mid-flow).
 */
import { readFile } from 'node:fs/promises'
import { isMicrocredError, MicrocredError } from '../core/errors.js'
import { EXIT, parseCommandArgs, type CliIO, type Command } from './command.js'

/**
 * Commands load on demand: `microcred verify` never pays for Fastify or the database
 * drivers that `serve` needs. The order here is the order `--help` lists them in.
 */
export const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  init: () => import('./commands/init.js').then((m) => m.initCommand),
  keys: () => import('./commands/keys.js').then((m) => m.keysCommand),
  issue: () => import('./commands/issue.js').then((m) => m.issueCommand),
  revoke: () => import('./commands/status-change.js').then((m) => m.revokeCommand),
  suspend: () => import('./commands/status-change.js').then((m) => m.suspendCommand),
  reinstate: () => import('./commands/status-change.js').then((m) => m.reinstateCommand),
  status: () => import('./commands/status.js').then((m) => m.statusCommand),
  verify: () => import('./commands/verify.js').then((m) => m.verifyCommand),
  stack: () => import('./commands/stack.js').then((m) => m.stackCommand),
  bake: () => import('./commands/bake.js').then((m) => m.bakeCommand),
  holder: () => import('./commands/holder.js').then((m) => m.holderCommand),
  present: () => import('./commands/present.js').then((m) => m.presentCommand),
  page: () => import('./commands/page.js').then((m) => m.pageCommand),
  endorse: () => import('./commands/endorse.js').then((m) => m.endorseCommand),
  serve: () => import('./commands/serve.js').then((m) => m.serveCommand),
  apikey: () => import('./commands/apikey.js').then((m) => m.apikeyCommand),
}

/** The version in microcred's package.json: two folders up from src/cli/, three from dist/src/cli/. */
export async function packageVersion(): Promise<string> {
  for (const candidate of ['../../package.json', '../../../package.json']) {
    const text = await readFile(new URL(candidate, import.meta.url), 'utf8').catch(() => undefined)
    if (text === undefined) continue
    const manifest = JSON.parse(text) as { name?: unknown; version?: unknown }
    if (manifest.name === 'microcred' && typeof manifest.version === 'string') return manifest.version
  }
  throw new MicrocredError('ERR_INTERNAL', 'package.json of microcred not found beside the program')
}

/**
 * What `--help` lists, so that it loads no command (loading them all cost ~1 s of start-up).
 * Each equals the command's own `summary` (tests/unit/cli/usage.test.ts keeps them equal).
 */
export const COMMAND_SUMMARIES: Readonly<Record<keyof typeof COMMANDS & string, string>> = {
  init: 'create an issuer: an Ed25519 did:key, its key file under keys/ (0600) and microcred.json',
  keys: 'keys show: print the issuer DID and its public keys',
  issue: 'sign an unsigned credential or an issue request (revocable: stored with status entries); prints it',
  revoke: 'revoke ID --reason: withdraw a credential issued here, for good',
  suspend: 'suspend ID --reason: suspend a credential issued here (undo with reinstate)',
  reinstate: 'reinstate ID --reason: lift the suspension of a credential issued here',
  status: 'status publish [--out DIR]: write the signed status lists as files for static hosting',
  verify: 'verify a credential offline: shape, contexts, schema, signature, issuer, dates, status',
  stack: 'check whether credentials satisfy a stacking pathway; --award signs a CLR 2.0 award',
  bake: 'bake a signed credential into a PNG or SVG badge image',
  holder: 'holder init: make a learner key (did:key) for signing presentations',
  present: 'sign a verifiable presentation of credentials with a holder key',
  page: 'write the verification page as one HTML file that works offline',
  endorse: 'sign an OB 3.0 EndorsementCredential about an achievement or issuer (for QA bodies)',
  serve: 'run the issuer service: the HTTP API over SQLite (default) or PostgreSQL',
  apikey: 'apikey create|list|revoke: manage the API keys of the issuer service',
}

export function usage(): string {
  const names = Object.keys(COMMANDS)
  const width = Math.max(...names.map((name) => name.length))
  return `Usage: microcred <command> [options]

Issue Open Badges 3.0 micro-credentials and verify them offline.

Commands:
${names.map((name) => `  ${name.padEnd(width)}  ${COMMAND_SUMMARIES[name]}`).join('\n')}

Run microcred <command> --help for a command's options; microcred --version for the version.
`
}

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined) {
    io.stderr(usage())
    return EXIT.USAGE
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage())
    return EXIT.OK
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`microcred ${await packageVersion()}\n`)
    return EXIT.OK
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (load === undefined) {
    io.stderr(`microcred: unknown command "${name}". Run microcred --help for the list.\n`)
    return EXIT.USAGE
  }
  const command = await load()
  try {
    const args = parseCommandArgs(command, rest)
    if (args.values['help'] === true) {
      io.stdout(command.help + '\n')
      return EXIT.OK
    }
    return await command.run(args, io)
  } catch (e) {
    if (isMicrocredError(e)) {
      io.stderr(`microcred ${command.name}: ${e.message} [${e.code}]\n`)
      return e.status >= 500 ? EXIT.FAILURE : EXIT.USAGE
    }
    io.stderr(`microcred ${command.name}: internal error: ${(e as Error)?.stack ?? String(e)}\n`)
    return EXIT.FAILURE
  }
}

export async function main(): Promise<void> {
  const io: CliIO = {
    cwd: process.cwd(),
    stdout: (output) => void process.stdout.write(output),
    stderr: (t) => void process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = []
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks).toString('utf8')
    },
    env: process.env,
  }
  process.exitCode = await runCli(process.argv.slice(2), io)
}
