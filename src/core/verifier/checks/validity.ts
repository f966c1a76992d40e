/** @module verifier/checks/validity — validFrom / validUntil against the injected clock. */
import { isDateTimeStamp, isPlainObject } from '../../credential/shape.js'
import { isVc11Credential, isVc11DateTime } from '../../credential/vc11.js'
import type { CheckContext } from '../context.js'
import { error, fail, pass, type Check } from '../result.js'

export async function checkValidity(ctx: CheckContext): Promise<Check> {
  const doc = ctx.credential
  if (!isPlainObject(doc)) return error('validity', 'ERR_CREDENTIAL_MALFORMED', 'not a credential object')
  if (isVc11Credential(doc)) return checkVc11Validity(doc, ctx)
  const now = ctx.now.getTime()
  const skew = ctx.clockSkewSeconds * 1000
  const details = { now: ctx.now.toISOString(), validFrom: doc['validFrom'], validUntil: doc['validUntil'] }
  for (const key of ['validFrom', 'validUntil'] as const) {
    if (doc[key] !== undefined && !isDateTimeStamp(doc[key])) {
      return error('validity', 'ERR_CREDENTIAL_MALFORMED', `${key} is not a date-time with a time zone`, details)
    }
  }
  if (typeof doc['validFrom'] === 'string' && Date.parse(doc['validFrom']) > now + skew) {
    return fail('validity', 'ERR_VALIDITY_NOT_YET_VALID', `not valid until ${doc['validFrom']}`, details)
  }
  if (typeof doc['validUntil'] === 'string' && Date.parse(doc['validUntil']) < now - skew) {
    return fail('validity', 'ERR_VALIDITY_EXPIRED', `expired on ${doc['validUntil']}`, details)
  }
  const until = typeof doc['validUntil'] === 'string' ? ` until ${doc['validUntil']}` : ''
  return pass('validity', `valid at ${ctx.now.toISOString()}${until}`, details)
}

/** VC 1.1: issuanceDate plays validFrom's part, expirationDate validUntil's. */
function checkVc11Validity(doc: Record<string, unknown>, ctx: CheckContext): Check {
  const now = ctx.now.getTime()
  const skew = ctx.clockSkewSeconds * 1000
  const details = { now: ctx.now.toISOString(), issuanceDate: doc['issuanceDate'], expirationDate: doc['expirationDate'] }
  for (const key of ['issuanceDate', 'expirationDate'] as const) {
    if (doc[key] !== undefined && !isVc11DateTime(doc[key])) return error('validity', 'ERR_CREDENTIAL_MALFORMED', `${key} is not a date-time`, details)
  }
  if (typeof doc['issuanceDate'] === 'string' && Date.parse(doc['issuanceDate']) > now + skew) {
    return fail('validity', 'ERR_VALIDITY_NOT_YET_VALID', `not valid until ${doc['issuanceDate']}`, details)
  }
  if (typeof doc['expirationDate'] === 'string' && Date.parse(doc['expirationDate']) < now - skew) {
    return fail('validity', 'ERR_VALIDITY_EXPIRED', `expired on ${doc['expirationDate']}`, details)
  }
  const until = typeof doc['expirationDate'] === 'string' ? ` until ${doc['expirationDate']}` : ''
  return pass('validity', `valid at ${ctx.now.toISOString()}${until}`, details)
}
