/**
 * @module web/verify/classify
 * Sorts what the employer dropped or pasted: credentials (JSON, baked PNG/SVG, JWT),
 * presentations, and the supporting documents a verification may need (signed status lists,
 * an issuer's DID/controller document, a pathway file).
 */
import { isPlainObject, readCredentialInput, type CredentialInput } from '../../core/index.js'

export type Dropped =
  | { kind: 'credential'; name: string; input: Extract<CredentialInput, { kind: 'credential' | 'jwt' }> }
  | { kind: 'presentation'; name: string; presentation: Record<string, unknown> }
  | { kind: 'ob2'; name: string; input: Extract<CredentialInput, { kind: 'ob2' }> }
  | { kind: 'status-list'; name: string; list: Record<string, unknown> }
  | { kind: 'controller'; name: string; document: Record<string, unknown> & { id: string } }
  | { kind: 'pathway'; name: string; pathway: Record<string, unknown> }
  | { kind: 'unreadable'; name: string; reason: string }

const types = (value: Record<string, unknown>): unknown[] => (Array.isArray(value['type']) ? value['type'] : [value['type']])

export function classify(name: string, content: Uint8Array | string): Dropped {
  let input: CredentialInput
  try {
    input = readCredentialInput(content)
  } catch (e) {
    return { kind: 'unreadable', name, reason: (e as Error).message }
  }
  if (input.kind === 'ob2') return { kind: 'ob2', name, input }
  if (input.kind === 'jwt') return { kind: 'credential', name, input }
  const value = input.credential
  if (!isPlainObject(value)) return { kind: 'unreadable', name, reason: 'this is JSON, but not an object' }
  const t = types(value)
  if (t.includes('VerifiablePresentation')) return { kind: 'presentation', name, presentation: value }
  if (t.includes('BitstringStatusListCredential') || t.includes('StatusList2021Credential')) return { kind: 'status-list', name, list: value }
  if (!t.includes('VerifiableCredential') && typeof value['id'] === 'string' && (value['verificationMethod'] !== undefined || value['assertionMethod'] !== undefined)) {
    return { kind: 'controller', name, document: value as Record<string, unknown> & { id: string } }
  }
  if (!t.includes('VerifiableCredential') && typeof value['id'] === 'string' && isPlainObject(value['rules'])) return { kind: 'pathway', name, pathway: value }
  return { kind: 'credential', name, input: input as Extract<CredentialInput, { kind: 'credential' }> }
}
