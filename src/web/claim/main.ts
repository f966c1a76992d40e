/**
 * @module web/claim/main
 * The learner's claim page. The service puts the offer's state, its summary, the wallet links
 * and their QR codes (SVG, made on the server) into the page's data block; this script draws
 * the page and runs the buttons. It talks only to its own service, and only when the learner
 * presses a button: taking the credential as a file (the first download claims the offer),
 * downloading it again, and turning its public page on or off. The wallet, LinkedIn and
 * public page links leave the page only when the learner follows them.
 */
import type { ClaimSummary } from '../../core/verifier/summary.js'
import { readClaimSummary } from '../../core/verifier/summary.js'
import { linkedInAddToProfileUrl } from '../../delivery/linkedin.js'
import type { ClaimPageData } from '../../http/routes/learner-pages.js'
import { byId, h } from '../common/dom.js'
import { longDate, summaryList } from '../common/summary-view.js'

const data = JSON.parse(byId('page-data').textContent ?? '{}') as ClaimPageData
const root = byId<HTMLElement>('page')
const status = byId<HTMLElement>('status')
let busy = false

type Format = 'json' | 'png' | 'svg'
const FILE: Record<Format, { name: string; label: string }> = {
  json: { name: 'credential.json', label: 'Credential file (JSON)' },
  png: { name: 'badge.png', label: 'Badge image (PNG)' },
  svg: { name: 'badge.svg', label: 'Badge image (SVG)' },
}

const shortId = (id: string): string => (id.startsWith(data.prefixes.credentials) ? id.slice(data.prefixes.credentials.length) : encodeURIComponent(id))
const pageUrl = (id: string): string => `${data.prefixes.page}${shortId(id)}`

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = h('a', { href: url, download: name, class: 'visually-hidden' }, name)
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** The service's error message, or a general one. */
async function problem(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: string }
    return body.message ?? `the service answered ${response.status}`
  } catch {
    return `the service answered ${response.status}`
  }
}

async function download(format: Format): Promise<void> {
  if (busy || data.links === undefined) return
  busy = true
  status.textContent = 'Preparing your file…'
  try {
    const wasPending = data.state === 'pending'
    if (wasPending) {
      // The first download claims the offer: the credential is signed now, as a plain file.
      const claimed = await fetch(`${data.links.download}?format=json`, { method: 'POST', credentials: 'same-origin' })
      if (!claimed.ok) {
        status.textContent = `Could not take the credential: ${await problem(claimed)}`
        return
      }
      const text = await claimed.text()
      const credential = JSON.parse(text) as { id: string }
      data.state = 'claimed'
      data.claimedAt = new Date().toISOString()
      data.summary = readClaimSummary(credential)
      data.credential = { id: credential.id, publicPage: false }
      if (format === 'json') save(new Blob([text], { type: 'application/json' }), FILE.json.name)
    }
    if (format !== 'json' || !wasPending) {
      const again = await fetch(`${data.links.credential}?format=${format}`, { credentials: 'same-origin' })
      if (!again.ok) {
        status.textContent = `Could not download the file: ${await problem(again)}`
        return
      }
      save(await again.blob(), FILE[format].name)
    }
    status.textContent = `Downloaded ${FILE[format].name}.`
    render()
  } finally {
    busy = false
  }
}

async function setPublic(on: boolean): Promise<void> {
  if (busy || data.links === undefined || data.credential === undefined) return
  busy = true
  try {
    const response = await fetch(data.links.publicPage, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ public: on }) })
    if (!response.ok) {
      status.textContent = `Could not change the public page: ${await problem(response)}`
      return
    }
    const answer = (await response.json()) as { public: boolean }
    data.credential.publicPage = answer.public
    status.textContent = answer.public ? 'Your credential now has a public page.' : 'Your credential’s public page is turned off.'
    render()
  } finally {
    busy = false
  }
}

function linkedInUrl(summary: ClaimSummary, credential: NonNullable<ClaimPageData['credential']>): string {
  return linkedInAddToProfileUrl({
    name: summary.achievement?.name ?? 'Credential',
    organizationName: summary.issuer?.name ?? summary.issuer?.domain ?? summary.issuer?.id ?? 'Issuer',
    issued: summary.dates.issued ?? summary.dates.validFrom,
    expires: summary.dates.validUntil,
    certId: credential.id,
    ...(credential.publicPage ? { certUrl: pageUrl(credential.id) } : {}),
  })
}

function downloads(): HTMLElement {
  const pending = data.state === 'pending'
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'files-heading' },
    h('h2', { id: 'files-heading' }, pending ? 'Download it as a file' : 'Download it again'),
    h(
      'p',
      {},
      pending
        ? 'The file is your credential, signed by the issuer. Anyone you give it to can check it. The badge images carry the same credential inside them.'
        : 'The same credential you took, as a file or inside a badge image.',
    ),
    h(
      'p',
      { class: 'actions' },
      (Object.keys(FILE) as Format[]).map((f) => h('button', { type: 'button', class: f === 'json' ? 'button' : 'button secondary', id: `download-${f}`, onclick: () => void download(f) }, FILE[f].label)),
    ),
  )
}

