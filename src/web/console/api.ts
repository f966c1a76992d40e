/**
 * @module web/console/api
 * Calls to the service from the console: same origin, the session cookie goes with them
 * (SameSite=Strict, HttpOnly: the page never sees it), and every request that changes
 * something carries the session's CSRF token in X-CSRF-Token.
 */
export interface SessionInfo {
  key: { id: string; name: string; scopes: string[]; expiresAt?: string }
  csrfToken?: string
  expiresAt?: string
  issuer: { id: string; didWeb: boolean; profile: Record<string, unknown> }
  baseUrl: string
  emailDelivery: boolean
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }
}

let csrfToken: string | undefined
/** Called when the server says the session is over (401): the page goes back to sign-in. */
let onSignedOut: () => void = () => {}

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token
}

export function onSessionEnded(handler: () => void): void {
  onSignedOut = handler
}

export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json', ...headers } }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken !== undefined) (init.headers as Record<string, string>)['x-csrf-token'] = csrfToken
  if (body !== undefined) {
    ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
    init.body = JSON.stringify(body)
  }
  const response = await fetch(path, init)
  if (response.status === 204) return undefined as T
  const text = await response.text()
  let parsed: unknown
  try {
    parsed = text === '' ? undefined : JSON.parse(text)
  } catch {
    parsed = undefined
  }
  if (!response.ok) {
    const error = (parsed ?? {}) as { code?: string; message?: string; details?: Record<string, unknown> }
    if (response.status === 401 && path !== '/console/session') onSignedOut()
    throw new ApiError(response.status, error.code ?? `HTTP_${response.status}`, error.message ?? response.statusText, error.details)
  }
  return parsed as T
}

/** The text of a response that is not JSON (NDJSON job results). */
export async function apiText(path: string): Promise<string> {
  const response = await fetch(path, { credentials: 'same-origin' })
  if (!response.ok) throw new ApiError(response.status, `HTTP_${response.status}`, await response.text())
  return response.text()
}

export function describeError(e: unknown): string {
  if (e instanceof ApiError) return `${e.message} (${e.code})`
  return e instanceof Error ? e.message : String(e)
}
