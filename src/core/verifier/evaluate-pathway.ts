/**
 * @module verifier/evaluate-pathway
 * `evaluatePathway`: stacking evaluation (portability/pathway.ts) with this verifier bound
 * in. Lives on the verifier's side so that the dependency runs one way (verifier →
 * portability); portability itself only sees the injected {@link PathwayVerifier}.
 */
import {
  evaluatePathwayWith,
  type Pathway,
  type PathwayEvaluationOptions,
  type PathwayResult,
  type PathwayVerifier,
} from '../portability/pathway.js'
import { verifyCredential, type VerifyOptions } from './verify-credential.js'
import { verifyPresentation } from './verify-presentation.js'

export interface EvaluatePathwayOptions extends PathwayEvaluationOptions {
  /** Options for verifying every component and endorsement (loader, controller documents, clock, status resolver…). */
  verify?: Omit<VerifyOptions, 'profiles' | 'trustList' | 'endorsements'>
}

/** The verifier pathway evaluation uses, bound to `options`. */
export function pathwayVerifier(options: VerifyOptions = {}): PathwayVerifier {
  return {
    credential: (credential) => verifyCredential(credential, options),
    presentation: (presentation) => verifyPresentation(presentation, options),
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
  }
}

/** Evaluates `input` (credentials, or a verifiable presentation carrying them) against `pathway`. */
export function evaluatePathway(
  pathway: Pathway,
  input: readonly unknown[] | Record<string, unknown>,
  options: EvaluatePathwayOptions = {},
): Promise<PathwayResult> {
  const { verify, ...evaluation } = options
  // Strict: a component counts only when nothing was left unchecked (status unknown does not count).
  return evaluatePathwayWith(pathwayVerifier({ ...(verify ?? {}), strict: true }), pathway, input, evaluation)
}
