/**
 * @module web/console/main
 * The issuer console (GET /console). Plain DOM like the other pages. Sign-in turns a pasted
 * API key into a session (cookie + CSRF token, see http/console-session.ts); each view calls
 * the service's routes and the service decides, by the key's scopes, what is allowed. The
 * tabs shown follow the scopes only so that nobody is offered what will be refused.
 */
import type { Achievement } from '../../core/index.js'
import { byId, h } from '../common/dom.js'
import { achievementFields, checkDefinition, readDefinition, renderLiveCheck, writeDefinition } from './achievement-form.js'
import { api, describeError, onSessionEnded, setCsrfToken, type SessionInfo } from './api.js'
import { issueRows, prepareRows, type Mapping, type PreparedRow, type RowOutcome } from './bulk.js'
import { parseCsv, toCsv } from '../../core/text/csv.js'

interface AchievementRecord {
  id: string
  definition: Record<string, unknown>
  achievement: Achievement
  createdAt: string
}

const notice = byId<HTMLParagraphElement>('notice')
const signinSection = byId<HTMLElement>('signin')
const appSection = byId<HTMLElement>('app')
const view = byId<HTMLElement>('view')
let session: SessionInfo | undefined

function say(text: string, kind: 'info' | 'problem' = 'info'): void {
  notice.textContent = text
  notice.className = kind === 'problem' ? 'problem' : ''
}

const can = (scope: string): boolean => session !== undefined && (session.key.scopes.includes(scope) || session.key.scopes.includes('admin'))

const TABS: { id: string; label: string; scope: string; render: () => Promise<void> }[] = [
  { id: 'achievements', label: 'Achievements', scope: 'read', render: renderAchievements },
  { id: 'issue', label: 'Issue one', scope: 'issue', render: renderIssueOne },
  { id: 'bulk', label: 'Bulk from CSV', scope: 'issue', render: renderBulk },
  { id: 'credentials', label: 'Credentials', scope: 'read', render: renderCredentials },
  { id: 'keys', label: 'API keys', scope: 'admin', render: renderKeys },
  { id: 'audit', label: 'Audit log', scope: 'admin', render: renderAudit },
]

async function show(tabId: string): Promise<void> {
  const tab = TABS.find((t) => t.id === tabId) ?? TABS[0]!
  for (const button of byId('tabs').querySelectorAll('button')) {
    if (button.dataset['tab'] === tab.id) button.setAttribute('aria-current', 'page')
    else button.removeAttribute('aria-current')
  }
  document.title = `${tab.label} · Issuer console · microcred`
  view.replaceChildren()
  say('')
  try {
    await tab.render()
  } catch (e) {
    say(describeError(e), 'problem')
  }
  const heading = view.querySelector('h2')
  if (heading !== null) {
    heading.tabIndex = -1
    heading.focus()
  }
}

function enter(info: SessionInfo): void {
  session = info
  if (info.csrfToken !== undefined) setCsrfToken(info.csrfToken)
  signinSection.hidden = true
  appSection.hidden = false
  byId('who').textContent = `Signed in with key “${info.key.name || info.key.id}” (${info.key.scopes.join(', ')})`
  byId('tabs').replaceChildren(
    ...TABS.filter((t) => can(t.scope)).map((t) => h('li', {}, h('button', { type: 'button', class: 'tab', 'data-tab': t.id, onclick: () => void show(t.id) }, t.label))),
  )
  void show(location.hash.slice(1) || 'achievements')
}

function leave(message: string): void {
  session = undefined
  setCsrfToken(undefined)
  appSection.hidden = true
  signinSection.hidden = false
  view.replaceChildren()
  say(message)
  byId<HTMLInputElement>('apikey').focus()
}

onSessionEnded(() => leave('Your session has ended. Sign in again.'))

byId<HTMLFormElement>('signin-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const keyInput = byId<HTMLInputElement>('apikey')
  void (async () => {
    try {
      const started = await api<{ csrfToken: string }>('POST', '/console/session', { apiKey: keyInput.value })
      keyInput.value = ''
      setCsrfToken(started.csrfToken)
      enter(await api<SessionInfo>('GET', '/console/session'))
    } catch (e) {
      say(`Sign-in failed: ${describeError(e)}`, 'problem')
    }
  })()
})

