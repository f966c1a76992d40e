/**
 * @module verifier/formats/verify-format
 * The format dispatch of `verifyCredential`: credentials with an embedded Data Integrity
 * proof go through the usual pipeline (this returns undefined for them); a JWS-secured
 * credential (VC-JWT, vc+jwt, an EnvelopedVerifiableCredential) or an Open Badges 2.0
 * assertion (signed or hosted) is verified here, with the same check ids in the same order,
 * so a result reads the same whatever the format. `details.format` on the proof check says
 * which format it was.
 */
import type { CheckContext } from '../context.js'
import { checkContexts } from '../checks/context.js'
import { checkSchema } from '../checks/schema.js'
import { checkShape } from '../checks/shape.js'
import { checkStatus } from '../checks/status.js'
import { checkValidity } from '../checks/validity.js'
import { fail, pass, skip, summarize, type Check, type VerificationResult } from '../result.js'
import { runCheck } from '../run-check.js'
import { checkJwt, decodeJwtCredential, envelopedJwt } from './jwt-credential.js'
import type { JsonWebKeySet } from './jwt-key.js'
import { checkOb2Hosted, checkOb2Shape, checkOb2Signed, checkOb2Validity, decodeOb2Jws, isHosted, isOb2Assertion, type FetchJson } from './ob2-assertion.js'

export interface FormatOptions {
  /**
   * Public keys for JWS-secured credentials (VC-JWT, vc+jwt, signed OB 2.0) whose key is
   * neither in a `jwk` header nor resolvable from `kid`. Supplying it vouches that the keys
   * are the issuer's.
   */
  jwks?: JsonWebKeySet
  /**
   * The explicit online opt-in for hosted Open Badges 2.0 assertions: fetches a JSON
   * document by URL. Without it hosted assertions are recognised and explained, not verified.
   */
  fetchJson?: FetchJson
}

/** Undefined when `input` is a credential with an embedded proof (the usual pipeline). */
export async function verifyOtherFormat(input: unknown, ctx: CheckContext, options: FormatOptions): Promise<VerificationResult | undefined> {
  const jwt = typeof input === 'string' ? input.trim() : envelopedJwt(input)
  if (jwt !== undefined) {
    const ob2 = decodeOb2Jws(jwt)
    if (ob2 !== undefined) {
      const { proof, issuer } = await checkOb2Signed(jwt, ob2.header, ob2.assertion, ctx, ob2Options(options))
      return ob2Result(ob2.assertion, ctx, proof, issuer, skip('status', 'OB 2.0 revocation lists are published online by the issuer; not checked offline'))
    }
    const decoded = decodeJwtCredential(jwt)
    if (typeof decoded === 'string') return notACredential(`the input is a string but not a credential JWT: ${decoded}`)
    const inner: CheckContext = { ...ctx, credential: decoded.credential }
    const { proof, issuer } = await checkJwt(decoded, inner, { jwks: options.jwks })
    const [shape, context, schema, validity, status] = await Promise.all([
      runCheck('shape', checkShape, inner),
      runCheck('context', checkContexts, inner),
      runCheck('schema', checkSchema, inner),
      runCheck('validity', checkValidity, inner),
      runCheck('status', checkStatus, inner),
    ])
    return summarize([shape!, context!, schema!, proof, issuer, validity!, status!])
  }
  if (isOb2Assertion(input)) {
    if (!isHosted(input)) {
      return notACredential('a signed OB 2.0 badge is verified as the JWS its issuer signed (the compact string), not as the decoded assertion')
    }
    const { proof, issuer, status } = await checkOb2Hosted(input, ob2Options(options))
    return ob2Result(input, ctx, proof, issuer, status)
  }
  return undefined
}

function ob2Options(options: FormatOptions) {
  return { jwks: options.jwks, fetchJson: options.fetchJson }
}

function ob2Result(assertion: Record<string, unknown>, ctx: CheckContext, proof: Check, issuer: Check, status: Check): VerificationResult {
  return summarize([
    checkOb2Shape(assertion),
    pass('context', 'the Open Badges 2.0 context is bundled'),
    skip('schema', 'Open Badges 2.0 has no 1EdTech JSON Schema to validate against'),
    proof,
    issuer,
    checkOb2Validity(assertion, ctx),
    status,
  ])
}

function notACredential(message: string): VerificationResult {
  const notChecked = (id: string) => skip(id, 'not checked: the input is not a credential microcred can read')
  return summarize([fail('shape', 'ERR_CREDENTIAL_MALFORMED', message), ...['context', 'schema', 'proof', 'issuer', 'validity', 'status'].map(notChecked)])
}
