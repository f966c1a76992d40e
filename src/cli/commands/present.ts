/** @module cli/commands/present — a learner signs a verifiable presentation of their credentials. */
import { resolve } from 'node:path'
import { MicrocredError, signPresentation } from '../../index.js'
import { loadHolderKeyFile } from '../../kms/holder-key.js'
import { EXIT, stringOption, type Command } from '../command.js'
import { readCredentialFile } from '../read-input.js'

export const presentCommand: Command = {
  name: 'present',
  summary: 'sign a verifiable presentation of credentials with a holder key',
  help: `Usage: microcred present CREDENTIAL... --holder-key FILE --challenge C [--domain D] [--allow-other-subjects]

Signs a Verifiable Presentation (VC 2.0, DataIntegrityProof eddsa-rdfc-2022, proofPurpose
authentication) of one or more credentials with your holder key, and prints it as JSON.
The verifier (an employer, a wallet, a college) gives you the challenge, and usually a
domain: they check that your presentation carries them, so it cannot be replayed.
Each CREDENTIAL is a signed credential as JSON or a baked PNG/SVG badge.

A verifier binds the holder to each credential's subject: every credential must be about
your DID (credentialSubject.id), or the presentation is refused. --allow-other-subjects
presents them anyway (the verifier will then not know you are their subject).

Options:
  --holder-key FILE         the key made by \`microcred holder init\`
  --challenge C             the verifier's challenge (required)
  --domain D                the verifier's domain
  --allow-other-subjects    present credentials that are not about the holder's DID
  -h, --help                show this help`,
  options: {
    'holder-key': { type: 'string' },
    challenge: { type: 'string' },
    domain: { type: 'string' },
    'allow-other-subjects': { type: 'boolean' },
  },
  async run(args, io) {
    const files = args.positionals
    if (files.length === 0) throw new MicrocredError('ERR_USAGE', 'expected at least one CREDENTIAL file; see: microcred present --help')
    const keyFile = stringOption(args, 'holder-key')
    if (keyFile === undefined) throw new MicrocredError('ERR_USAGE', '--holder-key FILE is required (make one with: microcred holder init)')
    const challenge = stringOption(args, 'challenge')
    if (challenge === undefined || challenge === '') throw new MicrocredError('ERR_USAGE', '--challenge is required: ask the verifier for it')
    const holder = await loadHolderKeyFile(resolve(io.cwd, keyFile))
    const credentials: unknown[] = []
    for (const file of files) {
      const input = await readCredentialFile(file, io)
      if (input.kind !== 'credential') throw new MicrocredError('ERR_USAGE', `${file} holds ${input.kind === 'jwt' ? 'a JWT' : 'an Open Badges 2.0 assertion'}; only credentials with an embedded proof can be presented here`)
      credentials.push(input.credential)
    }
    const domain = stringOption(args, 'domain')
    const presentation = await signPresentation(credentials, {
      holder,
      challenge,
      ...(domain === undefined ? {} : { domain }),
      allowOtherSubjects: args.values['allow-other-subjects'] === true,
    })
    io.stdout(JSON.stringify(presentation, null, 2) + '\n')
    return EXIT.OK
  },
}