byId('signout').addEventListener('click', () => {
  void api('DELETE', '/console/session')
    .catch(() => undefined)
    .then(() => leave('Signed out.'))
})

// ---- achievements -------------------------------------------------------------------

async function loadAchievements(): Promise<AchievementRecord[]> {
  return (await api<{ achievements: AchievementRecord[] }>('GET', '/console/api/achievements')).achievements
}

function achievementSelect(list: AchievementRecord[], id: string, label: string): HTMLElement {
  return h('p', { class: 'field' }, h('label', { for: id }, label), h('select', { id, required: true }, list.map((a) => h('option', { value: a.id }, `${a.achievement.name} — ${a.id}`))))
}

async function renderAchievements(): Promise<void> {
  const list = await loadAchievements()
  const table = h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, 'Achievements defined here'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Credits'), h('th', { scope: 'col' }, 'Identifier'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
    h(
      'tbody',
      {},
      list.map((a) => {
        const credits = a.definition['credits'] as { value: number; system: string } | undefined
        return h(
          'tr',
          {},
          h('td', {}, String(a.achievement.name)),
          h('td', {}, credits === undefined ? '—' : `${credits.value} ${credits.system}`),
          h('td', { class: 'id' }, a.id),
          h('td', {}, can('issue') ? h('button', { type: 'button', class: 'link', onclick: () => void editAchievement(a) }, `Edit ${a.achievement.name}`) : ''),
        )
      }),
    ),
  )
  view.append(
    h('h2', {}, 'Achievements'),
    can('issue') ? h('p', {}, h('button', { type: 'button', class: 'button', onclick: () => void editAchievement(undefined) }, 'New achievement')) : "",
    list.length === 0 ? h('p', {}, 'No achievements yet.') : h('div', { class: 'scroll' }, table),
  )
}

async function editAchievement(record: AchievementRecord | undefined): Promise<void> {
  view.replaceChildren()
  const live = h('div', { id: 'live-check', 'aria-live': 'polite' })
  const form = h('form', { class: 'achievement-form', novalidate: true }, achievementFields(), h('p', {}, h('button', { class: 'button', type: 'submit' }, record === undefined ? 'Create achievement' : 'Save changes'), ' ', h('button', { class: 'button secondary', type: 'button', onclick: () => void show('achievements') }, 'Cancel')))
  view.append(h('h2', {}, record === undefined ? 'New achievement' : `Edit ${String(record.achievement.name)}`), h('div', { class: 'editor' }, form, h('aside', { class: 'panel', 'aria-labelledby': 'live-heading' }, h('h3', { id: 'live-heading' }, 'Checks'), live)))
  if (record !== undefined) {
    writeDefinition(form, record.definition)
    ;(form.elements.namedItem('id') as HTMLInputElement).readOnly = true
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const recheck = (): void => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      void checkDefinition(readDefinition(form), session!.issuer).then((result) => live.replaceChildren(renderLiveCheck(result)))
    }, 250)
  }
  form.addEventListener('input', recheck)
  recheck()
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    void (async () => {
      const def = readDefinition(form)
      try {
        const saved =
          record === undefined
            ? await api<AchievementRecord>('POST', '/achievements', def)
            : await api<AchievementRecord>('PUT', `/console/api/achievements/${encodeURIComponent(record.id)}`, def)
        await show('achievements')
        say(`Saved “${String(saved.achievement.name)}”.`)
      } catch (e) {
        say(`Not saved: ${describeError(e)}`, 'problem')
      }
    })()
  })
}

// ---- issue one -----------------------------------------------------------------------

