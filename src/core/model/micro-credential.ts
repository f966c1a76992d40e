/**
 * @module model/micro-credential
 * The facts that make a micro-credential portable (EU Council Recommendation 2022,
 * Annex I): length, level, quality assurance, outcomes, assessment, participation…
 *
 * `MicroCredentialDefinition` is what an institution writes once. `toAchievement` turns it
 * into an OB 3.0 `Achievement`, using OB 3.0 properties wherever one exists
 * (`creditsAvailable`, `alignment`, `fieldOfStudy`, `inLanguage`, `criteria`,
 * `resultDescription`) and the microcred extension context only for the rest.
 * `readMicroCredential` goes the other way and reads OB 3.0 fields first, so a credential
 * issued by someone else with only OB 3.0 fields is understood too.
 */
import { MicrocredError } from '../errors.js'
import type { Achievement, Alignment, ResultDescription } from './open-badges.js'

/** Credit systems microcred names. The issuer's own unit is never overwritten. */
export const CREDIT_SYSTEMS = ['ECTS', 'UK-CATS', 'NZQF', 'US-SEMESTER', 'US-QUARTER', 'CEU'] as const
export type CreditSystem = (typeof CREDIT_SYSTEMS)[number]

export interface Credits {
  value: number
  system: CreditSystem
}

/**
 * A level in a qualifications framework, e.g. EQF level 5:
 * `{ framework: 'EQF', code: '5', uri: 'http://data.europa.eu/snb/eqf/5' }`.
 * Several frameworks may be given (EQF and the national one).
 */
export interface Level {
  framework: string
  code: string
  uri: string
  /** Human label; defaults to `<framework> level <code>`. */
  name?: string
}

export const QA_TYPES = ['internal', 'external'] as const
export type QaType = (typeof QA_TYPES)[number]

export interface QualityAssurance {
  /** Who assured it: the QA body (agency, accreditor, the institution itself for internal QA). */
  body: { id: string; name: string; url?: string }
  type: QaType
  /** The regime it was assured under, e.g. `ESG 2015`, `NZQA programme approval`. */
  regime?: string
  /** Accreditation decision/report as a URL, when one is published. */
  accreditation?: string
  /** Accreditation reference number or text, when there is no URL. */
  accreditationReference?: string
  description?: string
}

export interface LearningOutcome {
  text: string
  /** ESCO (or other) skill URIs the outcome relates to. */
  skills?: string[]
}

export const PARTICIPATION_MODES = ['online', 'onsite', 'blended'] as const
export type ParticipationMode = (typeof PARTICIPATION_MODES)[number]

/** Annex I optional element: supervision and identity verification during assessment. */
export const SUPERVISION_LEVELS = [
  'unsupervised-no-id-check',
  'supervised-no-id-check',
  'supervised-with-id-check',
] as const
export type SupervisionAndIdVerification = (typeof SUPERVISION_LEVELS)[number]

export const STACKABILITY = ['standalone', 'stackable'] as const
export type Stackability = (typeof STACKABILITY)[number]

export interface MicroCredentialDefinition {
  /** A URL or URN that identifies the achievement, stable across everything issued for it. */
  id: string
  name: string
  description: string
  /** How it is earned (criteria narrative). */
  criteria: string
  /** Length in credits of a named system. */
  credits?: Credits
  /** Notional workload in hours. */
  workloadHours?: number
  levels?: Level[]
  fieldOfStudy?: string
  /** BCP 47 language tag of the learning and assessment, e.g. `en`, `de-AT`. */
  inLanguage?: string
  qualityAssurance?: QualityAssurance[]
  /** False when the awarding body differs from the issuer (then name it in `awardingBody`). */
  issuerIsAwardingBody?: boolean
  awardingBody?: { id: string; name: string; url?: string }[]
  learningOutcomes?: LearningOutcome[]
  assessmentType?: string
  participationMode?: ParticipationMode
  prerequisites?: string
  supervisionAndIdVerification?: SupervisionAndIdVerification
  stackability?: Stackability
  /** The larger award this module counts towards (a URL/URN). */
  parentCourse?: string
  /** How results (grades) are expressed; referenced by `result` on issue. */
  resultDescriptions?: ResultDescription[]
  achievementType?: string
  image?: string
  humanCode?: string
  tags?: string[]
}

