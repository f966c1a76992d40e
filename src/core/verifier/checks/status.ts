/**
 * @module verifier/checks/status — revocation / suspension through the status resolver port.
 * A status that cannot be determined is a warning (`strict` makes it an error), and never
 * reads as "not revoked".
 */
import { isPlainObject } from '../../credential/shape.js'
import type { CheckContext } from '../context.js'
import { fail, pass, skip, warn, type Check } from '../result.js'

export async function checkStatus(ctx: CheckContext): Promise<Check> {
  const doc = ctx.credential
  if (!isPlainObject(doc) || doc['credentialStatus'] === undefined) return skip('status', 'the credential has no status entry')
  const raw = doc['credentialStatus']
  const entries = (Array.isArray(raw) ? raw : [raw]).filter(isPlainObject)
  if (ctx.statusResolver === undefined) {
    return warn('status', 'ERR_STATUS_UNKNOWN', 'the credential has a status entry but no status list was supplied, so revocation could not be checked (unknown, not "not revoked")', {
      entries: entries.length,
    })
  }
  const answers = []
  for (const entry of entries) {
    const answer = await ctx.statusResolver(entry, doc)
    answers.push(answer)
    if (answer.state === 'revoked') return fail('status', 'ERR_STATUS_REVOKED', 'the issuer has revoked this credential', { ...answer })
    if (answer.state === 'suspended') return fail('status', 'ERR_STATUS_SUSPENDED', 'the issuer has suspended this credential', { ...answer })
  }
  const unknown = answers.find((a) => a.state === 'unknown')
  if (unknown !== undefined) {
    return warn('status', 'ERR_STATUS_UNKNOWN', `revocation status unknown (not "not revoked"): ${'reason' in unknown ? unknown.reason : ''}`, { ...unknown })
  }
  return pass('status', 'not revoked or suspended', { answers })
}
