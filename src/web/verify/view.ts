/**
 * @module web/verify/view
 * Renders verification results for people: the headline first (verified / verified with
 * warnings / not verified), then what the credential claims, then every check, then the
 * portability report. Everything the credential says is inserted as text.
 */
import { type Check, type CredentialVerificationResult, type PathwayResult, type PresentationVerificationResult, type Verdict } from '../../core/index.js'
import { h } from '../common/dom.js'
import { summaryList } from '../common/summary-view.js'

export type Level = 'verified' | 'warnings' | 'not-verified'

const HEADLINE: Record<Level, string> = { verified: 'Verified', warnings: 'Verified, with warnings', 'not-verified': 'Not verified' }

const LEVEL_OF: Record<Verdict['level'], Level> = { verified: 'verified', 'verified-with-warnings': 'warnings', 'not-verified': 'not-verified' }

/** The core's verdict, as the page shows it (authenticity only: profiles never change it). */
export const levelOf = (verdict: Verdict): Level => LEVEL_OF[verdict.level]

const OUTCOME_LABEL: Record<string, string> = { pass: 'Passed', fail: 'Failed', error: 'Could not check', skip: 'Not applicable', warn: 'Warning' }

function checkRow(check: Check): HTMLTableRowElement {
  return h(
    'tr',
    { class: `outcome-${check.outcome}` },
    h('th', { scope: 'row' }, check.id),
    h('td', {}, h('span', { class: 'pill' }, OUTCOME_LABEL[check.outcome] ?? check.outcome)),
    h('td', {}, check.message, check.code ? h('code', { class: 'code' }, ` ${check.code}`) : null),
  )
}

function checksTable(checks: readonly Check[], caption: string): HTMLElement {
  return h(
    'details',
    { class: 'checks' },
    h('summary', {}, `${caption} (${checks.length})`),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Check'), h('th', { scope: 'col' }, 'Outcome'), h('th', { scope: 'col' }, 'What it means'))), h('tbody', {}, checks.map(checkRow))),
  )
}

function advice(checks: readonly Check[]): HTMLElement | null {
  const tips: string[] = []
  for (const c of checks) {
    if (c.code === 'ERR_STATUS_UNKNOWN') tips.push('Revocation could not be checked: tick "Check revocation online", or add the issuer’s signed status list file.')
    if (c.code === 'ERR_ISSUER_UNRESOLVABLE' || c.code === 'ERR_KEY_UNRESOLVABLE') tips.push('The issuer’s keys are not available offline: add the issuer’s DID document (controller document) file.')
    if (c.code === 'ERR_PROOF_INVALID') tips.push('The credential was changed after it was signed, or signed by someone else: do not rely on anything in it.')
  }
  return tips.length === 0 ? null : h('ul', { class: 'advice' }, [...new Set(tips)].map((t) => h('li', {}, t)))
}

export function credentialCard(name: string, result: CredentialVerificationResult): HTMLElement {
  const level = levelOf(result.verdict)
  const authenticity = result.checks
  const profiles = result.portability?.profiles ?? []
  return h(
    'article',
    { class: `card level-${level}`, 'aria-label': `${HEADLINE[level]}: ${name}` },
    h('p', { class: 'headline' }, h('span', { class: 'verdict' }, HEADLINE[level]), h('span', { class: 'source' }, name)),
    advice(result.checks),
    level === 'not-verified' ? h('p', { class: 'claims-note' }, 'What the credential claims (not confirmed, because it did not verify):') : null,
    summaryList(result.summary),
    checksTable(authenticity, 'Checks'),
    profiles.length === 0
      ? null
      : h(
          'section',
          { class: 'portability', 'aria-label': 'Portability' },
          h('h3', {}, 'Portability'),
          profiles.map((p) => h('p', { class: `outcome-${p.outcome}` }, h('strong', {}, `${p.id.slice('profile:'.length)}: `), p.outcome === 'pass' ? 'meets the framework profile. ' : 'does not meet the framework profile. ', p.message)),
        ),
  )
}

export function presentationCard(name: string, result: PresentationVerificationResult): HTMLElement {
  const level = levelOf(result.verdict)
  return h(
    'article',
    { class: `card level-${level}`, 'aria-label': `Presentation ${HEADLINE[level]}: ${name}` },
    h('p', { class: 'headline' }, h('span', { class: 'verdict' }, `Presentation: ${HEADLINE[level]}`), h('span', { class: 'source' }, name)),
    checksTable(result.checks, 'Presentation checks'),
    result.credentials.map((r, i) => credentialCard(`${name}, credential ${i + 1}`, r)),
  )
}

export function noticeCard(name: string, title: string, text: string): HTMLElement {
  return h('article', { class: 'card level-notice', 'aria-label': `${title}: ${name}` }, h('p', { class: 'headline' }, h('span', { class: 'verdict' }, title), h('span', { class: 'source' }, name)), h('p', {}, text))
}

export function pathwayCard(result: PathwayResult): HTMLElement {
  const { totals } = result
  return h(
    'article',
    { class: `card level-${result.satisfied ? 'verified' : 'not-verified'}`, 'aria-label': `Stacking: ${result.pathway.name}` },
    h('p', { class: 'headline' }, h('span', { class: 'verdict' }, result.satisfied ? 'These credentials add up to the award' : 'These credentials do not add up to the award yet'), h('span', { class: 'source' }, result.pathway.name)),
    h('p', {}, `${totals.credits} ${totals.unit} counted from ${totals.components} credential${totals.components === 1 ? '' : 's'}${totals.estimated ? ' (some converted, estimated)' : ''}.`),
    result.missing.length === 0 ? null : h('section', {}, h('h3', {}, 'Still missing'), h('ul', {}, result.missing.map((m) => h('li', {}, m.detail)))),
    result.excluded.length === 0 ? null : h('section', {}, h('h3', {}, 'Not counted'), h('ul', {}, result.excluded.map((e) => h('li', {}, `${e.credential}: ${e.reason}`)))),
    h('details', { class: 'checks' }, h('summary', {}, `Rules (${result.rules.length})`), h('ul', {}, result.rules.map((r) => h('li', { class: `outcome-${r.outcome}` }, `${r.outcome === 'pass' ? 'Met' : 'Not met'}: ${r.detail}`)))),
  )
}
