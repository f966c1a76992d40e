// Data and helpers for the store contract suite: a settable clock and credential records.
import type { Clock } from '../../src/core/ports.js'
import type { NewCredential, StatusPosition } from '../../src/storage/store.js'

export interface TestClock extends Clock {
  tick(ms: number): void
}

export function testClock(start = '2026-03-01T12:00:00.000Z'): TestClock {
  let t = Date.parse(start)
  return {
    now: () => new Date(t),
    tick: (ms) => {
      t += ms
    },
  }
}

let counter = 0

/** A stored-credential record; `json` has odd spacing and non-ASCII text so re-serializing would show. */
export function newCredential(status: StatusPosition[], over: Partial<NewCredential> = {}): NewCredential {
  counter += 1
  const id = over.id ?? `urn:uuid:00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`
  return {
    id,
    issuerId: 'did:key:z6MkTestIssuer',
    recipient: `did:example:learner-${counter % 3}`,
    achievementId: 'https://example.edu/achievements/data-101',
    json: `{"id":"${id}",  "name":"Zertifikat – Datenkompetenz ✓","n":${counter}}`,
    status,
    ...over,
  }
}

export const HASH_A = 'a'.repeat(64)
export const HASH_B = 'b'.repeat(64)
