/** @module verifier/run-check — runs one check; a check that throws is reported as `error` (fail closed), never propagated. */
import { isMicrocredError } from '../errors.js'
import type { CheckContext } from './context.js'
import { error, type Check } from './result.js'

export type CheckFn = (ctx: CheckContext) => Promise<Check>

export async function runCheck(id: string, run: CheckFn, ctx: CheckContext): Promise<Check> {
  try {
    return await run(ctx)
  } catch (e) {
    if (isMicrocredError(e)) return error(id, e.code, e.message)
    return error(id, 'ERR_INTERNAL', `the ${id} check could not be completed`)
  }
}
