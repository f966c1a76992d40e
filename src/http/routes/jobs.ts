/**
 * @module http/routes/jobs
 * POST /credentials/issue/jobs (JSON or NDJSON), GET /jobs/:id, GET /jobs/:id/results (NDJSON,
 * streamed from the store page by page), POST /jobs/:id/cancel. All need the `issue` scope.
 * The rows are stored before the 202 is sent; the job runner (jobs/) issues them.
 */
import { Readable } from 'node:stream'
import type { FastifyPluginAsync } from 'fastify'
import { MicrocredError } from '../../core/index.js'
import { newJobId } from '../../jobs/job-ids.js'
import { jobStatus, resultLines } from '../../jobs/job-status.js'
import type { JobRecord } from '../../storage/store.js'
import { BEARER_SECURITY } from '../auth.js'
import type { RouteContext } from '../route-context.js'
import { cancelJobSchema, jobResultsSchema, jobStatusSchema, submitJobJsonBody, submitJobSchema } from '../schemas/jobs.js'
import { recordAudit } from '../../issuance/audit.js'
import { actingAs } from '../actor.js'
import { ndjsonLines } from '../ndjson-lines.js'

/** Each item's JSON text, made as the store asks for it (not a second array beside the items). */
function* itemTexts(items: unknown[]): Generator<string> {
  for (const item of items) yield JSON.stringify(item)
}

/**
 * Largest JSON job body (`{ "items": [ … ] }`), at least the batch limit. Fastify parses a JSON
 * body whole before the route runs, so it costs the body text plus its parsed objects (a few
 * times the body size) while it is stored: 128 MiB holds about 27 000 realistic
 * micro-credentials of 4.8 KB.
 */
export const JOBS_BODY_LIMIT = 128 * 1024 * 1024
/**
 * Largest NDJSON job body: read as a stream and stored chunk by chunk, it costs one chunk of
 * memory whatever its size, so the bound is about disk and request time: 1 GiB holds about
 * 220 000 realistic micro-credentials.
 */
export const JOBS_NDJSON_BODY_LIMIT = 1024 * 1024 * 1024
interface SubmitBody {
  items?: unknown[]
  stream?: AsyncIterable<Buffer>
}

export const jobRoutes: FastifyPluginAsync<RouteContext> = async (app, route) => {
  const { ctx } = route
  const { store } = ctx
  const bodyLimit = Math.max(JOBS_BODY_LIMIT, route.limits.batchBodyLimit)

  // NDJSON: one item per line, kept as text (the row as stored). The parser hands the route
  // the unread body; ndjsonLines splits it into lines as it arrives and enforces its limit.
  app.addContentTypeParser('application/x-ndjson', (_request, payload, done) => {
    done(null, { stream: payload })
  })

  const mustGet = async (id: string): Promise<JobRecord> => {
    const job = await store.getJob(id)
    if (job === undefined) throw new MicrocredError('ERR_JOB_NOT_FOUND', `no job ${id}`, { details: { id } })
    return job
  }

  app.post<{ Body: SubmitBody }>(
    '/credentials/issue/jobs',
    {
      schema: {
        ...submitJobSchema,
        body: {
          content: {
            'application/json': { schema: submitJobJsonBody },
            // Read as a stream by the route (ndjsonLines): one unsigned credential per line.
            'application/x-ndjson': { schema: { description: 'one unsigned credential (JSON) per line; blank lines are skipped' } },
          },
        },
        security: BEARER_SECURITY,
      },
      ...route.access.apiKey('issue'),
      bodyLimit,
    },
    async (request, reply) => {
      const body = request.body
      let rows: Iterable<string> | AsyncIterable<string>
      if (body?.stream !== undefined) rows = ndjsonLines(body.stream, Math.max(JOBS_NDJSON_BODY_LIMIT, bodyLimit), request.raw)
      else if (Array.isArray(body?.items) && body.items.length > 0) rows = itemTexts(body.items)
      else throw new MicrocredError('ERR_INPUT_INVALID', 'send { "items": [ … ] } as JSON, or one item per line as application/x-ndjson')
      const job = await store.createJob({ id: newJobId(), issuerId: ctx.issuer.current.id, createdBy: request.apiKey?.id }, rows)
      await route.jobs.submit(job)
      await recordAudit(actingAs(ctx, request), { action: 'job.submit', target: job.id, details: { total: job.total } })
      request.log.info({ jobId: job.id, total: job.total }, 'job accepted')
      const self = `/jobs/${job.id}`
      return reply
        .code(202)
        .header('location', self)
        .send({ id: job.id, state: job.state, total: job.total, links: { self, results: `${self}/results` } })
    },
  )

  app.get<{ Params: { id: string } }>(
    '/jobs/:id',
    { schema: { ...jobStatusSchema, security: BEARER_SECURITY }, ...route.access.apiKey('issue') },
    async (request) => jobStatus(await mustGet(request.params.id), ctx.clock.now()),
  )

  app.get<{ Params: { id: string }; Querystring: { from?: string } }>(
    '/jobs/:id/results',
    { schema: { ...jobResultsSchema, security: BEARER_SECURITY }, ...route.access.apiKey('issue') },
    async (request, reply) => {
      const job = await mustGet(request.params.id)
      const from = Number(request.query.from ?? '0')
      reply.header('job-state', job.state)
      return reply.type('application/x-ndjson; charset=utf-8').send(Readable.from(resultLines(store, job.id, from)))
    },
  )

  app.post<{ Params: { id: string } }>(
    '/jobs/:id/cancel',
    { schema: { ...cancelJobSchema, security: BEARER_SECURITY }, ...route.access.apiKey('issue') },
    async (request) => {
      await mustGet(request.params.id)
      const job = await store.finishJob(request.params.id, 'cancelled')
      await recordAudit(actingAs(ctx, request), { action: 'job.cancel', target: job.id })
      request.log.info({ jobId: job.id, state: job.state }, 'job cancel requested')
      return jobStatus(job, ctx.clock.now())
    },
  )
}
