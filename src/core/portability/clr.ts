/**
 * @module portability/clr
 * The award as a 1EdTech CLR 2.0 `ClrCredential`: the target award and its component
 * achievements, the component credentials themselves (each still independently
 * verifiable), and `isPartOf` associations from every component to the award. And the
 * verifier's `nested` check, which verifies every embedded credential.
 *
 * @example
 * const result = await evaluatePathway(pathway, credentials)
 * const unsigned = buildClrAward({ pathway, result, credentials, issuer: { id: issuer.id, name: 'Example University' } })
 * const clr = await issueCredential(unsigned, { issuer })
 */
import { CLR_V2P0_CONTEXT, MICROCRED_V1_CONTEXT, OB_V3P0_CONTEXT, VC_V2_CONTEXT } from '../contexts/bundled.js'
import { toDateTimeStamp } from '../credential/build-credential.js'
import { emailIdentityObject } from '../credential/recipient.js'
import { isPlainObject } from '../credential/shape.js'
import { MicrocredError } from '../errors.js'
import { usesExtensionTerms } from '../model/micro-credential.js'
import { asArray } from '../model/open-badges.js'
import { error, fail, pass, warn, type Check, type VerificationResult } from '../verifier/result.js'
import { achievementOf } from './facts.js'
import { normalizeFramework, normalizeLevelCode } from './levels.js'
import type { Pathway, PathwayResult } from './pathway.js'

export const CLR_CREDENTIAL_SCHEMA = 'https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json'

export interface BuildClrAwardInput {
  pathway: Pathway
  /** A satisfied evaluation of `credentials` against `pathway`. */
  result: PathwayResult
  /** The credentials that were evaluated, in the same order (the counted ones are embedded as they are). */
  credentials: readonly unknown[]
  /** The awarding issuer's profile; `id` is its DID (issueCredential sets it anyway). */
  issuer: { id: string; name?: string; url?: string; [extra: string]: unknown }
  /** Needed when the learner is identified by a proven email rather than a subject id. */
  learnerEmail?: string
  id?: string
  validFrom?: string
  now?: Date
  /** Adds 1EdTech's ClrCredential JSON Schema to `credentialSchema`. */
  withCredentialSchema?: boolean
}

/** The award achievement of a pathway (OB 3.0 Achievement). */
export function awardAchievement(pathway: Pathway): Record<string, unknown> {
  const award = pathway.targetAward
  const achievement: Record<string, unknown> = {
    id: award.id ?? pathway.id,
    type: ['Achievement'],
    achievementType: award.achievementType ?? 'Certificate',
    name: award.name,
    description: award.description ?? `Awarded for completing the pathway ${pathway.name}.`,
    criteria: { narrative: award.criteria ?? criteriaNarrative(pathway) },
  }
  if (award.level !== undefined) {
    const framework = normalizeFramework(award.level.framework) ?? award.level.framework
    const code = normalizeLevelCode(framework, String(award.level.code)) ?? String(award.level.code)
    achievement['alignment'] = [
      {
        type: ['Alignment'],
        targetName: `${framework} level ${code}`,
        targetUrl: framework === 'EQF' ? `http://data.europa.eu/snb/eqf/${code}` : `${pathway.id}#level-${encodeURIComponent(framework)}-${encodeURIComponent(code)}`,
        targetFramework: framework,
        targetCode: code,
      },
    ]
  }
  return achievement
}

function criteriaNarrative(pathway: Pathway): string {
  const r = pathway.rules
  const lines = [`Completion of the pathway ${pathway.name} (${pathway.id}${pathway.version ? `, version ${pathway.version}` : ''}):`]
  if (r.minTotalCredits !== undefined) lines.push(`- at least ${r.minTotalCredits} ${pathway.creditUnit} in total`)
  for (const l of r.minCreditsAtOrAboveLevel ?? []) lines.push(`- at least ${l.credits} ${pathway.creditUnit} at or above ${l.framework} ${l.level}`)
  for (const a of r.requiredAchievements ?? []) lines.push(`- ${a.label ?? Object.values(a.match).join(' ')}`)
  for (const g of r.chooseFrom ?? []) lines.push(`- ${g.min} of: ${g.of.map((o) => o.label ?? Object.values(o.match).join(' ')).join(', ')}`)
  return lines.join('\n')
}

