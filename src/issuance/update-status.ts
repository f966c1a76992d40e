/**
 * @module issuance/update-status
 * Revokes, suspends or reinstates a credential issued here. The store flips the bits and
 * bumps the lists' versions in one transaction; the next fetch of an affected status list
 * re-signs it (see status-lists.ts). Revocation is final.
 *
 * @example
 * await updateCredentialStatus(ctx, 'https://issuer.example/credentials/1b…', 'revoke')
 */
import { MicrocredError } from '../core/index.js'
import type { StatusAction, StatusChangeOptions, StoredCredential } from '../storage/store.js'
import { recordAudit } from './audit.js'
import type { IssuanceContext } from './context.js'

export interface StatusUpdate {
  credentialId: string
  revoked: boolean
  suspended: boolean
  /** False when the credential already was in the requested state (a safe retry). */
  changed: boolean
  statusUpdatedAt: string
  /** The reason recorded with the last change, when one was given (never published). */
  statusReason?: string
}

export async function updateCredentialStatus(ctx: IssuanceContext, credentialId: string, action: StatusAction, options: StatusChangeOptions = {}): Promise<StatusUpdate> {
  const result = await ctx.store.updateCredentialStatus(credentialId, action, options)
  if (result.changed) await recordAudit(ctx, { action: `credential.${action}`, target: credentialId, reason: options.reason })
  return { ...statusOf(result.credential), changed: result.changed }
}

export function statusOf(credential: StoredCredential): Omit<StatusUpdate, 'changed'> {
  return {
    credentialId: credential.id,
    revoked: credential.revoked,
    suspended: credential.suspended,
    statusUpdatedAt: credential.statusUpdatedAt.toISOString(),
    ...(credential.statusReason === undefined ? {} : { statusReason: credential.statusReason }),
  }
}

/**
 * The action a VC-API status request asks for: `{ statusPurpose, status: boolean }` (current
 * VC-API) or the earlier `{ status: 'revoked' | 'suspended' | 'unsuspended' | 'active' }`.
 */
export function statusActionFor(request: { statusPurpose?: string | undefined; status?: boolean | string | undefined }): StatusAction {
  const { statusPurpose, status } = request
  if (typeof status === 'boolean') {
    if (statusPurpose === 'revocation') {
      if (status) return 'revoke'
      throw new MicrocredError('ERR_STATUS_IRREVERSIBLE', 'revocation is final: a credential cannot be un-revoked (suspend it instead when the change may be undone)')
    }
    if (statusPurpose === 'suspension') return status ? 'suspend' : 'unsuspend'
    throw new MicrocredError('ERR_INPUT_INVALID', `statusPurpose must be revocation or suspension (got ${JSON.stringify(statusPurpose)})`)
  }
  switch (status) {
    case 'revoked':
      return 'revoke'
    case 'suspended':
      return 'suspend'
    case 'unsuspended':
    case 'active':
      return 'unsuspend'
    default:
      throw new MicrocredError('ERR_INPUT_INVALID', `status must be true/false with a statusPurpose, or one of revoked, suspended, unsuspended (got ${JSON.stringify(status)})`)
  }
}
