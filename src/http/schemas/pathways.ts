/**
 * @module http/schemas/pathways
 * POST /pathways, GET /pathways/:id, POST /pathways/:id/evaluate, POST /pathways/:id/award.
 * A pathway document is checked by `parsePathway` against schemas/pathway.schema.json (one
 * authority, every problem listed under ERR_PATHWAY_INVALID), so the route schema only
 * requires an object. Evaluation results are plain data and declared with open objects
 * (the response serializer must not drop fields); the award is sent as its signed text.
 */
import { errorResponses, idempotencyHeader, idParam, jsonLdObject, verifiableCredentialSchema } from './common.js'

/** Most component credentials (and endorsements) in one evaluation; the body limit applies too. */
export const MAX_COMPONENTS = 100

const openObject = { type: 'object', additionalProperties: true } as const

const pathwayRecord = {
  type: 'object',
  required: ['id', 'pathway', 'createdAt'],
  properties: {
    id: { type: 'string' },
    pathway: { ...openObject, description: 'the pathway document as validated (without $schema)' },
    createdAt: { type: 'string' },
  },
} as const

export const createPathwaySchema = {
  summary: 'Define a stacking pathway',
  description:
    'Stores a pathway document (schemas/pathway.schema.json, docs/portability.md): target award, credit unit, rules. Without `id`, the service mints <PUBLIC_URL>/pathways/<uuid>. A pathway is never changed: publish a new version under a new id. 400 ERR_PATHWAY_INVALID lists every problem; an id already defined is 409 ERR_STORE_CONFLICT.',
  tags: ['pathways'],
  body: { ...openObject, description: 'a pathway document' },
  response: { 201: pathwayRecord, ...errorResponses },
} as const

export const getPathwaySchema = {
  summary: 'Get a pathway (public)',
  description: 'The pathway document, so that learners and verifiers can see what an award requires.',
  tags: ['pathways'],
  params: idParam,
  response: { 200: pathwayRecord, ...errorResponses },
} as const

const evaluationBody = {
  type: 'object',
  additionalProperties: false,
  description: 'the components as `credentials` or as a `presentation` (exactly one of the two)',
  properties: {
    credentials: { type: 'array', maxItems: MAX_COMPONENTS, items: jsonLdObject, description: 'signed component credentials' },
    presentation: { ...jsonLdObject, description: 'a verifiable presentation carrying the components; its holder is the learner when its proof verifies' },
    learner: {
      type: 'object',
      additionalProperties: false,
      properties: {
        id: { type: 'string', minLength: 1, maxLength: 2048, description: 'the subject id the components must share' },
        email: { type: 'string', minLength: 3, maxLength: 320, description: 'proves components that identify the learner by a salted email hash' },
      },
    },
    trustList: { ...openObject, description: 'a trust-list document (schemas/trust-list.schema.json): QA bodies, accepted issuers' },
    endorsements: { type: 'array', maxItems: MAX_COMPONENTS, items: jsonLdObject, description: 'EndorsementCredentials supplied beside the components (QA evidence)' },
  },
} as const

/** PathwayResult (src/core/portability/pathway/types.ts). */
export const pathwayResultSchema = {
  type: 'object',
  additionalProperties: true,
  required: ['pathway', 'satisfied', 'learner', 'counted', 'excluded', 'totals', 'rules', 'missing', 'evaluatedAt'],
  properties: {
    pathway: openObject,
    satisfied: { type: 'boolean' },
    learner: openObject,
    counted: { type: 'array', items: openObject, description: 'components that count, with their converted credits and the requirements they serve' },
    excluded: { type: 'array', items: openObject, description: '{ index, credential, code, reason, check? } for every component that does not count' },
    totals: openObject,
    rules: { type: 'array', items: openObject, description: '{ id, kind: requirement|filter, outcome: pass|fail, code?, detail }' },
    missing: { type: 'array', items: openObject },
    presentation: openObject,
    evaluatedAt: { type: 'string' },
  },
} as const

export const evaluatePathwaySchema = {
  summary: 'Evaluate credentials against a pathway (public)',
  description:
    'Verifies every component (status from this service’s own lists; lists published elsewhere make the status unknown, so such a component does not count), checks they belong to one learner, applies the filters and evaluates the requirements. Unsatisfied is still a 200 (`satisfied: false`, with `missing` and the reason for every excluded component).',
  tags: ['pathways'],
  params: idParam,
  body: evaluationBody,
  response: { 200: pathwayResultSchema, ...errorResponses },
} as const

export const awardPathwaySchema = {
  summary: 'Award a satisfied pathway as a signed CLR 2.0 credential',
  description:
    'Evaluates as /evaluate; when satisfied, signs a ClrCredential (the award achievement, the counted credentials as presented, isPartOf associations) with the service issuer, with status entries like every credential issued here, stores it and returns it as signed. Not satisfied: 422 ERR_PATHWAY_NOT_SATISFIED with `details.missing` and `details.evaluation`. An optional Idempotency-Key makes retries safe.',
  tags: ['pathways'],
  params: idParam,
  headers: idempotencyHeader,
  body: evaluationBody,
  response: {
    201: {
      description: 'awarded',
      type: 'object',
      properties: { evaluation: pathwayResultSchema, verifiableCredential: verifiableCredentialSchema },
    },
    ...errorResponses,
  },
} as const
