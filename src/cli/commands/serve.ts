/** @module cli/commands/serve — run the issuer service (HTTP API) in the foreground. */
import { startServer } from '../../server.js'
import { EXIT, stringOption, type Command } from '../command.js'
import {
  DEFAULT_API_KEY_RATE_LIMIT_MAX,
  DEFAULT_IDEMPOTENCY_TTL_MS,
  DEFAULT_RATE_LIMIT_MAX,
  DEFAULT_RATE_LIMIT_WINDOW_MS,
  DEFAULT_STATUS_LIST_MAX_AGE_SECONDS,
  MAX_BATCH_SIZE,
} from '../../limits.js'

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the issuer service: the HTTP API over SQLite (default) or PostgreSQL',
  help: `Usage: microcred serve [--port PORT] [--host HOST] [--dir DIR] [--config FILE]

Runs the issuer service in the foreground until SIGTERM or Ctrl-C (then in-flight requests
finish and the database is closed). Logs are JSON lines on standard output.

On a directory without an issuer, serve creates one first (an Ed25519 did:key, its private
key under keys/ with mode 0600, microcred.json) and logs what it created; the SQLite
database goes to data/microcred.sqlite. Create API keys with: microcred apikey create.

Options (each also an environment variable; flags win, then the environment, then FILE):
  --port PORT      PORT, default 3000 (0: any free port)
  --host HOST      HOST, default 127.0.0.1 (0.0.0.0 to accept other machines)
  --dir DIR        the issuer directory (default: .)
  --config FILE    MICROCRED_CONFIG: a JSON file with the settings below (camelCase keys)
  -h, --help       show this help

Environment:
  DATABASE_URL          postgres://… to use PostgreSQL (DATABASE_SCHEMA, default public)
  SQLITE_PATH           SQLite file when DATABASE_URL is unset (default data/microcred.sqlite)
  PUBLIC_URL            base URL in credential and status-list ids (default: the listening address)
  BODY_LIMIT            largest request body (default 1mb); BATCH_BODY_LIMIT for batches (64mb)
  MAX_BATCH_SIZE        most credentials per batch (default and maximum ${MAX_BATCH_SIZE})
  RATE_LIMIT_MAX        requests per window per client on public routes (default ${DEFAULT_RATE_LIMIT_MAX})
  RATE_LIMIT_WINDOW_MS  the window (default ${DEFAULT_RATE_LIMIT_WINDOW_MS})
  API_KEY_RATE_LIMIT_MAX requests per window per API key on authenticated routes (default ${DEFAULT_API_KEY_RATE_LIMIT_MAX})
  IDEMPOTENCY_TTL_MS    how long an Idempotency-Key is remembered (default ${DEFAULT_IDEMPOTENCY_TTL_MS}, 24 h)
  STATUS_LIST_MAX_AGE   Cache-Control max-age of status lists in seconds (default ${DEFAULT_STATUS_LIST_MAX_AGE_SECONDS})
  STATUS_PURPOSES       revocation,suspension (default) or revocation alone
  LOG_LEVEL             info (default), debug, warn, error, silent …
  TRUST_PROXY           true behind a reverse proxy (client address from X-Forwarded-For)
  SMTP_URL              smtp://user:pass@host:587 or smtps://…: email the claim links of offers
                        (unset: nothing is emailed; the issue routes return the links)
  SMTP_FROM             From header of offer emails (default microcred <no-reply@PUBLIC_URL host>)`,
  options: { port: { type: 'string' }, host: { type: 'string' }, dir: { type: 'string' }, config: { type: 'string' } },
  async run(args, io) {
    const server = await startServer({
      cwd: io.cwd,
      flags: { port: stringOption(args, 'port'), host: stringOption(args, 'host'), dir: stringOption(args, 'dir'), config: stringOption(args, 'config') },
    })
    await server.closed
    return EXIT.OK
  },
}
