/** @module cli/commands/verify — verify a credential offline and report every check. */
import { MicrocredError, verifyCredential, type Check, type VerificationResult } from '../../core/index.js'
import { EXIT, stringList, stringOption, type CliIO, type Command } from '../command.js'
import { readJsonInput } from '../read-input.js'

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'verify a credential offline: shape, contexts, schema, signature, issuer, dates, status',
  help: `Usage: microcred verify FILE|- [--json] [--controller FILE]... [--at DATE]

Verifies the credential in FILE (or standard input with -) without network access and
prints one line per check. Nothing is fetched: contexts are bundled and did:key issuers
resolve locally. For an issuer identified by a URL, pass its controller document (the
JSON document listing its keys) with --controller.

Exit codes: 0 verified, 1 not verified, 2 bad usage or unreadable/invalid input.

Options:
  --json              print the VerificationResult as JSON
  --controller FILE   a controller (DID) document to trust for key binding; repeatable
  --at DATE           check validity at this ISO date-time instead of now
  -h, --help          show this help`,
  options: { json: { type: 'boolean' }, controller: { type: 'string', multiple: true }, at: { type: 'string' } },
  async run(args, io) {
    const [source, ...rest] = args.positionals
    if (source === undefined || rest.length > 0) throw new MicrocredError('ERR_USAGE', 'expected one FILE (or - for stdin); see: microcred verify --help')
    const at = stringOption(args, 'at')
    if (at !== undefined && Number.isNaN(Date.parse(at))) throw new MicrocredError('ERR_USAGE', `--at ${at} is not a date-time`)
    const documents = await readControllers(stringList(args, 'controller'), io)
    const { value } = await readJsonInput(source, io)
    const result = await verifyCredential(value, {
      ...(Object.keys(documents).length > 0 ? { documents } : {}),
      ...(at !== undefined ? { clock: { now: () => new Date(at) } } : {}),
    })
    io.stdout(args.values['json'] === true ? JSON.stringify(result, null, 2) + '\n' : formatResult(result))
    return result.verified ? EXIT.OK : EXIT.NOT_VERIFIED
  },
}

async function readControllers(files: string[], io: CliIO): Promise<Record<string, unknown>> {
  const documents: Record<string, unknown> = {}
  for (const file of files) {
    const { value } = await readJsonInput(file, io)
    const id = (value as { id?: unknown } | null)?.id
    if (typeof id !== 'string') throw new MicrocredError('ERR_USAGE', `--controller ${file}: the document has no id`)
    documents[id] = value
  }
  return documents
}

const MARK: Record<Check['outcome'], string> = { pass: 'PASS ', fail: 'FAIL ', error: 'ERROR', skip: 'SKIP ' }

export function formatResult(result: VerificationResult): string {
  const width = Math.max(...result.checks.map((c) => c.id.length))
  const lines = result.checks.map((c) => `${MARK[c.outcome]} ${c.id.padEnd(width)}  ${c.message}${c.code ? ` [${c.code}]` : ''}`)
  lines.push(result.verified ? 'VERIFIED' : 'NOT VERIFIED')
  return lines.join('\n') + '\n'
}