function wallets(): HTMLElement | null {
  if (data.state !== 'pending' || data.links === undefined || data.qr === undefined) return null
  const wallet = (id: string, title: string, text: string, qr: string, href: string, linkText: string) =>
    h(
      'div',
      { class: 'wallet' },
      h('h3', { id }, title),
      h('p', {}, text),
      h('img', { class: 'qr', src: qr, width: 220, height: 220, alt: `QR code: ${title}`, id: `${id}-qr` }),
      h('p', {}, h('a', { href, id: `${id}-link`, rel: 'noopener noreferrer' }, linkText)),
    )
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'wallet-heading' },
    h('h2', { id: 'wallet-heading' }, 'Add it to a wallet'),
    h('p', {}, 'Scan a code with the wallet app on your phone, or open the link on the device that has the wallet. The credential is then made out to your wallet.'),
    h(
      'div',
      { class: 'wallets' },
      wallet('oid4vci', 'Any OpenID4VCI wallet', 'EUDI and other OpenID for Verifiable Credential Issuance wallets.', data.qr.oid4vci, data.links.oid4vci, 'Open in a wallet app'),
      wallet('lcw', 'Learner Credential Wallet', 'The free wallet from the Digital Credentials Consortium.', data.qr.lcw, data.links.lcw, 'Open in Learner Credential Wallet'),
    ),
  )
}

function sharing(): HTMLElement {
  const credential = data.credential
  if (data.state === 'pending' || credential === undefined || data.summary === undefined) {
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'share-heading' },
      h('h2', { id: 'share-heading' }, 'Show it on your profile'),
      h('p', {}, 'Once you have taken the credential, this page lets you add it to your LinkedIn profile and give it a public page that anyone can check.'),
    )
  }
  const publicUrl = pageUrl(credential.id)
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'share-heading' },
    h('h2', { id: 'share-heading' }, 'Show it on your profile'),
    h('h3', {}, 'Public page'),
    credential.publicPage
      ? h('p', {}, 'Your credential has a public page. Anyone with the address can see it and check it: ', h('a', { href: publicUrl, id: 'public-link' }, publicUrl))
      : h('p', {}, 'Your credential is private: only the people you give it to can see it. A public page shows what it says and checks it in the visitor’s browser; you can turn it off again at any time with this link.'),
    h(
      'p',
      {},
      h('button', { type: 'button', class: 'button secondary', id: 'toggle-public', onclick: () => void setPublic(!credential.publicPage) }, credential.publicPage ? 'Make it private' : 'Make a public page'),
    ),
    h('h3', {}, 'LinkedIn'),
    h(
      'p',
      {},
      credential.publicPage ? 'Adds it to the Licenses & certifications section of your profile, with a link to its public page.' : 'Adds it to the Licenses & certifications section of your profile. Make a public page first if you want LinkedIn to link to it.',
    ),
    h('p', {}, h('a', { class: 'button', id: 'linkedin', href: linkedInUrl(data.summary, credential), target: '_blank', rel: 'noopener noreferrer' }, 'Add to LinkedIn profile')),
  )
}

function render(): void {
  root.dataset['state'] = data.state
  const heading: Record<ClaimPageData['state'], string> = {
    pending: 'A credential for you',
    claimed: 'You have taken this credential',
    expired: 'This link has expired',
    revoked: 'This offer was withdrawn',
    'not-found': 'This link does not work',
  }
  const lead: Record<ClaimPageData['state'], string> = {
    pending: `Choose how to take it: into a wallet, or as a file. The link works once${data.expiresAt === undefined ? '' : `, until ${longDate(data.expiresAt)}`}.`,
    claimed: `It was taken${data.claimedAt === undefined ? '' : ` on ${longDate(data.claimedAt)}`}, so it cannot be taken again. With this link you can still download it and choose who sees it.`,
    expired: 'The time to take this credential is over. Ask the issuer for a new link.',
    revoked: 'The issuer withdrew this offer. Ask the issuer if you think this is a mistake.',
    'not-found': 'Check that you copied the whole link from the message, or ask the issuer for a new one.',
  }
  const summary = data.summary
  const showSummary = summary !== undefined && (data.state === 'pending' || data.state === 'claimed')
  const parts: (HTMLElement | null)[] = [
    h('h1', {}, heading[data.state]),
    h('p', { class: 'lead' }, lead[data.state]),
    showSummary
      ? h(
          'section',
          { class: 'panel', 'aria-labelledby': 'what-heading' },
          h('h2', { id: 'what-heading' }, summary.achievement?.name ?? 'Your credential'),
          summary.achievement?.description === undefined ? null : h('p', {}, summary.achievement.description),
          summaryList(summary, data.state === 'pending' ? [['Take it before', longDate(data.expiresAt)]] : []),
        )
      : null,
    wallets(),
    data.state === 'pending' || data.state === 'claimed' ? downloads() : null,
    data.state === 'pending' || data.state === 'claimed' ? sharing() : null,
  ]
  root.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null))
}

render()
document.documentElement.dataset['ready'] = 'true'
