/**
 * @module verifier/checks/nested
 * The `nested` check of a CLR 2.0 ClrCredential: every embedded credential verifies on its
 * own. The verify function is passed in (the verifier binds its own loader, clock and status
 * resolver), so this module does not import the verifier.
 */
import { isPlainObject } from '../../credential/shape.js'
import { asArray } from '../../model/open-badges.js'
import { error, fail, pass, warn, type Check, type VerificationResult } from '../result.js'

export function isClrCredential(credential: unknown): boolean {
  return isPlainObject(credential) && asArray(credential['type'] as unknown).includes('ClrCredential')
}

/** How deep CLRs may nest inside CLRs before the verifier refuses (fail closed). */
export const MAX_NESTING = 4

/**
 * The `nested` check of a ClrCredential: every `credentialSubject.verifiableCredential[]`
 * must verify on its own (with the same loader, clock and status resolver).
 */
export async function checkNestedCredentials(credential: unknown, verify: (nested: unknown) => Promise<VerificationResult>, depth = 0): Promise<Check> {
  if (depth >= MAX_NESTING) return error('nested', 'ERR_CREDENTIAL_MALFORMED', `credentials are nested more than ${MAX_NESTING} levels deep`)
  const subjects = isPlainObject(credential) ? asArray(credential['credentialSubject'] as unknown) : []
  const nested = subjects.filter(isPlainObject).flatMap((s) => asArray(s['verifiableCredential'] as unknown))
  if (nested.length === 0) return fail('nested', 'ERR_CREDENTIAL_MALFORMED', 'the ClrCredential carries no verifiableCredential')
  const results = await Promise.all(nested.map((c) => verify(c)))
  const summary = results.map((r, i) => {
    const c = nested[i]
    const bad = r.checks.find((x) => x.outcome === 'fail' || x.outcome === 'error')
    return {
      index: i,
      id: isPlainObject(c) && typeof c['id'] === 'string' ? c['id'] : undefined,
      verified: r.verified,
      ...(bad !== undefined ? { failed: { id: bad.id, code: bad.code, message: bad.message } } : {}),
    }
  })
  const failed = summary.filter((s) => !s.verified)
  if (failed.length === 0) {
    // Verified with warnings inside (status unknown, schema) stays a warning outside.
    const warned = results.flatMap((r, i) => r.checks.filter((x) => x.outcome === 'warn').map((x) => ({ index: i, check: x })))
    const first = warned[0]
    if (first !== undefined) {
      return warn('nested', first.check.code ?? 'ERR_INTERNAL', `all ${nested.length} nested credential(s) verify, with warnings; #${first.index}: ${first.check.id}: ${first.check.message}`, { credentials: summary })
    }
    return pass('nested', `all ${nested.length} nested credential(s) verify`, { credentials: summary })
  }
  const first = failed[0]!
  const code = first.failed?.code ?? 'ERR_PROOF_INVALID'
  return fail(
    'nested',
    code,
    `${failed.length} of ${nested.length} nested credential(s) do not verify; #${first.index}${first.id ? ` (${first.id})` : ''}: ${first.failed?.id}: ${first.failed?.message}`,
    { credentials: summary },
  )
}
