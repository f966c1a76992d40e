/**
 * @module verifier/checks/recipient
 * Only when the verifier gives an email: is the credential about that address? The address
 * is compared with the subject's salted-hash `IdentityObject`s (never stored in the clear).
 */
import { matchesEmail } from '../../credential/recipient.js'
import { asArray, type IdentityObject } from '../../model/open-badges.js'
import { subjectOf } from '../../portability/facts.js'
import { isPlainObject } from '../../credential/shape.js'
import { fail, pass, warn, type Check } from '../result.js'
import type { EmailMatch } from '../summary.js'

export async function checkRecipient(credential: unknown, email: string): Promise<{ check: Check; match: EmailMatch }> {
  const identities = asArray((subjectOf(credential) ?? {})['identifier'] as unknown)
    .filter(isPlainObject)
    .filter((i) => i['identityType'] === 'emailAddress' && typeof i['identityHash'] === 'string') as unknown as IdentityObject[]
  if (identities.length === 0) {
    return {
      check: warn('recipient', 'ERR_RECIPIENT_UNCHECKED', 'the credential does not name its recipient by an email address, so the email given could not be checked'),
      match: 'no-email-identity',
    }
  }
  for (const identity of identities) {
    if (await matchesEmail(identity, email)) return { check: pass('recipient', 'issued to the email address given'), match: 'matches' }
  }
  return { check: fail('recipient', 'ERR_RECIPIENT_MISMATCH', 'the email address given does not match the recipient the credential names'), match: 'does-not-match' }
}
