// Real signed credentials for the portability tests: in-memory did:key issuers, OB 3.0
// micro-credentials built with toAchievement + buildAchievementCredential and signed with
// issueCredential, endorsements signed the same way. No mocks.
import {
  buildAchievementCredential,
  buildEndorsementCredential,
  createIssuer,
  fixedClock,
  issueCredential,
  toAchievement,
  type Achievement,
  type Issuer,
  type MicroCredentialDefinition,
  type Recipient,
  type SignedCredential,
  type StatusResolver,
} from '../../../src/index.js'

/** "Now" for every portability test. */
export const NOW = '2026-06-01T00:00:00Z'
export const clock = fixedClock(NOW)

export const LEARNER = 'did:example:learner-aroha'
export const OTHER_LEARNER = 'did:example:learner-bob'

export function makeIssuer(name: string, country: string): Issuer {
  return createIssuer({ name, url: `https://${name.toLowerCase().replace(/[^a-z]+/g, '-')}.example`, address: { type: ['Address'], addressCountryCode: country } })
}

/** A definition that carries every Annex I element (EU profile passes). */
export function euDefinition(overrides: Partial<MicroCredentialDefinition> = {}): MicroCredentialDefinition {
  return {
    id: 'https://uni.example/achievements/data-viz-201',
    name: 'Data Visualisation',
    description: 'Designing honest charts for real data.',
    criteria: 'Pass the assessed project.',
    credits: { value: 5, system: 'ECTS' },
    workloadHours: 125,
    levels: [{ framework: 'EQF', code: '6', uri: 'http://data.europa.eu/snb/eqf/6' }],
    fieldOfStudy: 'Data science',
    inLanguage: 'en',
    qualityAssurance: [{ body: { id: 'https://qa.example/agency', name: 'QA Agency' }, type: 'external', regime: 'ESG 2015' }],
    learningOutcomes: [{ text: 'Choose a chart type for a question', skills: ['http://data.europa.eu/esco/skill/0e0c7b1a-aaaa-4bbb-8ccc-123456789abc'] }],
    assessmentType: 'Project-based assessment',
    participationMode: 'online',
    humanCode: 'DV-201',
    ...overrides,
  }
}

export interface IssueOptions {
  recipient?: Recipient
  validFrom?: string
  validUntil?: string
  id?: string
  /** Changes the unsigned credential before signing (e.g. add evidence, a status entry, an endorsement). */
  edit?: (unsigned: Record<string, unknown>) => void
}

/** Issues a signed OB 3.0 credential for `achievement` (a definition or an Achievement). */
export async function issueMicro(issuer: Issuer, achievement: MicroCredentialDefinition | Achievement, options: IssueOptions = {}): Promise<SignedCredential> {
  const ach = 'type' in achievement ? (achievement as Achievement) : toAchievement(achievement as MicroCredentialDefinition)
  const unsigned = (await buildAchievementCredential(
    {
      achievement: ach,
      recipient: options.recipient ?? { id: LEARNER },
      issuer: { id: issuer.id, ...issuer.profile },
      validFrom: options.validFrom ?? '2026-01-15T09:00:00Z',
      ...(options.validUntil !== undefined ? { validUntil: options.validUntil } : {}),
      ...(options.id !== undefined ? { id: options.id } : {}),
    },
    new Date(NOW),
  )) as unknown as Record<string, unknown>
  options.edit?.(unsigned)
  return issueCredential(unsigned, { issuer, clock })
}

/** A signed EndorsementCredential by `body` about `subjectId`. */
export async function endorse(body: Issuer, subjectId: string, options: { validFrom?: string; validUntil?: string } = {}): Promise<SignedCredential> {
  const unsigned = buildEndorsementCredential({
    subjectId,
    issuer: { id: body.id, ...body.profile },
    comment: 'Quality assured under our accreditation rules',
    validFrom: options.validFrom ?? '2025-09-01T00:00:00Z',
    ...(options.validUntil !== undefined ? { validUntil: options.validUntil } : {}),
  })
  return issueCredential(unsigned, { issuer: body, clock })
}

/** A status resolver that reports the listed credential ids as revoked and everything else active. */
export function revoking(...revoked: string[]): StatusResolver {
  return async (_entry, credential) =>
    revoked.includes(String(credential['id'])) ? { state: 'revoked', purpose: 'revocation' } : { state: 'active', purpose: 'revocation' }
}

/** A status entry (the resolver above decides what it says). */
export function statusEntry(index: number): Record<string, unknown> {
  return {
    id: `https://status.example/lists/1#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(index),
    statusListCredential: 'https://status.example/lists/1',
  }
}

export function clone<T>(value: T): T {
  return structuredClone(value)
}
