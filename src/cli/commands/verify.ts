/** @module cli/commands/verify — verify a credential offline and report every check. */
// Imported module by module, not through the package index, and the portability readers
// (stack.js) only when a portability option is given: start-up time is most of a
// one-credential `microcred verify`.
import { MicrocredError } from '../../core/errors.js'
import { systemClock } from '../../core/ports.js'
import type { Check, VerificationResult } from '../../core/verifier/result.js'
import type { StatusResolver } from '../../core/verifier/status-resolver.js'
import { verifyCredential } from '../../core/verifier/verify-credential.js'
import { EXIT, stringList, stringOption, type CliIO, type Command } from '../command.js'
import { addressCheck } from '../../net/guarded-get.js'
import { readCredentialFile, readJsonInput } from '../read-input.js'

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'verify a credential offline: shape, contexts, schema, signature, issuer, dates, status',
  help: `Usage: microcred verify FILE|- [--json] [--controller FILE]... [--at DATE] [--status-list FILE]... [--online-status]
                      [--profile NAME|FILE]... [--trust FILE] [--endorsement FILE]...

Verifies the credential in FILE (or standard input with -) without network access and
prints one line per check. FILE holds a JSON credential (Data Integrity proof: eddsa-rdfc-2022,
eddsa-jcs-2022, ecdsa-rdfc-2019, Ed25519Signature2020; VC 2.0 or 1.1), an Open Badges 2.0
assertion, a JWT (OB 3.0 VC-JWT, VC-JOSE-COSE vc+jwt, a signed OB 2.0 badge), or a badge
image with one of these baked in (PNG or SVG, Open Badges 3.0 or 2.0); see
docs/verification.md for every format. Nothing is fetched: contexts are bundled and did:key issuers
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
  --status-list FILE  a signed status list credential fetched earlier; repeatable
  --online-status     fetch status lists the credential points to (https, opt-in); hosts
                      that resolve to loopback/private/link-local/CGNAT/multicast addresses
                      are refused (ERR_FETCH_ADDRESS_BLOCKED)
  --allow-private-networks NETS
                      with --online-status: also fetch from these non-public networks
                      (comma-separated CIDRs, e.g. 10.20.0.0/16,fd00::/8, or "all")
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
    'allow-private-networks': { type: 'string' },
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
    const input = await readCredentialFile(source, io)
    if (input.container === 'png' || input.container === 'svg') io.stderr(`read the credential baked into the ${input.container.toUpperCase()} badge ${source}\n`)
    const value = input.kind === 'credential' ? input.credential : input.kind === 'jwt' ? input.jwt : input.assertion
    const clock = at !== undefined ? { now: () => new Date(at) } : systemClock
    const statusResolver = await statusResolverFor(args, io, documents, clock)
    const trustFile = stringOption(args, 'trust')
    const portability =
      stringList(args, 'profile').length > 0 || trustFile !== undefined || stringList(args, 'endorsement').length > 0 ? await import('./stack.js') : undefined
    const profiles = portability === undefined ? [] : await portability.readProfiles(stringList(args, 'profile'), io)
    const trustList = trustFile === undefined || portability === undefined ? undefined : await portability.readTrustList(trustFile, io)
    const endorsements = portability === undefined ? [] : await portability.readEndorsements(stringList(args, 'endorsement'), io)
    const result = await verifyCredential(value, {
      ...(Object.keys(documents).length > 0 ? { documents } : {}),
      ...(at !== undefined ? { clock } : {}),
      ...(statusResolver !== undefined ? { statusResolver } : {}),
      ...(profiles.length > 0 ? { profiles } : {}),
      ...(trustList !== undefined ? { trustList } : {}),
      ...(endorsements.length > 0 ? { endorsements } : {}),
    })
    io.stdout(args.values['json'] === true ? JSON.stringify(result, null, 2) + '\n' : formatResult(result, portability?.formatProfileElements))
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
  const privateText = args.values['allow-private-networks']
  if (privateText !== undefined && !online) throw new MicrocredError('ERR_USAGE', '--allow-private-networks only applies with --online-status')
  const allowPrivateNetworks =
    typeof privateText !== 'string' ? false : privateText.trim() === 'all' ? true : privateText.split(',').map((n) => n.trim()).filter((n) => n !== '')
  try {
    addressCheck(allowPrivateNetworks) // a bad network is a usage error now, not an unknown status later
  } catch (e) {
    throw new MicrocredError('ERR_USAGE', `--allow-private-networks: ${(e as Error).message}`)
  }
  if (files.length === 0 && !online) return undefined
  const lists: unknown[] = []
  for (const file of files) lists.push((await readJsonInput(file, io)).value)
  const [{ createStatusListResolver }, { createNodeCryptoProvider }, { createOnlineStatusListLoader }] = await Promise.all([
    import('../../core/status/status-list-resolver.js'),
    import('../../kms/node-crypto-provider.js'),
    import('../../status/fetch-status-list.js'),
  ])
  return createStatusListResolver({
    lists,
    clock,
    ...(online ? { load: createOnlineStatusListLoader({ clock, allowPrivateNetworks }) } : {}),
    verifyOptions: { crypto: createNodeCryptoProvider(), ...(Object.keys(documents).length > 0 ? { documents } : {}) },
  })
}

const MARK: Record<Check['outcome'], string> = { pass: 'PASS ', fail: 'FAIL ', error: 'ERROR', skip: 'SKIP ' }

/** One line per check; `profileElements` adds the element lines of profile checks. */
export function formatResult(result: VerificationResult, profileElements: (check: Check) => string[] = () => []): string {
  const width = Math.max(...result.checks.map((c) => c.id.length))
  const lines = result.checks.flatMap((c) => [`${MARK[c.outcome]} ${c.id.padEnd(width)}  ${c.message}${c.code ? ` [${c.code}]` : ''}`, ...profileElements(c)])
  lines.push(result.verified ? 'VERIFIED' : 'NOT VERIFIED')
  return lines.join('\n') + '\n'
}
