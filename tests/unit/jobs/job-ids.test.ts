import { describe, expect, it } from 'vitest'
import { csvJobId, rowCredentialUrl, rowUuid } from '../../../src/jobs/job-ids.js'

describe('job ids', () => {
  it('gives a row the same RFC 9562 version-8 UUID every time, and another row another one', () => {
    const a = rowUuid('job-1', 0)
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(rowUuid('job-1', 0)).toBe(a)
    expect(new Set([a, rowUuid('job-1', 1), rowUuid('job-2', 0)]).size).toBe(3)
    expect(rowCredentialUrl('https://badges.example.edu', 'job-1', 0)).toBe(`https://badges.example.edu/credentials/${a}`)
  })

  it('derives a CSV job id from the file hash and the issuer', () => {
    const id = csvJobId('ab'.repeat(32), 'did:key:z6MkA')
    expect(id).toMatch(/^csv-[0-9a-f]{32}$/)
    expect(csvJobId('ab'.repeat(32), 'did:key:z6MkA')).toBe(id)
    expect(csvJobId('ab'.repeat(32), 'did:key:z6MkB')).not.toBe(id)
    expect(csvJobId('cd'.repeat(32), 'did:key:z6MkA')).not.toBe(id)
  })
})
