/** @module cli/commands/apikey — create, list and revoke the service's API keys. */
import { MicrocredError, systemClock } from '../../core/index.js'
import { createApiKey, parseApiKeyExpiry, parseScopes, revokeApiKey } from '../../issuance/api-keys.js'
import type { Store } from '../../storage/store.js'
import { EXIT, stringOption, type CliIO, type Command, type ParsedArgs } from '../command.js'
import { openServiceStore, SERVICE_OPTIONS, SERVICE_OPTIONS_HELP } from '../service-store.js'

export const apikeyCommand: Command = {
  name: 'apikey',
  summary: 'apikey create|list|revoke: manage the API keys of the issuer service',
  help: `Usage: microcred apikey create --scope SCOPES [--name NAME] [--expires 30d|DATE]
       microcred apikey list [--json]
       microcred apikey revoke ID

Manages API keys in the service's database, found as \`microcred serve\` finds it (DIR must
hold the issuer, microcred.json; then DATABASE_URL, else SQLITE_PATH, else
DIR/data/microcred.sqlite); the store used is named on stderr. list never creates a
database. A key is shown once, when created; only its SHA-256 hash is stored. Send it as:
Authorization: Bearer <key>

Scopes (comma-separated): issue (issue credentials, define achievements), revoke (change
credential status), read (get and list issued credentials), admin (everything, and key
rotation).

Options:
  --scope SCOPES   for create: e.g. issue,revoke
  --name NAME      for create: a label to recognise the key by
  --expires WHEN   for create: the key stops working after a duration (90m, 12h, 30d,
                   8w) or at a date (2027-01-31, midnight UTC, or 2027-01-31T12:00:00Z);
                   default: never. An expired key gets 401 ERR_AUTH_EXPIRED.
  --json           for list: print JSON
${SERVICE_OPTIONS_HELP}
  -h, --help       show this help`,
  options: {
    scope: { type: 'string' },
    name: { type: 'string' },
    expires: { type: 'string' },
    json: { type: 'boolean' },
    ...SERVICE_OPTIONS,
  },
  async run(args, io) {
    const [sub, ...rest] = args.positionals
    if (sub !== 'create' && sub !== 'list' && sub !== 'revoke') {
      throw new MicrocredError('ERR_USAGE', `unknown apikey subcommand ${sub ?? '(none)'}; try: microcred apikey create --scope issue`)
    }
    const { store } = await openServiceStore(args, io, sub === 'list' ? 'read' : 'write')
    try {
      if (sub === 'create') return await create(store, args, rest, io)
      if (sub === 'list') return await list(store, args, rest, io)
      return await revoke(store, rest, io)
    } finally {
      await store.close()
    }
  },
}

async function create(store: Store, args: ParsedArgs, rest: string[], io: CliIO): Promise<number> {
  if (rest.length > 0) throw new MicrocredError('ERR_USAGE', `unexpected ${rest.join(' ')}; see: microcred apikey --help`)
  const scopeText = stringOption(args, 'scope')
  if (scopeText === undefined) throw new MicrocredError('ERR_USAGE', 'apikey create needs --scope, e.g. --scope issue,revoke')
  const scopes = parseScopes(scopeText)
  const expiresText = stringOption(args, 'expires')
  const expiresAt = expiresText === undefined ? undefined : parseApiKeyExpiry(expiresText, systemClock.now())
  const { token, record } = await createApiKey(store, { name: stringOption(args, 'name'), scopes, expiresAt })
  const expiry = record.expiresAt === undefined ? '' : `, expiring ${record.expiresAt.toISOString()}`
  io.stderr(
    `Created API key ${record.id}${record.name ? ` (${record.name})` : ''} with scopes ${record.scopes.join(', ')}${expiry}.\nIt is shown only this once; store it now (only its hash is kept):\n`,
  )
  io.stdout(`${token}\n`)
  return EXIT.OK
}

async function list(store: Store, args: ParsedArgs, rest: string[], io: CliIO): Promise<number> {
  if (rest.length > 0) throw new MicrocredError('ERR_USAGE', `unexpected ${rest.join(' ')}; see: microcred apikey --help`)
  const keys = (await store.listApiKeys()).map((k) => ({
    id: k.id,
    name: k.name,
    scopes: k.scopes,
    createdAt: k.createdAt.toISOString(),
    ...(k.revokedAt === undefined ? {} : { revokedAt: k.revokedAt.toISOString() }),
    ...(k.expiresAt === undefined ? {} : { expiresAt: k.expiresAt.toISOString() }),
  }))
  if (args.values['json'] === true) {
    io.stdout(JSON.stringify(keys, null, 2) + '\n')
    return EXIT.OK
  }
  const now = systemClock.now().getTime()
  if (keys.length === 0) io.stdout('no API keys; create one with: microcred apikey create --scope issue\n')
  for (const k of keys) {
    const expiry = k.expiresAt === undefined ? '' : `  ${Date.parse(k.expiresAt) <= now ? 'EXPIRED' : 'expires'} ${k.expiresAt}`
    io.stdout(`${k.id}  ${k.scopes.join(',').padEnd(24)} ${k.createdAt}${k.revokedAt ? `  REVOKED ${k.revokedAt}` : ''}${expiry}${k.name ? `  ${k.name}` : ''}\n`)
  }
  return EXIT.OK
}

async function revoke(store: Store, rest: string[], io: CliIO): Promise<number> {
  const [id, ...extra] = rest
  if (id === undefined || extra.length > 0) throw new MicrocredError('ERR_USAGE', 'expected one key ID; see: microcred apikey list')
  let record
  try {
    record = await revokeApiKey(store, id)
  } catch (e) {
    if (e instanceof MicrocredError && e.code === 'ERR_STORE_NOT_FOUND') throw new MicrocredError('ERR_USAGE', `no API key ${id}; see: microcred apikey list`)
    throw e
  }
  io.stdout(`Revoked API key ${record.id}${record.name ? ` (${record.name})` : ''} at ${record.revokedAt?.toISOString() ?? ''}\n`)
  return EXIT.OK
}
