/**
 * @module issuance/validate-request
 * Requests are checked against the same JSON Schemas (src/http/schemas/*, plain objects) by
 * the HTTP routes (Fastify's Ajv) and by the CLI (here, with the options app.ts gives
 * Fastify: no coercion, no defaults, no field removal, first error only). Both turn Ajv's
 * errors into messages through `describeSchemaError`, so an unknown field reads the same
 * everywhere: `unknown field "credit" at /achievement; did you mean "credits"?`.
 *
 * @example
 * const check = compileRequestValidator(definitionSchema, 'ERR_ACHIEVEMENT_INVALID')
 * check(definition, '/achievement')   // throws MicrocredError on the first problem
 */
import { Ajv, type ErrorObject } from 'ajv'
import { MicrocredError, nearestName, type MicrocredErrorCode } from '../core/index.js'

export interface SchemaProblem {
  /** Where: `${prefix}${instancePath}`, e.g. `body/achievement` or `/achievement`. */
  path: string
  message: string
  keyword?: string | undefined
  params?: Record<string, unknown> | undefined
  /** For an unknown field: the nearest field the schema allows there. */
  suggestion?: string | undefined
}

/** The subset of an Ajv error this module reads (Fastify passes these through as `validation`). */
export type SchemaErrorLike = Pick<ErrorObject, 'instancePath' | 'keyword' | 'params'> & { message?: string | undefined; schemaPath?: string | undefined }

/**
 * A problem with a readable message. For `additionalProperties: false`, names the field and
 * suggests the nearest allowed one, which is read from `rootSchema` at the error's schemaPath.
 * A missing required field next to a misspelling of it (`{ "sytem": … }`; Ajv checks
 * `required` first) is reported as the misspelling, when `data` (the validated value) is given.
 */
export function describeSchemaError(error: SchemaErrorLike, rootSchema: unknown, prefix = '', data?: unknown): SchemaProblem {
  const path = `${prefix}${error.instancePath ?? ''}` || '/'
  const field = error.params?.['additionalProperty']
  if (error.keyword === 'additionalProperties' && typeof field === 'string') {
    const known = error.schemaPath === undefined ? [] : propertiesAt(rootSchema, error.schemaPath)
    return unknownField(path, field, known, error)
  }
  const missing = error.params?.['missingProperty']
  if (error.keyword === 'required' && typeof missing === 'string' && error.schemaPath !== undefined && data !== undefined) {
    const known = propertiesAt(rootSchema, error.schemaPath.replace(/\/required$/, ''))
    const here = valueAt(data, error.instancePath ?? '')
    const strangers = here !== null && typeof here === 'object' && !Array.isArray(here) ? Object.keys(here).filter((k) => !known.includes(k)) : []
    const misspelt = strangers.find((k) => nearestName(k, [missing]) !== undefined)
    if (misspelt !== undefined) return unknownField(path, misspelt, known, error)
  }
  if (error.keyword === 'pattern' && error.schemaPath !== undefined) {
    // A pattern says little to a person; the schema's description says what was meant.
    const description = (nodeAt(rootSchema, error.schemaPath.replace(/\/pattern$/, '')) as { description?: unknown } | undefined)?.description
    if (typeof description === 'string') return { path, message: `${path} must be ${description}`, keyword: error.keyword, params: error.params }
  }
  return { path, message: `${path} ${error.message ?? 'is invalid'}`, keyword: error.keyword, params: error.params }
}

function unknownField(path: string, field: string, known: readonly string[], error: SchemaErrorLike): SchemaProblem {
  const suggestion = nearestName(field, known)
  const hint = suggestion !== undefined ? `; did you mean "${suggestion}"?` : known.length > 0 ? `; allowed: ${known.join(', ')}` : ''
  return { path, message: `unknown field "${field}" at ${path}${hint}`, keyword: 'additionalProperties', params: { ...error.params, additionalProperty: field }, suggestion }
}

/** The value at a JSON Pointer (Ajv's instancePath), or undefined. */
function valueAt(data: unknown, pointer: string): unknown {
  let node = data
  for (const segment of pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined
    node = (node as Record<string, unknown>)[segment]
  }
  return node
}

/**
 * The property names the schema allows at the object an `additionalProperties` error is
 * about: `#/properties/credits/additionalProperties` → the keys of `properties.credits.properties`.
 */
export function propertiesAt(rootSchema: unknown, schemaPath: string): string[] {
  const properties = (nodeAt(rootSchema, schemaPath.replace(/\/additionalProperties$/, '')) as { properties?: unknown } | undefined)?.properties
  return properties !== null && typeof properties === 'object' ? Object.keys(properties) : []
}

/** The subschema at an Ajv schemaPath (`#/properties/credits`), or undefined. */
function nodeAt(rootSchema: unknown, schemaPath: string): unknown {
  let node: unknown = rootSchema
  for (const segment of schemaPath.replace(/^#\/?/, '').split('/').filter((s) => s !== '').map(unescapePointer)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined
    node = (node as Record<string, unknown>)[segment]
  }
  return node
}

function unescapePointer(segment: string): string {
  let decoded = segment
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    decoded = segment
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~')
}

/** Fastify's request validation options (see http/app.ts). */
const ajv = new Ajv({ coerceTypes: false, useDefaults: false, removeAdditional: false, allErrors: false, strict: false })

/**
 * Compiles `schema` once; the returned function throws `MicrocredError(code)` with the first
 * problem (its path under `prefix`) and `details.problems`, or returns the value unchanged.
 */
export function compileRequestValidator(schema: object, code: MicrocredErrorCode): (value: unknown, prefix?: string) => void {
  const validate = ajv.compile(schema)
  return (value, prefix = '') => {
    if (validate(value)) return
    const problems = (validate.errors ?? []).map((e) => describeSchemaError(e, schema, prefix, value))
    throw new MicrocredError(code, problems.map((p) => p.message).join('; ') || 'does not match its schema', { details: { problems } })
  }
}
