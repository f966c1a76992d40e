/** @module http/schemas/jobs — issue jobs: submit, progress, results, cancel. */
import { errorResponses } from './common.js'

const jobLinks = {
  type: 'object',
  properties: { self: { type: 'string' }, results: { type: 'string' } },
} as const

export const submitJobSchema = {
  summary: 'Issue any number of credentials as a job',
  description:
    'Accepts unsigned credentials (each item as in /credentials/issue/batch) as JSON `{ "items": [ … ] }` or as `application/x-ndjson` (one item per line; blank lines are skipped). Every row is stored before the answer (202), then issued in chunks in the background: a row that cannot be issued is reported in the results with its error, the others are issued. A row is never issued twice, also across restarts.',
  tags: ['jobs'],
  response: {
    202: {
      description: 'accepted; follow `links.self` for progress and `links.results` for the outcome of every row',
      type: 'object',
      properties: { id: { type: 'string' }, state: { type: 'string' }, total: { type: 'integer' }, links: jobLinks },
    },
    ...errorResponses,
  },
} as const

/** The JSON body; NDJSON bodies are read by the route's own parser. Items are checked row by row when issued, so a bad row fails alone. */
export const submitJobJsonBody = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', minItems: 1, items: {} } },
} as const

const jobIdParam = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 128 } } } as const

export const jobStatusSchema = {
  summary: 'Progress of a job',
  description: '`done` rows were issued, `failed` rows were refused (see the results). `ratePerSecond` counts rows handled since the job started; `etaSeconds` is null until it can be estimated.',
  tags: ['jobs'],
  params: jobIdParam,
  response: {
    200: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        state: { type: 'string', enum: ['queued', 'running', 'done', 'failed', 'cancelled'] },
        total: { type: 'integer' },
        done: { type: 'integer' },
        failed: { type: 'integer' },
        ratePerSecond: { type: 'number' },
        etaSeconds: { type: ['number', 'null'] },
        createdAt: { type: 'string' },
        startedAt: { type: ['string', 'null'] },
        finishedAt: { type: ['string', 'null'] },
        error: { type: 'string' },
      },
    },
    ...errorResponses,
  },
} as const

export const jobResultsSchema = {
  summary: 'Results of a job, one NDJSON line per row',
  description:
    'Lines `{ "row", "ok": true, "credentialId" }` or `{ "row", "ok": false, "error": { "code", "message", "path"? } }` in row order, from `from` (default 0). While the job runs the stream ends before the first row not handled yet: ask again with `from` set to the next row.',
  tags: ['jobs'],
  params: jobIdParam,
  querystring: { type: 'object', additionalProperties: false, properties: { from: { type: 'string', pattern: '^[0-9]{1,10}$' } } },
} as const

export const cancelJobSchema = {
  summary: 'Cancel a job',
  description: 'Rows not issued yet are not issued; rows being signed when the job is cancelled are still recorded. A finished job is left as it is.',
  tags: ['jobs'],
  params: jobIdParam,
  response: { ...errorResponses },
} as const
