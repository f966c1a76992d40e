/**
 * @module cli/commands/stack — do these credentials add up to a pathway's award? Optionally
 * sign the award as a CLR 2.0 ClrCredential, issued like `microcred issue` issues (status
 * entries from the service's store, stored, so it can be revoked). The portability inputs
 * (profiles, trust lists, endorsements: cli/portability-input.ts) and report formatting
 * (cli/portability-format.ts) are shared with the verify command.
 */
import { resolve } from 'node:path'
import {
  awardAchievement,
  buildClrAward,
  createNodeCryptoProvider,
  createStatusListResolver,
  evaluatePathway,
  isPlainObject,
  MicrocredError,
  parsePathway,
  systemClock,
} from '../../index.js'
import { newCredentialUrl } from '../../issuance/context.js'
import { loadIssuer } from '../../kms/issuer-directory.js'
import { codeCachedSchemaValidators } from '../code-cached-validators.js'
import { EXIT, stringList, stringOption, type CliIO, type Command } from '../command.js'
import { issueToStore } from '../issue-to-store.js'
import { formatPathwayResult } from '../portability-format.js'
import { readEndorsements, readTrustList } from '../portability-input.js'
import { readJsonInput, readStatusLists } from '../read-input.js'
import { baseUrlOf, loadServiceConfig, SERVICE_OPTIONS } from '../service-store.js'

