/**
 * @module http/ndjson-lines
 * The lines of an NDJSON request body, read from the stream as they arrive, so a job of any
 * size is stored chunk by chunk (storage/job-rules.ts `insertChunks`) instead of being held as
 * one string and an array of lines. Only the line being read is buffered (bounded by the body
 * limit). Blank lines are skipped and a trailing `\r` is dropped. A body over `limitBytes`, or
 * one that ends before the request is complete (the client went away), throws: the store then
 * creates no job, since a job becomes visible only after its last row.
 */
import type { IncomingMessage } from 'node:http'
import { StringDecoder } from 'node:string_decoder'
import { MicrocredError } from '../core/index.js'

export async function* ndjsonLines(body: AsyncIterable<Buffer | string>, limitBytes: number, request?: Pick<IncomingMessage, 'complete'>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8')
  let bytes = 0
  let pending = ''
  const line = (text: string): string | undefined => {
    const l = text.endsWith('\r') ? text.slice(0, -1) : text
    return l.trim() === '' ? undefined : l
  }
  for await (const part of body) {
    bytes += typeof part === 'string' ? Buffer.byteLength(part) : part.length
    if (bytes > limitBytes) throw new MicrocredError('ERR_INPUT_TOO_LARGE', `the body is larger than ${limitBytes} bytes; split the job`)
    const text = pending + (typeof part === 'string' ? part : decoder.write(part))
    let start = 0
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const l = line(text.slice(start, nl))
      if (l !== undefined) yield l
      start = nl + 1
    }
    pending = text.slice(start)
  }
  // A stream that ends early usually fails the loop above (premature close); `complete` says so
  // too. (Injected test requests have no `complete`; only an explicit false counts.)
  if (request?.complete === false) throw new MicrocredError('ERR_INPUT_INVALID', 'the request body ended early')
  const last = line(pending + decoder.end())
  if (last !== undefined) yield last
}
