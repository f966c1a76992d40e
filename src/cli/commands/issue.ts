/**
 * @module cli/commands/issue — sign a credential (or an issue request) with the service's
 * issuer, through the same use-case as the HTTP API (src/issuance/issue.ts): the credential
 * gets status entries in the service's store before it is signed, and is stored, so it can
 * be revoked or suspended later (microcred revoke|suspend).
 */
import { dirname, resolve } from 'node:path'
import {
  buildAchievementCredential,
  isPlainObject,
  MicrocredError,
  toAchievement,
  type Achievement,
  type Issuer,
  type MicroCredentialDefinition,
  type Recipient,
  type Result,
} from '../../index.js'
import { cliIssueRequestSchema, definitionSchema } from '../../http/schemas/achievements.js'
import { newCredentialUrl } from '../../issuance/context.js'
import { checkCredentialIssuable, issueCredentials } from '../../issuance/issue.js'
import { compileRequestValidator } from '../../issuance/validate-request.js'
import { loadIssuer } from '../../kms/issuer-directory.js'
import { EXIT, type CliIO, type Command } from '../command.js'
import { readJsonInput } from '../read-input.js'
import { issueCsv } from './issue-csv.js'
import { baseUrlOf, describeStore, issuanceContext, loadServiceConfig, openConfiguredStore, SERVICE_OPTIONS, SERVICE_OPTIONS_HELP } from '../service-store.js'

export const issueCommand: Command = {
  name: 'issue',
  summary: 'sign an unsigned credential or an issue request (revocable: stored with status entries); prints it',
  help: `Usage: microcred issue FILE|- [--dir DIR] [--config FILE]
       microcred issue --csv FILE [--out RESULTS.csv] [--dir DIR] [--config FILE]

Signs with the issuer in DIR (default: .) and prints the signed credential (JSON) on stdout.
Like the service's POST /credentials/issue, the credential gets a Bitstring Status List entry
for revocation and for suspension, and is stored in the service's database (found as
microcred serve finds it; named on stderr), so it can be withdrawn later with
microcred revoke|suspend ID. Its status lists are served by microcred serve at
PUBLIC_URL/status/<list> (without PUBLIC_URL: http://HOST:PORT, serve's own address), or
written as files for static hosting by microcred status publish.

FILE (or standard input with -) is either
  - an unsigned OB 3.0 / VC 2.0 credential (it has "@context"): its issuer id ("issuer" or
    "issuer.id") is set to the issuer's DID, other issuer profile fields (name, url,
    address) are kept; "validFrom" (now) and "id" (PUBLIC_URL/credentials/<uuid>) are
    added when missing; or
  - an issue request (checked against the JSON Schema the HTTP API uses; an unknown field
    is an error that names the field it resembles):
      { "achievement": "achievement.json" | { ...definition or OB 3.0 Achievement },
        "recipient": { "id": "did:example:learner" } | { "email": "learner@example.org" },
        "validFrom": "…", "validUntil": "2030-01-01T00:00:00Z", "name": "…",
        "result": [ ... ], "withCredentialSchema": true }
    where the achievement file holds a micro-credential definition (see docs/model.md) or
    an OB 3.0 Achievement (anything with a "type"); relative paths are relative to the
    request file.

With --csv, one credential per row of a CSV file (a header row names the columns, any order):
  email or id      the recipient: an email (stored as a salted hash) or a DID/URL
  name             the learner's name (or givenName and familyName), added as an
                   identifier of type "name" (not hashed)
  achievement      a stored achievement id (POST /achievements), or a JSON file next to the
                   CSV (a micro-credential definition or an OB 3.0 Achievement)
  validFrom        optional date (YYYY-MM-DD) or date-time; default now
  validUntil       optional expiry (also accepted as "expiry")
  result           optional result value (e.g. a grade)
  salt             optional salt for the email hash
Every row is checked first (nothing is issued if one cannot become a credential); then the
rows are issued as a job by the service's job runner, in chunks, with progress (rows, rate,
ETA) on stderr. The results are written to stdout, one JSON line per row
({"row":0,"ok":true,"credentialId":…} or {"row":1,"ok":false,"error":{…}}), or as CSV to
--out FILE. Running the same command on the same file again continues the job (after a kill,
say) instead of issuing the file twice; once the job is done it prints the results again.

Exit codes: 0 signed (every row, with --csv), 1 some CSV rows were refused (see the results),
2 bad usage or unreadable/invalid input, 3 the job could not finish.

Options:
${SERVICE_OPTIONS_HELP}
  --csv FILE       issue one credential per CSV row (see above)
  --out FILE       with --csv: write the results as CSV to FILE instead of stdout
  -h, --help       show this help`,
  options: { ...SERVICE_OPTIONS, csv: { type: 'string' }, out: { type: 'string' } },
  async run(args, io) {
    const csv = args.values['csv']
    const out = args.values['out']
    if (typeof csv === 'string') {
      if (args.positionals.length > 0) throw new MicrocredError('ERR_USAGE', 'give either --csv FILE or one FILE, not both; see: microcred issue --help')
      return issueCsv(args, io, csv, typeof out === 'string' ? out : undefined)
    }
    if (out !== undefined) throw new MicrocredError('ERR_USAGE', '--out goes with --csv; see: microcred issue --help')
    const [source, ...rest] = args.positionals
    if (source === undefined || rest.length > 0) throw new MicrocredError('ERR_USAGE', 'expected one FILE (or - for stdin); see: microcred issue --help')
    // Everything that can fail on the input fails before the database is opened or created.
    const config = await loadServiceConfig(args, io)
    const issuer = await loadIssuer(config.dir)
    const base = baseUrlOf(config)
    const { value, path } = await readJsonInput(source, io)
    const { unsigned, achievementId } = isIssueRequest(value) ? await buildFromRequest(value, path ? dirname(path) : io.cwd, issuer, newCredentialUrl({ baseUrl: () => base.url }), io) : { unsigned: value, achievementId: undefined }

    checkCredentialIssuable(unsigned, issuer, new Date())

    // On failure the error is the one line on stderr; what was used is said on success.
    const store = await openConfiguredStore(config, io, 'write', false)
    try {
      const { credentials } = await issueCredentials(issuanceContext(config, store, issuer), [unsigned], achievementId === undefined ? {} : { achievementId })
      io.stdout(JSON.stringify(JSON.parse(credentials[0]!.json), null, 2) + '\n')
      io.stderr(`store: ${describeStore(config)}\nissued ${credentials[0]!.id}\n`)
      if (!base.configured) {
        io.stderr(`warning: PUBLIC_URL is not set: its status lists are expected at ${base.url}/status/… (where microcred serve publishes them by default); set PUBLIC_URL to the address verifiers reach\n`)
      }
    } finally {
      await store.close()
    }
    return EXIT.OK
  },
}

