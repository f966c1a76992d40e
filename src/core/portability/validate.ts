/**
 * @module portability/validate
 * JSON Schema validation of the portability documents (profiles, pathways, trust lists),
 * with the schemas in `schemas/`, precompiled at build time.
 */
import { MicrocredError, type MicrocredErrorCode } from '../errors.js'
import { pathway, profile, trustList, type SchemaValidator } from './document-schema-validators.js'

type Kind = 'profile' | 'pathway' | 'trust-list'

/** Compiled at build time from schemas/ (scripts/compile-schemas.mjs, ajv standalone code). */
const VALIDATORS: Record<Kind, SchemaValidator> = { profile, pathway, 'trust-list': trustList }

export interface SchemaProblem {
  path: string
  message: string
}

/** Problems of `doc` as a `kind` document; empty when it is valid. */
export function schemaProblems(kind: Kind, doc: unknown): SchemaProblem[] {
  const validate = VALIDATORS[kind]
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