const ESCO_FRAMEWORK = 'ESCO'

/** Builds the OB 3.0 Achievement for a definition; throws ERR_ACHIEVEMENT_INVALID for bad input. */
export function toAchievement(def: MicroCredentialDefinition): Achievement {
  assertDefinition(def)
  const alignment: Alignment[] = []
  for (const level of def.levels ?? []) {
    alignment.push({
      type: ['Alignment'],
      targetName: level.name ?? `${level.framework} level ${level.code}`,
      targetUrl: level.uri,
      targetFramework: level.framework,
      targetCode: level.code,
    })
  }
  for (const outcome of def.learningOutcomes ?? []) {
    for (const skill of outcome.skills ?? []) {
      alignment.push({
        type: ['Alignment'],
        targetName: outcome.text,
        targetUrl: skill,
        targetFramework: ESCO_FRAMEWORK,
        targetType: 'ceasn:Competency',
      })
    }
  }
  const achievement: Achievement = {
    id: def.id,
    type: ['Achievement'],
    achievementType: def.achievementType ?? 'MicroCredential',
    name: def.name,
    description: def.description,
    criteria: { narrative: def.criteria },
  }
  if (def.image !== undefined) achievement['image'] = { id: def.image, type: 'Image' }
  if (def.humanCode !== undefined) achievement['humanCode'] = def.humanCode
  if (def.tags !== undefined) achievement['tag'] = [...def.tags]
  if (def.credits !== undefined) {
    achievement.creditsAvailable = def.credits.value
    achievement['creditSystem'] = def.credits.system
  }
  if (def.workloadHours !== undefined) achievement['workloadHours'] = def.workloadHours
  if (alignment.length > 0) achievement.alignment = alignment
  if (def.fieldOfStudy !== undefined) achievement.fieldOfStudy = def.fieldOfStudy
  if (def.inLanguage !== undefined) achievement.inLanguage = def.inLanguage
  if (def.resultDescriptions !== undefined) achievement.resultDescription = def.resultDescriptions.map((r) => ({ ...r }))
  if (def.qualityAssurance !== undefined) {
    achievement['qualityAssurance'] = def.qualityAssurance.map((qa) => ({
      type: 'QualityAssurance',
      qaType: qa.type,
      qaBody: { id: qa.body.id, type: ['Profile'], name: qa.body.name, ...(qa.body.url ? { url: qa.body.url } : {}) },
      ...(qa.regime !== undefined ? { regime: qa.regime } : {}),
      ...(qa.accreditation !== undefined ? { accreditation: qa.accreditation } : {}),
      ...(qa.accreditationReference !== undefined ? { accreditationReference: qa.accreditationReference } : {}),
      ...(qa.description !== undefined ? { description: qa.description } : {}),
    }))
  }
  if (def.issuerIsAwardingBody !== undefined) achievement['issuerIsAwardingBody'] = def.issuerIsAwardingBody
  if (def.awardingBody !== undefined) {
    achievement['awardingBody'] = def.awardingBody.map((b) => ({
      id: b.id,
      type: ['Profile'],
      name: b.name,
      ...(b.url ? { url: b.url } : {}),
    }))
  }
  if (def.learningOutcomes !== undefined) {
    achievement['learningOutcome'] = def.learningOutcomes.map((o) => ({
      type: 'LearningOutcome',
      description: o.text,
      ...(o.skills && o.skills.length > 0 ? { relatedSkill: [...o.skills] } : {}),
    }))
  }
  if (def.assessmentType !== undefined) achievement['assessmentType'] = def.assessmentType
  if (def.participationMode !== undefined) achievement['participationMode'] = def.participationMode
  if (def.prerequisites !== undefined) achievement['prerequisites'] = def.prerequisites
  if (def.supervisionAndIdVerification !== undefined)
    achievement['supervisionAndIdVerification'] = def.supervisionAndIdVerification
  if (def.stackability !== undefined) achievement['stackability'] = def.stackability
  if (def.parentCourse !== undefined) achievement['parentCourse'] = def.parentCourse
  return achievement
}

/** True when an achievement uses any term from the microcred extension context. */
export function usesExtensionTerms(achievement: Record<string, unknown>): boolean {
  return EXTENSION_TERMS.some((term) => term in achievement)
}

