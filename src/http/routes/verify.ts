/**
 * @module http/routes/verify — POST /credentials/verify, POST /presentations/verify (public,
 * rate-limited). VC-API semantics: 200 when verified, 400 with the same result body when not;
 * a malformed request is a coded 400 from the schema or the error handler.
 */
import type { FastifyPluginAsync } from 'fastify'
import { MicrocredError, parseTrustList, resolveProfile, type FrameworkProfile } from '../../core/index.js'
import { verifyCredentialHere, verifyPresentationHere, type PortabilityOptions } from '../../issuance/verification.js'
import type { RouteContext } from '../route-context.js'
import { verifyCredentialSchema, verifyPresentationSchema } from '../schemas/verify.js'

interface VerifyRequestOptions {
  profiles?: (string | Record<string, unknown>)[]
  trustList?: Record<string, unknown>
  endorsements?: Record<string, unknown>[]
  strict?: boolean
  email?: string
  documents?: Record<string, Record<string, unknown>>
  statusLists?: Record<string, unknown>[]
  [vcApi: string]: unknown
}

/**
 * The request's profiles and trust list, checked before anything is verified: an unknown
 * profile name (ERR_PROFILE_NOT_FOUND), an invalid profile (ERR_PROFILE_INVALID) or trust
 * list (ERR_TRUST_LIST_INVALID) is a bad request, not a verification result.
 */
function portabilityOptions(options: VerifyRequestOptions | undefined): PortabilityOptions {
  if (options === undefined) return {}
  const profiles: FrameworkProfile[] | undefined = options.profiles?.map((p, i) => {
    try {
      return resolveProfile(p)
    } catch (e) {
      if (e instanceof MicrocredError) throw new MicrocredError(e.code, `options.profiles[${i}]: ${e.message}`, { cause: e, details: { ...e.details, index: i } })
      throw e
    }
  })
  return {
    ...(profiles === undefined ? {} : { profiles }),
    ...(options.trustList === undefined ? {} : { trustList: parseTrustList(options.trustList, 'options.trustList') }),
    ...(options.endorsements === undefined ? {} : { endorsements: options.endorsements }),
    ...(options.strict === true ? { strict: true } : {}),
    ...(options.email === undefined ? {} : { email: options.email }),
    ...(options.documents === undefined ? {} : { documents: options.documents }),
    ...(options.statusLists === undefined ? {} : { statusLists: options.statusLists }),
  }
}

export const verifyRoutes: FastifyPluginAsync<RouteContext> = async (app, route) => {
  app.post<{ Body: { verifiableCredential: Record<string, unknown> | string; options?: VerifyRequestOptions } }>(
    '/credentials/verify',
    { schema: verifyCredentialSchema, ...route.access.public() },
    async (request, reply) => {
      const result = await verifyCredentialHere(route.ctx, route.lists, request.body.verifiableCredential, portabilityOptions(request.body.options))
      return reply.code(result.verified ? 200 : 400).send(result)
    },
  )

  app.post<{ Body: { verifiablePresentation: Record<string, unknown>; options?: { challenge?: string; domain?: string; strict?: boolean } } }>(
    '/presentations/verify',
    { schema: verifyPresentationSchema, ...route.access.public() },
    async (request, reply) => {
      const result = await verifyPresentationHere(route.ctx, route.lists, request.body.verifiablePresentation, {
        challenge: request.body.options?.challenge,
        domain: request.body.options?.domain,
        strict: request.body.options?.strict,
      })
      return reply.code(result.verified ? 200 : 400).send(result)
    },
  )
}
