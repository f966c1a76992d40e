/**
 * @module verifier/verdict
 * The answer a person reads first. Three levels:
 *   - `verified`: authentic, intact, valid, and nothing was left unchecked that matters;
 *   - `verified-with-warnings`: authentic and intact, but something could not be checked
 *     (status list not at hand) or does not conform (JSON Schema), or the issuer is not in
 *     the trust list — each warning says what to supply;
 *   - `not-verified`: a check failed or could not be completed (fail closed).
 * `strict` turns every warning into a failure. The headline names what was established,
 * and never reads "not revoked" when the status was not checked.
 */
import type { MicrocredErrorCode } from '../errors.js'
import type { Check, NextStep } from './result.js'

export type VerdictLevel = 'verified' | 'verified-with-warnings' | 'not-verified'

/** Whose words the headline uses for next steps: CLI flags or option names (library / HTTP). */
export type HintStyle = 'cli' | 'option'

/** One unresolved problem or warning, in words an employer understands. */
export interface Finding {
  /** The check that raised it. */
  check: string
  code: MicrocredErrorCode
  /** What it means, as a short phrase ("revocation status could not be checked"). */
  says: string
  /** The check's own message, with particulars. */
  message: string
  /** What to do next, when something can be done. */
  next?: NextStep
}

export interface Verdict {
  level: VerdictLevel
  /** One line: the level and, when not plainly verified, why and what to do next. */
  headline: string
  /** True when warnings were turned into failures. */
  strict: boolean
  /** Why it is not verified (failed or errored checks), most telling first. */
  problems: Finding[]
  /** Non-blocking: authentic, but not fully checked or not conformant. */
  warnings: Finding[]
}

const NEXT = {
  status: {
    cli: 'supply --status-list FILE or allow --online-status',
    option: 'supply the signed status list (HTTP: options.statusLists; library: statusResolver from createStatusListResolver)',
  },
  controller: {
    cli: "supply the issuer's DID (controller) document with --controller FILE",
    option: "supply the issuer's DID (controller) document (HTTP: options.documents; library: documents)",
  },
  trust: {
    cli: 'add the issuer to your --trust FILE list if you trust it',
    option: 'add the issuer (role "issuer") to the trust list you pass (trustList)',
  },
} as const satisfies Record<string, NextStep>

/** The plain meaning of a code, and what to do about it. Codes not listed read as the check's message. */
const MEANING: Partial<Record<MicrocredErrorCode, { says: string; next?: NextStep }>> = {
  ERR_PROOF_INVALID: { says: 'the credential was changed after it was signed (or signed with another key): do not rely on anything in it' },
  ERR_PROOF_MISSING: { says: 'the credential is not signed' },
  ERR_PROOF_MALFORMED: { says: 'its signature block is malformed' },
  ERR_PROOF_UNSUPPORTED: { says: 'it is signed with a proof type microcred does not verify' },
  ERR_KEY_UNRESOLVABLE: { says: 'the signing key could not be found offline, so the signature could not be checked', next: NEXT.controller },
  ERR_KEY_INVALID: { says: 'the signing key is not a usable key' },
  ERR_KEY_NOT_AUTHORIZED: { says: 'the signing key is not authorised by its owner to sign credentials' },
  ERR_ISSUER_UNRESOLVABLE: { says: "the issuer's keys could not be found offline", next: NEXT.controller },
  ERR_ISSUER_KEY_MISMATCH: { says: 'it was signed by someone other than the issuer it names' },
  ERR_JSONLD_UNDEFINED_TERM: { says: 'it uses a property no context defines, so its signature cannot be checked reliably' },
  ERR_JSONLD_INVALID: { says: 'it is not valid JSON-LD, so its signature cannot be checked' },
  ERR_CONTEXT_NOT_ALLOWED: { says: 'it uses a JSON-LD context microcred does not know' },
  ERR_CONTEXT_ORDER: { says: 'its contexts are in the wrong order' },
  ERR_CREDENTIAL_MALFORMED: { says: 'it is not a well-formed credential' },
  ERR_VALIDITY_EXPIRED: { says: 'it has expired' },
  ERR_VALIDITY_NOT_YET_VALID: { says: 'it is not valid yet' },
  ERR_STATUS_REVOKED: { says: 'the issuer has revoked it' },
  ERR_STATUS_SUSPENDED: { says: 'the issuer has suspended it' },
  ERR_STATUS_UNKNOWN: { says: 'revocation status could not be checked', next: NEXT.status },
  ERR_SCHEMA_INVALID: { says: 'it does not conform to the Open Badges JSON Schema (authentic, but other systems may not read it)' },
  ERR_RECIPIENT_MISMATCH: { says: 'it was not issued to the email address you gave' },
  ERR_RECIPIENT_UNCHECKED: { says: 'its recipient is not named by a hashed email, so the email you gave could not be checked' },
  ERR_TRUST_ISSUER_UNTRUSTED: { says: 'its issuer is not in your trust list', next: NEXT.trust },
}