async function renderIssueOne(): Promise<void> {
  const list = await loadAchievements()
  view.append(h('h2', {}, 'Issue one credential'))
  if (list.length === 0) {
    view.append(h('p', {}, 'Define an achievement first.'))
    return
  }
  const result = h('div', { 'aria-live': 'polite' })
  const form = h(
    'form',
    {},
    achievementSelect(list, 'issue-achievement', 'Achievement'),
    h('p', { class: 'field' }, h('label', { for: 'issue-email' }, 'Learner email'), h('input', { id: 'issue-email', type: 'email', required: true, autocomplete: 'off' })),
    h('p', { class: 'field' }, h('label', { for: 'issue-name' }, 'Credential title (optional; the achievement name by default)'), h('input', { id: 'issue-name', type: 'text' })),
    h('p', { class: 'field' }, h('input', { id: 'issue-offer', type: 'checkbox' }), ' ', h('label', { for: 'issue-offer' }, session!.emailDelivery ? 'Send a claim link by email (the credential is signed when the learner claims it)' : 'Make a claim link (signed when the learner claims it) instead of issuing now')),
    h('p', {}, h('button', { type: 'submit', class: 'button' }, 'Issue')),
  )
  view.append(form, result)
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const achievementId = byId<HTMLSelectElement>('issue-achievement').value
    const email = byId<HTMLInputElement>('issue-email').value.trim()
    const name = byId<HTMLInputElement>('issue-name').value.trim()
    const offer = byId<HTMLInputElement>('issue-offer').checked
    void (async () => {
      try {
        const body = { recipients: [{ email }], ...(name === '' ? {} : { name }), ...(offer ? { offer: {} } : {}) }
        const answer = await api<{ verifiableCredentials?: { id: string }[]; offers?: { id: string; claimUrl?: string }[] }>('POST', `/achievements/${encodeURIComponent(achievementId)}/issue`, body)
        if (answer.offers !== undefined) {
          const o = answer.offers[0]!
          result.replaceChildren(h('p', { class: 'ok' }, 'Offer made. ', o.claimUrl === undefined ? `Offer ${o.id}.` : h('span', {}, 'Claim link (shown once): ', h('code', {}, o.claimUrl))))
        } else {
          result.replaceChildren(h('p', { class: 'ok' }, 'Issued: ', h('code', {}, answer.verifiableCredentials![0]!.id)))
        }
        say('Done.')
      } catch (e) {
        say(`Not issued: ${describeError(e)}`, 'problem')
      }
    })()
  })
}

// ---- bulk ----------------------------------------------------------------------------

