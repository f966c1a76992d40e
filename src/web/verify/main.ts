/**
 * @module web/verify/main
 * The employer's verification page. Everything runs here, in the browser, with the same
 * core as the CLI and the service: nothing the user drops is uploaded. The network is used
 * only when the user ticks "check revocation online", and then only to fetch status lists.
 */
import {
  BUNDLED_PROFILE_IDS,
  createStatusListResolver,
  evaluatePathway,
  parsePathway,
  verifyCredential,
  verifyPresentation,
  type Pathway,
  type StatusResolver,
} from '../../core/index.js'
import nzConstruction from '../../../pathways/nz-cert-l4-construction.json' with { type: 'json' }
import pgcertDataScience from '../../../pathways/pgcert-data-science.json' with { type: 'json' }
import ukPgcertDataAnalytics from '../../../pathways/uk-pgcert-data-analytics.json' with { type: 'json' }
import { byId, h } from '../common/dom.js'
import { classify, type Dropped } from './classify.js'
import { createBrowserStatusListLoader } from './online-status.js'
import { credentialCard, noticeCard, pathwayCard, presentationCard } from './view.js'

const SHIPPED_PATHWAYS: Pathway[] = [pgcertDataScience, ukPgcertDataAnalytics, nzConstruction].map((p) => parsePathway(p))
const MAX_FILE_BYTES = 10 * 1024 * 1024

const items: Dropped[] = []
let run = 0

const fileInput = byId<HTMLInputElement>('files')
const dropZone = byId<HTMLElement>('drop')
const pasteArea = byId<HTMLTextAreaElement>('paste')
const onlineBox = byId<HTMLInputElement>('online')
const profileSelect = byId<HTMLSelectElement>('profile')
const pathwaySelect = byId<HTMLSelectElement>('pathway')
const results = byId<HTMLElement>('results')
const status = byId<HTMLElement>('status')
const fileList = byId<HTMLElement>('inputs')

for (const id of BUNDLED_PROFILE_IDS) profileSelect.append(h('option', { value: id }, id))
SHIPPED_PATHWAYS.forEach((p, i) => pathwaySelect.append(h('option', { value: String(i) }, p.name)))

async function addFiles(files: Iterable<File>): Promise<void> {
  for (const file of files) {
    if (file.size > MAX_FILE_BYTES) {
      items.push({ kind: 'unreadable', name: file.name, reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB` })
      continue
    }
    items.push(classify(file.name, new Uint8Array(await file.arrayBuffer())))
  }
  await verifyAll()
}

function describeInputs(): void {
  const label: Record<Dropped['kind'], string> = {
    credential: 'credential',
    presentation: 'presentation',
    ob2: 'Open Badges 2.0 badge',
    'status-list': 'status list',
    controller: 'issuer DID document',
    pathway: 'pathway',
    unreadable: 'unreadable',
  }
  fileList.replaceChildren(
    ...items.map((item, i) =>
      h(
        'li',
        {},
        `${item.name} — ${label[item.kind]} `,
        h('button', { type: 'button', class: 'link', 'aria-label': `Remove ${item.name}`, onclick: () => void (items.splice(i, 1), verifyAll()) }, 'Remove'),
      ),
    ),
  )
}

async function verifyAll(): Promise<void> {
  const mine = ++run
  describeInputs()
  const documents = Object.fromEntries(items.flatMap((i) => (i.kind === 'controller' ? [[i.document.id, i.document]] : [])))
  const lists = items.flatMap((i) => (i.kind === 'status-list' ? [i.list] : []))
  const statusResolver: StatusResolver | undefined =
    lists.length > 0 || onlineBox.checked ? createStatusListResolver({ lists, ...(onlineBox.checked ? { load: createBrowserStatusListLoader() } : {}), verifyOptions: { documents } }) : undefined
  const options = {
    documents,
    ...(statusResolver === undefined ? {} : { statusResolver }),
    ...(profileSelect.value === '' ? {} : { profiles: [profileSelect.value] }),
  }
  status.textContent = items.length === 0 ? '' : 'Verifying…'
  const cards: HTMLElement[] = []
  const credentials: unknown[] = []
  for (const item of items) {
    if (item.kind === 'credential') {
      const value = item.input.kind === 'jwt' ? item.input.jwt : item.input.credential
      credentials.push(value)
      cards.push(credentialCard(item.name, await verifyCredential(value, options)))
    } else if (item.kind === 'presentation') {
      credentials.push(item.presentation)
      cards.push(presentationCard(item.name, await verifyPresentation(item.presentation, options)))
    } else if (item.kind === 'ob2') {
      // Signed OB 2.0 badges verify offline; hosted ones are recognised and explained (the page never fetches them).
      cards.push(credentialCard(item.name, await verifyCredential(item.input.assertion, options)))
    } else if (item.kind === 'unreadable') {
      cards.push(noticeCard(item.name, 'Could not read this file', item.reason))
    }
  }
  const pathwayIndex = pathwaySelect.value
  const custom = items.find((i): i is Extract<Dropped, { kind: 'pathway' }> => i.kind === 'pathway')
  try {
    const pathway = custom !== undefined ? parsePathway(custom.pathway, custom.name) : pathwayIndex === '' ? undefined : SHIPPED_PATHWAYS[Number(pathwayIndex)]
    if (pathway !== undefined && credentials.length > 0) {
      const input = credentials.length === 1 && items.some((i) => i.kind === 'presentation') ? (credentials[0] as Record<string, unknown>) : credentials
      cards.unshift(pathwayCard(await evaluatePathway(pathway, input, { verify: { documents, ...(statusResolver === undefined ? {} : { statusResolver }) } })))
    }
  } catch (e) {
    // A pathway file that is not a valid pathway: say so where the stacking result would be.
    cards.unshift(noticeCard(custom?.name ?? 'pathway', 'The pathway could not be used', (e as Error).message))
  }
  if (mine !== run) return // a newer run replaced this one
  results.replaceChildren(...cards)
  const counted = items.filter((i) => i.kind === 'credential' || i.kind === 'presentation').length
  status.textContent = items.length === 0 ? '' : `Checked ${counted} credential${counted === 1 ? '' : 's'} and presentation${counted === 1 ? '' : 's'}.`
}

fileInput.addEventListener('change', () => void addFiles(fileInput.files ?? []).then(() => (fileInput.value = '')))
dropZone.addEventListener('dragover', (e) => {
  e.preventDefault()
  dropZone.classList.add('over')
})
dropZone.addEventListener('dragleave', () => dropZone.classList.remove('over'))
dropZone.addEventListener('drop', (e) => {
  e.preventDefault()
  dropZone.classList.remove('over')
  void addFiles(e.dataTransfer?.files ?? [])
})
byId('verify-paste').addEventListener('click', () => {
  const text = pasteArea.value.trim()
  if (text === '') return
  items.push(classify(`pasted text ${items.length + 1}`, text))
  pasteArea.value = ''
  void verifyAll()
})
byId('clear').addEventListener('click', () => {
  items.length = 0
  void verifyAll()
})
byId('print').addEventListener('click', () => window.print())
for (const control of [onlineBox, profileSelect, pathwaySelect]) control.addEventListener('change', () => void verifyAll())
document.documentElement.dataset['ready'] = 'true'
