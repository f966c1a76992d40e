/**
 * @module portability/parse-trust-list
 * Reads a trust-list document: schema validation (the precompiled validators, loaded only by
 * callers that read a list) plus the date-time rules a schema cannot state. Apart from
 * `trust-list.ts` so the verifier's trust check, which only looks entries up, does not load them.
 *
 * @example
 * const trustList = parseTrustList(JSON.parse(text), 'trust.json')
 */
import { isDateTimeStamp } from '../credential/shape.js'
import { MicrocredError } from '../errors.js'
import type { TrustList } from './trust-list.js'
import { assertValid } from './validate.js'

/** Validates a parsed trust-list document; throws ERR_TRUST_LIST_INVALID with every problem. */
export function parseTrustList(doc: unknown, label = 'trust list'): TrustList {
  assertValid('trust-list', doc, label)
  const list = doc as TrustList
  for (const [i, entry] of list.entries.entries()) {
    for (const key of ['validFrom', 'validUntil'] as const) {
      if (entry[key] !== undefined && !isDateTimeStamp(entry[key])) {
        throw new MicrocredError('ERR_TRUST_LIST_INVALID', `${label}: entries[${i}].${key} must be a date-time with a time zone`)
      }
    }
  }
  return structuredClone(list)
}