async function renderBulk(): Promise<void> {
  const list = await loadAchievements()
  view.append(h('h2', {}, 'Bulk issue from a CSV file'))
  if (list.length === 0) {
    view.append(h('p', {}, 'Define an achievement first.'))
    return
  }
  const mappingArea = h('div', {})
  const preview = h('div', {})
  const progressArea = h('div', {})
  view.append(
    h('p', {}, 'One learner per row, a header row first. Rows are checked here, before anything is sent; only valid rows are issued.'),
    achievementSelect(list, 'bulk-achievement', 'Achievement'),
    h('p', { class: 'field' }, h('label', { for: 'bulk-file' }, 'CSV file'), h('input', { id: 'bulk-file', type: 'file', accept: '.csv,text/csv' })),
    mappingArea,
    preview,
    progressArea,
  )
  let header: string[] = []
  let body: string[][] = []
  byId<HTMLInputElement>('bulk-file').addEventListener('change', (event) => {
    const file = (event.target as HTMLInputElement).files?.[0]
    if (file === undefined) return
    void file.text().then((text) => {
      let rows: string[][]
      try {
        rows = parseCsv(text)
      } catch (e) {
        // A malformed file (an unclosed quote…): say where, before anything is mapped or sent.
        preview.replaceChildren()
        progressArea.replaceChildren()
        mappingArea.replaceChildren()
        say(e instanceof Error ? e.message : String(e), 'problem')
        return
      }
      header = rows[0] ?? []
      body = rows.slice(1)
      preview.replaceChildren()
      progressArea.replaceChildren()
      if (header.length === 0) {
        say('The file has no rows.', 'problem')
        return
      }
      const guess = (re: RegExp): number => header.findIndex((c) => re.test(c))
      const column = (id: string, label: string, preset: number, required: boolean): HTMLElement =>
        h(
          'p',
          { class: 'field' },
          h('label', { for: id }, label),
          h('select', { id }, required ? null : h('option', { value: '' }, '(none)'), header.map((c, i) => h('option', { value: String(i), selected: i === preset }, c || `column ${i + 1}`))),
        )
      mappingArea.replaceChildren(
        h(
          'fieldset',
          {},
          h('legend', {}, `Columns (${body.length} rows)`),
          column('map-email', 'Learner email', Math.max(0, guess(/e-?mail/i)), true),
          column('map-name', 'Credential title', guess(/title|credential/i), false),
          column('map-from', 'Valid from', guess(/valid.?from|start|issued/i), false),
          column('map-until', 'Valid until', guess(/valid.?until|expir|end/i), false),
          h('p', {}, h('button', { type: 'button', class: 'button', id: 'bulk-check', onclick: () => void check() }, 'Check rows')),
        ),
      )
    })
  })

  async function check(): Promise<void> {
    const col = (id: string): number | undefined => (byId<HTMLSelectElement>(id).value === '' ? undefined : Number(byId<HTMLSelectElement>(id).value))
    const mapping: Mapping = { email: col('map-email')!, name: col('map-name'), validFrom: col('map-from'), validUntil: col('map-until') }
    const achievementId = byId<HTMLSelectElement>('bulk-achievement').value
    const record = list.find((a) => a.id === achievementId)!
    say('Checking rows…')
    const rows = await prepareRows(body, mapping, record.achievement, session!.issuer, session!.baseUrl)
    const bad = rows.filter((r) => r.errors.length > 0)
    const good = rows.filter((r) => r.errors.length === 0)
    say(`${good.length} rows ready, ${bad.length} with problems.`)
    preview.replaceChildren(
      h('h3', {}, 'Check'),
      h('p', { id: 'bulk-summary' }, `${good.length} of ${rows.length} rows are ready to issue; ${bad.length} have problems and will not be sent.`),
      bad.length === 0 ? "" : errorTable(bad.map((r) => ({ line: r.line, email: r.email, error: r.errors.join('; ') })), 'Rows with problems'),
      h('p', {}, h('button', { type: 'button', class: 'button', id: 'bulk-issue', disabled: good.length === 0, onclick: () => void run(rows, good) }, `Issue ${good.length} credentials`)),
    )
  }

  async function run(all: PreparedRow[], good: PreparedRow[]): Promise<void> {
    byId<HTMLButtonElement>('bulk-issue').disabled = true
    const bar = h('progress', { id: 'bulk-progress', max: good.length, value: 0, 'aria-labelledby': 'bulk-progress-label' })
    const label = h('p', { id: 'bulk-progress-label' }, 'Issuing…')
    progressArea.replaceChildren(h('h3', {}, 'Progress'), label, bar)
    try {
      const { outcomes, via } = await issueRows(good, (p) => {
        bar.max = p.total
        bar.value = p.done
        label.textContent = `Issuing: ${p.done} of ${p.total} done${p.failed > 0 ? `, ${p.failed} failed` : ''}${p.note === undefined ? '' : ` (${p.note})`}`
      })
      const rejected: RowOutcome[] = all.filter((r) => r.errors.length > 0).map((r) => ({ line: r.line, email: r.email, ok: false, error: r.errors.join('; ') }))
      const results = [...outcomes, ...rejected].sort((a, b) => a.line - b.line)
      const issued = results.filter((r) => r.ok).length
      const failed = results.filter((r) => !r.ok)
      label.textContent = `Finished: ${issued} issued, ${failed.length} not issued${via === 'batch' ? ' (sent in batches: this service has no jobs API)' : ''}.`
      say(`${issued} credentials issued, ${failed.length} rows not issued.`)
      const csv = toCsv([['line', 'email', 'ok', 'credentialId', 'error'], ...results.map((r) => [String(r.line), r.email, String(r.ok), r.credentialId ?? '', r.error ?? ''])])
      const link = h('a', { class: 'button secondary', href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), download: 'issue-results.csv', id: 'bulk-results' }, 'Download the results (CSV)')
      progressArea.append(h('p', { id: 'bulk-done' }, `${issued} issued, ${failed.length} not issued.`), failed.length === 0 ? "" : errorTable(failed.map((r) => ({ line: r.line, email: r.email, error: r.error ?? '' })), 'Rows not issued'), h('p', {}, link))
    } catch (e) {
      label.textContent = `Stopped: ${describeError(e)}`
      say(describeError(e), 'problem')
    }
  }
}

