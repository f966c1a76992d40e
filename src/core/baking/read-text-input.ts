/**
 * @module baking/read-text-input
 * What a verifier was handed, when it is text: a credential as JSON, a compact JWT, or an
 * Open Badges 2.0 assertion. Recognising the last two by shape lets a verifier say what it
 * got instead of "not JSON". Baked PNG and SVG badges are read by read-badge.ts, which loads
 * the image libraries; `readUnbakedInput` lets a caller load them only for an image.
 */
import { MicrocredError } from '../errors.js'
import { isPng, isSvg } from './sniff.js'

export type BadgeContainer = 'json' | 'png' | 'svg' | 'text'

export type CredentialInput =
  | { kind: 'credential'; container: BadgeContainer; credential: unknown }
  | { kind: 'jwt'; container: BadgeContainer; jwt: string }
  /** `assertion`: the parsed JSON assertion, or the compact JWS (signed) or URL (hosted) as a string. */
  | { kind: 'ob2'; container: BadgeContainer; assertion: unknown; hosted: boolean }

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/
const OB2_CONTEXT = 'https://w3id.org/openbadges/v2'

function isOb2Assertion(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const { '@context': context, type } = value as Record<string, unknown>
  const contexts = Array.isArray(context) ? context : [context]
  return contexts.includes(OB2_CONTEXT) || type === 'Assertion' || (Array.isArray(type) && type.includes('Assertion') && !type.includes('VerifiableCredential'))
}

/** Reads baked or plain text: a JSON credential, a JWT, or an OB 2.0 assertion (JSON, JWS or URL). */
export function credentialInputFromText(text: string, container: BadgeContainer, version: 2 | 3): CredentialInput {
  const trimmed = text.trim()
  if (JWT.test(trimmed)) return version === 2 ? { kind: 'ob2', container, assertion: trimmed, hosted: false } : { kind: 'jwt', container, jwt: trimmed }
  if (version === 2 && /^https?:\/\//.test(trimmed)) return { kind: 'ob2', container, assertion: trimmed, hosted: true }
  let value: unknown
  try {
    value = JSON.parse(trimmed)
  } catch (e) {
    const where = container === 'json' || container === 'text' ? 'the input' : `the credential baked into the ${container.toUpperCase()}`
    throw new MicrocredError('ERR_INPUT_INVALID_JSON', `${where} is not valid JSON, a JWT or a baked badge: ${(e as Error).message}`)
  }
  if (version === 2 || isOb2Assertion(value)) return { kind: 'ob2', container, assertion: value, hosted: (value as { verification?: { type?: unknown } } | null)?.verification?.type === 'hosted' }
  return { kind: 'credential', container, credential: value }
}

/** The input as text: a string as is, bytes as strict UTF-8 (`ERR_INPUT_UNREADABLE` otherwise). */
export function inputText(input: Uint8Array | string): string {
  try {
    return typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input)
  } catch {
    throw new MicrocredError('ERR_INPUT_UNREADABLE', 'the input is neither UTF-8 text nor a PNG image')
  }
}

/**
 * `readCredentialInput` for everything but baked badges: undefined when the input is a PNG or
 * SVG image (read it with `readCredentialInput`), the same result or error otherwise.
 */
export function readUnbakedInput(input: Uint8Array | string): CredentialInput | undefined {
  if (typeof input !== 'string' && isPng(input)) return undefined
  const text = inputText(input)
  if (isSvg(text)) return undefined
  return credentialInputFromText(text, JWT.test(text.trim()) ? 'text' : 'json', 3)
}

/** One sentence for an employer about an Open Badges 2.0 badge (which this verifier does not check). */
export function describeOb2Input(input: Extract<CredentialInput, { kind: 'ob2' }>): string {
  const where = input.container === 'png' || input.container === 'svg' ? `a ${input.container.toUpperCase()} badge baked with ` : ''
  return input.hosted
    ? `${where}an Open Badges 2.0 hosted assertion: it can only be checked against the issuer's server, which an offline verifier does not contact`
    : `${where}an Open Badges 2.0 assertion (signed or plain JSON), an earlier format than Open Badges 3.0`
}