export function findingOf(check: Check): Finding {
  const code = check.code ?? 'ERR_INTERNAL'
  const meaning = MEANING[code]
  const finding: Finding = { check: check.id, code, says: meaning?.says ?? check.message, message: check.message }
  if (meaning?.next !== undefined) finding.next = meaning.next
  return finding
}

/**
 * Under `strict`, a warning becomes what it would otherwise hide: an unchecked status is a
 * check that could not be completed (`error`), anything else a failure.
 */
export function applyStrict(checks: readonly Check[]): Check[] {
  return checks.map((c) => (c.outcome === 'warn' ? { ...c, outcome: c.code === 'ERR_STATUS_UNKNOWN' ? 'error' : 'fail' } : c))
}

export interface VerdictOptions {
  strict?: boolean
  hints?: HintStyle
  /** What was verified, when not one credential (the headline then names it instead of the issuer's signature). */
  subject?: string
}

/** Reads the verdict from checks (already strict-mapped when `strict`). Pure. */
export function buildVerdict(checks: readonly Check[], options: VerdictOptions = {}): Verdict {
  const problems = checks.filter((c) => c.outcome === 'fail' || c.outcome === 'error').map(findingOf)
  const warnings = checks.filter((c) => c.outcome === 'warn').map(findingOf)
  const level: VerdictLevel = problems.length > 0 ? 'not-verified' : warnings.length > 0 ? 'verified-with-warnings' : 'verified'
  const style = options.hints ?? 'option'
  const said = (f: Finding): string => (f.next === undefined ? f.says : `${f.says} — ${f.next[style]}`)
  let headline: string
  if (level === 'not-verified') {
    const shown = problems.slice(0, 3).map(said)
    headline = `NOT VERIFIED: ${shown.join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`
  } else if (level === 'verified-with-warnings') {
    headline = `VERIFIED WITH WARNINGS: ${options.subject ?? established(checks)}; but ${warnings.map(said).join('; ')}`
  } else {
    headline = `VERIFIED: ${options.subject ?? established(checks)}`
  }
  return { level, headline, strict: options.strict === true, problems, warnings }
}

/** What the passing checks established, in words; silent about what was not checked. */
function established(checks: readonly Check[]): string {
  const outcome = (id: string): Check['outcome'] | undefined => checks.find((c) => c.id === id)?.outcome
  const parts = ['signed by its issuer and unchanged since']
  if (outcome('validity') === 'pass') parts.push('within its validity dates')
  const status = outcome('status')
  if (status === 'pass') parts.push('not revoked or suspended')
  else if (status === 'skip') parts.push('the issuer publishes no revocation status for it')
  if (outcome('recipient') === 'pass') parts.push('issued to the email address you gave')
  return parts.join(', ')
}
