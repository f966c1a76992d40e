/**
 * @module portability/facts/readers
 * One reader per element of a credential's facts (Annex I numbering in each comment). Each
 * reads from the parts of the credential found once (`FactSources`) and writes its facts;
 * `readCredentialFacts` (../facts.ts) runs them in order — a few read what an earlier one
 * wrote (further information reads the description and criteria, awarding bodies the issuer,
 * workload the credits and hours). Reading never fails: what is absent is not written.
 */
import { isPlainObject } from '../../credential/shape.js'
import type { MicroCredentialFacts } from '../../model/micro-credential.js'
import { asArray, issuerIdOf } from '../../model/open-badges.js'
import { normalizeCreditSystem } from '../credits.js'
import { normalizeFramework, normalizeLevelCode } from '../levels.js'
import type { CredentialFacts, LearnerFact, QualityAssuranceFact } from './types.js'

/** The parts of one credential the readers read. */
export interface FactSources {
  credential: Record<string, unknown>
  achievement: Record<string, unknown>
  subject: Record<string, unknown>
  /** The issuer object (`{}` when the issuer is a bare id). */
  issuer: Record<string, unknown>
  /** The achievement as read by `readMicroCredential` (OB 3.0 fields first, the extension second). */
  mc: MicroCredentialFacts
  alignments: Record<string, unknown>[]
}

export type FactReader = (src: FactSources, facts: CredentialFacts) => void

const ISCED_F_PREFIX = 'http://data.europa.eu/snb/isced-f/'

/** Field-of-study classifications recognised in `otherIdentifier.identifierType` or `alignment.targetFramework`. */
const FIELD_SCHEMES: Readonly<Record<string, string>> = { NZSCED: 'NZSCED', 'ISCED-F': 'ISCED-F', ISCEDF: 'ISCED-F', CIP: 'CIP', ASCED: 'ASCED' }

function fieldSchemeOf(name: string | undefined): string | undefined {
  return name === undefined ? undefined : FIELD_SCHEMES[name.replace(/^ext:/, '').trim().toUpperCase()]
}

/** A non-blank string property. */
function str(o: Record<string, unknown>, key: string): string | undefined {
  return typeof o[key] === 'string' && (o[key] as string).trim() !== '' ? (o[key] as string) : undefined
}

/** Learner (M1): the subject id and its identity objects (hashed emails…). */
export const readLearner: FactReader = ({ subject }, facts) => {
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
}

/** Title, names, codes and description (M2). */
export const readTitle: FactReader = ({ credential, achievement, mc }, facts) => {
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
}

/** Criteria, and further information (O5): the description, else the criteria page. Reads what readTitle wrote. */
export const readCriteria: FactReader = ({ achievement }, facts) => {
  if (isPlainObject(achievement['criteria'])) {
    const c = achievement['criteria']
    const criteria: { id?: string; narrative?: string } = {}
    const cid = str(c, 'id')
    const narrative = str(c, 'narrative')
    if (cid !== undefined) criteria.id = cid
    if (narrative !== undefined) criteria.narrative = narrative
    if (cid !== undefined || narrative !== undefined) facts.criteria = criteria
  }
  const further = facts.description ?? facts.criteria?.id
  if (further !== undefined) facts.furtherInformation = further
}

/** Issuer and its country/region (M3). */
export const readIssuer: FactReader = ({ credential, issuer }, facts) => {
  const issuerId = issuerIdOf(credential)
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
}

/** Awarding bodies (M4): those named in the achievement, with the issuer first unless it is not one. Reads what readIssuer wrote. */
export const readAwardingBodies: FactReader = ({ achievement, mc }, facts) => {
  const declaredBodies = asArray(achievement['awardingBody'] as unknown)
    .filter(isPlainObject)
    .filter((b) => typeof b['id'] === 'string')
    .map((b) => ({ id: b['id'] as string, ...(typeof b['name'] === 'string' ? { name: b['name'] } : {}) }))
  if (mc.issuerIsAwardingBody === false) facts.awardingBodies = declaredBodies
  else if (facts.issuer !== undefined) facts.awardingBodies = [{ ...facts.issuer }, ...declaredBodies.filter((b) => b.id !== facts.issuer!.id)]
}

/** Dates (M5): validity, and when it was awarded (`awardedDate`, else `validFrom`). */
export const readDates: FactReader = ({ credential }, facts) => {
  const validFrom = str(credential, 'validFrom')
  const validUntil = str(credential, 'validUntil')
  if (validFrom !== undefined) facts.validFrom = validFrom
  if (validUntil !== undefined) facts.validUntil = validUntil
  const issued = str(credential, 'awardedDate') ?? validFrom
  if (issued !== undefined) facts.issued = issued
}

/** Outcomes and competencies (M6); alignments to a field-of-study scheme become field codes. */
export const readOutcomes: FactReader = ({ mc, alignments }, facts) => {
  facts.learningOutcomes = mc.learningOutcomes.map((o) => ({ ...o }))
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
}

/** Workload (M7): credits (the unit as written kept beside the canonical one), credits earned, hours. */
export const readCredits: FactReader = ({ subject, mc }, facts) => {
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
}

/** Levels (M8): every alignment to a qualifications framework, EQF included. */
export const readLevels: FactReader = ({ mc, alignments }, facts) => {
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
}

/** Field of study, other identifiers (a field-of-study scheme among them becomes a field code), language. */
export const readIdentifiers: FactReader = ({ achievement, mc }, facts) => {
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
}

/** Quality assurance (M11): the claims; whether they are assured is portability/qa's job. */
export const readQualityAssurance: FactReader = ({ achievement, mc }, facts) => {
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
}

/** Assessment, participation and the other Annex I elements (M9, M10, O1, O2, O4). */
export const readAssessmentAndStacking: FactReader = ({ mc }, facts) => {
  for (const key of ['assessmentType', 'participationMode', 'prerequisites', 'supervisionAndIdVerification', 'stackability', 'parentCourse'] as const) {
    const value = mc[key]
    if (value !== undefined) facts[key] = value
  }
}

/** Results (O3) and evidence. */
export const readResults: FactReader = ({ credential, subject }, facts) => {
  facts.results = asArray(subject['result'] as unknown).filter(isPlainObject)
  facts.evidence = asArray(credential['evidence'] as unknown).filter(isPlainObject)
}

/** Embedded endorsements, of the achievement and of the issuer, as found. */
export const readEndorsements: FactReader = ({ achievement, issuer }, facts) => {
  for (const e of asArray(achievement['endorsement'] as unknown).filter(isPlainObject)) facts.endorsements.push({ on: 'achievement', credential: e })
  for (const e of asArray(issuer['endorsement'] as unknown).filter(isPlainObject)) facts.endorsements.push({ on: 'issuer', credential: e })
}

/** In the order they run (later readers read what earlier ones wrote). */
export const FACT_READERS: readonly FactReader[] = [
  readLearner,
  readTitle,
  readCriteria,
  readIssuer,
  readAwardingBodies,
  readDates,
  readOutcomes,
  readCredits,
  readLevels,
  readIdentifiers,
  readQualityAssurance,
  readAssessmentAndStacking,
  readResults,
  readEndorsements,
]
