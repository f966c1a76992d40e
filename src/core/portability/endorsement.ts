/**
 * @module portability/endorsement
 * Builds the OB 3.0 `EndorsementCredential` a quality-assurance body signs about an
 * achievement or an issuer. Signed with `issueCredential`, it can be embedded in the
 * achievement's (or issuer's) `endorsement` list or handed to a verifier beside the
 * credential; with the body in the verifier's trust list, the QA claim becomes *assured*.
 *
 * @example
 * const unsigned = buildEndorsementCredential({ subjectId: achievement.id, issuer: { id: qaBody.id, name: 'NZQA' }, comment: 'Approved under the 2022 rules' })
 * const endorsement = await issueCredential(unsigned, { issuer: qaBody })
 */
import { OB_V3P0_CONTEXT, VC_V2_CONTEXT } from '../contexts/bundled.js'
import { toDateTimeStamp } from '../credential/build-credential.js'
import { isAbsoluteIri } from '../credential/shape.js'
import { MicrocredError } from '../errors.js'

export const OB_ENDORSEMENT_CREDENTIAL_SCHEMA = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json'

export interface BuildEndorsementInput {
  /** The id of what is endorsed: an achievement id or an issuer's DID/URL. */
  subjectId: string
  /** The endorsing (QA) body's profile; `id` is its DID. */
  issuer: { id: string; name?: string; url?: string; [extra: string]: unknown }
  /** What the body states, e.g. "Approved under the Micro-credential Approval and Accreditation Rules 2022". */
  comment?: string
  /** Credential name; defaults to "Endorsement by <issuer name>". */
  name?: string
  id?: string
  validFrom?: string
  validUntil?: string
  now?: Date
  withCredentialSchema?: boolean
}

export function buildEndorsementCredential(input: BuildEndorsementInput): Record<string, unknown> {
  if (!isAbsoluteIri(input.subjectId)) throw new MicrocredError('ERR_CREDENTIAL_MALFORMED', 'the endorsed subject id must be a URL, URN or DID')
  if (!isAbsoluteIri(input.issuer?.id)) throw new MicrocredError('ERR_CREDENTIAL_MALFORMED', 'the endorsing issuer id must be a DID or URL')
  const { id: issuerId, type: _type, ...issuerFields } = input.issuer
  const subject: Record<string, unknown> = { id: input.subjectId, type: ['EndorsementSubject'] }
  if (input.comment !== undefined) subject['endorsementComment'] = input.comment
  const credential: Record<string, unknown> = {
    '@context': [VC_V2_CONTEXT, OB_V3P0_CONTEXT],
    id: input.id ?? `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'EndorsementCredential'],
    name: input.name ?? `Endorsement by ${input.issuer.name ?? issuerId}`,
    issuer: { id: issuerId, type: ['Profile'], ...structuredClone(issuerFields) },
    validFrom: input.validFrom ?? toDateTimeStamp(input.now ?? new Date()),
    credentialSubject: subject,
  }
  if (input.validUntil !== undefined) credential['validUntil'] = input.validUntil
  if (input.withCredentialSchema) credential['credentialSchema'] = [{ id: OB_ENDORSEMENT_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }]
  return credential
}
