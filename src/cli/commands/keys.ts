/** @module cli/commands/keys — show the issuer's public key material (never the secret). */
import { resolve } from 'node:path'
import { didKeyVerificationMethodId, MicrocredError } from '../../core/index.js'
import { readIssuerConfig } from '../../kms/issuer-directory.js'
import { EXIT, stringOption, type Command } from '../command.js'

export const keysCommand: Command = {
  name: 'keys',
  summary: 'keys show: print the issuer DID and its public keys',
  help: `Usage: microcred keys show [--json] [--dir DIR]

Prints the issuer's DID, the active verification method and every public key with its
creation date. Private keys are never printed.

Options:
  --json       print JSON instead of text
  --dir DIR    the issuer directory (default: .)
  -h, --help   show this help`,
  options: { json: { type: 'boolean' }, dir: { type: 'string' } },
  async run(args, io) {
    const [sub] = args.positionals
    if (sub !== 'show') throw new MicrocredError('ERR_USAGE', `unknown keys subcommand ${sub ?? '(none)'}; try: microcred keys show`)
    const config = await readIssuerConfig(resolve(io.cwd, stringOption(args, 'dir') ?? '.'))
    const keys = config.keys.map(({ id, controller, publicKeyMultibase, created }) => ({ id, controller, type: 'Multikey', publicKeyMultibase, created, active: id === config.activeKey }))
    if (args.values['json'] === true) {
      io.stdout(JSON.stringify({ issuer: config.issuer, keys }, null, 2) + '\n')
      return EXIT.OK
    }
    io.stdout(`issuer: ${config.issuer.id}${config.issuer.name ? ` (${config.issuer.name})` : ''}\n`)
    for (const k of keys) {
      io.stdout(`${k.active ? '* ' : '  '}${k.id}\n    publicKeyMultibase: ${k.publicKeyMultibase}\n    created: ${k.created}\n`)
    }
    if (config.issuer.id.startsWith('did:key:') && !keys.some((k) => k.id === didKeyVerificationMethodId(config.issuer.id))) {
      io.stderr('warning: no key matches the did:key issuer id\n')
    }
    return EXIT.OK
  },
}
