/** @module verifier/checks/context — every @context is pinned (by URL, or inline and equal by digest) or a self-contained inline context within limits. */
import { contextProblems } from '../../contexts/context-problems.js'
import { VC_V1_CONTEXT, VC_V2_CONTEXT } from '../../contexts/bundled.js'
import { isPlainObject } from '../../credential/shape.js'
import type { CheckContext } from '../context.js'
import { fail, pass, type Check } from '../result.js'

export async function checkContexts(ctx: CheckContext): Promise<Check> {
  const doc = ctx.credential
  if (!isPlainObject(doc) || doc['@context'] === undefined) {
    return fail('context', 'ERR_CONTEXT_NOT_ALLOWED', 'the credential has no @context')
  }
  const problems = await contextProblems(doc, ctx.documentLoader)
  if (problems.length > 0) {
    return fail('context', 'ERR_CONTEXT_NOT_ALLOWED', problems.map((p) => p.message).join('; '), { problems })
  }
  const first = Array.isArray(doc['@context']) ? doc['@context'][0] : doc['@context']
  if (first !== VC_V2_CONTEXT && first !== VC_V1_CONTEXT) {
    return fail('context', 'ERR_CONTEXT_ORDER', `the first @context must be ${VC_V2_CONTEXT} (or ${VC_V1_CONTEXT} for a VC 1.1 credential)`)
  }
  return pass('context', 'all contexts are known and processed offline')
}
