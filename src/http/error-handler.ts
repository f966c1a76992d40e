/**
 * @module http/error-handler
 * Every error leaves the service as `{ code, message }` (plus `details` when the error
 * carries data a client can act on), with the HTTP status `ERROR_CODES` gives the code.
 * Framework errors (bad JSON, body too large, schema validation, rate limit) are mapped to
 * microcred codes first. Anything else, and every 5xx, answers only
 * `{ code: 'ERR_INTERNAL', message: 'internal error', requestId }` and is logged in full.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { ERROR_CODES, formatByteSize, isMicrocredError, MicrocredError, type MicrocredErrorCode } from '../core/index.js'
import { describeSchemaError, type SchemaErrorLike } from '../issuance/validate-request.js'

export interface ErrorBody {
  code: MicrocredErrorCode
  message: string
  details?: Record<string, unknown>
  requestId?: string
}

/** What the error handler knows about the route that failed (absent for unrouted requests). */
export interface RouteFacts {
  /** The route's schemas by validation context (`body`, `querystring`, `params`, `headers`). */
  schema?: Readonly<Record<string, unknown>> | undefined
  /** The route's body limit in bytes. */
  bodyLimit?: number | undefined
}

/**
 * A framework or thrown error as a MicrocredError, or undefined when it is not the client's
 * fault. `route` and `request` (the parsed parts by validation context) let schema errors
 * name the field a client misspelt and the one it meant.
 */
export function toClientError(error: unknown, route: RouteFacts = {}, request?: Readonly<Record<string, unknown>>): MicrocredError | undefined {
  if (isMicrocredError(error)) return error
  const e = error as Partial<FastifyError> & { statusCode?: number; validation?: unknown[]; validationContext?: string }
  if (e === null || typeof e !== 'object') return undefined
  if (Array.isArray(e.validation)) {
    const context = e.validationContext ?? 'body'
    const problems = e.validation.map((v) => describeSchemaError({ instancePath: '', keyword: '', params: {}, ...(v as Partial<SchemaErrorLike>) }, route.schema?.[context], context, request?.[context]))
    const text = problems.map((p) => p.message).join('; ')
    return new MicrocredError('ERR_INPUT_INVALID', `invalid request: ${text}`, { details: { problems } })
  }
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new MicrocredError(
        'ERR_INPUT_TOO_LARGE',
        route.bodyLimit === undefined ? 'the request body is larger than this route accepts' : `the request body is larger than the limit of ${formatByteSize(route.bodyLimit)} for this route`,
        ...(route.bodyLimit === undefined ? [] : [{ details: { limitBytes: route.bodyLimit } }]),
      )
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new MicrocredError('ERR_INPUT_UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json')
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new MicrocredError('ERR_INPUT_INVALID_JSON', 'the request body is empty; send a JSON object')
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new MicrocredError('ERR_INPUT_INVALID_JSON', 'the request body is not valid JSON')
    default:
      break
  }
  if (e.statusCode === 400 && (error instanceof SyntaxError || /JSON/i.test(e.message ?? ''))) {
    return new MicrocredError('ERR_INPUT_INVALID_JSON', `the request body is not valid JSON: ${e.message ?? ''}`.trim())
  }
  if (e.statusCode === 429) return new MicrocredError('ERR_RATE_LIMITED')
  if (e.statusCode === 413) return new MicrocredError('ERR_INPUT_TOO_LARGE')
  if (e.statusCode === 415) return new MicrocredError('ERR_INPUT_UNSUPPORTED_MEDIA_TYPE')
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new MicrocredError('ERR_INPUT_INVALID', e.message ?? ERROR_CODES.ERR_INPUT_INVALID.message)
  }
  return undefined
}

/**
 * Faults a client should retry: answered with their own code and Retry-After (seconds), so a
 * client can tell "try again shortly" from a bug. The message is the code's default, never
 * the driver's.
 */
const RETRYABLE: Partial<Record<MicrocredErrorCode, number>> = { ERR_STORE_UNAVAILABLE: 1, ERR_STORE_FULL: 30 }

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const clientError = toClientError(
    error,
    { schema: request.routeOptions?.schema as RouteFacts['schema'], bodyLimit: request.routeOptions?.bodyLimit },
    { body: request.body, querystring: request.query, params: request.params, headers: request.headers },
  )
  const retryAfter = clientError === undefined ? undefined : RETRYABLE[clientError.code]
  if (clientError !== undefined && retryAfter !== undefined) {
    request.log.error({ err: error, code: clientError.code }, 'store fault')
    return reply
      .code(clientError.status)
      .header('retry-after', String(retryAfter))
      .type('application/json; charset=utf-8')
      .send({ code: clientError.code, message: ERROR_CODES[clientError.code].message, requestId: request.id } satisfies ErrorBody)
  }
  if (clientError === undefined || clientError.status >= 500) {
    request.log.error({ err: error }, 'request failed')
    return reply
      .code(clientError?.status ?? 500)
      .type('application/json; charset=utf-8')
      .send({ code: 'ERR_INTERNAL', message: 'internal error', requestId: request.id } satisfies ErrorBody)
  }
  if (clientError.status === 401) reply.header('www-authenticate', 'Bearer realm="microcred"')
  request.log.info({ code: clientError.code, status: clientError.status }, clientError.message)
  const body: ErrorBody = { code: clientError.code, message: clientError.message }
  if (clientError.details !== undefined) body.details = clientError.details
  return reply.code(clientError.status).type('application/json; charset=utf-8').send(body)
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply
    .code(404)
    .type('application/json; charset=utf-8')
    .send({ code: 'ERR_NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` } satisfies ErrorBody)
}
