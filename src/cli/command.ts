/**
 * @module cli/command
 * A command is a plain object with a pure `run`: it reads arguments and an injected IO,
 * writes through that IO and returns an exit code. Only cli/main.ts touches `process`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { MicrocredError } from '../core/errors.js'

export interface CliIO {
  cwd: string
  /** Text, or bytes for binary output (a baked PNG). */
  stdout: (output: string | Uint8Array) => void
  stderr: (text: string) => void
  /** Reads all of standard input (for `-`). */
  readStdin: () => Promise<string>
  env: Readonly<Record<string, string | undefined>>
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>

export interface Command {
  name: string
  /** One line for the command list. */
  summary: string
  /** Full `--help` text. */
  help: string
  options: OptionSpec
  run(args: ParsedArgs, io: CliIO): Promise<number>
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>
  positionals: string[]
}

/** Exit codes: the contract scripts rely on. */
export const EXIT = { OK: 0, NOT_VERIFIED: 1, USAGE: 2, FAILURE: 3 } as const

export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
    return { values: values as ParsedArgs['values'], positionals }
  } catch (e) {
    throw new MicrocredError('ERR_USAGE', `${(e as Error).message}. See: microcred ${command.name} --help`)
  }
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name]
  return typeof v === 'string' ? v : undefined
}

export function stringList(args: ParsedArgs, name: string): string[] {
  const v = args.values[name]
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []
}
