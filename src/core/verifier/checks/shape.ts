/** @module verifier/checks/shape — VC 2.0 (or VC 1.1) structure: the rules the issuer enforces before signing. */
import { credentialShapeProblems, vcVersionOf } from '../../credential/shape.js'
import type { CheckContext } from '../context.js'
import { fail, pass, type Check } from '../result.js'

export async function checkShape(ctx: CheckContext): Promise<Check> {
  const dataModel = vcVersionOf(ctx.credential) === '1.1' ? 'VC 1.1' : 'VC 2.0'
  const problems = credentialShapeProblems(ctx.credential)
  const details = dataModel === 'VC 1.1' ? { dataModel } : {}
  if (problems.length === 0) return pass('shape', `well-formed ${dataModel} credential`, dataModel === 'VC 1.1' ? details : undefined)
  return fail('shape', 'ERR_CREDENTIAL_MALFORMED', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { problems, ...details })
}
