/**
 * @module verifier/checks/schema
 * Validates Open Badges credentials against 1EdTech's published OB 3.0 JSON Schemas
 * (bundled in schemas/, draft 2019-09). Credentials of other types are skipped.
 */
import { Ajv2019, type ValidateFunction } from 'ajv/dist/2019.js'
import achievementCredentialSchema from '../../../../schemas/ob_v3p0_achievementcredential_schema.json' with { type: 'json' }
import endorsementCredentialSchema from '../../../../schemas/ob_v3p0_endorsementcredential_schema.json' with { type: 'json' }
import { isPlainObject } from '../../credential/shape.js'
import type { CheckContext } from '../context.js'
import { fail, pass, skip, type Check } from '../result.js'

let validators: { achievement: ValidateFunction; endorsement: ValidateFunction } | undefined

/** Compiled once, on first use: compiling the schemas costs far more than validating. */
function compiled(): { achievement: ValidateFunction; endorsement: ValidateFunction } {
  if (validators === undefined) {
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false })
    validators = {
      achievement: ajv.compile(achievementCredentialSchema as object),
      endorsement: ajv.compile(endorsementCredentialSchema as object),
    }
  }
  return validators
}

export async function checkSchema(ctx: CheckContext): Promise<Check> {
  const doc = ctx.credential
  if (!isPlainObject(doc)) return fail('schema', 'ERR_SCHEMA_INVALID', 'not a JSON object')
  const types = Array.isArray(doc['type']) ? doc['type'] : [doc['type']]
  const which = types.includes('OpenBadgeCredential') || types.includes('AchievementCredential')
    ? 'achievement'
    : types.includes('EndorsementCredential')
      ? 'endorsement'
      : undefined
  if (which === undefined) return skip('schema', 'not an Open Badges credential; no JSON Schema applies')
  const validate = compiled()[which]
  if (validate(doc)) return pass('schema', `matches the OB 3.0 ${which === 'achievement' ? 'AchievementCredential' : 'EndorsementCredential'} JSON Schema`)
  const errors = (validate.errors ?? []).slice(0, 20).map((e) => ({ path: e.instancePath || '/', message: e.message ?? 'invalid' }))
  const first = errors[0]
  return fail('schema', 'ERR_SCHEMA_INVALID', `does not match the OB 3.0 JSON Schema${first ? `: ${first.path} ${first.message}` : ''}`, { errors })
}
