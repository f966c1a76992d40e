/**
 * @module http/request-log
 * One log line per request ("request completed", with the request, the status and the time
 * taken) instead of Fastify's two ("incoming request", then "request completed"). Each line is
 * a synchronous write to stdout; dropping one per request saved a measurable share of the
 * service's CPU per request (docs/performance.md, HTTP). The request is serialized by the
 * app's `req` serializer, so claim tokens stay masked and Authorization stays redacted. Every
 * other Fastify log line (errors, 404s, shutdown) is unchanged.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'

export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored')
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed')
  }
}
