/** @module portability/facts/types — the facts read from one credential (see ../facts.ts). */
import type { CreditSystemId } from '../credits.js'

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
