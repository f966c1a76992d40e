/** @module verifier/checks/shape — VC 2.0 structure (the rules the issuer enforces before signing). */
import { credentialShapeProblems } from '../../credential/shape.js'
import { isVc11Credential, vc11ShapeProblems } from '../../credential/vc11.js'
import type { CheckContext } from '../context.js'
import { fail, pass, type Check } from '../result.js'

export async function checkShape(ctx: CheckContext): Promise<Check> {
  if (isVc11Credential(ctx.credential)) {
    const problems = vc11ShapeProblems(ctx.credential)
    if (problems.length === 0) return pass('shape', 'well-formed VC 1.1 credential', { dataModel: 'VC 1.1' })
    return fail('shape', 'ERR_CREDENTIAL_MALFORMED', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { problems, dataModel: 'VC 1.1' })
  }
  const problems = credentialShapeProblems(ctx.credential)
  if (problems.length === 0) return pass('shape', 'well-formed VC 2.0 credential')
  return fail('shape', 'ERR_CREDENTIAL_MALFORMED', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { problems })
}
