/**
 * @module web/common/summary-view
 * The claim summary (core `readClaimSummary`, also `result.summary` of a verification) as a
 * definition list, the same on the verify, claim and public credential pages. Everything the
 * credential says goes in as text.
 */
import type { ClaimSummary } from '../../core/index.js'
import { h } from './dom.js'

/** An ISO date as a long date in UTC ("3 December 2026"), or the text as given when unreadable. */
export function longDate(iso: string | undefined): string | undefined {
  if (iso === undefined) return undefined
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })
}

/** "Example University (example.edu)"; the domain is what a reader can check. */
export function issuerLine(issuer: ClaimSummary['issuer']): string | undefined {
  if (issuer === undefined) return undefined
  return `${issuer.name ?? 'an unnamed issuer'} (${issuer.domain ?? issuer.id})`
}

function recipientLine(recipient: ClaimSummary['recipient']): string | undefined {
  if (recipient === undefined) return undefined
  if (recipient.id !== undefined) return recipient.id
  if (recipient.identities.some((i) => i.type === 'emailAddress')) return 'a learner identified by a hashed email address'
  return undefined
}

export function summaryRows(summary: ClaimSummary): [string, string | undefined][] {
  return [
    ['Achievement', summary.achievement?.name],
    ['Type', summary.achievement?.type],
    ['Issued by', issuerLine(summary.issuer)],
    ['Awarded to', recipientLine(summary.recipient)],
    ['Credits', summary.credits === undefined ? undefined : `${summary.credits.value} ${summary.credits.declaredSystem ?? summary.credits.system ?? '(no credit system named)'}`],
    ['Workload', summary.workloadHours === undefined ? undefined : `${summary.workloadHours} hours`],
    ['Level', summary.levels.length === 0 ? undefined : summary.levels.map((l) => `${l.framework} ${l.code}`).join(', ')],
    [
      'Quality assurance',
      summary.qualityAssurance.length === 0
        ? undefined
        : summary.qualityAssurance.map((q) => `${q.body.name} (${q.type}; ${q.assurance === 'assured' ? 'confirmed by a trusted list' : 'claimed by the issuer'})`).join('; '),
    ],
    ['Issued on', longDate(summary.dates.issued ?? summary.dates.validFrom)],
    ['Valid until', longDate(summary.dates.validUntil)],
  ]
}

export function summaryList(summary: ClaimSummary, extra: [string, string | undefined][] = []): HTMLElement {
  const rows = [...summaryRows(summary), ...extra]
  return h('dl', { class: 'summary' }, rows.filter(([, v]) => v !== undefined).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v!)]))
}
