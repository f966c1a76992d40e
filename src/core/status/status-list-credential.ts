/**
 * @module status/status-list-credential
 * Builds the two W3C Bitstring Status List v1.0 objects microcred writes — the
 * `BitstringStatusListEntry` inside a credential and the (unsigned)
 * `BitstringStatusListCredential` a service signs with `issueCredential` — and reads an entry
 * back. Only the VC 2.0 context is needed: it defines every status list term.
 */
import { isPlainObject } from '../credential/shape.js'
import { VC_V2_CONTEXT } from '../contexts/bundled.js'

export const STATUS_LIST_PURPOSES = ['revocation', 'suspension'] as const
export type StatusListPurpose = (typeof STATUS_LIST_PURPOSES)[number]

export interface StatusListEntry {
  id: string
  type: 'BitstringStatusListEntry'
  statusPurpose: StatusListPurpose
  /** A decimal string, as the specification requires. */
  statusListIndex: string
  statusListCredential: string
}

/** The entry for position `index` of the list published at `statusListCredential`. */
export function buildStatusListEntry(input: { statusListCredential: string; purpose: StatusListPurpose; index: number }): StatusListEntry {
  if (!Number.isSafeInteger(input.index) || input.index < 0) throw new RangeError(`statusListIndex must be a non-negative integer (got ${input.index})`)
  return {
    id: `${input.statusListCredential}#${input.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: input.purpose,
    statusListIndex: String(input.index),
    statusListCredential: input.statusListCredential,
  }
}

export interface StatusListCredentialInput {
  /** The URL the list is published at; the entries' `statusListCredential`. */
  id: string
  /** Issuer DID (the same issuer as the credentials the list covers). */
  issuer: string
  purpose: StatusListPurpose
  /** From `encodeStatusList`. */
  encodedList: string
  validFrom?: string
  validUntil?: string
  /** Time to live in milliseconds: verifiers treat the list as stale after it. */
  ttl?: number
}

/** An unsigned `BitstringStatusListCredential`; sign it with `issueCredential`. */
export function buildStatusListCredential(input: StatusListCredentialInput): Record<string, unknown> {
  const subject: Record<string, unknown> = {
    id: `${input.id}#list`,
    type: 'BitstringStatusList',
    statusPurpose: input.purpose,
    encodedList: input.encodedList,
  }
  if (input.ttl !== undefined) {
    if (!Number.isSafeInteger(input.ttl) || input.ttl <= 0) throw new RangeError(`ttl must be a positive number of milliseconds (got ${input.ttl})`)
    subject['ttl'] = input.ttl
  }
  return {
    '@context': [VC_V2_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    ...(input.validFrom === undefined ? {} : { validFrom: input.validFrom }),
    ...(input.validUntil === undefined ? {} : { validUntil: input.validUntil }),
    credentialSubject: subject,
  }
}

export interface ParsedStatusEntry {
  purpose: StatusListPurpose
  index: number
  statusListCredential: string
}

/** Reads a credential's status entry; a string describes the first defect found. */
export function readStatusListEntry(entry: unknown): ParsedStatusEntry | string {
  if (!isPlainObject(entry)) return 'the status entry is not an object'
  const types = Array.isArray(entry['type']) ? entry['type'] : [entry['type']]
  if (!types.includes('BitstringStatusListEntry')) return `status entries of type ${JSON.stringify(entry['type'])} are not supported`
  const purpose = entry['statusPurpose']
  if (typeof purpose !== 'string' || !(STATUS_LIST_PURPOSES as readonly string[]).includes(purpose)) {
    return `status purpose ${JSON.stringify(purpose)} is not supported (revocation, suspension)`
  }
  const size = entry['statusSize']
  if (size !== undefined && size !== 1 && size !== '1') return `statusSize ${JSON.stringify(size)} is not supported (1)`
  const rawIndex = entry['statusListIndex']
  if (typeof rawIndex !== 'string' || !/^(0|[1-9][0-9]{0,15})$/.test(rawIndex)) return 'statusListIndex must be a decimal string'
  const index = Number(rawIndex)
  if (!Number.isSafeInteger(index)) return 'statusListIndex is too large'
  const url = entry['statusListCredential']
  if (typeof url !== 'string' || !/^[a-z][a-z0-9+.-]*:/i.test(url)) return 'statusListCredential must be a URL'
  return { purpose: purpose as StatusListPurpose, index, statusListCredential: url }
}
