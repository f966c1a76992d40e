/** @module cli/commands/init — create an issuer (Ed25519 did:key) in a directory. */
import { resolve } from 'node:path'
import { MicrocredError, parseCountryCode } from '../../core/index.js'
import { createDidWebIssuer, didWebFromUrl } from '../../issuance/did-web.js'
import { initIssuer, readIssuerConfig } from '../../kms/issuer-directory.js'
import { EXIT, stringOption, type Command } from '../command.js'

export const initCommand: Command = {
  name: 'init',
  summary: 'create an issuer: an Ed25519 did:key, its key file under keys/ (0600) and microcred.json',
  help: `Usage: microcred init [--name NAME] [--url URL] [--country CC] [--did-web URL] [--dir DIR]

Creates an issuer in DIR (default: the working directory), identified by a did:key (the
default) or, with --did-web, by a did:web DID whose document the service publishes at
URL/.well-known/did.json (and which survives key rotation):
  microcred.json       the issuer's DID, profile and public key (safe to share and commit)
  keys/<key>.json      the private key, mode 0600 (never commit it; back it up)
Refuses to run where an issuer already exists.

Options:
  --name NAME      the issuer's name, written into every credential's issuer profile
  --url URL        the issuer's web site (an http(s) URL)
  --country CC     ISO 3166-1 alpha-2 country code of the issuer (e.g. NZ, IE; any case)
  --did-web URL    make a did:web issuer for the service's public URL (https://host[:port])
  --dir DIR        where to create it (default: .)
  -h, --help       show this help`,
  options: {
    name: { type: 'string' },
    url: { type: 'string' },
    country: { type: 'string' },
    'did-web': { type: 'string' },
    dir: { type: 'string' },
  },
  async run(args, io) {
    const dir = resolve(io.cwd, stringOption(args, 'dir') ?? '.')
    // Every value is checked before anything is written: the profile goes into every credential.
    const name = stringOption(args, 'name')
    if (name !== undefined && name.trim() === '') throw new MicrocredError('ERR_USAGE', '--name must not be empty')
    const url = stringOption(args, 'url')
    if (url !== undefined && !isWebUrl(url)) throw new MicrocredError('ERR_USAGE', `--url ${JSON.stringify(url)} is not an http(s) URL (e.g. https://college.example)`)
    const countryInput = stringOption(args, 'country')
    let country: string | undefined
    if (countryInput !== undefined) {
      const parsed = parseCountryCode(countryInput)
      if (!parsed.ok) throw new MicrocredError('ERR_USAGE', `--country ${parsed.message}`)
      country = parsed.code
    }
    const profile = {
      ...(name ? { name } : {}),
      ...(url ? { url } : {}),
      ...(country ? { address: { type: ['Address'], addressCountryCode: country } } : {}),
    }
    const didWebUrl = stringOption(args, 'did-web')
    if (didWebUrl !== undefined && !isWebUrl(didWebUrl)) throw new MicrocredError('ERR_USAGE', `--did-web ${JSON.stringify(didWebUrl)} is not an http(s) URL`)
    const { issuer, configPath, keyPath } = didWebUrl === undefined
      ? await initIssuer(dir, profile)
      : await createDidWebIssuerOnce(dir, didWebFromUrl(didWebUrl), profile)
    io.stdout(`Created issuer ${issuer.id}\n  config:      ${configPath}\n  private key: ${keyPath} (mode 0600; never commit or share it)\n`)
    return EXIT.OK
  },
}

function isWebUrl(text: string): boolean {
  if (!URL.canParse(text)) return false
  const url = new URL(text)
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== ''
}

/** Like initIssuer, refuses (before writing any key) where an issuer already exists. */
async function createDidWebIssuerOnce(dir: string, did: string, profile: Record<string, unknown>) {
  const existing = await readIssuerConfig(dir).catch(() => undefined)
  if (existing !== undefined) throw new MicrocredError('ERR_ISSUER_EXISTS', `${dir} already has an issuer (${existing.issuer.id}); refusing to replace it`)
  return createDidWebIssuer(dir, { did, profile })
}
