/**
 * @module portability/facts
 * The facts profiles and pathways reason about, read from one credential: the
 * achievement through `readMicroCredential` (OB 3.0 fields first, the microcred extension
 * second) plus the credential's issuer, address, dates, subject, results and evidence.
 * Reading never fails: what is absent is simply not in the facts.
 */
import { isPlainObject } from '../credential/shape.js'
import { readMicroCredential } from '../model/micro-credential.js'
import { asArray, issuerIdOf } from '../model/open-badges.js'
import { normalizeCreditSystem, type CreditSystemId } from './credits.js'
import { normalizeFramework, normalizeLevelCode } from './levels.js'

/** The names a profile element may read (`fact` in a profile file). */
export const FACT_NAMES = [
  'learner',
  'title',
  'credentialName',
  'achievementId',
  'achievementType',
  'humanCode',
  'description',
  'criteria',
  'furtherInformation',
  'issuer',
  'issuerCountry',
  'issuerRegion',
  'awardingBodies',
  'issued',
  'validFrom',
  'validUntil',
  'learningOutcomes',
  'competencies',
  'alignments',
  'credits',
  'creditsEarned',
  'workloadHours',
  'workload',
  'levels',
  'fieldOfStudy',
  'fieldCodes',
  'otherIdentifiers',
  'inLanguage',
  'qualityAssurance',
  'assessmentType',
  'participationMode',
  'prerequisites',
  'supervisionAndIdVerification',
  'stackability',
  'parentCourse',
  'results',
  'evidence',
  'endorsements',
] as const
export type FactName = (typeof FACT_NAMES)[number]

export interface LearnerFact {
  id?: string
  /** Identity objects (hashed emails…); only their kind, never the hash, is needed for presence. */
  identifier?: { identityType: string; hashed: boolean; identityHash: string; salt?: string }[]
}

export interface LevelFact {
  /** Normalised framework id (`EQF`, `FHEQ`, `NZQCF`…), or the framework as written when unknown. */
  framework: string
  code: string
  uri?: string
  /** The framework name as the credential wrote it. */
  declaredFramework: string
  /** False when microcred does not know the framework. */
  known: boolean
}

export interface CreditsFact {
  value: number
  /** Canonical system id when known (`NZQCF` → `NZQF`). */
  system?: CreditSystemId
  /** The unit as the issuer wrote it (never replaced). */
  declaredSystem?: string
}

export interface QualityAssuranceFact {
  body: { id: string; name: string; url?: string }
  type: string
  regime?: string
  accreditation?: string
  accreditationReference?: string
  description?: string
}

export interface CredentialFacts {
  learner?: LearnerFact
  title?: string
  credentialName?: string
  achievementId?: string
  achievementType?: string
  humanCode?: string
  description?: string
  criteria?: { id?: string; narrative?: string }
  /** Annex I O5: a description or a criteria page. */
  furtherInformation?: string
  issuer?: { id: string; name?: string; url?: string }
  issuerCountry?: string
  issuerRegion?: string
  /** The awarding bodies: those named in the achievement, else the issuer. */
  awardingBodies: { id: string; name?: string }[]
  /** When it was awarded: `awardedDate`, else `validFrom`. */
  issued?: string
  validFrom?: string
  validUntil?: string
  learningOutcomes: { text: string; skills?: string[] }[]
  competencies: { name: string; url: string; framework?: string; code?: string; targetType?: string }[]
  alignments: Record<string, unknown>[]
  credits?: CreditsFact
  creditsEarned?: number
  workloadHours?: number
  /** Annex I M7: credits and/or hours; present when either is. */
  workload?: { credits?: CreditsFact; hours?: number }
  levels: LevelFact[]
  fieldOfStudy?: string
  /** Field-of-study codes: ISCED-F (from alignments or identifiers), NZSCED, … */
  fieldCodes: { scheme: string; code: string }[]
  otherIdentifiers: { identifierType: string; identifier: string }[]
  inLanguage?: string
  qualityAssurance: QualityAssuranceFact[]
  assessmentType?: string
  participationMode?: string
  prerequisites?: string
  supervisionAndIdVerification?: string
  stackability?: string
  parentCourse?: string
  results: Record<string, unknown>[]
  evidence: Record<string, unknown>[]
  /** Embedded endorsements (of the achievement and of the issuer), as found. */
  endorsements: { on: 'achievement' | 'issuer'; credential: Record<string, unknown> }[]
}

