/** @module cli/commands/issue — sign a credential (or an issue request) with the configured issuer. */
import { dirname, resolve } from 'node:path'
import {
  buildAchievementCredential,
  issueCredential,
  isPlainObject,
  MicrocredError,
  toAchievement,
  type Achievement,
  type MicroCredentialDefinition,
  type Result,
} from '../../index.js'
import { loadIssuer } from '../../kms/issuer-directory.js'
import { EXIT, stringOption, type CliIO, type Command } from '../command.js'
import { readJsonInput } from '../read-input.js'

export const issueCommand: Command = {
  name: 'issue',
  summary: 'sign an unsigned credential or an issue request; prints the signed credential',
  help: `Usage: microcred issue FILE|- [--dir DIR]

Signs with the issuer in DIR (default: .) and prints the signed credential (JSON) on stdout.

FILE (or standard input with -) is either
  - an unsigned OB 3.0 / VC 2.0 credential: its issuer id ("issuer" or "issuer.id") is set
    to the issuer's DID, other issuer profile fields (name, url, address) are kept;
    "validFrom" (now) and "id" (urn:uuid) are added when missing; or
  - an issue request:
      { "achievement": "achievement.json" | { ...definition or OB 3.0 Achievement },
        "recipient": { "id": "did:example:learner" } | { "email": "learner@example.org" },
        "validUntil": "2030-01-01T00:00:00Z", "result": [ ... ] }
    where the achievement file holds a micro-credential definition (see docs/model.md) or
    an OB 3.0 Achievement; relative paths are relative to the request file.

Exit codes: 0 signed, 2 bad usage or unreadable/invalid input.

Options:
  --dir DIR    the issuer directory (default: .)
  -h, --help   show this help`,
  options: { dir: { type: 'string' } },
  async run(args, io) {
    const [source, ...rest] = args.positionals
    if (source === undefined || rest.length > 0) throw new MicrocredError('ERR_USAGE', 'expected one FILE (or - for stdin); see: microcred issue --help')
    const issuer = await loadIssuer(resolve(io.cwd, stringOption(args, 'dir') ?? '.'))
    const { value, path } = await readJsonInput(source, io)
    const unsigned = isIssueRequest(value) ? await buildFromRequest(value, path ? dirname(path) : io.cwd, issuer, io) : value
    const signed = await issueCredential(unsigned, { issuer })
    io.stdout(JSON.stringify(signed, null, 2) + '\n')
    return EXIT.OK
  },
}

function isIssueRequest(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && 'recipient' in value && 'achievement' in value && !('@context' in value)
}

async function buildFromRequest(request: Record<string, unknown>, baseDir: string, issuer: Awaited<ReturnType<typeof loadIssuer>>, io: CliIO) {
  let achievementInput = request['achievement']
  if (typeof achievementInput === 'string') {
    achievementInput = (await readJsonInput(resolve(baseDir, achievementInput), io)).value
  }
  if (!isPlainObject(achievementInput)) throw new MicrocredError('ERR_ACHIEVEMENT_INVALID', 'achievement must be a file name or an object')
  const achievement: Achievement = 'type' in achievementInput
    ? (achievementInput as unknown as Achievement)
    : toAchievement(achievementInput as unknown as MicroCredentialDefinition)
  return buildAchievementCredential({
    achievement,
    recipient: request['recipient'] as { id: string },
    issuer: { id: issuer.id, ...issuer.profile },
    ...(typeof request['validUntil'] === 'string' ? { validUntil: request['validUntil'] } : {}),
    ...(Array.isArray(request['result']) ? { result: request['result'] as Result[] } : {}),
  })
}
