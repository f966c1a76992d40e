/** @module verifier/checks/status — revocation / suspension through the status resolver port. */
import { isPlainObject } from '../../credential/shape.js'
import type { CheckContext } from '../context.js'
import { error, fail, pass, skip, type Check } from '../result.js'

export async function checkStatus(ctx: CheckContext): Promise<Check> {
  const doc = ctx.credential
  if (!isPlainObject(doc) || doc['credentialStatus'] === undefined) return skip('status', 'the credential has no status entry')
  const raw = doc['credentialStatus']
  const entries = (Array.isArray(raw) ? raw : [raw]).filter(isPlainObject)
  if (ctx.statusResolver === undefined) {
    return error('status', 'ERR_STATUS_UNKNOWN', 'the credential has a status entry but no status list was supplied, so revocation could not be checked', {
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
    return error('status', 'ERR_STATUS_UNKNOWN', `status unknown: ${'reason' in unknown ? unknown.reason : ''}`, { ...unknown })
  }
  return pass('status', 'not revoked or suspended', { answers })
}
