/**
 * @module verifier/checks/issuer
 * Issuer binding: the key that signed must be one the credential's issuer lists as an
 * assertion method. For a did:key issuer that is its own key; for a URL issuer the
 * caller supplies the issuer's controller document (nothing is fetched).
 */
import { isPlainObject } from '../../credential/shape.js'
import { issuerIdOf } from '../../model/open-badges.js'
import type { CheckContext } from '../context.js'
import { error, fail, pass, type Check } from '../result.js'
import { readProofs } from './proof-structure.js'

export async function checkIssuer(ctx: CheckContext): Promise<Check> {
  const doc = ctx.credential
  if (!isPlainObject(doc)) return error('issuer', 'ERR_CREDENTIAL_MALFORMED', 'not a credential object')
  const issuerId = issuerIdOf(doc)
  if (issuerId === undefined) return fail('issuer', 'ERR_CREDENTIAL_MALFORMED', 'the credential names no issuer')
  const { proofs, defect } = readProofs(doc)
  if (defect !== undefined) return error('issuer', defect.code, `no usable proof to bind to the issuer: ${defect.message}`)

  let issuerDoc: unknown
  try {
    issuerDoc = (await ctx.documentLoader(issuerId)).document
  } catch {
    return error('issuer', 'ERR_ISSUER_UNRESOLVABLE', `the issuer ${issuerId} cannot be resolved offline; supply its controller document to bind its keys`, { issuer: issuerId })
  }
  const listed = new Set<string>()
  const methods = isPlainObject(issuerDoc) ? issuerDoc['assertionMethod'] : undefined
  for (const m of Array.isArray(methods) ? methods : []) {
    if (typeof m === 'string') listed.add(m)
    else if (isPlainObject(m) && typeof m['id'] === 'string') listed.add(m['id'])
  }
  for (const proof of proofs) {
    const vm = proof['verificationMethod'] as string
    if (!listed.has(vm)) {
      return fail('issuer', 'ERR_ISSUER_KEY_MISMATCH', `the credential was signed with ${vm}, which is not a key of its issuer ${issuerId}`, {
        issuer: issuerId,
        verificationMethod: vm,
      })
    }
  }
  return pass('issuer', `signed with a key of the issuer ${issuerId}`, { issuer: issuerId })
}
