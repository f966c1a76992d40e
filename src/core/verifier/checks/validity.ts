/**
 * @module verifier/checks/validity — the validity period against the injected clock:
 * validFrom / validUntil (VC 2.0), issuanceDate / expirationDate (VC 1.1).
 */
import { isDateTimeStamp, isPlainObject, isXsdDateTime, parseXsdDateTime, vcVersionOf } from '../../credential/shape.js'
import type { CheckContext } from '../context.js'
import { error, fail, pass, type Check } from '../result.js'

export async function checkValidity(ctx: CheckContext): Promise<Check> {
  const doc = ctx.credential
  if (!isPlainObject(doc)) return error('validity', 'ERR_CREDENTIAL_MALFORMED', 'not a credential object')
  const vc11 = vcVersionOf(doc) === '1.1'
  const [fromKey, untilKey] = vc11 ? (['issuanceDate', 'expirationDate'] as const) : (['validFrom', 'validUntil'] as const)
  const isDate = vc11 ? isXsdDateTime : isDateTimeStamp
  const now = ctx.now.getTime()
  const skew = ctx.clockSkewSeconds * 1000
  const from = doc[fromKey]
  const until = doc[untilKey]
  const details = { now: ctx.now.toISOString(), [fromKey]: from, [untilKey]: until }
  for (const [key, value] of [[fromKey, from], [untilKey, until]] as const) {
    if (value !== undefined && !isDate(value)) {
      return error('validity', 'ERR_CREDENTIAL_MALFORMED', `${key} is not a date-time${vc11 ? '' : ' with a time zone'}`, details)
    }
  }
  if (typeof from === 'string' && parseXsdDateTime(from) > now + skew) {
    return fail('validity', 'ERR_VALIDITY_NOT_YET_VALID', `not valid until ${from}`, details)
  }
  if (typeof until === 'string' && parseXsdDateTime(until) < now - skew) {
    return fail('validity', 'ERR_VALIDITY_EXPIRED', `expired on ${until}`, details)
  }
  const untilText = typeof until === 'string' ? ` until ${until}` : ''
  return pass('validity', `valid at ${ctx.now.toISOString()}${untilText}`, details)
}
