/**
 * @module http/auth
 * API-key authentication for the routes that change or read issued data. Runs as an
 * `onRequest` hook, before the body is read: an unauthenticated client cannot make the
 * service parse a large body.
 *
 * - no `Authorization: Bearer …` header (or another scheme) → 401 ERR_AUTH_REQUIRED
 * - a token that is malformed, unknown or revoked             → 401 ERR_AUTH_INVALID
 * - a key past its `expiresAt`                                 → 401 ERR_AUTH_EXPIRED
 * - a valid key without the route's scope                     → 403 ERR_AUTH_FORBIDDEN
 * Without a Bearer header, a console session cookie (http/console-session.ts) stands for the
 * key it was made from, with the same scope rules, and additionally:
 * - an unknown, signed-out or expired session                  → 401 ERR_AUTH_SESSION_EXPIRED
 * - a request other than GET/HEAD without the session's token  → 403 ERR_AUTH_CSRF
 */
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify'
import { MicrocredError, type Clock } from '../core/index.js'
import { authenticateApiKey, hasScope, usableApiKey } from '../issuance/api-keys.js'
import type { ApiKeyRecord, ApiKeyScope, Store } from '../storage/store.js'
import { CSRF_HEADER, csrfMatches, isSafeMethod, sessionCookieOf, type ConsoleSession, type ConsoleSessions } from './console-session.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key that authenticated the request (auth routes only). */
    apiKey?: ApiKeyRecord
    /** The console session the request came with, when it came with one instead of a Bearer key. */
    consoleSession?: ConsoleSession
  }
}

/** OpenAPI security requirement for authenticated routes. */
export const BEARER_SECURITY = [{ apiKey: [] }]

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (typeof header !== 'string') return undefined
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match?.[1]
}

export function requireScope(
  ctx: { store: Store; clock: Clock; sessions?: ConsoleSessions | undefined; apiKeys?: Pick<Store, 'findApiKeyByHash'> | undefined },
  scope: ApiKeyScope | undefined,
): onRequestHookHandler {
  // The service's per-process key cache (api-key-cache.ts) when it has one; the store otherwise.
  const keys = ctx.apiKeys ?? ctx.store
  return async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const token = bearerToken(request)
    let key: ApiKeyRecord
    if (token === undefined) {
      // No Bearer key: a console session cookie, when the app has sessions (http/console-session.ts).
      const cookie = ctx.sessions === undefined ? undefined : sessionCookieOf(request.headers.cookie)
      if (cookie === undefined) throw new MicrocredError('ERR_AUTH_REQUIRED')
      const now = ctx.clock.now()
      const session = ctx.sessions!.get(cookie, now)
      if (session === undefined) throw new MicrocredError('ERR_AUTH_SESSION_EXPIRED')
      if (!isSafeMethod(request.method) && !csrfMatches(session, request.headers[CSRF_HEADER])) throw new MicrocredError('ERR_AUTH_CSRF')
      const auth = usableApiKey(await keys.findApiKeyByHash(session.keyHash), now)
      if (!auth.ok) {
        ctx.sessions!.delete(cookie)
        throw new MicrocredError(auth.reason === 'expired' ? 'ERR_AUTH_EXPIRED' : 'ERR_AUTH_INVALID')
      }
      key = auth.key
      request.consoleSession = session
    } else {
      const auth = await authenticateApiKey(keys, token, ctx.clock.now())
      if (!auth.ok) throw new MicrocredError(auth.reason === 'expired' ? 'ERR_AUTH_EXPIRED' : 'ERR_AUTH_INVALID')
      key = auth.key
    }
    if (scope !== undefined && !hasScope(key, scope)) {
      throw new MicrocredError('ERR_AUTH_FORBIDDEN', `this route needs an API key with the "${scope}" scope (this key has: ${key.scopes.join(', ')})`, {
        details: { required: scope },
      })
    }
    request.apiKey = key
  }
}
