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
 */
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify'
import { MicrocredError, type Clock } from '../core/index.js'
import { authenticateApiKey, hasScope } from '../issuance/api-keys.js'
import type { ApiKeyRecord, ApiKeyScope, Store } from '../storage/store.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key that authenticated the request (auth routes only). */
    apiKey?: ApiKeyRecord
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

export function requireScope(ctx: { store: Store; clock: Clock }, scope: ApiKeyScope): onRequestHookHandler {
  return async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const token = bearerToken(request)
    if (token === undefined) throw new MicrocredError('ERR_AUTH_REQUIRED')
    const auth = await authenticateApiKey(ctx.store, token, ctx.clock.now())
    if (!auth.ok) throw new MicrocredError(auth.reason === 'expired' ? 'ERR_AUTH_EXPIRED' : 'ERR_AUTH_INVALID')
    const key = auth.key
    if (!hasScope(key, scope)) {
      throw new MicrocredError('ERR_AUTH_FORBIDDEN', `this route needs an API key with the "${scope}" scope (this key has: ${key.scopes.join(', ')})`, {
        details: { required: scope },
      })
    }
    request.apiKey = key
  }
}
