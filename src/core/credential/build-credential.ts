/**
 * @module credential/build-credential
 * Builds an unsigned OpenBadgeCredential for one recipient of one achievement.
 */
import { OB_EXTENSIONS_CONTEXT, OB_V3P0_CONTEXT, VC_V2_CONTEXT } from '../contexts/bundled.js'
import { extensionContextEntry } from '../contexts/inline-context.js'
import { usesExtensionTerms } from '../model/micro-credential.js'
import type { Achievement, AchievementSubject, OpenBadgeCredential, Profile, Result } from '../model/open-badges.js'
import { assertRecipient, emailIdentityObject, type Recipient } from './recipient.js'

export const OB_ACHIEVEMENT_CREDENTIAL_SCHEMA =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json'

export interface BuildCredentialInput {
  achievement: Achievement
  recipient: Recipient
  /** The issuer profile; `id` is the issuer's DID. */
  issuer: Profile | { id: string; name?: string; url?: string; [extra: string]: unknown }
  /** Credential id; a `urn:uuid:` is made when absent. */
  id?: string
  /** ISO date-time; when absent (and no `now` is given) `issueCredential` sets it from its clock. */
  validFrom?: string
  validUntil?: string
  /** Credential display name; defaults to the achievement's name. */
  name?: string
  /** Grades and other results, referencing the achievement's resultDescription ids. */
  result?: Result[]
  /** Adds 1EdTech's `credentialSchema` entry (and the extensions context it needs). */
  withCredentialSchema?: boolean
  /**
   * Where the extension context comes from when the achievement uses its terms: by default
   * it is embedded (inline), so any verifier can process the credential offline; a URL here
   * (one the deployment hosts, serving the pinned document) is referenced instead.
   */
  extensionContextUrl?: string
}

/**
 * `now`, when given, becomes `validFrom` (unless `input.validFrom` is set). The core reads
 * no clock of its own: without either, `issueCredential` fills `validFrom` from its clock.
 */
export async function buildAchievementCredential(input: BuildCredentialInput, now?: Date): Promise<OpenBadgeCredential> {
  assertRecipient(input.recipient)
  const achievement = structuredClone(input.achievement)
  const subject: AchievementSubject = { type: ['AchievementSubject'], achievement }
  if ('id' in input.recipient) subject.id = input.recipient.id
  else subject.identifier = [await emailIdentityObject(input.recipient.email, input.recipient.salt)]
  if (input.result !== undefined) subject.result = structuredClone(input.result)

  const context: OpenBadgeCredential['@context'] = [VC_V2_CONTEXT, OB_V3P0_CONTEXT]
  if (usesExtensionTerms(achievement)) context.push(structuredClone(extensionContextEntry(input.extensionContextUrl)))
  if (input.withCredentialSchema) context.push(OB_EXTENSIONS_CONTEXT)

  const { id: issuerId, type: _ignored, ...issuerFields } = input.issuer as Profile
  const credential: OpenBadgeCredential = {
    '@context': context,
    id: input.id ?? `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerId, type: ['Profile'], ...structuredClone(issuerFields) },
    name: input.name ?? achievement.name,
    credentialSubject: subject,
  }
  const validFrom = input.validFrom ?? (now === undefined ? undefined : toDateTimeStamp(now))
  if (validFrom !== undefined) credential.validFrom = validFrom
  if (input.validUntil !== undefined) credential.validUntil = input.validUntil
  if (input.withCredentialSchema) {
    credential.credentialSchema = [{ id: OB_ACHIEVEMENT_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }]
  }
  return credential
}

/** `2026-11-26T12:00:00Z`: whole seconds, UTC, the form every verifier accepts. */
export function toDateTimeStamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
