// LinkedIn's add-to-profile link: the documented parameter names, month 1–12 in UTC, the
// organisation by numeric id when known (else by name), expiry only when the credential has
// one, and certUrl only when given (a private credential has no page).
import { describe, expect, it } from 'vitest'
import { linkedInAddToProfileUrl } from '../../../src/delivery/linkedin.js'

const params = (url: string) => Object.fromEntries(new URL(url).searchParams)

describe('linkedInAddToProfileUrl', () => {
  it('builds the certification link with name, organisation, issue month (UTC), id and page', () => {
    const url = linkedInAddToProfileUrl({
      name: 'Data Literacy & Ethics',
      organizationName: 'Example University',
      issued: '2026-12-31T23:30:00-02:00', // 1 January 2027 in UTC
      certId: 'https://badges.example.edu/credentials/1',
      certUrl: 'https://badges.example.edu/c/1',
    })
    expect(url.startsWith('https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&')).toBe(true)
    expect(params(url)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Data Literacy & Ethics',
      organizationName: 'Example University',
      issueYear: '2027',
      issueMonth: '1',
      certId: 'https://badges.example.edu/credentials/1',
      certUrl: 'https://badges.example.edu/c/1',
    })
  })

  it('prefers a numeric organisation id, adds the expiry, and leaves out what it does not know', () => {
    expect(params(linkedInAddToProfileUrl({ name: 'A', organizationName: 'Org', organizationId: '1337', issued: '2026-03-05T00:00:00Z', expires: '2029-11-01T00:00:00Z' }))).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'A',
      organizationId: '1337',
      issueYear: '2026',
      issueMonth: '3',
      expirationYear: '2029',
      expirationMonth: '11',
    })
    // Not a LinkedIn id: the name is used; an unreadable date is left out.
    expect(params(linkedInAddToProfileUrl({ name: 'A', organizationName: 'Org', organizationId: 'urn:li:organization:1', issued: 'not a date' }))).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'A',
      organizationName: 'Org',
    })
  })
})
