/**
 * @module verifier/formats/detect-format
 * Which inputs are not Data Integrity credentials: a string (a JWT), an
 * EnvelopedVerifiableCredential, or an Open Badges 2.0 assertion. Kept apart from their
 * verification (verify-format.ts, which loads jose) so that verifying the common credential
 * with an embedded proof never loads it (cold start of `microcred verify`).
 */
import { OPEN_BADGES_V2_CONTEXT } from '../../contexts/bundled.js'
import { isPlainObject } from '../../credential/shape.js'

/** The compact JWT of an EnvelopedVerifiableCredential (`data:application/vc+jwt,…` id). */
export function envelopedJwt(input: unknown): string | undefined {
  if (!isPlainObject(input)) return undefined
  const types = Array.isArray(input['type']) ? input['type'] : [input['type']]
  const id = input['id']
  if (!types.includes('EnvelopedVerifiableCredential') || typeof id !== 'string') return undefined
  const match = /^data:application\/(?:vc\+jwt|vc\+ld\+jwt|jwt)(?:;[^,]*)?,(.+)$/.exec(id)
  return match?.[1]
}

export function isOb2Assertion(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false
  const context = Array.isArray(value['@context']) ? value['@context'] : [value['@context']]
  const types = Array.isArray(value['type']) ? value['type'] : [value['type']]
  return context.includes(OPEN_BADGES_V2_CONTEXT) && types.includes('Assertion')
}

/** True when `verifyOtherFormat` (verify-format.ts) verifies the input; false when the usual pipeline does. */
export function isOtherFormat(input: unknown): boolean {
  return typeof input === 'string' || envelopedJwt(input) !== undefined || isOb2Assertion(input)
}