export const stackCommand: Command = {
  name: 'stack',
  summary: 'check whether credentials satisfy a stacking pathway; --award signs a CLR 2.0 award',
  help: `Usage: microcred stack --pathway FILE CREDENTIAL... [--award] [--email E] [--learner ID]
                       [--trust FILE] [--endorsement FILE]... [--controller FILE]...
                       [--status-list FILE]... [--at DATE] [--json]
                       [--dir DIR] [--config FILE]

Evaluates the CREDENTIAL files (each a credential, a JSON array of credentials, or a
verifiable presentation) against the pathway in FILE, offline. Every component is verified
first: one that fails, is revoked or expired never counts. All must belong to one learner:
the same subject id, or a salted-hash email identity you prove with --email. Prints what
counted, what was excluded and why, every rule, and what is missing.

With --award, when the pathway is satisfied, the issuer in DIR signs a CLR 2.0
ClrCredential holding the component credentials and their isPartOf associations; it is
printed on stdout (the report goes to standard error):
  microcred stack --pathway pgcert.json a.json b.json c.json --award > clr.json
Like microcred issue, the award gets a Bitstring Status List entry for revocation and for
suspension and is stored in the issuer's database (found as microcred serve finds it; named
on stderr), so it can be withdrawn later with microcred revoke|suspend ID.

Exit codes: 0 satisfied (and awarded with --award), 1 not satisfied, 2 bad usage or
unreadable/invalid input.

Options:
  --pathway FILE      the pathway document (see docs/portability.md)
  --award             sign the award as a ClrCredential when satisfied
  --email E           the learner's email, proving salted-hash email identities
  --learner ID        the learner's subject id (default: the first credential's subject)
  --trust FILE        trust list of QA bodies and accepted issuers
  --endorsement FILE  a signed EndorsementCredential supplied beside the credentials; repeatable
  --controller FILE   a controller (DID) document for a URL issuer; repeatable
  --status-list FILE  a signed status list credential fetched earlier, or a folder of them; repeatable
  --at DATE           evaluate at this ISO date-time instead of now
  --json              print the evaluation as JSON
  --dir DIR           the awarding issuer's service directory for --award, as for
                      microcred serve (default: .)
  --config FILE       the awarding service's config file for --award (MICROCRED_CONFIG)
  -h, --help          show this help`,
  options: {
    pathway: { type: 'string' },
    award: { type: 'boolean' },
    email: { type: 'string' },
    learner: { type: 'string' },
    trust: { type: 'string' },
    endorsement: { type: 'string', multiple: true },
    controller: { type: 'string', multiple: true },
    'status-list': { type: 'string', multiple: true },
    at: { type: 'string' },
    json: { type: 'boolean' },
    ...SERVICE_OPTIONS,
  },
  async run(args, io) {
    const pathwayFile = stringOption(args, 'pathway')
    if (pathwayFile === undefined) throw new MicrocredError('ERR_USAGE', '--pathway FILE is required; see: microcred stack --help')
    if (args.positionals.length === 0) throw new MicrocredError('ERR_USAGE', 'expected at least one CREDENTIAL file; see: microcred stack --help')
    const at = stringOption(args, 'at')
    if (at !== undefined && Number.isNaN(Date.parse(at))) throw new MicrocredError('ERR_USAGE', `--at ${at} is not a date-time`)
    const award = args.values['award'] === true
    // The awarding service is found (and its base URL known) before anything is evaluated.
    const config = award ? await loadServiceConfig(args, io) : undefined
    const issuer = config !== undefined ? await loadIssuer(config.dir) : undefined
    const base = config !== undefined ? baseUrlOf(config) : undefined

    const pathway = parsePathway((await readJsonInput(pathwayFile, io)).value, pathwayFile)
    const trustFile = stringOption(args, 'trust')
    const trustList = trustFile === undefined ? undefined : await readTrustList(trustFile, io)
    const endorsements = await readEndorsements(stringList(args, 'endorsement'), io)
    const documents = await readControllers(stringList(args, 'controller'), io)
    const clock = at !== undefined ? { now: () => new Date(at) } : systemClock
    const lists = await readStatusLists(stringList(args, 'status-list'), io)
    const crypto = createNodeCryptoProvider()
    const statusResolver =
      lists.length === 0 ? undefined : createStatusListResolver({ lists, clock, verifyOptions: { crypto, ...(Object.keys(documents).length > 0 ? { documents } : {}) } })

    const input = await readComponents(args.positionals, io)
    const credentials = Array.isArray(input) ? input : [input['verifiableCredential']].flat().filter((c) => c !== undefined)
    const email = stringOption(args, 'email')
    const learner = stringOption(args, 'learner')
    const result = await evaluatePathway(pathway, input, {
      verify: {
        crypto,
        schemaValidators: codeCachedSchemaValidators(),
        clock,
        ...(Object.keys(documents).length > 0 ? { documents } : {}),
        ...(statusResolver !== undefined ? { statusResolver } : {}),
      },
      ...(trustList !== undefined ? { trustList } : {}),
      ...(endorsements.length > 0 ? { endorsements } : {}),
      ...(email !== undefined || learner !== undefined ? { learner: { ...(email !== undefined ? { email } : {}), ...(learner !== undefined ? { id: learner } : {}) } } : {}),
    })
    const report = args.values['json'] === true ? JSON.stringify(result, null, 2) + '\n' : formatPathwayResult(result)
    if (!award) {
      io.stdout(report)
      return result.satisfied ? EXIT.OK : EXIT.NOT_VERIFIED
    }
    io.stderr(report)
    if (!result.satisfied) {
      io.stderr('microcred stack: not satisfied, so no award was signed\n')
      return EXIT.NOT_VERIFIED
    }
    const unsigned = await buildClrAward({
      pathway,
      result,
      credentials,
      issuer: { id: issuer!.id, ...issuer!.profile },
      id: newCredentialUrl({ baseUrl: () => base!.url }),
      now: clock.now(),
      ...(email !== undefined ? { learnerEmail: email } : {}),
    })
    const clr = await issueToStore(config!, issuer!, unsigned, io, { clock, achievementId: awardAchievement(pathway)['id'] as string })
    io.stdout(JSON.stringify(JSON.parse(clr.json), null, 2) + '\n')
    return EXIT.OK
  },
}

/** One credential list from the files: credentials, arrays of them, or one presentation (kept whole for its holder). */
async function readComponents(files: string[], io: CliIO): Promise<unknown[] | Record<string, unknown>> {
  const values: unknown[] = []
  for (const file of files) values.push((await readJsonInput(file, io)).value)
  const isPresentation = (v: unknown): v is Record<string, unknown> =>
    isPlainObject(v) && (Array.isArray(v['type']) ? v['type'] : [v['type']]).includes('VerifiablePresentation')
  if (values.length === 1 && isPresentation(values[0])) return values[0] // whole: its proof may name the holder
  return values.flatMap((v) => (Array.isArray(v) ? v : isPresentation(v) ? [v['verifiableCredential']].flat().filter((c) => c !== undefined) : [v]))
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

