/**
 * @module verifier/checks/trust
 * Only when the verifier's trust list names issuers (role `issuer`): is this credential's
 * issuer one of them, trusted on the date it was issued? Not being listed is a warning, not
 * a failure: the credential is still authentic, the verifier just does not know the issuer.
 */
import { isPlainObject } from '../../credential/shape.js'
import { asArray, issuerIdOf } from '../../model/open-badges.js'
import { findTrustEntry, windowProblem, type TrustList } from '../../portability/trust-list.js'
import { pass, warn, type Check } from '../result.js'

/** True when the list has any entry trusted as an issuer (otherwise no `trust` check is made). */
export function namesIssuers(list: TrustList | undefined): boolean {
  return list?.entries.some((e) => (e.roles ?? ['qa-body']).includes('issuer')) === true
}

export function checkTrustedIssuer(credential: unknown, list: TrustList): Check {
  const doc = isPlainObject(credential) ? credential : {}
  const id = issuerIdOf(doc) ?? ''
  const verificationMethods = asArray(doc['proof'] as unknown)
    .filter(isPlainObject)
    .map((p) => p['verificationMethod'])
    .filter((m): m is string => typeof m === 'string')
  const entry = findTrustEntry(list, { id, verificationMethods }, 'issuer')
  if (entry === undefined) return warn('trust', 'ERR_TRUST_ISSUER_UNTRUSTED', `the issuer ${id} is not in the trust list${list.name ? ` ${list.name}` : ''}`, { issuer: id })
  const issued = typeof doc['validFrom'] === 'string' ? doc['validFrom'] : undefined
  const window = windowProblem(entry, { 'credential was issued': issued })
  if (window !== undefined) return warn('trust', window.code, window.reason, { issuer: id, trustEntry: entry.name })
  return pass('trust', `the issuer is in the trust list as ${entry.name}`, { issuer: id, trustEntry: entry.name })
}
