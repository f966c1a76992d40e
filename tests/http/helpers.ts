/**
 * Test helpers for the HTTP routes: an app on the memory store with a fresh did:key issuer
 * and one API key per scope.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp, type AppDeps } from '../../src/http/app.js'
import { createApiKey } from '../../src/issuance/api-keys.js'
import { ActiveIssuer } from '../../src/issuance/context.js'
import { createIssuer } from '../../src/kms/issuer-directory.js'
import { createMemoryStore } from '../../src/storage/memory/memory-store.js'
import type { ApiKeyScope, Store } from '../../src/storage/store.js'

export const BASE = 'https://badges.example.edu'

export interface TestApp {
  app: FastifyInstance
  store: Store
  issuer: ActiveIssuer
  keys: Record<ApiKeyScope | 'revoked', string>
  /** inject with `Authorization: Bearer <keys[scope]>`. */
  as(scope: ApiKeyScope | 'revoked' | undefined, options: InjectOptions): Promise<LightMyRequestResponse>
}

export async function makeApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const store = overrides.store ?? createMemoryStore()
  await store.migrate()
  const issuer = overrides.issuer ?? new ActiveIssuer(createIssuer({ name: 'Example University', url: 'https://example.edu' }))
  const app = await buildApp({ store, issuer, baseUrl: () => BASE, ...overrides })
  const keys = {} as TestApp['keys']
  for (const scope of ['issue', 'revoke', 'read', 'admin'] as const) keys[scope] = (await createApiKey(store, { name: scope, scopes: [scope] })).token
  const revoked = await createApiKey(store, { name: 'old', scopes: ['issue', 'revoke', 'read', 'admin'] })
  await store.revokeApiKey(revoked.record.id)
  keys.revoked = revoked.token
  return {
    app,
    store,
    issuer,
    keys,
    as: (scope, options) =>
      app.inject({ ...options, headers: { ...(options.headers ?? {}), ...(scope === undefined ? {} : { authorization: `Bearer ${keys[scope]}` }) } }),
  }
}

/** An unsigned OB 3.0 credential for `subject`. */
export function unsignedCredential(subject = 'did:example:learner-1', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'did:example:placeholder', type: ['Profile'], name: 'Example University' },
    name: 'Data Literacy',
    credentialSubject: {
      id: subject,
      type: ['AchievementSubject'],
      achievement: {
        id: 'urn:example:achievement:data-literacy',
        type: ['Achievement'],
        name: 'Data Literacy',
        description: 'Reads and questions data.',
        criteria: { narrative: 'Passed the assessment.' },
      },
    },
    ...extra,
  }
}

export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T
}