/** Builds the unsigned ClrCredential for a satisfied pathway; throws ERR_PATHWAY_NOT_SATISFIED otherwise. */
export async function buildClrAward(input: BuildClrAwardInput): Promise<Record<string, unknown>> {
  const { pathway, result } = input
  if (!result.satisfied) {
    throw new MicrocredError('ERR_PATHWAY_NOT_SATISFIED', `the credentials do not satisfy ${pathway.name}: ${result.missing.map((m) => m.detail).join('; ') || 'see the rules'}`, {
      details: { missing: result.missing },
    })
  }
  if (result.pathway.id !== pathway.id) throw new MicrocredError('ERR_PATHWAY_INVALID', 'the evaluation is of another pathway')
  const embedded = result.counted.map((c) => {
    const credential = input.credentials[c.index]
    if (!isPlainObject(credential)) throw new MicrocredError('ERR_PATHWAY_INVALID', `credential #${c.index} is not among the credentials given`)
    return structuredClone(credential)
  })
  const award = awardAchievement(pathway)
  const components = embedded.map((c) => structuredClone(achievementOf(c)!))
  const achievements = [award, ...uniqueById(components)]
  const associations = uniqueById(components).map((a) => ({
    type: 'Association',
    associationType: 'isPartOf',
    sourceId: a['id'] as string,
    targetId: award['id'] as string,
  }))

  const subject: Record<string, unknown> = { type: ['ClrSubject'] }
  if (result.learner.id !== undefined) subject['id'] = result.learner.id
  else if (input.learnerEmail !== undefined) subject['identifier'] = [await emailIdentityObject(input.learnerEmail)]
  else throw new MicrocredError('ERR_PATHWAY_INVALID', 'the learner has no subject id; supply the email that proved their identity')
  subject['achievement'] = achievements
  subject['verifiableCredential'] = embedded
  subject['association'] = associations

  const context: string[] = [VC_V2_CONTEXT, CLR_V2P0_CONTEXT, OB_V3P0_CONTEXT]
  if (achievements.some((a) => usesExtensionTerms(a))) context.push(MICROCRED_V1_CONTEXT)
  const now = input.now ?? new Date()
  const { id: issuerId, type: _type, ...issuerFields } = input.issuer
  const clr: Record<string, unknown> = {
    '@context': context,
    id: input.id ?? `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'ClrCredential'],
    issuer: { id: issuerId, type: ['Profile'], ...structuredClone(issuerFields) },
    validFrom: input.validFrom ?? toDateTimeStamp(now),
    name: pathway.targetAward.name,
    description: `${pathway.targetAward.name}: ${result.counted.length} component credential(s), ${result.totals.credits} ${result.totals.unit} (${result.totals.method}), evaluated against ${pathway.id} at ${result.evaluatedAt}.`,
    credentialSubject: subject,
  }
  if (input.withCredentialSchema) clr['credentialSchema'] = [{ id: CLR_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }]
  return clr
}

function uniqueById(achievements: Record<string, unknown>[]): Record<string, unknown>[] {
  const seen = new Set<unknown>()
  return achievements.filter((a) => (seen.has(a['id']) ? false : (seen.add(a['id']), true)))
}

export function isClrCredential(credential: unknown): boolean {
  return isPlainObject(credential) && asArray(credential['type'] as unknown).includes('ClrCredential')
}

/** How deep CLRs may nest inside CLRs before the verifier refuses (fail closed). */
export const MAX_NESTING = 4

/**
 * The `nested` check of a ClrCredential: every `credentialSubject.verifiableCredential[]`
 * must verify on its own (with the same loader, clock and status resolver).
 */
export async function checkNestedCredentials(credential: unknown, verify: (nested: unknown) => Promise<VerificationResult>, depth = 0): Promise<Check> {
  if (depth >= MAX_NESTING) return error('nested', 'ERR_CREDENTIAL_MALFORMED', `credentials are nested more than ${MAX_NESTING} levels deep`)
  const subjects = isPlainObject(credential) ? asArray(credential['credentialSubject'] as unknown) : []
  const nested = subjects.filter(isPlainObject).flatMap((s) => asArray(s['verifiableCredential'] as unknown))
  if (nested.length === 0) return fail('nested', 'ERR_CREDENTIAL_MALFORMED', 'the ClrCredential carries no verifiableCredential')
  const results = await Promise.all(nested.map((c) => verify(c)))
  const summary = results.map((r, i) => {
    const c = nested[i]
    const bad = r.checks.find((x) => x.outcome === 'fail' || x.outcome === 'error')
    return {
      index: i,
      id: isPlainObject(c) && typeof c['id'] === 'string' ? c['id'] : undefined,
      verified: r.verified,
      ...(bad !== undefined ? { failed: { id: bad.id, code: bad.code, message: bad.message } } : {}),
    }
  })
  const failed = summary.filter((s) => !s.verified)
  if (failed.length === 0) {
    // Verified with warnings inside (status unknown, schema) stays a warning outside.
    const warned = results.flatMap((r, i) => r.checks.filter((x) => x.outcome === 'warn').map((x) => ({ index: i, check: x })))
    const first = warned[0]
    if (first !== undefined) {
      return warn('nested', first.check.code ?? 'ERR_INTERNAL', `all ${nested.length} nested credential(s) verify, with warnings; #${first.index}: ${first.check.id}: ${first.check.message}`, { credentials: summary })
    }
    return pass('nested', `all ${nested.length} nested credential(s) verify`, { credentials: summary })
  }
  const first = failed[0]!
  const code = first.failed?.code ?? 'ERR_PROOF_INVALID'
  return fail(
    'nested',
    code,
    `${failed.length} of ${nested.length} nested credential(s) do not verify; #${first.index}${first.id ? ` (${first.id})` : ''}: ${first.failed?.id}: ${first.failed?.message}`,
    { credentials: summary },
  )
}
