/**
 * @module cli/commands/verify — verify a credential offline: the headline first, then what
 * the credential claims, then every check and, when asked, the portability report.
 */
// Imported module by module, not through the package index: start-up time is most of a
// one-credential `microcred verify`.
import { MicrocredError } from '../../core/errors.js'
import { systemClock } from '../../core/ports.js'
import { verifyCredential } from '../../core/verifier/verify-credential.js'
import type { Check, ClaimSummary, CredentialVerificationResult, Pathway, PathwayResult, PortabilityReport, StatusResolver } from '../../core/index.js'
import { createNodeCryptoProvider } from '../../kms/node-crypto-provider.js'
import { codeCachedSchemaValidators } from '../code-cached-validators.js'
import { EXIT, stringList, stringOption, type CliIO, type Command } from '../command.js'
import { readCredentialFile, readJsonInput, readStatusLists } from '../read-input.js'
import { formatPathwayResult, formatProfileElements } from '../portability-format.js'

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'verify a credential offline: shape, contexts, schema, signature, issuer, dates, status',
  help: `Usage: microcred verify FILE|- [--json] [--strict] [--email ADDRESS] [--controller FILE]... [--at DATE]
                      [--status-list FILE]... [--online-status] [--profile NAME|FILE]... [--pathway FILE]...
                      [--trust FILE] [--endorsement FILE]...

Verifies the credential in FILE (or standard input with -) without network access. Prints
a headline (VERIFIED, VERIFIED WITH WARNINGS or NOT VERIFIED, with what to do next), then
what the credential claims (achievement, issuer, recipient, credits, level, QA, dates), then
one line per check. FILE holds a JSON credential (Data Integrity proof: eddsa-rdfc-2022,
eddsa-jcs-2022, ecdsa-rdfc-2019, Ed25519Signature2020; VC 2.0 or 1.1), an Open Badges 2.0
assertion, a JWT (OB 3.0 VC-JWT, VC-JOSE-COSE vc+jwt, a signed OB 2.0 badge), or a badge
image with one of these baked in (PNG or SVG, Open Badges 3.0 or 2.0); see
docs/verification.md for every format. Nothing is fetched: contexts are bundled and did:key issuers resolve
locally. For an issuer identified by a URL or did:web, pass its controller document (the
JSON document listing its keys) with --controller.

A credential with a credentialStatus entry is checked against Bitstring Status List
credentials: pass lists fetched earlier with --status-list (offline), or allow fetching
them with --online-status. A list is used only if its signature verifies, its issuer is
the credential's issuer and it is fresh (ttl, validUntil); otherwise the status is
unknown: a warning, and unknown is never "not revoked".

Warnings (status unknown, JSON Schema non-conformance, issuer not in the --trust list,
recipient not named by email) leave the credential verified; --strict makes them failures.
A check that depends on one that failed is SKIP ("not checked because the signature
failed"), never PASS.

With --profile, the credential is also reported against a framework profile (shipped:
eu-microcredential-2022, nzqa, uk-qaa, uk-lle-module, au-nmf, ca-ontario; or a profile
file) under "Portability", one line per element; credits are converted where the tables
allow (ECTS to UK credits for uk-qaa). A profile never changes whether the credential is
verified. A QA claim counts as assured only when a QA body in the --trust list has signed
an endorsement of the achievement or issuer. A ClrCredential's nested credentials are
verified too (check "nested"). With --pathway, the credential is evaluated as a component
of a stacking pathway (does it count, for how many credits in the pathway's unit, what is
still missing); that too is portability and never changes the verdict.

Exit codes: 0 verified (with warnings too, unless --strict), 1 not verified, 2 bad usage or
unreadable/invalid input.

Options:
  --json              print the result (verified, verdict, summary, checks, portability) as JSON
  --strict            treat warnings as failures
  --email ADDRESS     check that the credential was issued to this email (hashed identity)
  --controller FILE   a controller (DID) document to trust for key binding; repeatable
  --at DATE           check validity at this ISO date-time instead of now
  --status-list FILE  a signed status list credential fetched earlier, or a folder of them
                      (e.g. public/status from microcred status publish); repeatable
  --online-status     fetch status lists the credential points to (https, opt-in); hosts
                      that resolve to loopback/private/link-local/CGNAT/multicast addresses
                      are refused (ERR_FETCH_ADDRESS_BLOCKED)
  --allow-private-networks NETS
                      with --online-status: also fetch from these non-public networks
                      (comma-separated CIDRs, e.g. 10.20.0.0/16,fd00::/8, or "all")
  --profile NAME|FILE report on a framework profile (shipped name or file); repeatable
  --pathway FILE      report how it counts toward a stacking pathway; repeatable
  --trust FILE        trust list of QA bodies and issuers (see docs/portability.md)
  --endorsement FILE  a signed EndorsementCredential supplied beside it; repeatable
  -h, --help          show this help`,
  options: {
    json: { type: 'boolean' },
    strict: { type: 'boolean' },
    email: { type: 'string' },
    controller: { type: 'string', multiple: true },
    at: { type: 'string' },
    'status-list': { type: 'string', multiple: true },
    'online-status': { type: 'boolean' },
    'allow-private-networks': { type: 'string' },
    profile: { type: 'string', multiple: true },
    pathway: { type: 'string', multiple: true },
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
    // Portability inputs and pathways are read by modules loaded only when asked for (cold start).
    const profileValues = stringList(args, 'profile')
    const trustFile = stringOption(args, 'trust')
    const endorsementFiles = stringList(args, 'endorsement')
    const pathwayFiles = stringList(args, 'pathway')
    const portability = profileValues.length > 0 || trustFile !== undefined || endorsementFiles.length > 0 ? await import('../portability-input.js') : undefined
    const profiles = portability === undefined ? [] : await portability.readProfiles(profileValues, io)
    const trustList = trustFile === undefined ? undefined : await portability!.readTrustList(trustFile, io)
    const endorsements = portability === undefined ? [] : await portability.readEndorsements(endorsementFiles, io)
    const pathways: Pathway[] = []
    if (pathwayFiles.length > 0) {
      const { parsePathway } = await import('../../core/portability/pathway.js')
      for (const file of pathwayFiles) pathways.push(parsePathway((await readJsonInput(file, io)).value, file))
    }
    const email = stringOption(args, 'email')
    if (email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(email.trim())) throw new MicrocredError('ERR_USAGE', `--email ${email} is not an email address`)
    const schemaValidators = codeCachedSchemaValidators()
    const result = await verifyCredential(value, {
      crypto: createNodeCryptoProvider(),
      schemaValidators,
      ...(Object.keys(documents).length > 0 ? { documents } : {}),
      ...(at !== undefined ? { clock } : {}),
      ...(statusResolver !== undefined ? { statusResolver } : {}),
      ...(profiles.length > 0 ? { profiles } : {}),
      ...(trustList !== undefined ? { trustList } : {}),
      ...(endorsements.length > 0 ? { endorsements } : {}),
      ...(args.values['strict'] === true ? { strict: true } : {}),
      ...(email !== undefined ? { email } : {}),
      hints: 'cli',
    })
    const output: VerifyOutput = result
    if (pathways.length > 0) {
      // Components count only when they verify outright (evaluatePathway verifies strictly).
      const verify = {
        crypto: createNodeCryptoProvider(),
        schemaValidators,
        clock,
        ...(Object.keys(documents).length > 0 ? { documents } : {}),
        ...(statusResolver !== undefined ? { statusResolver } : {}),
      }
      const { evaluatePathway } = await import('../../core/verifier/evaluate-pathway.js')
      const results: PathwayResult[] = []
      for (const pathway of pathways) {
        results.push(
          await evaluatePathway(pathway, [value], {
            verify,
            ...(trustList !== undefined ? { trustList } : {}),
            ...(endorsements.length > 0 ? { endorsements } : {}),
            ...(email !== undefined ? { learner: { email } } : {}),
          }),
        )
      }
      output.portability = { profiles: result.portability?.profiles ?? [], pathways: results }
    }
    io.stdout(args.values['json'] === true ? JSON.stringify(output, null, 2) + '\n' : formatResult(output))
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
  // Without the option there is nothing to check (and node:dns is not loaded: cold start).
  if (privateText !== undefined) {
    const { addressCheck } = await import('../../net/guarded-get.js')
    try {
      addressCheck(allowPrivateNetworks) // a bad network is a usage error now, not an unknown status later
    } catch (e) {
      throw new MicrocredError('ERR_USAGE', `--allow-private-networks: ${(e as Error).message}`)
    }
  }
  if (files.length === 0 && !online) return undefined
  const lists = await readStatusLists(files, io)
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

/** The CLI's result: the verifier's, with the pathways asked for (`--pathway`) beside the profiles. */
export type VerifyOutput = CredentialVerificationResult & { portability?: PortabilityReport & { pathways?: PathwayResult[] } }

const MARK: Record<Check['outcome'], string> = { pass: 'PASS ', warn: 'WARN ', fail: 'FAIL ', error: 'ERROR', skip: 'SKIP ' }
const LEVEL = { verified: 'VERIFIED', 'verified-with-warnings': 'VERIFIED WITH WARNINGS', 'not-verified': 'NOT VERIFIED' } as const

/** Headline, claim summary, checks, portability, and the level again as the last line. */
export function formatResult(result: VerifyOutput): string {
  const lines = [result.verdict.headline, '']
  lines.push(result.verified ? 'What it claims:' : 'What it claims (NOT verified: do not rely on it):', ...formatSummary(result.summary), '')
  lines.push('Checks:', ...formatChecks(result.checks))
  const profiles = result.portability?.profiles ?? []
  const pathways = result.portability?.pathways ?? []
  if (profiles.length > 0 || pathways.length > 0) {
    lines.push('', 'Portability (does not change the verdict):')
    if (profiles.length > 0) lines.push(...formatChecks(profiles))
    for (const p of pathways) lines.push(...formatPathwayResult(p).trimEnd().split('\n').map((l, i) => (i === 0 ? l : `  ${l}`)))
  }
  lines.push('', LEVEL[result.verdict.level])
  return lines.join('\n') + '\n'
}

function formatChecks(checks: readonly Check[]): string[] {
  const width = Math.max(...checks.map((c) => c.id.length))
  return checks.flatMap((c) => [`${MARK[c.outcome]} ${c.id.padEnd(width)}  ${c.message}${c.code ? ` [${c.code}]` : ''}`, ...formatProfileElements(c)])
}

const EMAIL: Record<NonNullable<NonNullable<ClaimSummary['recipient']>['email']>, string> = {
  matches: 'the email you gave matches',
  'does-not-match': 'the email you gave does NOT match',
  'no-email-identity': 'not named by email, so the email you gave could not be checked',
}

/** The claim summary as labelled lines; absent elements are left out. */
export function formatSummary(summary: ClaimSummary): string[] {
  const rows: [string, string][] = []
  const a = summary.achievement
  if (a !== undefined) rows.push(['Achievement', `${a.name}${a.type ? ` (${a.type})` : ''}`])
  const i = summary.issuer
  if (i !== undefined) {
    const where = i.domain !== undefined ? `${i.domain} (${i.id})` : i.id.startsWith('did:key:') ? `${i.id} (a bare key: no domain)` : i.id
    rows.push(['Issuer', `${i.name ?? '(no name)'} — ${where}`])
  }
  const r = summary.recipient
  if (r !== undefined) {
    const who = [r.id, ...r.identities.map((x) => `${x.hashed ? 'hashed ' : ''}${x.type === 'emailAddress' ? 'email' : x.type}`)].filter((x) => x !== undefined)
    rows.push(['Recipient', `${who.length > 0 ? who.join(', ') : '(not named)'}${r.email !== undefined ? `; ${EMAIL[r.email]}` : ''}`])
  }
  const workload = [
    summary.credits !== undefined ? `${summary.credits.value} ${summary.credits.declaredSystem ?? summary.credits.system ?? 'credits (system not stated)'}` : undefined,
    summary.workloadHours !== undefined ? `${summary.workloadHours} hours` : undefined,
  ].filter((x) => x !== undefined)
  if (workload.length > 0) rows.push(['Credits', workload.join(', ')])
  if (summary.levels.length > 0) rows.push(['Level', summary.levels.map((l) => `${l.framework} ${l.code}`).join(', ')])
  for (const qa of summary.qualityAssurance) rows.push(['QA', `${qa.body.name || qa.body.id} (${qa.type}): ${qa.assurance === 'assured' ? `assured — ${qa.reason}` : qa.reason}`])
  const d = summary.dates
  const dates = [d.issued && `issued ${d.issued}`, d.validFrom && d.validFrom !== d.issued && `valid from ${d.validFrom}`, d.validUntil && `valid until ${d.validUntil}`].filter((x): x is string => typeof x === 'string' && x !== '')
  if (dates.length > 0) rows.push(['Dates', dates.join('; ')])
  if (rows.length === 0) return ['  (nothing readable)']
  return rows.map(([k, v]) => `  ${k.padEnd(13)}${v}`)
}
