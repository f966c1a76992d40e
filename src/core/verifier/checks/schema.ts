/**
 * @module verifier/checks/schema
 * Validates Open Badges credentials against 1EdTech's published OB 3.0 JSON Schemas, and
 * ClrCredentials against the CLR 2.0 one (bundled in schemas/, draft 2019-09). Credentials
 * of other types are skipped. A mismatch is a `warn`: the credential may still be authentic.
 */
import { isPlainObject, vcVersionOf } from '../../credential/shape.js'
import type { SchemaValidator } from './schema-validators/achievement.js'
import type { CheckContext, SchemaKind, SchemaValidatorSource } from '../context.js'
import { fail, pass, skip, warn, type Check } from '../result.js'

/**
 * The schemas are compiled at build time (scripts/compile-schemas.mjs: ajv standalone code,
 * one module per schema) and each module is loaded on first use of its kind: compiling them
 * at run time cost more than a whole `microcred verify`.
 */
const LOADERS: Record<SchemaKind, () => Promise<{ validate: SchemaValidator }>> = {
  achievement: () => import('./schema-validators/achievement.js'),
  endorsement: () => import('./schema-validators/endorsement.js'),
  clr: () => import('./schema-validators/clr.js'),
}

/** The default source of validators (CheckContext.schemaValidators): each one's ES module. */
export const importSchemaValidator: SchemaValidatorSource = async (kind) => (await LOADERS[kind]()).validate

const loaded = new WeakMap<SchemaValidatorSource, Map<SchemaKind, Promise<SchemaValidator>>>()

function validatorFor(source: SchemaValidatorSource, kind: SchemaKind): Promise<SchemaValidator> {
  let bySource = loaded.get(source)
  if (bySource === undefined) loaded.set(source, (bySource = new Map()))
  let validator = bySource.get(kind)
  if (validator === undefined) {
    validator = source(kind)
    // A source that failed is asked again next time, not remembered as failed.
    validator.catch(() => bySource.delete(kind))
    bySource.set(kind, validator)
  }
  return validator
}

export async function checkSchema(ctx: CheckContext): Promise<Check> {
  const doc = ctx.credential
  if (!isPlainObject(doc)) return fail('schema', 'ERR_SCHEMA_INVALID', 'not a JSON object')
  const types = Array.isArray(doc['type']) ? doc['type'] : [doc['type']]
  const which = types.includes('OpenBadgeCredential') || types.includes('AchievementCredential')
    ? 'achievement'
    : types.includes('EndorsementCredential')
      ? 'endorsement'
      : types.includes('ClrCredential')
        ? 'clr'
        : undefined
  if (which === undefined) return skip('schema', 'not an Open Badges credential; no JSON Schema applies')
  // 1EdTech publishes the OB 3.0 / CLR 2.0 schemas for the VC 2.0 shape only (validFrom,
  // credentials/v2 first): a VC 1.1 badge cannot match them however it is made. Its VC 1.1
  // structure is checked by the shape check instead.
  if (vcVersionOf(doc) === '1.1') return skip('schema', 'a VC 1.1 credential: the published OB 3.0 / CLR 2.0 JSON Schemas describe VC 2.0 credentials only')
  const validate = await validatorFor(ctx.schemaValidators ?? importSchemaValidator, which)
  const name = which === 'clr' ? 'CLR 2.0 ClrCredential JSON Schema' : `OB 3.0 ${which === 'achievement' ? 'AchievementCredential' : 'EndorsementCredential'} JSON Schema`
  const variants = statusVariants(doc)
  const failed = variants.find((variant) => !validate(variant))
  if (failed === undefined) {
    if (variants.length === 1) return pass('schema', `matches the ${name}`)
    return pass('schema', which === 'clr' ? `matches the ${name} (every credentialStatus entry, its own and its nested credentials', in place)` : `matches the ${name} (each of its ${variants.length} credentialStatus entries in place)`)
  }
  validate(failed)
  const errors = (validate.errors ?? []).slice(0, 20).map((e) => ({ path: e.instancePath || '/', message: e.message ?? 'invalid' }))
  const first = errors[0]
  // Conformance, not authenticity: a warning unless the caller is strict (issue 10.6).
  return warn('schema', 'ERR_SCHEMA_INVALID', `does not match the ${which === 'clr' ? 'CLR 2.0' : 'OB 3.0'} JSON Schema${first ? `: ${first.path} ${first.message}` : ''}`, { errors })
}

/**
 * VC 2.0 allows several status entries (one per purpose: revocation and suspension); the OB
 * 3.0 and CLR 2.0 schemas predate that and admit one. Each entry is validated in its place
 * instead: variant `i` puts entry `i` (or the last one, for shorter lists) in place of every
 * list in the document — the credential's own, those of the credentials a ClrCredential
 * carries and those of embedded EndorsementCredentials (a revocable endorsement has two) — so
 * every entry of every list is validated at least once.
 */
function statusVariants(doc: Record<string, unknown>): Record<string, unknown>[] {
  let count = 0
  const measure = (value: unknown, depth: number): void => {
    if (depth > MAX_STATUS_DEPTH) return
    if (Array.isArray(value)) value.forEach((v) => measure(v, depth + 1))
    else if (isPlainObject(value)) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'credentialStatus' && Array.isArray(inner)) count = Math.max(count, inner.length)
        measure(inner, depth + 1)
      }
    }
  }
  measure(doc, 0)
  if (count === 0) return [doc]
  const pick = (value: unknown, i: number, depth: number): unknown => {
    if (depth > MAX_STATUS_DEPTH) return value
    if (Array.isArray(value)) return value.map((v) => pick(v, i, depth + 1))
    if (!isPlainObject(value)) return value
    // fromEntries defines own properties: a "__proto__" key stays a key.
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        key === 'credentialStatus' && Array.isArray(inner) && inner.length > 0 ? pick(inner[Math.min(i, inner.length - 1)], i, depth + 1) : pick(inner, i, depth + 1),
      ]),
    )
  }
  return Array.from({ length: count }, (_, i) => pick(doc, i, 0) as Record<string, unknown>)
}

/** Status lists sit a few levels down (CLR → subject → credential → achievement → endorsement); nothing deeper is rewritten. */
const MAX_STATUS_DEPTH = 16
