/**
 * @module jsonld/diagnose
 * Turns what jsonld.js throws into a microcred code. Safe mode rejects a document with a
 * `jsonld.ValidationError` whose `details.event` names the offending term; a refused
 * context arrives wrapped in a `jsonld.LoadDocumentError`. Everything else is left alone.
 */
import { MicrocredError, type MicrocredErrorCode } from '../errors.js'

export interface JsonLdDiagnosis {
  code: MicrocredErrorCode
  message: string
  term?: string
  paths?: string[]
  url?: string
}

type ErrorRecord = { name?: unknown; message?: unknown; details?: Record<string, unknown>; cause?: unknown; errors?: unknown }

/** Finds a jsonld.js or loader error anywhere in an error's cause / details chain. */
export function diagnoseJsonLdError(error: unknown, document?: unknown): JsonLdDiagnosis | undefined {
  const chain = errorChain(error)
  // A refused context arrives wrapped (jsonld.InvalidUrl → details.cause): name the refusal, not the wrapper.
  for (const e of chain) {
    if (e instanceof MicrocredError && e.code === 'ERR_CONTEXT_NOT_ALLOWED') {
      const url = typeof e.details?.['url'] === 'string' ? e.details['url'] : undefined
      return { code: e.code, message: e.message, ...(url ? { url } : {}) }
    }
  }
  for (const record of chain) {
    if (record.name === 'jsonld.ValidationError') {
      const event = (record.details?.['event'] ?? {}) as { code?: string; details?: Record<string, unknown>; message?: string }
      const term = termOf(event.details)
      const paths = term !== undefined && document !== undefined ? findPaths(document, term) : []
      const what = event.code ?? 'invalid JSON-LD'
      return {
        code: 'ERR_JSONLD_UNDEFINED_TERM',
        message: term === undefined ? `JSON-LD safe mode rejected the document (${what})` : `"${term}" is not defined by the document's contexts (${what})${paths.length ? ` at ${paths.join(', ')}` : ''}`,
        ...(term !== undefined ? { term } : {}),
        paths,
      }
    }
    if (typeof record.name === 'string' && record.name.startsWith('jsonld.') && record.name !== 'jsonld.LoadDocumentError') {
      return { code: 'ERR_JSONLD_INVALID', message: `invalid JSON-LD: ${String(record.message)}` }
    }
  }
  return undefined
}

/** Every error reachable through `cause`, `details.cause` and `errors`, breadth first. */
function errorChain(error: unknown): ErrorRecord[] {
  const seen = new Set<unknown>()
  const chain: ErrorRecord[] = []
  const queue: unknown[] = [error]
  while (queue.length > 0) {
    const e = queue.shift()
    if (e === null || typeof e !== 'object' || seen.has(e)) continue
    seen.add(e)
    const record = e as ErrorRecord
    chain.push(record)
    queue.push(record.cause, record.details?.['cause'])
    if (Array.isArray(record.errors)) queue.push(...record.errors)
  }
  return chain
}

function termOf(details: Record<string, unknown> | undefined): string | undefined {
  if (!details) return undefined
  for (const key of ['property', 'type', 'term', 'id', 'value']) {
    const v = details[key]
    if (typeof v === 'string') return v
  }
  return undefined
}

/** JSON paths (`$.a.b[0].c`) at which `key` occurs as a member name or as a type value. */
export function findPaths(document: unknown, key: string, limit = 10): string[] {
  const out: string[] = []
  const walk = (node: unknown, path: string): void => {
    if (out.length >= limit) return
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}[${i}]`))
    else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        const child = /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`
        if (k === key) out.push(child)
        else if (k === 'type' && (v === key || (Array.isArray(v) && v.includes(key)))) out.push(child)
        walk(v, child)
      }
    }
  }
  walk(document, '$')
  return out
}
