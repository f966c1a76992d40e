/**
 * @module jobs/sign-row
 * Signs one row of a job, from its item text to the stored record's fields. It runs inside the
 * issue pool's worker threads (workers/issue-worker.ts), so the main thread only moves text:
 * parsing the row, signing and serializing all happen off it. A bad row is a result (its code,
 * message and the JSON path of the problem), never an exception.
 */
import { buildStatusListEntry, isMicrocredError, isPlainObject, type Clock, type Issuer } from '../core/index.js'
import { issueCredential } from '../index.js'
import { achievementIdOf, recipientOf } from '../issuance/credential-fields.js'
import type { JobRowError, StatusPurpose } from '../storage/store.js'

export interface JobRowInput {
  /** The item exactly as submitted (JSON text of an unsigned credential). */
  text: string
  /** The id the credential gets when the item has none (derived from job and row). */
  id: string
  /** The status entries allocated for the row, in order. */
  status: { url: string; purpose: StatusPurpose; index: number }[]
}

export type JobRowSigned = { ok: true; id: string; json: string; recipient: string; achievementId?: string | undefined } | { ok: false; error: JobRowError }

const refused = (code: string, message: string, path?: string): JobRowSigned => ({ ok: false, error: path === undefined ? { code, message } : { code, message, path } })

export async function signJobRow(input: JobRowInput, issuer: Issuer, clock: Clock): Promise<JobRowSigned> {
  let item: unknown
  try {
    item = JSON.parse(input.text)
  } catch {
    return refused('ERR_INPUT_INVALID_JSON', 'the row is not valid JSON')
  }
  if (!isPlainObject(item)) return refused('ERR_CREDENTIAL_MALFORMED', 'a credential must be a JSON object', '$')
  if ('credentialStatus' in item) return refused('ERR_CREDENTIAL_MALFORMED', 'credentialStatus is assigned by the service; remove it from the row', '$.credentialStatus')
  const entries = input.status.map((s) => buildStatusListEntry({ statusListCredential: s.url, purpose: s.purpose, index: s.index }))
  const credential = { ...item, id: item['id'] ?? input.id, credentialStatus: entries.length === 1 ? entries[0] : entries }
  try {
    const signed = await issueCredential(credential, { issuer, clock })
    return { ok: true, id: signed['id'] as string, json: JSON.stringify(signed), recipient: recipientOf(signed), achievementId: achievementIdOf(signed) }
  } catch (e) {
    if (!isMicrocredError(e)) return refused('ERR_INTERNAL', 'internal error')
    const details = e.details as { problems?: { path?: string }[]; paths?: string[] } | undefined
    return refused(e.code, e.message, details?.problems?.[0]?.path ?? details?.paths?.[0])
  }
}