function errorTable(rows: { line: number; email: string; error: string }[], caption: string): HTMLElement {
  return h(
    'div',
    { class: 'scroll' },
    h(
      'table',
      { class: 'row-errors' },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Line'), h('th', { scope: 'col' }, 'Email'), h('th', { scope: 'col' }, 'Problem'))),
      h('tbody', {}, rows.map((r) => h('tr', {}, h('td', {}, String(r.line)), h('td', {}, r.email), h('td', {}, r.error)))),
    ),
  )
}

// ---- credentials ---------------------------------------------------------------------

interface Listing {
  id: string
  achievementId?: string
  name?: string
  createdAt: string
  revoked: boolean
  suspended: boolean
  statusReason?: string
}

async function renderCredentials(): Promise<void> {
  const list = await loadAchievements()
  const results = h('div', {})
  const form = h(
    'form',
    { class: 'search', role: 'search' },
    h('p', { class: 'field' }, h('label', { for: 'search-email' }, 'Learner email'), h('input', { id: 'search-email', type: 'email', autocomplete: 'off' })),
    h('p', { class: 'field' }, h('label', { for: 'search-achievement' }, 'Achievement'), h('select', { id: 'search-achievement' }, h('option', { value: '' }, 'Any'), list.map((a) => h('option', { value: a.id }, String(a.achievement.name))))),
    h('p', { class: 'field' }, h('label', { for: 'search-from' }, 'Issued from'), h('input', { id: 'search-from', type: 'date' })),
    h('p', { class: 'field' }, h('label', { for: 'search-to' }, 'Issued before'), h('input', { id: 'search-to', type: 'date' })),
    h('p', {}, h('button', { type: 'submit', class: 'button' }, 'Search')),
  )
  view.append(h('h2', {}, 'Credentials'), h('p', { class: 'hint' }, 'Emails are not stored: each credential holds a salted hash, so the email you type is hashed with each credential’s salt and compared.'), form, results)
  const search = async (): Promise<void> => {
    const q = new URLSearchParams()
    for (const [key, id] of [['email', 'search-email'], ['achievement', 'search-achievement'], ['from', 'search-from'], ['to', 'search-to']] as const) {
      const value = (byId<HTMLInputElement>(id).value ?? '').trim()
      if (value !== '') q.set(key, value)
    }
    const answer = await api<{ credentials: Listing[]; scanned: number; complete: boolean }>('GET', `/console/api/credentials?${q}`)
    results.replaceChildren(
      h('p', { id: 'search-count' }, `${answer.credentials.length} found (${answer.scanned} examined${answer.complete ? '' : '; the search stopped early, narrow it down'}).`),
      answer.credentials.length === 0
        ? ""
        : h(
            'div',
            { class: 'scroll' },
            h(
              'table',
              { id: 'search-results' },
              h('caption', { class: 'visually-hidden' }, 'Credentials found'),
              h('thead', {}, h('tr', {}, ['Credential', 'Issued', 'Status', 'Reason', 'Actions'].map((c) => h('th', { scope: 'col' }, c)))),
              h(
                'tbody',
                {},
                answer.credentials.map((c) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, h('span', {}, c.name ?? ''), h('br', {}), h('code', { class: 'id' }, c.id)),
                    h('td', {}, c.createdAt.slice(0, 10)),
                    h('td', {}, c.revoked ? 'revoked' : c.suspended ? 'suspended' : 'active'),
                    h('td', {}, c.statusReason ?? ''),
                    h('td', {}, can('revoke') ? statusActions(c, search) : ''),
                  ),
                ),
              ),
            ),
          ),
    )
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    void search().catch((e: unknown) => say(describeError(e), 'problem'))
  })
}

function statusActions(c: Listing, refresh: () => Promise<void>): HTMLElement {
  const actions: { label: string; purpose: 'revocation' | 'suspension'; status: boolean }[] = c.revoked
    ? []
    : c.suspended
      ? [{ label: 'Reinstate', purpose: 'suspension', status: false }, { label: 'Revoke', purpose: 'revocation', status: true }]
      : [{ label: 'Suspend', purpose: 'suspension', status: true }, { label: 'Revoke', purpose: 'revocation', status: true }]
  const box = h('div', { class: 'actions' })
  box.append(
    ...actions.map((a) =>
      h('button', { type: 'button', class: 'button secondary small-button', onclick: () => box.replaceChildren(statusForm(c, a, refresh, box)) }, a.label, h('span', { class: 'visually-hidden' }, ` ${c.name ?? c.id}`)),
    ),
  )
  return box
}

