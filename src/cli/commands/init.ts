/** @module cli/commands/init — create an issuer (Ed25519 did:key) in a directory. */
import { resolve } from 'node:path'
import { initIssuer } from '../../kms/issuer-directory.js'
import { EXIT, stringOption, type Command } from '../command.js'

export const initCommand: Command = {
  name: 'init',
  summary: 'create an issuer: an Ed25519 did:key, its key file under keys/ (0600) and microcred.json',
  help: `Usage: microcred init [--name NAME] [--url URL] [--country CC] [--dir DIR]

Creates an issuer in DIR (default: the working directory):
  microcred.json       the issuer's DID, profile and public key (safe to share and commit)
  keys/<key>.json      the private key, mode 0600 (never commit it; back it up)
Refuses to run where an issuer already exists.

Options:
  --name NAME      the issuer's name, written into every credential's issuer profile
  --url URL        the issuer's web site
  --country CC     ISO 3166-1 alpha-2 country code of the issuer (e.g. NZ, IE)
  --dir DIR        where to create it (default: .)
  -h, --help       show this help`,
  options: {
    name: { type: 'string' },
    url: { type: 'string' },
    country: { type: 'string' },
    dir: { type: 'string' },
  },
  async run(args, io) {
    const dir = resolve(io.cwd, stringOption(args, 'dir') ?? '.')
    const name = stringOption(args, 'name')
    const url = stringOption(args, 'url')
    const country = stringOption(args, 'country')
    const { issuer, configPath, keyPath } = await initIssuer(dir, {
      ...(name ? { name } : {}),
      ...(url ? { url } : {}),
      ...(country ? { address: { type: ['Address'], addressCountryCode: country.toUpperCase() } } : {}),
    })
    io.stdout(`Created issuer ${issuer.id}\n  config:      ${configPath}\n  private key: ${keyPath} (mode 0600; never commit or share it)\n`)
    return EXIT.OK
  },
}
