/**
 * @module portability/pathway/types
 * The pathway document, the evaluation's options and its result (see ../pathway.ts), and the
 * per-component record the evaluation steps pass along.
 */
import type { MicrocredErrorCode } from '../../errors.js'
import type { Clock } from '../../ports.js'
import type { VerificationResult } from '../../verifier/result.js'
import type { ConversionMethod, ConvertedCredits, CreditSystemId } from '../credits.js'
import type { CredentialFacts } from '../facts.js'
import type { LevelConfidence, LevelMatch } from '../levels.js'
import type { TrustList } from '../trust-list.js'

export interface AchievementMatch {
  achievementId?: string
  humanCode?: string
  /** Case-insensitive. */
  name?: string
  /** An alignment `targetUrl` of the achievement. */
  alignment?: string
  issuer?: string
  achievementType?: string
}

export interface Requirement {
  label?: string
  match: AchievementMatch
}

export interface Pathway {
  id: string
  name: string
  version?: string
  description?: string
  owner?: string
  targetAward: {
    id?: string
    name: string
    description?: string
    achievementType?: string
    criteria?: string
    level?: { framework: string; code: string | number }
  }
  creditUnit: string
  conversion?: ConversionMethod
  levelMatch?: LevelMatch
  levelConfidence?: Exclude<LevelConfidence, 'declared'>
  rules: {
    minTotalCredits?: number
    minCreditsAtOrAboveLevel?: { framework: string; level: string | number; credits: number; levelMatch?: LevelMatch }[]
    levelRange?: { framework: string; min?: string | number; max?: string | number; levelMatch?: LevelMatch }
    allowedCreditUnits?: string[]
    requiredAchievements?: Requirement[]
    chooseFrom?: { label?: string; min: number; of: Requirement[] }[]
    minComponents?: number
    maxAgeYears?: number
    issuers?: { allow?: string[]; deny?: string[]; trustList?: boolean }
    qa?: { required: boolean }
    componentConstraints?: { minCredits?: number; maxCredits?: number; parentCourse?: string }
    noDoubleCounting?: boolean
  }
}

/**
 * How pathway evaluation verifies what it counts: components, endorsements and the
 * presentation carrying them. Injected, so that portability does not depend on the verifier.
 */
export interface PathwayVerifier {
  credential(credential: unknown): Promise<VerificationResult>
  presentation(presentation: Record<string, unknown>): Promise<VerificationResult>
  /** The clock verification uses; ages are measured against it too. */
  clock?: Clock
}

export interface PathwayEvaluationOptions {
  trustList?: TrustList
  /** Endorsements supplied beside the credentials (QA evidence). */
  endorsements?: readonly unknown[]
  /** The learner: a subject id and/or an email address that proves hashed identities. */
  learner?: { id?: string; email?: string }
  /** Credential or achievement ids already counted towards another award of this family. */
  alreadyCounted?: readonly string[]
}

export interface CountedComponent {
  index: number
  credential?: string
  achievementId?: string
  name?: string
  issuer?: string
  issued?: string
  /** Converted into the pathway's unit; null when the component has no usable credit value. */
  credits: ConvertedCredits | null
  levels: { framework: string; code: string }[]
  eqf: number[]
  qa: 'assured' | 'claimed-unconfirmed' | 'none'
  /** Requirements this component satisfies (`requiredAchievements[0]`, `chooseFrom[1]`). */
  usedFor: string[]
  notes?: string[]
}

export interface ExcludedComponent {
  index: number
  /** The credential id, or `#<index>` when it has none. */
  credential: string
  code: MicrocredErrorCode
  reason: string
  /** The failing verification check, for unverified components. */
  check?: { id: string; code?: string; message: string }
}

export type RuleOutcome = 'pass' | 'fail'

export interface RuleResult {
  id: string
  /** `requirement`: decides `satisfied`; `filter`: excludes components (listed in `excluded`). */
  kind: 'requirement' | 'filter'
  outcome: RuleOutcome
  code?: MicrocredErrorCode
  detail: string
}

export interface MissingItem {
  rule: string
  detail: string
  need?: number
  have?: number
  unit?: string
}

export interface PathwayResult {
  pathway: { id: string; name: string; version?: string }
  satisfied: boolean
  learner: { id?: string; email?: boolean }
  counted: CountedComponent[]
  excluded: ExcludedComponent[]
  totals: {
    credits: number
    unit: CreditSystemId
    method: ConversionMethod
    estimated: boolean
    components: number
    atOrAboveLevel: { framework: string; level: string; credits: number }[]
  }
  rules: RuleResult[]
  missing: MissingItem[]
  /** When the input was a presentation: its verification, if it carried a proof. */
  presentation?: { verified: boolean; holder?: string }
  evaluatedAt: string
}

/** A verified component of the learner, as the filters and requirements see it. */
export interface Candidate {
  index: number
  credential: Record<string, unknown>
  facts: CredentialFacts
  credits: ConvertedCredits | null
  notes: string[]
  qa: CountedComponent['qa']
}

/** A verified credential of the evaluation, before the learner and filter steps. */
export interface VerifiedComponent {
  index: number
  credential: Record<string, unknown>
  facts: CredentialFacts
}

/** Records why a component does not count. */
export type ExcludeComponent = (index: number, credential: unknown, code: MicrocredErrorCode, reason: string, check?: ExcludedComponent['check']) => void

/** How the evaluation reads credits and levels: the pathway's settings, defaults applied. */
export interface EvaluationSettings {
  unit: CreditSystemId
  method: ConversionMethod
  levelMatch: LevelMatch
  minConfidence: LevelConfidence
  noDoubleCounting: boolean
}