/** Anything that is not a JSON-LD document (no "@context") is read as an issue request. */
function isIssueRequest(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && !('@context' in value)
}

const checkRequest = compileRequestValidator(cliIssueRequestSchema, 'ERR_INPUT_INVALID')
const checkDefinition = compileRequestValidator(definitionSchema, 'ERR_ACHIEVEMENT_INVALID')

async function buildFromRequest(request: Record<string, unknown>, baseDir: string, issuer: Issuer, id: string, io: CliIO): Promise<{ unsigned: Record<string, unknown>; achievementId: string | undefined }> {
  checkRequest(request)
  let achievementInput = request['achievement']
  let where = '/achievement'
  if (typeof achievementInput === 'string') {
    where = `${achievementInput}: `
    achievementInput = (await readJsonInput(resolve(baseDir, achievementInput), io)).value
  }
  if (!isPlainObject(achievementInput)) throw new MicrocredError('ERR_ACHIEVEMENT_INVALID', `${where} must be a JSON object (a definition or an OB 3.0 Achievement)`)
  let achievement: Achievement
  if ('type' in achievementInput) {
    // An OB 3.0 Achievement: checked by the core (shape, safe-mode JSON-LD) when signed.
    achievement = achievementInput as unknown as Achievement
  } else {
    checkDefinition(achievementInput, where === '/achievement' ? where : where.replace(/: $/, ''))
    achievement = toAchievement(achievementInput as unknown as MicroCredentialDefinition)
  }
  const unsigned = await buildAchievementCredential({
    achievement,
    recipient: request['recipient'] as Recipient,
    issuer: { id: issuer.id, ...issuer.profile },
    id,
    ...(typeof request['validFrom'] === 'string' ? { validFrom: request['validFrom'] } : {}),
    ...(typeof request['validUntil'] === 'string' ? { validUntil: request['validUntil'] } : {}),
    ...(typeof request['name'] === 'string' ? { name: request['name'] } : {}),
    ...(Array.isArray(request['result']) ? { result: request['result'] as Result[] } : {}),
    ...(request['withCredentialSchema'] === true ? { withCredentialSchema: true } : {}),
  })
  return { unsigned: unsigned as unknown as Record<string, unknown>, achievementId: typeof achievement.id === 'string' ? achievement.id : undefined }
}
