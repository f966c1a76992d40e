/**
 * @module model/open-badges
 * The Open Badges 3.0 / VC 2.0 objects microcred reads and writes. Field names are the
 * specification's; only the parts microcred relies on are typed, the rest stays open
 * (`[extra: string]: unknown`) so foreign credentials round-trip unchanged.
 */

export type JsonObject = { [key: string]: unknown }

/** A one-or-many JSON-LD value. */
export type OneOrMany<T> = T | T[]

export interface Profile {
  id: string
  type: OneOrMany<string>
  name?: string
  url?: string
  email?: string
  description?: string
  address?: Address
  [extra: string]: unknown
}

export interface Address {
  type: OneOrMany<string>
  /** ISO 3166-1 alpha-2 country code, e.g. `NZ`, `IE`. */
  addressCountryCode?: string
  addressCountry?: string
  addressRegion?: string
  addressLocality?: string
  [extra: string]: unknown
}

export interface Alignment {
  type: OneOrMany<string>
  targetName: string
  targetUrl: string
  targetDescription?: string
  targetFramework?: string
  targetCode?: string
  targetType?: string
  [extra: string]: unknown
}

export interface Criteria {
  id?: string
  narrative?: string
  [extra: string]: unknown
}

export interface ResultDescription {
  id: string
  type: OneOrMany<string>
  name: string
  resultType: string
  allowedValue?: string[]
  valueMin?: string
  valueMax?: string
  [extra: string]: unknown
}

export interface Result {
  type: OneOrMany<string>
  resultDescription?: string
  value?: string
  status?: string
  [extra: string]: unknown
}

export interface IdentityObject {
  type: 'IdentityObject'
  hashed: boolean
  identityHash: string
  identityType: string
  salt?: string
}

export interface Achievement {
  id: string
  type: OneOrMany<string>
  name: string
  description: string
  criteria: Criteria
  achievementType?: string
  alignment?: Alignment[]
  creditsAvailable?: number
  fieldOfStudy?: string
  inLanguage?: string
  resultDescription?: ResultDescription[]
  [extra: string]: unknown
}

export interface AchievementSubject {
  id?: string
  type: OneOrMany<string>
  achievement: Achievement
  identifier?: IdentityObject[]
  result?: Result[]
  creditsEarned?: number
  [extra: string]: unknown
}

export interface DataIntegrityProof {
  type: 'DataIntegrityProof'
  cryptosuite: string
  created?: string
  verificationMethod: string
  proofPurpose: string
  proofValue: string
  [extra: string]: unknown
}

/** An unsigned credential: anything with VC 2.0's required members. */
export interface UnsignedCredential {
  '@context': (string | JsonObject)[]
  id?: string
  type: OneOrMany<string>
  issuer: string | Profile
  validFrom?: string
  validUntil?: string
  name?: string
  credentialSubject: OneOrMany<JsonObject>
  credentialSchema?: OneOrMany<JsonObject>
  credentialStatus?: OneOrMany<JsonObject>
  [extra: string]: unknown
}

export interface OpenBadgeCredential extends UnsignedCredential {
  credentialSubject: AchievementSubject
}

export interface SignedCredential extends UnsignedCredential {
  proof: DataIntegrityProof | DataIntegrityProof[]
}

export function asArray<T>(value: OneOrMany<T> | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

export function issuerIdOf(credential: { issuer?: unknown }): string | undefined {
  const { issuer } = credential
  if (typeof issuer === 'string') return issuer
  if (issuer !== null && typeof issuer === 'object') {
    const id = (issuer as { id?: unknown }).id
    return typeof id === 'string' ? id : undefined
  }
  return undefined
}
