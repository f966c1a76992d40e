/** @module portability/pathway/parse — a pathway document, validated against schemas/pathway.schema.json and the credit systems microcred knows. */
import { MicrocredError } from '../../errors.js'
import { normalizeCreditSystem } from '../credits.js'
import { assertValid } from '../validate.js'
import type { Pathway } from './types.js'

/** Validates a parsed pathway document; throws ERR_PATHWAY_INVALID with every problem. */
export function parsePathway(doc: unknown, label = 'pathway'): Pathway {
  assertValid('pathway', doc, label)
  const pathway = doc as Pathway & { $schema?: string }
  if (normalizeCreditSystem(pathway.creditUnit) === undefined) {
    throw new MicrocredError('ERR_PATHWAY_INVALID', `${label}: creditUnit ${pathway.creditUnit} is not a credit system microcred knows`)
  }
  for (const unit of pathway.rules.allowedCreditUnits ?? []) {
    if (normalizeCreditSystem(unit) === undefined) throw new MicrocredError('ERR_PATHWAY_INVALID', `${label}: allowedCreditUnits: ${unit} is not a credit system microcred knows`)
  }
  for (const [i, group] of (pathway.rules.chooseFrom ?? []).entries()) {
    if (group.min > group.of.length) throw new MicrocredError('ERR_PATHWAY_INVALID', `${label}: chooseFrom[${i}] asks for ${group.min} of ${group.of.length} options`)
  }
  const { $schema: _ignored, ...rest } = pathway
  return structuredClone(rest)
}