/** Achievement-level terms defined by contexts/microcred-v1.json. */
export const EXTENSION_TERMS = [
  'creditSystem',
  'workloadHours',
  'qualityAssurance',
  'issuerIsAwardingBody',
  'awardingBody',
  'learningOutcome',
  'assessmentType',
  'participationMode',
  'prerequisites',
  'supervisionAndIdVerification',
  'stackability',
  'parentCourse',
] as const

/** What a verifier can read back from any OB 3.0 achievement; OB 3.0 fields first. */
export interface MicroCredentialFacts {
  name?: string
  credits?: { value: number; system?: string }
  workloadHours?: number
  levels: Level[]
  fieldOfStudy?: string
  inLanguage?: string
  qualityAssurance: QualityAssurance[]
  issuerIsAwardingBody?: boolean
  awardingBody: { id: string; name: string; url?: string }[]
  learningOutcomes: LearningOutcome[]
  resultDescriptions: ResultDescription[]
  assessmentType?: string
  participationMode?: string
  prerequisites?: string
  supervisionAndIdVerification?: string
  stackability?: string
  parentCourse?: string
}

export function readMicroCredential(achievement: Record<string, unknown>): MicroCredentialFacts {
  const str = (key: string): string | undefined =>
    typeof achievement[key] === 'string' ? (achievement[key] as string) : undefined
  const alignments = Array.isArray(achievement['alignment']) ? (achievement['alignment'] as Alignment[]) : []
  const levels: Level[] = alignments
    .filter((a) => a.targetFramework !== undefined && a.targetFramework !== ESCO_FRAMEWORK && a.targetCode !== undefined && a.targetType === undefined)
    .map((a) => ({ framework: a.targetFramework!, code: a.targetCode!, uri: a.targetUrl, name: a.targetName }))
  const outcomes: LearningOutcome[] = []
  const declared = Array.isArray(achievement['learningOutcome']) ? (achievement['learningOutcome'] as Record<string, unknown>[]) : []
  for (const o of declared) {
    if (typeof o['description'] !== 'string') continue
    const skills = Array.isArray(o['relatedSkill']) ? (o['relatedSkill'] as unknown[]).filter((s): s is string => typeof s === 'string') : []
    outcomes.push(skills.length > 0 ? { text: o['description'], skills } : { text: o['description'] })
  }
  if (outcomes.length === 0) {
    // OB 3.0 only: competency alignments are the outcomes.
    for (const a of alignments.filter((x) => x.targetType === 'ceasn:Competency' || x.targetFramework === ESCO_FRAMEWORK)) {
      outcomes.push({ text: a.targetName, skills: [a.targetUrl] })
    }
  }
  const qa: QualityAssurance[] = []
  const qaList = Array.isArray(achievement['qualityAssurance']) ? (achievement['qualityAssurance'] as Record<string, unknown>[]) : []
  for (const entry of qaList) {
    const body = (entry['qaBody'] ?? {}) as Record<string, unknown>
    if (typeof body['id'] !== 'string' || (entry['qaType'] !== 'internal' && entry['qaType'] !== 'external')) continue
    qa.push({
      body: { id: body['id'], name: typeof body['name'] === 'string' ? body['name'] : '', ...(typeof body['url'] === 'string' ? { url: body['url'] } : {}) },
      type: entry['qaType'],
      ...(typeof entry['regime'] === 'string' ? { regime: entry['regime'] } : {}),
      ...(typeof entry['accreditation'] === 'string' ? { accreditation: entry['accreditation'] } : {}),
      ...(typeof entry['accreditationReference'] === 'string' ? { accreditationReference: entry['accreditationReference'] } : {}),
      ...(typeof entry['description'] === 'string' ? { description: entry['description'] } : {}),
    })
  }
  const awardingBody: MicroCredentialFacts['awardingBody'] = []
  for (const body of Array.isArray(achievement['awardingBody']) ? (achievement['awardingBody'] as Record<string, unknown>[]) : []) {
    if (typeof body['id'] !== 'string') continue
    awardingBody.push({ id: body['id'], name: typeof body['name'] === 'string' ? body['name'] : '', ...(typeof body['url'] === 'string' ? { url: body['url'] } : {}) })
  }
  const resultDescriptions = Array.isArray(achievement['resultDescription'])
    ? (achievement['resultDescription'] as ResultDescription[]).filter((r) => r !== null && typeof r === 'object')
    : []
  const facts: MicroCredentialFacts = { levels, qualityAssurance: qa, learningOutcomes: outcomes, awardingBody, resultDescriptions }
  const name = str('name')
  if (name !== undefined) facts.name = name
  if (typeof achievement['creditsAvailable'] === 'number') {
    const system = str('creditSystem')
    facts.credits = system === undefined ? { value: achievement['creditsAvailable'] } : { value: achievement['creditsAvailable'], system }
  }
  if (typeof achievement['workloadHours'] === 'number') facts.workloadHours = achievement['workloadHours']
  if (typeof achievement['issuerIsAwardingBody'] === 'boolean') facts.issuerIsAwardingBody = achievement['issuerIsAwardingBody']
  for (const key of ['fieldOfStudy', 'inLanguage', 'assessmentType', 'participationMode', 'prerequisites', 'supervisionAndIdVerification', 'stackability', 'parentCourse'] as const) {
    const value = str(key)
    if (value !== undefined) facts[key] = value
  }
  return facts
}

