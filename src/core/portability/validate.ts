/**
 * @module portability/validate
 * JSON Schema validation of the portability documents (profiles, pathways, trust lists),
 * with the schemas in `schemas/`. Compiled once, on first use.
 */
import { Ajv2019, type ValidateFunction } from 'ajv/dist/2019.js'
import pathwaySchema from '../../../schemas/pathway.schema.json' with { type: 'json' }
import profileSchema from '../../../schemas/profile.schema.json' with { type: 'json' }
import trustListSchema from '../../../schemas/trust-list.schema.json' with { type: 'json' }
import { MicrocredError, type MicrocredErrorCode } from '../errors.js'

type Kind = 'profile' | 'pathway' | 'trust-list'

let compiled: Record<Kind, ValidateFunction> | undefined

function validators(): Record<Kind, ValidateFunction> {
  if (compiled === undefined) {
    const ajv = new Ajv2019({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true, validateFormats: false })
    compiled = {
      profile: ajv.compile(profileSchema as object),
      pathway: ajv.compile(pathwaySchema as object),
      'trust-list': ajv.compile(trustListSchema as object),
    }
  }
  return compiled
}

export interface SchemaProblem {
  path: string
  message: string
}

/** Problems of `doc` as a `kind` document; empty when it is valid. */
export function schemaProblems(kind: Kind, doc: unknown): SchemaProblem[] {
  const validate = validators()[kind]
  if (validate(doc)) return []
  return (validate.errors ?? []).slice(0, 20).map((e) => ({
    path: e.instancePath || '/',
    message: `${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params['additionalProperty'])})` : ''}${e.params && 'allowedValues' in e.params ? ` (${(e.params['allowedValues'] as unknown[]).join(', ')})` : ''}`,
  }))
}

const CODES: Record<Kind, MicrocredErrorCode> = {
  profile: 'ERR_PROFILE_INVALID',
  pathway: 'ERR_PATHWAY_INVALID',
  'trust-list': 'ERR_TRUST_LIST_INVALID',
}

/** Throws the kind's `ERR_*_INVALID` with every problem when `doc` does not match its schema. */
export function assertValid(kind: Kind, doc: unknown, label: string = kind): void {
  const problems = schemaProblems(kind, doc)
  if (problems.length > 0) {
    throw new MicrocredError(CODES[kind], `${label} is not a valid ${kind}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, {
      details: { problems },
    })
  }
}
