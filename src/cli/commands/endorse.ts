/**
 * @module cli/commands/endorse — a QA body signs an EndorsementCredential about an achievement
 * or an issuer. Like `issue`, it gets status entries from the QA body's store and is stored,
 * so the QA body can withdraw it (microcred revoke|suspend).
 */
import { buildEndorsementCredential, isAbsoluteIri, isPlainObject, issuerIdOf, MicrocredError, systemClock } from '../../index.js'
import { newCredentialUrl } from '../../issuance/context.js'
import { loadIssuer } from '../../kms/issuer-directory.js'
import { EXIT, stringOption, type CliIO, type Command } from '../command.js'
import { issueToStore } from '../issue-to-store.js'
import { readJsonInput } from '../read-input.js'
import { baseUrlOf, loadServiceConfig, SERVICE_OPTIONS, SERVICE_OPTIONS_HELP } from '../service-store.js'

export const endorseCommand: Command = {
  name: 'endorse',
  summary: 'sign an OB 3.0 EndorsementCredential about an achievement or issuer (for QA bodies)',
  help: `Usage: microcred endorse (--achievement FILE|ID | --issuer FILE|ID) [--comment TEXT]
                         [--name NAME] [--valid-from DATE] [--valid-until DATE]
                         [--dir DIR] [--config FILE]

Signs, with the issuer in DIR (a QA body made with microcred init), an Open Badges 3.0
EndorsementCredential about an achievement or an issuer, and prints it (JSON) on stdout.
Like microcred issue, it gets a Bitstring Status List entry for revocation and for
suspension and is stored in the QA body's database (found as microcred serve finds it;
named on stderr), so the endorsement can be withdrawn later with microcred revoke|suspend ID.
Embed it in the achievement's (or issuer's) "endorsement" list before issuing, or give it
to verifiers beside the credential (verify/stack --endorsement). A verifier that lists the
QA body in its trust list (--trust) then reports the credential's QA claim as assured.

  --achievement  FILE: a credential (its achievement is endorsed), an OB 3.0 Achievement or
                 a micro-credential definition; or the achievement's id (URL/URN)
  --issuer       FILE: a credential (its issuer is endorsed) or a microcred.json; or a DID/URL

Exit codes: 0 signed, 2 bad usage or unreadable/invalid input.

Options:
  --achievement FILE|ID  what is endorsed: an achievement
  --issuer FILE|ID       what is endorsed: an issuer
  --comment TEXT         the endorsement statement (endorsementComment)
  --name NAME            the credential's name (default: "Endorsement by <QA body>")
  --valid-from DATE      ISO date-time (default: now)
  --valid-until DATE     ISO date-time when the endorsement lapses
${SERVICE_OPTIONS_HELP}
  -h, --help             show this help`,
  options: {
    achievement: { type: 'string' },
    issuer: { type: 'string' },
    comment: { type: 'string' },
    name: { type: 'string' },
    'valid-from': { type: 'string' },
    'valid-until': { type: 'string' },
    ...SERVICE_OPTIONS,
  },
  async run(args, io) {
    if (args.positionals.length > 0) throw new MicrocredError('ERR_USAGE', `unexpected argument ${args.positionals[0]}; see: microcred endorse --help`)
    const achievement = stringOption(args, 'achievement')
    const issuerArg = stringOption(args, 'issuer')
    if ((achievement === undefined) === (issuerArg === undefined)) {
      throw new MicrocredError('ERR_USAGE', 'give exactly one of --achievement or --issuer; see: microcred endorse --help')
    }
    const validFrom = stringOption(args, 'valid-from')
    const validUntil = stringOption(args, 'valid-until')
    for (const [flag, value] of [['--valid-from', validFrom], ['--valid-until', validUntil]] as const) {
      if (value !== undefined && Number.isNaN(Date.parse(value))) throw new MicrocredError('ERR_USAGE', `${flag} ${value} is not a date-time`)
    }
    const config = await loadServiceConfig(args, io)
    const body = await loadIssuer(config.dir)
    const base = baseUrlOf(config)
    const subjectId = achievement !== undefined ? await achievementId(achievement, io) : await issuerId(issuerArg!, io)
    const comment = stringOption(args, 'comment')
    const name = stringOption(args, 'name')
    const unsigned = buildEndorsementCredential({
      subjectId,
      issuer: { id: body.id, ...body.profile },
      id: newCredentialUrl({ baseUrl: () => base.url }),
      now: systemClock.now(),
      ...(comment !== undefined ? { comment } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(validFrom !== undefined ? { validFrom: new Date(validFrom).toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
      ...(validUntil !== undefined ? { validUntil: new Date(validUntil).toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
    })
    const signed = await issueToStore(config, body, unsigned, io)
    io.stdout(JSON.stringify(JSON.parse(signed.json), null, 2) + '\n')
    return EXIT.OK
  },
}

/** An id given directly, or read from a file. */
async function fromFileOrId(value: string, io: CliIO, read: (doc: unknown) => string | undefined, what: string): Promise<string> {
  if (isAbsoluteIri(value) && !/\.json$/i.test(value)) return value
  const { value: doc } = await readJsonInput(value, io)
  const id = read(doc)
  if (id === undefined || !isAbsoluteIri(id)) throw new MicrocredError('ERR_USAGE', `${value}: no ${what} id found in it`)
  return id
}

function achievementId(value: string, io: CliIO): Promise<string> {
  return fromFileOrId(
    value,
    io,
    (doc) => {
      if (!isPlainObject(doc)) return undefined
      const subject = Array.isArray(doc['credentialSubject']) ? doc['credentialSubject'][0] : doc['credentialSubject']
      if (isPlainObject(subject) && isPlainObject(subject['achievement'])) return subject['achievement']['id'] as string | undefined
      return typeof doc['id'] === 'string' ? doc['id'] : undefined // an Achievement or a definition
    },
    'achievement',
  )
}

function issuerId(value: string, io: CliIO): Promise<string> {
  return fromFileOrId(
    value,
    io,
    (doc) => {
      if (!isPlainObject(doc)) return undefined
      if (doc['credentialSubject'] !== undefined) return issuerIdOf(doc)
      if (isPlainObject(doc['issuer']) && typeof doc['issuer']['id'] === 'string') return doc['issuer']['id'] // microcred.json
      return typeof doc['id'] === 'string' ? doc['id'] : undefined
    },
    'issuer',
  )
}
