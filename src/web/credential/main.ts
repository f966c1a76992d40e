/**
 * @module web/credential/main
 * The public credential page. The service sends the credential exactly as signed, with the
 * issuer's DID document and the signed status lists it points to; this script verifies it
 * here, in the visitor's browser, with the same core as the CLI, and shows the verdict and
 * what the credential says. Nothing is fetched.
 */
import { createStatusListResolver, verifyCredential } from '../../core/index.js'
import { byId, h } from '../common/dom.js'
import { credentialCard } from '../verify/view.js'

interface CredentialPageData {
  found: boolean
  credential?: string
  documents?: Record<string, unknown>
  statusLists?: unknown[]
  badge?: string
}

const data = JSON.parse(byId('page-data').textContent ?? '{}') as CredentialPageData
const root = byId<HTMLElement>('page')
const status = byId<HTMLElement>('status')

async function show(): Promise<void> {
  if (!data.found || data.credential === undefined) {
    root.replaceChildren(h('h1', {}, 'No public credential here'), h('p', { class: 'lead' }, 'There is no public credential at this address. Its holder may have made it private.'))
    return
  }
  const credential = JSON.parse(data.credential) as unknown
  const documents = data.documents ?? {}
  status.textContent = 'Checking the credential…'
  const result = await verifyCredential(credential, {
    documents,
    statusResolver: createStatusListResolver({ lists: data.statusLists ?? [], verifyOptions: { documents } }),
  })
  const name = result.summary.achievement?.name ?? 'Credential'
  const download = () => {
    const url = URL.createObjectURL(new Blob([data.credential!], { type: 'application/json' }))
    const a = h('a', { href: url, download: 'credential.json', class: 'visually-hidden' }, 'credential.json')
    document.body.append(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
  }
  root.replaceChildren(
    h('h1', {}, name),
    h(
      'div',
      { class: 'badge-row' },
      data.badge === undefined ? null : h('img', { class: 'badge', src: data.badge, width: 160, height: 160, alt: `Badge: ${name}` }),
      h(
        'p',
        { class: 'lead' },
        result.verdict.level === 'verified'
          ? 'This page checked the credential in your browser: who issued it, that it was not changed, and that it was not revoked.'
          : 'This page checked the credential in your browser. The result below says what could not be confirmed.',
      ),
    ),
    credentialCard('checked in this browser', result),
    h('p', {}, h('button', { type: 'button', class: 'button secondary', id: 'download-json', onclick: download }, 'Download the credential (JSON)'), ' to check it elsewhere.'),
  )
  status.textContent = ''
}

void show().finally(() => {
  document.documentElement.dataset['ready'] = 'true'
})