function statusForm(c: Listing, a: { label: string; purpose: 'revocation' | 'suspension'; status: boolean }, refresh: () => Promise<void>, box: HTMLElement): HTMLElement {
  const id = `reason-${Math.random().toString(36).slice(2)}`
  const form = h(
    'form',
    { class: 'status-form' },
    h('label', { for: id }, `Reason to ${a.label.toLowerCase()} (kept for staff, never published)`),
    h('input', { id, type: 'text', required: true, maxlength: 1000 }),
    h('button', { type: 'submit', class: 'button small-button' }, `Confirm ${a.label.toLowerCase()}`),
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const reason = (form.querySelector('input') as HTMLInputElement).value.trim()
    void (async () => {
      try {
        await api('POST', '/credentials/status', { credentialId: c.id, credentialStatus: { type: 'BitstringStatusList', statusPurpose: a.purpose }, status: a.status, reason })
        say(`${a.label}: done for ${c.id}.`)
        await refresh()
      } catch (e) {
        say(describeError(e), 'problem')
        box.replaceChildren(statusActions(c, refresh))
      }
    })()
  })
  queueMicrotask(() => (form.querySelector('input') as HTMLInputElement).focus())
  return form
}

// ---- API keys and issuer keys --------------------------------------------------------

interface KeyView {
  id: string
  name: string
  scopes: string[]
  createdAt: string
  expiresAt?: string
  revokedAt?: string
}

async function renderKeys(): Promise<void> {
  const { keys } = await api<{ keys: KeyView[] }>('GET', '/console/api/api-keys')
  const created = h('div', { 'aria-live': 'polite' })
  const scopes = ['issue', 'revoke', 'read', 'admin']
  const form = h(
    'form',
    {},
    h('p', { class: 'field' }, h('label', { for: 'key-name' }, 'Name (who or what uses it)'), h('input', { id: 'key-name', type: 'text', required: true })),
    h('fieldset', {}, h('legend', {}, 'Scopes'), scopes.map((s) => h('span', { class: 'check' }, h('input', { type: 'checkbox', id: `scope-${s}`, value: s }), ' ', h('label', { for: `scope-${s}` }, s), ' '))),
    h('p', { class: 'field' }, h('label', { for: 'key-expires' }, 'Expires (optional)'), h('input', { id: 'key-expires', type: 'date' })),
    h('p', {}, h('button', { type: 'submit', class: 'button' }, 'Create key')),
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const chosen = scopes.filter((s) => byId<HTMLInputElement>(`scope-${s}`).checked)
    const expires = byId<HTMLInputElement>('key-expires').value
    void (async () => {
      try {
        const answer = await api<{ token: string; key: KeyView }>('POST', '/console/api/api-keys', { name: byId<HTMLInputElement>('key-name').value.trim(), scopes: chosen, ...(expires === '' ? {} : { expiresAt: expires }) })
        await show('keys')
        view.querySelector('#key-created')?.replaceChildren(
          h('p', { class: 'ok' }, `Key “${answer.key.name}” created. Copy it now: it is shown only once.`),
          h('p', { class: 'field' }, h('label', { for: 'new-token' }, 'New API key'), h('input', { id: 'new-token', type: 'text', readonly: true, value: answer.token })),
        )
      } catch (e) {
        say(`Not created: ${describeError(e)}`, 'problem')
      }
    })()
  })
  created.id = 'key-created'
  view.append(
    h('h2', {}, 'API keys'),
    created,
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        {},
        h('caption', { class: 'visually-hidden' }, 'API keys'),
        h('thead', {}, h('tr', {}, ['Name', 'Id', 'Scopes', 'Created', 'State', 'Actions'].map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          {},
          keys.map((k) =>
            h(
              'tr',
              {},
              h('td', {}, k.name),
              h('td', {}, h('code', {}, k.id)),
              h('td', {}, k.scopes.join(', ')),
              h('td', {}, k.createdAt.slice(0, 10)),
              h('td', {}, k.revokedAt !== undefined ? `revoked ${k.revokedAt.slice(0, 10)}` : k.expiresAt !== undefined ? `expires ${k.expiresAt.slice(0, 10)}` : 'active'),
              h(
                'td',
                {},
                k.revokedAt !== undefined || k.id === session!.key.id
                  ? ''
                  : h('button', { type: 'button', class: 'button secondary small-button', onclick: () => void revokeKey(k) }, 'Revoke', h('span', { class: 'visually-hidden' }, ` ${k.name}`)),
              ),
            ),
          ),
        ),
      ),
    ),
    h('h3', {}, 'New API key'),
    form,
  )
  await renderIssuerKeys()
}

