/**
 * @module http/signed-json
 * Sends signed documents exactly as they were signed: the stored JSON text is spliced into
 * the response text, never parsed and re-serialized (a serializer could drop, reorder or
 * re-encode fields and break the signature).
 */
import type { FastifyReply } from 'fastify'

export const JSON_TYPE = 'application/json; charset=utf-8'

/** Sends `text` (already JSON) as the body. Fastify passes strings through untouched. */
export function sendJsonText(reply: FastifyReply, status: number, text: string, contentType: string = JSON_TYPE): FastifyReply {
  return reply.code(status).type(contentType).send(text)
}

/** `{"<name>":<text>}` */
export function wrapOne(name: string, text: string): string {
  return `{${JSON.stringify(name)}:${text}}`
}

/** `{"<name>":[<text>,<text>…]}` */
export function wrapMany(name: string, texts: readonly string[]): string {
  return `{${JSON.stringify(name)}:[${texts.join(',')}]}`
}

/**
 * `{...fields, "<name>": <text>}` built as text: `fields` is plain data, serialized normally;
 * the signed `text` is inserted as is.
 */
export function withSigned(fields: Record<string, unknown>, name: string, text: string): string {
  const head = JSON.stringify(fields)
  return `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}${JSON.stringify(name)}:${text}}`
}
