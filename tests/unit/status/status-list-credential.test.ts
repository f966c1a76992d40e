import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildStatusListCredential, buildStatusListEntry, readStatusListEntry } from '../../../src/core/status/status-list-credential.js'

const FIXTURES = new URL('../../fixtures/status/', import.meta.url)
const fixture = (name: string): Record<string, any> => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'))

describe('status list objects', () => {
  it('builds an entry like the W3C example', () => {
    const expected = fixture('example-revocable-credential.unsigned.json')['credentialStatus']
    expect(buildStatusListEntry({ statusListCredential: 'https://example.com/credentials/status/3', purpose: 'revocation', index: 94567 })).toEqual(expected)
    expect(() => buildStatusListEntry({ statusListCredential: 'https://x.example/s/1', purpose: 'revocation', index: -1 })).toThrow(RangeError)
  })

  it('builds the unsigned status list credential like the W3C example', () => {
    const expected = fixture('example-bitstringstatuslistcredential.unsigned.json')
    const built = buildStatusListCredential({
      id: 'https://example.com/credentials/status/3',
      issuer: 'did:example:12345',
      purpose: 'revocation',
      encodedList: expected['credentialSubject'].encodedList,
      validFrom: '2021-04-05T14:27:40Z',
    })
    // the example names its subject `…/status/3#list`; ours is `<list URL>#list`
    expect(built).toEqual({ ...expected, credentialSubject: { ...expected['credentialSubject'], id: 'https://example.com/credentials/status/3#list' } })
    const withTtl = buildStatusListCredential({ id: 'https://x.example/s/1', issuer: 'did:key:z6Mk', purpose: 'suspension', encodedList: 'uH4sI', ttl: 300_000, validUntil: '2030-01-01T00:00:00Z' })
    expect(withTtl).toMatchObject({ validUntil: '2030-01-01T00:00:00Z', credentialSubject: { statusPurpose: 'suspension', ttl: 300_000 } })
    expect(() => buildStatusListCredential({ id: 'https://x.example/s/1', issuer: 'did:key:z6Mk', purpose: 'revocation', encodedList: 'u', ttl: 0 })).toThrow(RangeError)
  })

  it('reads every entry of the W3C examples', () => {
    for (const name of ['example-multiple-entries-same-list.unsigned.json', 'example-multiple-status-lists.unsigned.json', 'example-statuslist-simple-message-entries.json']) {
      for (const entry of fixture(name)['credentialStatus']) {
        const parsed = readStatusListEntry(entry)
        expect(parsed).toEqual({ purpose: entry.statusPurpose, index: Number(entry.statusListIndex), statusListCredential: entry.statusListCredential })
      }
    }
  })

  it('describes the first defect of a bad entry', () => {
    const good = buildStatusListEntry({ statusListCredential: 'https://x.example/s/1', purpose: 'revocation', index: 5 })
    const cases: [unknown, RegExp][] = [
      ['x', /not an object/],
      [{ ...good, type: 'StatusList2021Entry' }, /not supported/],
      [{ ...good, statusPurpose: 'message' }, /status purpose/],
      [{ ...good, statusListIndex: 5 }, /decimal string/],
      [{ ...good, statusListIndex: '05' }, /decimal string/],
      [{ ...good, statusListIndex: '-1' }, /decimal string/],
      [{ ...good, statusListCredential: 'not a url' }, /URL/],
      [{ ...good, statusSize: 2 }, /statusSize/],
    ]
    for (const [entry, message] of cases) expect(readStatusListEntry(entry)).toMatch(message)
    expect(readStatusListEntry({ ...good, statusSize: 1 })).toMatchObject({ index: 5 })
  })
})
