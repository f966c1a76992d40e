/**
 * @module cli/commands/status — `microcred status publish [--out DIR]`: the signed Bitstring
 * Status List credentials of the service's store as files, for static hosting. They are
 * built and signed by the same publisher as GET /status/:listId (src/issuance/status-lists.ts);
 * each file must be served at the URL its credentials name (printed for every file).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { MicrocredError } from '../../core/index.js'
import { statusListUrl } from '../../issuance/context.js'
import { StatusListPublisher } from '../../issuance/status-lists.js'
import { EXIT, stringOption, type Command } from '../command.js'
import { openIssuance, SERVICE_OPTIONS, SERVICE_OPTIONS_HELP } from '../service-store.js'

export const statusCommand: Command = {
  name: 'status',
  summary: 'status publish [--out DIR]: write the signed status lists as files for static hosting',
  help: `Usage: microcred status publish [--out DIR] [--ttl SECONDS] [--json] [--dir DIR] [--config FILE]

Signs every status list in the service's database (found as microcred serve finds it;
named on stderr; never created) with the issuer's active key and writes each to
OUT/status/<list>, then prints the URL each file must be served at: the
statusListCredential URL in the credentials, PUBLIC_URL/status/<list> (without PUBLIC_URL:
http://HOST:PORT/status/<list>). Upload OUT to the web root of PUBLIC_URL and serve the
files as application/json (or application/vc+ld+json). The lists are signed as
GET /status/<list> signs them, but without a ttl unless --ttl is given (nobody re-signs a
static file, and a list past its ttl reads as "status unknown"). Run it again after every
revoke, suspend or reinstate.

Options:
  --out DIR        where to write (default: public); files go to OUT/status/
  --ttl SECONDS    write a ttl into each list (verifiers treat it as stale afterwards)
  --json           print [{ listId, file, url, version }] instead of text
${SERVICE_OPTIONS_HELP}
  -h, --help       show this help`,
  options: { out: { type: 'string' }, ttl: { type: 'string' }, json: { type: 'boolean' }, ...SERVICE_OPTIONS },
  async run(args, io) {
    const [sub, ...rest] = args.positionals
    if (sub !== 'publish' || rest.length > 0) throw new MicrocredError('ERR_USAGE', `unknown status subcommand ${sub ?? '(none)'}; try: microcred status publish`)
    const ttlText = stringOption(args, 'ttl')
    let ttlMs: number | null = null
    if (ttlText !== undefined) {
      if (!/^[1-9][0-9]{0,8}$/.test(ttlText)) throw new MicrocredError('ERR_USAGE', `--ttl ${ttlText} is not a whole number of seconds (1 or more)`)
      ttlMs = Number(ttlText) * 1000
    }
    const out = resolve(io.cwd, stringOption(args, 'out') ?? 'public')
    const { ctx, close } = await openIssuance(args, io, 'read')
    try {
      const lists = await ctx.store.listStatusLists()
      if (lists.length === 0) {
        io.stderr('no status lists yet: they are created when the first credential is issued\n')
        if (args.values['json'] === true) io.stdout('[]\n')
        return EXIT.OK
      }
      const publisher = new StatusListPublisher(ctx, { maxAgeSeconds: 0, ttlMs })
      const folder = join(out, 'status')
      await mkdir(folder, { recursive: true })
      const written: { listId: string; file: string; url: string; version: number }[] = []
      for (const meta of lists) {
        const list = await publisher.get(meta.listId)
        if (list === undefined) continue // deleted meanwhile: nothing to publish
        const file = join(folder, encodeURIComponent(meta.listId))
        await writeFile(file, list.json)
        written.push({ listId: meta.listId, file, url: statusListUrl(ctx, meta.listId), version: list.version })
      }
      if (args.values['json'] === true) io.stdout(JSON.stringify(written, null, 2) + '\n')
      else for (const w of written) io.stdout(`${relative(io.cwd, w.file) || w.file}  →  serve at ${w.url}\n`)
      return EXIT.OK
    } finally {
      await close()
    }
  },
}
