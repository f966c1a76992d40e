/**
 * @module http/console-session
 * Console sessions: a staff member pastes an API key once (POST /console/session) and gets
 * an HttpOnly, SameSite=Strict cookie naming a server-side session, plus a CSRF token
 * (synchronizer token) that the page sends in `X-CSRF-Token` on every request that changes
 * something. The session carries the key, not a copy of its rights: every request looks the
 * key up again, so revoking or expiring the key ends its sessions at once, and the routes
 * apply the key's scopes exactly as for a Bearer key (http/auth.ts).
 *
 * Sessions live in this process's memory: a restart signs everyone out, and several
 * instances behind a load balancer need sticky sessions. The cookie value is a random
 * 256-bit token; only its SHA-256 is kept, so a memory dump does not hand out sessions.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export const SESSION_COOKIE = 'mc_console'
export const CSRF_HEADER = 'x-csrf-token'
/** Default session lifetime: a working day. */
export const DEFAULT_SESSION_TTL_MS = 8 * 3_600_000
/** Most live sessions kept; the oldest is dropped beyond it (bounded memory). */
export const MAX_SESSIONS = 10_000

export interface ConsoleSession {
  keyId: string
  /** SHA-256 of the API key token: how the key is looked up again on each request. */
  keyHash: string
  csrfToken: string
  expiresAt: Date
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

export class ConsoleSessions {
  readonly #sessions = new Map<string, ConsoleSession>()
  readonly ttlMs: number

  constructor(ttlMs: number = DEFAULT_SESSION_TTL_MS) {
    this.ttlMs = ttlMs
  }

  /** A new session for a key that has just authenticated; returns the cookie value. */
  create(key: { id: string; hash: string }, now: Date): { token: string; session: ConsoleSession } {
    this.#sweep(now)
    while (this.#sessions.size >= MAX_SESSIONS) this.#sessions.delete(this.#sessions.keys().next().value as string)
    const token = randomBytes(32).toString('base64url')
    const session: ConsoleSession = {
      keyId: key.id,
      keyHash: key.hash,
      csrfToken: randomBytes(32).toString('base64url'),
      expiresAt: new Date(now.getTime() + this.ttlMs),
    }
    this.#sessions.set(sha256(token), session)
    return { token, session }
  }

  /** The live session a cookie names, or undefined (unknown, signed out or expired). */
  get(token: string, now: Date): ConsoleSession | undefined {
    const id = sha256(token)
    const session = this.#sessions.get(id)
    if (session === undefined) return undefined
    if (session.expiresAt.getTime() <= now.getTime()) {
      this.#sessions.delete(id)
      return undefined
    }
    return session
  }

  delete(token: string): void {
    this.#sessions.delete(sha256(token))
  }

  #sweep(now: Date): void {
    for (const [id, s] of this.#sessions) if (s.expiresAt.getTime() <= now.getTime()) this.#sessions.delete(id)
  }
}

/** The session cookie's value from a Cookie header, if any. */
export function sessionCookieOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim()
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined
    }
  }
  return undefined
}

/** Whether the request's CSRF header is the session's token (constant time). */
export function csrfMatches(session: ConsoleSession, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false
  const a = Buffer.from(header)
  const b = Buffer.from(session.csrfToken)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Set-Cookie for a new session (Secure when the service's public URL is https). */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`
}

/** Methods that change nothing and so need no CSRF token. */
export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS'
}