function assertDefinition(def: MicroCredentialDefinition): void {
  const problems: string[] = []
  const isUri = (v: unknown): boolean => typeof v === 'string' && /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(v)
  if (!isUri(def.id)) problems.push('id must be a URL or URN')
  for (const key of ['name', 'description', 'criteria'] as const) {
    if (typeof def[key] !== 'string' || def[key].trim() === '') problems.push(`${key} must be a non-empty string`)
  }
  if (def.credits !== undefined) {
    if (!Number.isFinite(def.credits.value) || def.credits.value < 0) problems.push('credits.value must be a number ≥ 0')
    if (!(CREDIT_SYSTEMS as readonly string[]).includes(def.credits.system))
      problems.push(`credits.system must be one of ${CREDIT_SYSTEMS.join(', ')}`)
  }
  if (def.workloadHours !== undefined && (!Number.isFinite(def.workloadHours) || def.workloadHours < 0))
    problems.push('workloadHours must be a number ≥ 0')
  for (const [i, level] of (def.levels ?? []).entries()) {
    if (!level.framework || !level.code) problems.push(`levels[${i}] needs framework and code`)
    if (!isUri(level.uri)) problems.push(`levels[${i}].uri must be a URI`)
  }
  for (const [i, qa] of (def.qualityAssurance ?? []).entries()) {
    if (!isUri(qa.body?.id) || !qa.body?.name) problems.push(`qualityAssurance[${i}].body needs id (URI) and name`)
    if (!(QA_TYPES as readonly string[]).includes(qa.type)) problems.push(`qualityAssurance[${i}].type must be internal or external`)
    if (qa.accreditation !== undefined && !isUri(qa.accreditation)) problems.push(`qualityAssurance[${i}].accreditation must be a URI`)
  }
  for (const [i, o] of (def.learningOutcomes ?? []).entries()) {
    if (typeof o.text !== 'string' || o.text.trim() === '') problems.push(`learningOutcomes[${i}].text must be a non-empty string`)
    for (const s of o.skills ?? []) if (!isUri(s)) problems.push(`learningOutcomes[${i}].skills: ${String(s)} is not a URI`)
  }
  if (def.participationMode !== undefined && !(PARTICIPATION_MODES as readonly string[]).includes(def.participationMode))
    problems.push(`participationMode must be one of ${PARTICIPATION_MODES.join(', ')}`)
  if (def.supervisionAndIdVerification !== undefined && !(SUPERVISION_LEVELS as readonly string[]).includes(def.supervisionAndIdVerification))
    problems.push(`supervisionAndIdVerification must be one of ${SUPERVISION_LEVELS.join(', ')}`)
  if (def.stackability !== undefined && !(STACKABILITY as readonly string[]).includes(def.stackability))
    problems.push(`stackability must be one of ${STACKABILITY.join(', ')}`)
  if (def.parentCourse !== undefined && !isUri(def.parentCourse)) problems.push('parentCourse must be a URI')
  if (problems.length > 0) {
    throw new MicrocredError('ERR_ACHIEVEMENT_INVALID', `invalid achievement: ${problems.join('; ')}`, { details: { problems } })
  }
}
