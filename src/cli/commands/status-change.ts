/**
 * @module cli/commands/status-change — `microcred revoke|suspend|reinstate ID --reason TEXT`:
 * the service's status use-case (src/issuance/update-status.ts) on the service's store, for
 * any credential issued here, by `microcred issue` or by the HTTP API.
 */
import { MicrocredError } from '../../core/index.js'
import { updateCredentialStatus } from '../../issuance/update-status.js'
import { MAX_STATUS_REASON_LENGTH } from '../../limits.js'
import type { StatusAction, Store } from '../../storage/store.js'
import { EXIT, stringOption, type Command } from '../command.js'
import { openIssuance, SERVICE_OPTIONS, SERVICE_OPTIONS_HELP } from '../service-store.js'

interface StatusCommandSpec {
  name: 'revoke' | 'suspend' | 'reinstate'
  action: StatusAction
  /** Past participle for messages. */
  done: string
  summary: string
  description: string
}

function statusCommand(spec: StatusCommandSpec): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    help: `Usage: microcred ${spec.name} ID --reason TEXT [--json] [--dir DIR] [--config FILE]

${spec.description}

ID is the credential's id (as in its "id"), or for ids minted here the last part of
PUBLIC_URL/credentials/<uuid>. The reason is kept in the service's database with the
change (for the record; shown by --json); it is never published in the status list.

The change reaches verifiers through the status list: microcred serve answers with the new
list at once; for statically hosted lists, run microcred status publish again and upload.
The database is found as microcred serve finds it and named on stderr.

Exit codes: 0 done (also when the credential already was ${spec.done}), 2 unknown credential,
no entry for this purpose, or bad usage.

Options:
  --reason TEXT    why (required; at most ${MAX_STATUS_REASON_LENGTH} characters)
  --json           print the credential's status as JSON
${SERVICE_OPTIONS_HELP}
  -h, --help       show this help`,
    options: { reason: { type: 'string' }, json: { type: 'boolean' }, ...SERVICE_OPTIONS },
    async run(args, io) {
      const [id, ...rest] = args.positionals
      if (id === undefined || rest.length > 0) throw new MicrocredError('ERR_USAGE', `expected one credential ID; see: microcred ${spec.name} --help`)
      const reason = stringOption(args, 'reason')
      if (reason === undefined || reason.trim() === '') {
        throw new MicrocredError('ERR_USAGE', `${spec.name} needs --reason "…" (kept with the change, never published)`)
      }
      const { ctx, close } = await openIssuance(args, io, 'read')
      try {
        const credentialId = await resolveCredentialId(ctx.store, ctx.baseUrl(), id)
        const update = await updateCredentialStatus(ctx, credentialId, spec.action, { reason })
        if (args.values['json'] === true) io.stdout(JSON.stringify(update, null, 2) + '\n')
        else io.stdout(update.changed ? `${spec.done} ${update.credentialId}\n` : `${update.credentialId} already was ${spec.done}; nothing changed\n`)
        if (update.changed) io.stderr(`status lists changed; for static hosting run: microcred status publish\n`)
        return EXIT.OK
      } catch (e) {
        if (e instanceof MicrocredError && e.code === 'ERR_CREDENTIAL_NOT_FOUND') {
          throw new MicrocredError('ERR_CREDENTIAL_NOT_FOUND', `no credential ${id} was issued with this store; check the id, --dir and DATABASE_URL`)
        }
        throw e
      } finally {
        await close()
      }
    },
  }
}

/** The full id for a short one (`<uuid>` → `${base}/credentials/<uuid>`); ids with a scheme as given. */
async function resolveCredentialId(store: Pick<Store, 'getCredential'>, base: string, id: string): Promise<string> {
  if (id.includes(':') || (await store.getCredential(id)) !== undefined) return id
  return `${base}/credentials/${encodeURIComponent(id)}`
}

export const revokeCommand = statusCommand({
  name: 'revoke',
  action: 'revoke',
  done: 'revoked',
  summary: 'revoke ID --reason: withdraw a credential issued here, for good',
  description: 'Revokes a credential issued with this store: its revocation bit is set. Revocation is final.',
})

export const suspendCommand = statusCommand({
  name: 'suspend',
  action: 'suspend',
  done: 'suspended',
  summary: 'suspend ID --reason: suspend a credential issued here (undo with reinstate)',
  description: 'Suspends a credential issued with this store: its suspension bit is set until microcred reinstate.',
})

export const reinstateCommand = statusCommand({
  name: 'reinstate',
  action: 'unsuspend',
  done: 'reinstated',
  summary: 'reinstate ID --reason: lift the suspension of a credential issued here',
  description: 'Lifts a suspension: the suspension bit is cleared. A revoked credential cannot be reinstated (ERR_STATUS_IRREVERSIBLE).',
})
