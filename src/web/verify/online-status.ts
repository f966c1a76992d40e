/**
 * @module web/verify/online-status
 * The page's opt-in status-list loader: only when the user ticks "check revocation online"
 * does the browser fetch the lists a credential points to (https, bounded in size and time,
 * no credentials sent). What comes back is only data: the resolver still verifies each
 * list's signature, issuer and age.
 */
import type { StatusListLoader } from '../../core/index.js'
import { STATUS_LIST_FETCH_MAX_BYTES, STATUS_LIST_FETCH_TIMEOUT_MS } from '../../core/limits.js'

const TIMEOUT_MS = STATUS_LIST_FETCH_TIMEOUT_MS
const MAX_BYTES = STATUS_LIST_FETCH_MAX_BYTES

export function createBrowserStatusListLoader(): StatusListLoader {
  return async (url) => {
    const parsed = new URL(url)
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && (parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1'))) return undefined
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS)
    try {
      const response = await fetch(parsed, { credentials: 'omit', redirect: 'error', signal: controller.signal, headers: { accept: 'application/vc+ld+json, application/ld+json, application/json' } })
      if (!response.ok) return undefined
      const text = await response.text()
      if (text.length > MAX_BYTES) return undefined
      return { credential: JSON.parse(text) as unknown, fetchedAt: new Date() }
    } finally {
      clearTimeout(timer)
    }
  }
}
