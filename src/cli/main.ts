/**
 * @module cli/main
 * The process boundary of the CLI: picks the command, maps errors to exit codes and
 * one-line messages, sets `process.exitCode` (never calls process.exit mid-flow).
 */
import { isMicrocredError } from '../core/index.js'
import { EXIT, parseCommandArgs, type CliIO, type Command } from './command.js'
import { initCommand } from './commands/init.js'
import { issueCommand } from './commands/issue.js'
import { keysCommand } from './commands/keys.js'
import { verifyCommand } from './commands/verify.js'

export const COMMANDS: readonly Command[] = [initCommand, keysCommand, issueCommand, verifyCommand]

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return `Usage: microcred <command> [options]

Issue Open Badges 3.0 micro-credentials and verify them offline.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run microcred <command> --help for a command's options.
`
}

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage())
    return name === undefined ? EXIT.USAGE : EXIT.OK
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (command === undefined) {
    io.stderr(`microcred: unknown command "${name}". Run microcred --help for the list.\n`)
    return EXIT.USAGE
  }
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
    stdout: (t) => void process.stdout.write(t),
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
