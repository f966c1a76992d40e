/** @module cli/commands/holder — a learner's own key (did:key) for signing presentations. */
import { resolve } from 'node:path'
import { MicrocredError } from '../../core/index.js'
import { createHolderKeyFile } from '../../kms/holder-key.js'
import { EXIT, stringOption, type Command } from '../command.js'

export const holderCommand: Command = {
  name: 'holder',
  summary: 'holder init: make a learner key (did:key) for signing presentations',
  help: `Usage: microcred holder init [--out FILE]

Makes a new Ed25519 key for a learner (a holder of credentials) and writes it to FILE
(default: holder-key.json) with mode 0600. Prints the holder's DID: give it to the issuer so
that credentials are issued to it (credentialSubject.id), then sign presentations with
\`microcred present --holder-key FILE\`. An existing file is never overwritten. Keep the file
private: whoever has it can present your credentials as you.

Options:
  --out FILE   where to write the key (default: holder-key.json)
  -h, --help   show this help`,
  options: { out: { type: 'string' } },
  async run(args, io) {
    const [sub, ...rest] = args.positionals
    if (sub !== 'init' || rest.length > 0) throw new MicrocredError('ERR_USAGE', `unknown holder subcommand ${sub ?? '(none)'}; try: microcred holder init`)
    const file = stringOption(args, 'out') ?? 'holder-key.json'
    const id = await createHolderKeyFile(resolve(io.cwd, file))
    io.stdout(`${id}\n`)
    io.stderr(`wrote the holder key to ${file} (mode 0600); keep it private\n`)
    return EXIT.OK
  },
}
