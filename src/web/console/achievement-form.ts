/**
 * @module web/console/achievement-form
 * The achievement editor: every element of a `MicroCredentialDefinition`, and, as the form
 * changes, the core's own checks run in the browser: `toAchievement` (is the definition
 * valid?) and every bundled framework profile evaluated against a credential built from it
 * (what would a verifier in the EU, UK, NZ… say about its portability?).
 */
import {
  buildAchievementCredential,
  bundledProfiles,
  CREDIT_SYSTEMS,
  evaluateProfile,
  PARTICIPATION_MODES,
  STACKABILITY,
  SUPERVISION_LEVELS,
  toAchievement,
  type Achievement,
  type MicroCredentialDefinition,
  type ProfileResult,
} from '../../core/index.js'
import { h } from '../common/dom.js'

type Def = Record<string, unknown>

let uid = 0
function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = `f${++uid}`
  control.id = id
  const hintId = hint === undefined ? undefined : `${id}-hint`
  if (hintId !== undefined) control.setAttribute('aria-describedby', hintId)
  return h('p', { class: 'field' }, h('label', { for: id }, label), control, hint === undefined ? null : h('span', { class: 'hint', id: hintId }, hint))
}

const input = (name: string, type = 'text'): HTMLInputElement => h('input', { type, name })
const area = (name: string, rows = 2): HTMLTextAreaElement => h('textarea', { name, rows, spellcheck: 'true' })
function select(name: string, options: readonly string[]): HTMLSelectElement {
  return h('select', { name }, h('option', { value: '' }, '(not stated)'), options.map((o) => h('option', { value: o }, o)))
}

const lines = (text: string): string[][] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => l.split('|').map((p) => p.trim()))

/** The definition the form describes (empty fields left out). */
export function readDefinition(form: HTMLFormElement): Def {
  const v = (name: string): string => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim()
  const def: Def = {}
  const put = (key: string, value: unknown): void => {
    if (value !== '' && value !== undefined && !(Array.isArray(value) && value.length === 0)) def[key] = value
  }
  put('id', v('id'))
  put('name', v('name'))
  put('description', v('description'))
  put('criteria', v('criteria'))
  if (v('creditsValue') !== '' || v('creditsSystem') !== '') def['credits'] = { value: Number(v('creditsValue')), system: v('creditsSystem') }
  if (v('workloadHours') !== '') def['workloadHours'] = Number(v('workloadHours'))
  put('levels', lines(v('levels')).map(([framework, code, uri, name]) => ({ framework, code, uri, ...(name ? { name } : {}) })))
  put('fieldOfStudy', v('fieldOfStudy'))
  put('inLanguage', v('inLanguage'))
  put(
    'qualityAssurance',
    lines(v('qualityAssurance')).map(([type, bodyId, bodyName, regime, accreditation]) => ({
      type,
      body: { id: bodyId, name: bodyName },
      ...(regime ? { regime } : {}),
      ...(accreditation ? (/^https?:/.test(accreditation) ? { accreditation } : { accreditationReference: accreditation }) : {}),
    })),
  )
  const awarding = form.elements.namedItem('issuerIsAwardingBody') as HTMLInputElement
  if (!awarding.checked) def['issuerIsAwardingBody'] = false
  put('awardingBody', lines(v('awardingBody')).map(([id, name, url]) => ({ id, name, ...(url ? { url } : {}) })))
  put('learningOutcomes', lines(v('learningOutcomes')).map(([text, skills]) => ({ text, ...(skills ? { skills: skills.split(/\s+/).filter(Boolean) } : {}) })))
  put('assessmentType', v('assessmentType'))
  put('participationMode', v('participationMode'))
  put('prerequisites', v('prerequisites'))
  put('supervisionAndIdVerification', v('supervisionAndIdVerification'))
  put('stackability', v('stackability'))
  put('parentCourse', v('parentCourse'))
  if (v('resultDescriptions') !== '') {
    try {
      def['resultDescriptions'] = JSON.parse(v('resultDescriptions'))
    } catch {
      def['resultDescriptions'] = 'not JSON'
    }
  }
  put('achievementType', v('achievementType'))
  put('image', v('image'))
  put('humanCode', v('humanCode'))
  put('tags', v('tags').split(',').map((t) => t.trim()).filter(Boolean))
  return def
}

/** Fills the form from a stored definition. */
export function writeDefinition(form: HTMLFormElement, def: Def): void {
  const set = (name: string, value: unknown): void => {
    const el = form.elements.namedItem(name) as HTMLInputElement | null
    if (el !== null) el.value = value === undefined || value === null ? '' : String(value)
  }
  const d = def as Partial<MicroCredentialDefinition> & Def
  for (const key of ['id', 'name', 'description', 'criteria', 'workloadHours', 'fieldOfStudy', 'inLanguage', 'assessmentType', 'participationMode', 'prerequisites', 'supervisionAndIdVerification', 'stackability', 'parentCourse', 'achievementType', 'image', 'humanCode']) {
    set(key, d[key])
  }
  set('creditsValue', d.credits?.value)
  set('creditsSystem', d.credits?.system)
  set('levels', (d.levels ?? []).map((l) => [l.framework, l.code, l.uri, l.name ?? ''].join(' | ').replace(/ \| $/, '')).join('\n'))
  set('qualityAssurance', (d.qualityAssurance ?? []).map((q) => [q.type, q.body.id, q.body.name, q.regime ?? '', q.accreditation ?? q.accreditationReference ?? ''].join(' | ').replace(/( \| )+$/, '')).join('\n'))
  ;(form.elements.namedItem('issuerIsAwardingBody') as HTMLInputElement).checked = d.issuerIsAwardingBody !== false
  set('awardingBody', (d.awardingBody ?? []).map((b) => [b.id, b.name, b.url ?? ''].join(' | ').replace(/ \| $/, '')).join('\n'))
  set('learningOutcomes', (d.learningOutcomes ?? []).map((o) => (o.skills?.length ? `${o.text} | ${o.skills.join(' ')}` : o.text)).join('\n'))
  set('resultDescriptions', d.resultDescriptions === undefined ? '' : JSON.stringify(d.resultDescriptions, null, 2))
  set('tags', (d.tags ?? []).join(', '))
}