const ISCED_F_PREFIX = 'http://data.europa.eu/snb/isced-f/'

/** Field-of-study classifications recognised in `otherIdentifier.identifierType` or `alignment.targetFramework`. */
const FIELD_SCHEMES: Readonly<Record<string, string>> = { NZSCED: 'NZSCED', 'ISCED-F': 'ISCED-F', ISCEDF: 'ISCED-F', CIP: 'CIP', ASCED: 'ASCED' }

function fieldSchemeOf(name: string | undefined): string | undefined {
  return name === undefined ? undefined : FIELD_SCHEMES[name.replace(/^ext:/, '').trim().toUpperCase()]
}

/** The achievement object of an OB 3.0 credential (first subject), if there is one. */
export function achievementOf(credential: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(credential)) return undefined
  const subject = asArray(credential['credentialSubject'] as unknown)[0]
  if (!isPlainObject(subject)) return undefined
  return isPlainObject(subject['achievement']) ? subject['achievement'] : undefined
}

export function subjectOf(credential: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(credential)) return undefined
  const subject = asArray(credential['credentialSubject'] as unknown)[0]
  return isPlainObject(subject) ? subject : undefined
}

/** Reads every fact of a credential. Pure; never throws. */
export function readCredentialFacts(credential: unknown): CredentialFacts {
  const facts: CredentialFacts = {
    awardingBodies: [],
    learningOutcomes: [],
    competencies: [],
    alignments: [],
    levels: [],
    fieldCodes: [],
    otherIdentifiers: [],
    qualityAssurance: [],
    results: [],
    evidence: [],
    endorsements: [],
  }
  if (!isPlainObject(credential)) return facts
  const achievement = achievementOf(credential) ?? {}
  const subject = subjectOf(credential) ?? {}
  const mc = readMicroCredential(achievement)
  const str = (o: Record<string, unknown>, key: string): string | undefined =>
    typeof o[key] === 'string' && (o[key] as string).trim() !== '' ? (o[key] as string) : undefined

  // Learner (Annex I M1).
  const learner: LearnerFact = {}
  if (typeof subject['id'] === 'string') learner.id = subject['id']
  const identifiers = asArray(subject['identifier'] as unknown)
    .filter(isPlainObject)
    .filter((i) => typeof i['identityHash'] === 'string' && typeof i['identityType'] === 'string')
    .map((i) => ({
      identityType: i['identityType'] as string,
      hashed: i['hashed'] === true,
      identityHash: i['identityHash'] as string,
      ...(typeof i['salt'] === 'string' ? { salt: i['salt'] } : {}),
    }))
  if (identifiers.length > 0) learner.identifier = identifiers
  if (learner.id !== undefined || learner.identifier !== undefined) facts.learner = learner

  // Title, names, codes (M2, O5).
  const title = mc.name ?? str(credential, 'name')
  if (title !== undefined) facts.title = title
  const credentialName = str(credential, 'name')
  if (credentialName !== undefined) facts.credentialName = credentialName
  const achievementId = str(achievement, 'id')
  if (achievementId !== undefined) facts.achievementId = achievementId
  const achievementType = str(achievement, 'achievementType')
  if (achievementType !== undefined) facts.achievementType = achievementType
  const humanCode = str(achievement, 'humanCode')
  if (humanCode !== undefined) facts.humanCode = humanCode
  const description = str(achievement, 'description')
  if (description !== undefined) facts.description = description
  if (isPlainObject(achievement['criteria'])) {
    const c = achievement['criteria']
    const criteria: { id?: string; narrative?: string } = {}
    const cid = str(c, 'id')
    const narrative = str(c, 'narrative')
    if (cid !== undefined) criteria.id = cid
    if (narrative !== undefined) criteria.narrative = narrative
    if (cid !== undefined || narrative !== undefined) facts.criteria = criteria
  }
  const further = description ?? facts.criteria?.id
  if (further !== undefined) facts.furtherInformation = further

  // Issuer, country/region, awarding bodies (M3, M4).
  const issuerId = issuerIdOf(credential)
  const issuer = isPlainObject(credential['issuer']) ? credential['issuer'] : {}
  if (issuerId !== undefined) {
    facts.issuer = { id: issuerId }
    const name = str(issuer, 'name')
    const url = str(issuer, 'url')
    if (name !== undefined) facts.issuer.name = name
    if (url !== undefined) facts.issuer.url = url
  }
  const address = isPlainObject(issuer['address']) ? issuer['address'] : {}
  const country = str(address, 'addressCountryCode') ?? str(address, 'addressCountry')
  if (country !== undefined) facts.issuerCountry = country
  const region = str(address, 'addressRegion')
  if (region !== undefined) facts.issuerRegion = region
  const declaredBodies = asArray(achievement['awardingBody'] as unknown)
    .filter(isPlainObject)
    .filter((b) => typeof b['id'] === 'string')
    .map((b) => ({ id: b['id'] as string, ...(typeof b['name'] === 'string' ? { name: b['name'] } : {}) }))
  if (mc.issuerIsAwardingBody === false) facts.awardingBodies = declaredBodies
  else if (facts.issuer !== undefined) facts.awardingBodies = [{ ...facts.issuer }, ...declaredBodies.filter((b) => b.id !== facts.issuer!.id)]

  // Dates (M5).
  const validFrom = str(credential, 'validFrom')
  const validUntil = str(credential, 'validUntil')
  if (validFrom !== undefined) facts.validFrom = validFrom
  if (validUntil !== undefined) facts.validUntil = validUntil
  const issued = str(credential, 'awardedDate') ?? validFrom
  if (issued !== undefined) facts.issued = issued

  // Outcomes and competencies (M6).
  facts.learningOutcomes = mc.learningOutcomes.map((o) => ({ ...o }))
  const alignments = asArray(achievement['alignment'] as unknown).filter(isPlainObject)
  facts.alignments = alignments
  for (const a of alignments) {
    const url = str(a, 'targetUrl')
    const name = str(a, 'targetName')
    if (url === undefined || name === undefined) continue
    const targetType = str(a, 'targetType')
    const framework = str(a, 'targetFramework')
    const isLevel = normalizeFramework(framework, url) !== undefined && targetType === undefined
    const fieldScheme = url.startsWith(ISCED_F_PREFIX) ? 'ISCED-F' : fieldSchemeOf(framework)
    const isField = fieldScheme !== undefined
    if (!isLevel && !isField) {
      const code = str(a, 'targetCode')
      facts.competencies.push({
        name,
        url,
        ...(framework !== undefined ? { framework } : {}),
        ...(code !== undefined ? { code } : {}),
        ...(targetType !== undefined ? { targetType } : {}),
      })
    }
    if (isField) {
      const code = url.startsWith(ISCED_F_PREFIX) ? url.slice(ISCED_F_PREFIX.length) : str(a, 'targetCode')
      if (code !== undefined) facts.fieldCodes.push({ scheme: fieldScheme, code })
    }
  }

  // Workload (M7).
  if (mc.credits !== undefined) {
    const system = normalizeCreditSystem(mc.credits.system)
    facts.credits = {
      value: mc.credits.value,
      ...(system !== undefined ? { system } : {}),
      ...(mc.credits.system !== undefined ? { declaredSystem: mc.credits.system } : {}),
    }
  }
  if (typeof subject['creditsEarned'] === 'number') facts.creditsEarned = subject['creditsEarned']
  if (mc.workloadHours !== undefined) facts.workloadHours = mc.workloadHours
  if (facts.credits !== undefined || facts.workloadHours !== undefined) {
    facts.workload = {
      ...(facts.credits !== undefined ? { credits: facts.credits } : {}),
      ...(facts.workloadHours !== undefined ? { hours: facts.workloadHours } : {}),
    }
  }

  // Levels (M8): every alignment to a qualifications framework, EQF included.
  for (const level of mc.levels) {
    if (level.uri.startsWith(ISCED_F_PREFIX) || fieldSchemeOf(level.framework) !== undefined) continue
    const framework = normalizeFramework(level.framework, level.uri)
    const code = framework === undefined ? level.code : normalizeLevelCode(framework, level.code, level.uri) ?? level.code
    facts.levels.push({ framework: framework ?? level.framework, code, uri: level.uri, declaredFramework: level.framework, known: framework !== undefined })
  }
  // EQF alignments written without targetFramework/targetCode still count (URI only).
  for (const a of alignments) {
    const url = str(a, 'targetUrl')
    if (url === undefined || str(a, 'targetFramework') !== undefined || str(a, 'targetType') !== undefined) continue
    const framework = normalizeFramework(undefined, url)
    const code = framework === undefined ? undefined : normalizeLevelCode(framework, str(a, 'targetCode'), url)
    if (framework !== undefined && code !== undefined) facts.levels.push({ framework, code, uri: url, declaredFramework: framework, known: true })
  }

  // Field of study, identifiers, language.
  if (mc.fieldOfStudy !== undefined) facts.fieldOfStudy = mc.fieldOfStudy
  for (const entry of asArray(achievement['otherIdentifier'] as unknown).filter(isPlainObject)) {
    const identifierType = str(entry, 'identifierType')
    const identifier = str(entry, 'identifier')
    if (identifierType === undefined || identifier === undefined) continue
    facts.otherIdentifiers.push({ identifierType, identifier })
    const scheme = fieldSchemeOf(identifierType)
    if (scheme !== undefined) facts.fieldCodes.push({ scheme, code: identifier })
  }
  if (mc.inLanguage !== undefined) facts.inLanguage = mc.inLanguage

  // Quality assurance (M11): the claims; whether they are assured is portability/qa's job.
  const rawQa = asArray(achievement['qualityAssurance'] as unknown).filter(isPlainObject)
  for (const [i, qa] of mc.qualityAssurance.entries()) {
    const raw = rawQa.find((r) => isPlainObject(r['qaBody']) && r['qaBody']['id'] === qa.body.id) ?? rawQa[i] ?? {}
    const fact: QualityAssuranceFact = { body: { ...qa.body }, type: qa.type }
    if (qa.regime !== undefined) fact.regime = qa.regime
    if (qa.accreditation !== undefined) fact.accreditation = qa.accreditation
    if (qa.accreditationReference !== undefined) fact.accreditationReference = qa.accreditationReference
    const desc = str(raw, 'description')
    if (desc !== undefined) fact.description = desc
    facts.qualityAssurance.push(fact)
  }

  // Assessment, participation and the other Annex I elements (M9, M10, O1, O2, O4).
  for (const key of ['assessmentType', 'participationMode', 'prerequisites', 'supervisionAndIdVerification', 'stackability', 'parentCourse'] as const) {
    const value = mc[key]
    if (value !== undefined) facts[key] = value
  }

  // Results (O3), evidence, endorsements.
  facts.results = asArray(subject['result'] as unknown).filter(isPlainObject)
  facts.evidence = asArray(credential['evidence'] as unknown).filter(isPlainObject)
  for (const e of asArray(achievement['endorsement'] as unknown).filter(isPlainObject)) facts.endorsements.push({ on: 'achievement', credential: e })
  for (const e of asArray(issuer['endorsement'] as unknown).filter(isPlainObject)) facts.endorsements.push({ on: 'issuer', credential: e })
  return facts
}
