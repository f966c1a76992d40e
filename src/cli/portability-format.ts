/**
 * @module cli/portability-format — the text lines for portability results, shared by
 * `verify` and `stack`: a profile check's elements and a pathway evaluation. Types only from
 * the core, so `verify` can format without loading the portability code.
 */
import type { ElementResult } from '../core/portability/profile.js'
import type { PathwayResult } from '../core/portability/pathway.js'
import type { Check } from '../core/verifier/result.js'

const ELEMENT_MARK: Record<ElementResult['outcome'], string> = { pass: 'ok  ', fail: 'FAIL', warn: 'warn', skip: '-   ' }

/** The element lines under a `profile:<id>` check (empty for other checks). */
export function formatProfileElements(check: Check): string[] {
  const elements = check.details?.['elements']
  if (!check.id.startsWith('profile:') || !Array.isArray(elements)) return []
  return (elements as ElementResult[]).map((e) => {
    const assurance = e.assurance?.map((a) => (a.status === 'assured' ? `assured (${a.endorsement?.trustEntry})` : a.reason)).join('; ')
    const detail = e.outcome === 'warn' ? (e.warnings ?? []).map((w) => w.message).join('; ') : e.message.replace(`${e.name}: `, '')
    return `        ${ELEMENT_MARK[e.outcome]} ${e.id.padEnd(14)} ${e.name}: ${detail}${e.code ? ` [${e.code}]` : ''}${assurance && e.outcome !== 'warn' ? ` — QA ${assurance}` : ''}`
  })
}

export function formatPathwayResult(result: PathwayResult): string {
  const lines = [`Pathway: ${result.pathway.name} (${result.pathway.id}${result.pathway.version ? `, ${result.pathway.version}` : ''})`]
  lines.push(`Learner: ${result.learner.id ?? 'not identified by id'}${result.learner.email ? ' (email proven)' : ''}`)
  for (const c of result.counted) {
    const credits = c.credits === null ? 'no credits counted' : `${round(c.credits.value)} ${c.credits.system}${c.credits.method === 'declared' ? '' : ` (${c.credits.method} from ${c.credits.from.value} ${c.credits.from.system}${c.credits.estimated ? ', estimated' : ''})`}`
    const levels = c.levels.map((l) => `${l.framework} ${l.code}`).join(', ')
    lines.push(`COUNTED  #${c.index} ${c.name ?? c.credential ?? ''} — ${credits}${levels ? `; ${levels}` : ''}${c.qa !== 'none' ? `; QA ${c.qa}` : ''}${c.usedFor.length > 0 ? ` → ${c.usedFor.join(', ')}` : ''}`)
  }
  for (const e of result.excluded) lines.push(`EXCLUDED #${e.index} ${e.credential} — ${e.reason} [${e.code}]`)
  const width = Math.max(0, ...result.rules.map((r) => r.id.length))
  for (const r of result.rules) lines.push(`${r.outcome === 'pass' ? 'PASS' : 'FAIL'} ${r.id.padEnd(width)}  ${r.detail}${r.code ? ` [${r.code}]` : ''}`)
  lines.push(`Total: ${result.totals.credits} ${result.totals.unit} (${result.totals.method}${result.totals.estimated ? ', includes estimates' : ''}) from ${result.totals.components} component(s)`)
  for (const m of result.missing) lines.push(`MISSING ${m.rule}: ${m.detail}`)
  lines.push(result.satisfied ? 'SATISFIED' : 'NOT SATISFIED')
  return lines.join('\n') + '\n'
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}
