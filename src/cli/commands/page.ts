/** @module cli/commands/page — write the employer verification page as one self-contained HTML file. */
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { MicrocredError } from '../../core/index.js'
import { webPage } from '../../web-pages.js'
import { EXIT, stringOption, type Command } from '../command.js'

export const pageCommand: Command = {
  name: 'page',
  summary: 'write the verification page as one HTML file that works offline',
  help: `Usage: microcred page [--out FILE]

Writes the employer's verification page (the same page the service serves at /verify) as
one self-contained HTML file (default: verify.html). Open it from disk, mail it, put it on
any web server: it needs no network. Credentials dropped on it are verified in the browser
and never uploaded; status lists are fetched only if the user ticks "check revocation
online".

Options:
  --out FILE   where to write the page (default: verify.html)
  -h, --help   show this help`,
  options: { out: { type: 'string' } },
  async run(args, io) {
    if (args.positionals.length > 0) throw new MicrocredError('ERR_USAGE', 'microcred page takes no arguments; see: microcred page --help')
    const out = stringOption(args, 'out') ?? 'verify.html'
    const { html } = webPage('verify')
    try {
      await writeFile(resolve(io.cwd, out), html, { flag: 'wx' })
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new MicrocredError('ERR_USAGE', `${out} already exists; choose another --out`)
      throw new MicrocredError('ERR_INPUT_UNREADABLE', `cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
    }
    io.stderr(`wrote ${out} (${Math.round(html.length / 1024)} KiB): open it in a browser to verify credentials offline\n`)
    return EXIT.OK
  },
}