export function achievementFields(): HTMLElement[] {
  const awarding = h('input', { type: 'checkbox', name: 'issuerIsAwardingBody', checked: true })
  return [
    h(
      'fieldset',
      {},
      h('legend', {}, 'What it is'),
      field('Identifier (URL or URN; leave empty to have one minted)', input('id', 'url')),
      field('Name', input('name')),
      field('Description', area('description', 3)),
      field('Criteria: how it is earned', area('criteria', 3)),
      field('Type', input('achievementType'), 'default MicroCredential'),
      field('Code', input('humanCode'), 'the course or module code learners know, e.g. DATA101'),
      field('Image URL', input('image', 'url')),
      field('Tags', input('tags'), 'comma-separated'),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Size and level'),
      field('Credits', h('input', { type: 'number', name: 'creditsValue', min: 0, step: 'any' })),
      field('Credit system', select('creditsSystem', CREDIT_SYSTEMS)),
      field('Notional workload (hours)', h('input', { type: 'number', name: 'workloadHours', min: 0, step: 'any' })),
      field('Levels', area('levels', 2), 'one per line: framework | code | URI | name (optional), e.g. EQF | 5 | http://data.europa.eu/snb/eqf/5'),
      field('Field of study', input('fieldOfStudy')),
      field('Language (BCP 47)', input('inLanguage'), 'e.g. en, de-AT'),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Quality assurance and awarding'),
      field('Quality assurance', area('qualityAssurance', 2), 'one per line: internal or external | body URL | body name | regime | accreditation URL or reference'),
      h('p', { class: 'field' }, awarding, ' ', h('label', { for: (awarding.id = `f${++uid}`) }, 'The issuer is the awarding body')),
      field('Awarding bodies', area('awardingBody', 2), 'when the issuer is not the awarding body; one per line: id URL | name | website'),
      field('Parent course (URL or URN)', input('parentCourse', 'url')),
      field('Stackability', select('stackability', STACKABILITY)),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Learning and assessment'),
      field('Learning outcomes', area('learningOutcomes', 3), 'one per line: outcome | skill URIs separated by spaces (optional)'),
      field('Assessment type', input('assessmentType')),
      field('Participation', select('participationMode', PARTICIPATION_MODES)),
      field('Supervision and identity check', select('supervisionAndIdVerification', SUPERVISION_LEVELS)),
      field('Prerequisites', area('prerequisites', 2)),
      field('Result descriptions (JSON)', area('resultDescriptions', 2), 'OB 3.0 ResultDescription objects, as a JSON array'),
    ),
  ]
}

export interface LiveCheck {
  valid: boolean
  error?: string
  profiles: ProfileResult[]
}

/** Checks a definition the way the service and verifiers will: validity, then each bundled profile. */
export async function checkDefinition(def: Def, issuer: { id: string; profile: Record<string, unknown> }): Promise<LiveCheck> {
  let achievement: Achievement
  try {
    achievement = toAchievement({ id: 'urn:uuid:00000000-0000-4000-8000-000000000000', ...def } as unknown as MicroCredentialDefinition)
  } catch (e) {
    return { valid: false, error: e instanceof Error ? e.message : String(e), profiles: [] }
  }
  const credential = await buildAchievementCredential(
    { achievement, recipient: { id: 'did:example:learner' }, issuer: { ...issuer.profile, id: issuer.id } as never, id: 'urn:uuid:00000000-0000-4000-8000-000000000001' },
    new Date(),
  )
  const profiles: ProfileResult[] = []
  for (const profile of bundledProfiles().values()) profiles.push(await evaluateProfile(profile, credential))
  return { valid: true, profiles }
}

export function renderLiveCheck(check: LiveCheck): HTMLElement {
  if (!check.valid) return h('p', { class: 'problem' }, 'Not valid yet: ', check.error ?? '')
  return h(
    'div',
    {},
    h('p', { class: 'ok' }, 'The definition is valid. Framework profiles (checked in this browser):'),
    h(
      'ul',
      { class: 'profiles' },
      check.profiles.map((p) => {
        const missing = p.elements.filter((e) => e.outcome === 'fail')
        return h(
          'li',
          { class: p.met ? 'outcome-pass' : 'outcome-fail' },
          h('span', { class: 'pill' }, p.met ? 'meets' : 'misses'),
          ' ',
          p.profile.name,
          missing.length === 0 ? null : h('span', { class: 'hint' }, ` — ${missing.map((e) => `${e.name}: ${e.message}`).join('; ')}`),
        )
      }),
    ),
  )
}