async function revokeKey(k: KeyView): Promise<void> {
  if (!confirm(`Revoke the API key “${k.name}” (${k.id})? Systems using it stop working at once.`)) return
  try {
    await api('POST', `/console/api/api-keys/${encodeURIComponent(k.id)}/revoke`)
    await show('keys')
    say(`Key ${k.id} revoked.`)
  } catch (e) {
    say(describeError(e), 'problem')
  }
}

async function renderIssuerKeys(): Promise<void> {
  const info = await api<{ issuer: string; didWeb: boolean; rotatable: boolean; activeKey: string; keys: { id: string; createdAt: string; retiredAt?: string }[] }>('GET', '/console/api/issuer-keys')
  view.append(h('h3', {}, 'Signing keys of the issuer'), h('p', {}, 'Issuer: ', h('code', {}, info.issuer)))
  if (!info.didWeb) {
    view.append(h('p', {}, 'This issuer is a did:key: its key is its identity and cannot be rotated. Active key: ', h('code', {}, info.activeKey)))
    return
  }
  view.append(
    h('ul', {}, info.keys.map((k) => h('li', {}, h('code', {}, k.id), ` — since ${k.createdAt.slice(0, 10)}`, k.retiredAt === undefined ? (k.id === info.activeKey ? ' (active)' : '') : `, retired ${k.retiredAt.slice(0, 10)} (still verifies older credentials)`))),
    info.rotatable
      ? h(
          'p',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'button secondary',
              onclick: () => {
                if (!confirm('Rotate the signing key? New credentials are signed with a new key; old ones keep verifying.')) return
                void api('POST', '/admin/keys/rotate')
                  .then(() => show('keys'))
                  .then(() => say('Key rotated.'))
                  .catch((e: unknown) => say(describeError(e), 'problem'))
              },
            },
            'Rotate the signing key',
          ),
        )
      : h('p', { class: 'hint' }, 'The issuer was not loaded from a directory here, so it cannot be rotated from the console.'),
  )
}

// ---- audit ---------------------------------------------------------------------------

interface AuditView {
  at: string
  actor: string
  actorName?: string
  action: string
  target?: string
  reason?: string
}

async function renderAudit(): Promise<void> {
  const body = h('tbody', {})
  const more = h('p', {})
  view.append(
    h('h2', {}, 'Audit log'),
    h('p', { class: 'hint' }, 'Every change made through the console, the API or the command line, newest first.'),
    h('div', { class: 'scroll' }, h('table', { id: 'audit' }, h('caption', { class: 'visually-hidden' }, 'Audit log'), h('thead', {}, h('tr', {}, ['When (UTC)', 'Who', 'What', 'Target', 'Reason'].map((c) => h('th', { scope: 'col' }, c)))), body)),
    more,
  )
  const load = async (page?: string): Promise<void> => {
    const answer = await api<{ entries: AuditView[]; nextPage?: string }>('GET', `/console/api/audit${page === undefined ? '' : `?page=${encodeURIComponent(page)}`}`)
    body.append(...answer.entries.map((e) => h('tr', {}, h('td', {}, e.at.replace('T', ' ').slice(0, 19)), h('td', {}, e.actorName === undefined ? e.actor : `${e.actorName} (${e.actor})`), h('td', {}, e.action), h('td', { class: 'id' }, e.target ?? ''), h('td', {}, e.reason ?? ''))))
    more.replaceChildren(answer.nextPage === undefined ? '' : h('button', { type: 'button', class: 'button secondary', onclick: () => void load(answer.nextPage) }, 'Older entries'))
  }
  await load()
}

// ---- start ---------------------------------------------------------------------------

void api<SessionInfo>('GET', '/console/session')
  .then(enter)
  .catch(() => {
    signinSection.hidden = false
  })
