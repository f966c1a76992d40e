/**
 * @module cli/issue-to-store
 * How every CLI command that signs with the service's issuer (issue, endorse, stack --award)
 * does it: through the service's issuing use-case (src/issuance/issue.ts), so the credential
 * gets status entries from the service's store before it is signed and is stored, and can be
 * withdrawn later with microcred revoke|suspend. The credential is checked before the store
 * is opened, so bad input never creates a database.
 */
import type { Config } from '../config.js'
import type { Clock, Issuer } from '../core/index.js'
import { checkCredentialIssuable, issueCredentials } from '../issuance/issue.js'
import type { CliIO } from './command.js'
import { baseUrlOf, describeStore, issuanceContext, openConfiguredStore } from './service-store.js'

export interface IssueToStoreOptions {
  /** The achievement the stored record is filed under (default: the credential's own). */
  achievementId?: string | undefined
  /** The signing time's source (default: the system clock). */
  clock?: Clock | undefined
}

/** Signs and stores one unsigned credential; returns its id and the signed JSON text. Says on stderr which store was used. */
export async function issueToStore(config: Config, issuer: Issuer, unsigned: unknown, io: CliIO, options: IssueToStoreOptions = {}): Promise<{ id: string; json: string }> {
  const base = baseUrlOf(config)
  const clockOverride = options.clock === undefined ? {} : { clock: options.clock }
  checkCredentialIssuable(unsigned, issuer, (options.clock ?? { now: () => new Date() }).now())

  // On failure the error is the one line on stderr; what was used is said on success.
  const store = await openConfiguredStore(config, io, 'write', false)
  try {
    const ctx = { ...issuanceContext(config, store, issuer), ...clockOverride }
    const { credentials } = await issueCredentials(ctx, [unsigned], options.achievementId === undefined ? {} : { achievementId: options.achievementId })
    const issued = credentials[0]!
    io.stderr(`store: ${describeStore(config)}\nissued ${issued.id}\n`)
    if (!base.configured) {
      io.stderr(`warning: PUBLIC_URL is not set: its status lists are expected at ${base.url}/status/… (where microcred serve publishes them by default); set PUBLIC_URL to the address verifiers reach\n`)
    }
    return issued
  } finally {
    await store.close()
  }
}
