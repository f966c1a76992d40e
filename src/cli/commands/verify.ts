/** @module cli/commands/verify — verify a credential offline and report every check. */
import { MicrocredError, createNodeCryptoProvider, createStatusListResolver, systemClock, verifyCredential, type Check, type StatusResolver, type VerificationResult } from '../../index.js'
import { createOnlineStatusListLoader } from '../../status/fetch-status-list.js'
import { EXIT, stringList, stringOption, type CliIO, type Command } from '../command.js'
import { readJsonInput, readStatusLists } from '../read-input.js'
import { formatProfileElements, readEndorsements, readProfiles, readTrustList } from './stack.js'

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'verify a credential offline: shape, contexts, schema, signature, issuer, dates, status',
  help: `Usage: microcred verify FILE|- [--json] [--controller FILE]... [--at DATE] [--status-list FILE]... [--online-status]
                      [--profile NAME|FILE]... [--trust FILE] [--endorsement FILE]...

Verifies the credential in FILE (or standard input with -) without network access and
prints one line per check. Nothing is fetched: contexts are bundled and did:key issuers
resolve locally. For an issuer identified by a URL, pass its controller document (the
JSON document listing its keys) with --controller.

A credential with a credentialStatus entry is checked against Bitstring Status List
credentials: pass lists fetched earlier with --status-list (offline), or allow fetching
them with --online-status. A list is used only if its signature verifies, its issuer is
the credential's issuer and it is fresh (ttl, validUntil); otherwise the status is
unknown, and unknown is never "not revoked".

With --profile, the credential is also checked against a framework profile (shipped:
eu-microcredential-2022, nzqa, uk-qaa, uk-lle-module, au-nmf, ca-ontario; or a profile
file): one check per profile, one line per element. A QA claim counts as assured only when
a QA body in the --trust list has signed an endorsement of the achievement or issuer.
A ClrCredential's nested credentials are verified too (check "nested").

Exit codes: 0 verified, 1 not verified, 2 bad usage or unreadable/invalid input.

Options:
  --json              print the VerificationResult as JSON
  --controller FILE   a controller (DID) document to trust for key binding; repeatable
  --at DATE           check validity at this ISO date-time instead of now
  --status-list FILE  a signed status list credential fetched earlier, or a folder of them
                      (e.g. public/status from microcred status publish); repeatable
  --online-status     fetch status lists the credential points to (https, opt-in)
  --profile NAME|FILE check a framework profile (shipped name or file); repeatable
  --trust FILE        trust list of QA bodies (see docs/portability.md)
  --endorsement FILE  a signed EndorsementCredential supplied beside it; repeatable
  -h, --help          show this help`,
  options: {
    json: { type: 'boolean' },
    controller: { type: 'string', multiple: true },
    at: { type: 'string' },
    'status-list': { type: 'string', multiple: true },
    'online-status': { type: 'boolean' },
    profile: { type: 'string', multiple: true },
    trust: { type: 'string' },
    endorsement: { type: 'string', multiple: true },
  },
  async run(args, io) {
    const [source, ...rest] = args.positionals
    if (source === undefined || rest.length > 0) throw new MicrocredError('ERR_USAGE', 'expected one FILE (or - for stdin); see: microcred verify --help')
    const at = stringOption(args, 'at')
    if (at !== undefined && Number.isNaN(Date.parse(at))) throw new MicrocredError('ERR_USAGE', `--at ${at} is not a date-time`)
    const documents = await readControllers(stringList(args, 'controller'), io)
    const { value } = await readJsonInput(source, io)
    const clock = at !== undefined ? { now: () => new Date(at) } : systemClock
    const statusResolver = await statusResolverFor(args, io, documents, clock)
    const profiles = await readProfiles(stringList(args, 'profile'), io)
    const trustFile = stringOption(args, 'trust')
    const trustList = trustFile === undefined ? undefined : await readTrustList(trustFile, io)
    const endorsements = await readEndorsements(stringList(args, 'endorsement'), io)
    const result = await verifyCredential(value, {
      ...(Object.keys(documents).length > 0 ? { documents } : {}),
      ...(at !== undefined ? { clock } : {}),
      ...(statusResolver !== undefined ? { statusResolver } : {}),
      ...(profiles.length > 0 ? { profiles } : {}),
      ...(trustList !== undefined ? { trustList } : {}),
      ...(endorsements.length > 0 ? { endorsements } : {}),
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

/** Status lists from --status-list files and, with --online-status, fetched ones. */
async function statusResolverFor(
  args: Parameters<Command['run']>[0],
  io: CliIO,
  documents: Record<string, unknown>,
  clock: { now(): Date },
): Promise<StatusResolver | undefined> {
  const files = stringList(args, 'status-list')
  const online = args.values['online-status'] === true
  if (files.length === 0 && !online) return undefined
  const lists = await readStatusLists(files, io)
  return createStatusListResolver({
    lists,
    clock,
    ...(online ? { load: createOnlineStatusListLoader({ clock }) } : {}),
    verifyOptions: { crypto: createNodeCryptoProvider(), ...(Object.keys(documents).length > 0 ? { documents } : {}) },
  })
}

const MARK: Record<Check['outcome'], string> = { pass: 'PASS ', fail: 'FAIL ', error: 'ERROR', skip: 'SKIP ' }

export function formatResult(result: VerificationResult): string {
  const width = Math.max(...result.checks.map((c) => c.id.length))
  const lines = result.checks.flatMap((c) => [`${MARK[c.outcome]} ${c.id.padEnd(width)}  ${c.message}${c.code ? ` [${c.code}]` : ''}`, ...formatProfileElements(c)])
  lines.push(result.verified ? 'VERIFIED' : 'NOT VERIFIED')
  return lines.join('\n') + '\n'
}
