import { describe, expect, it } from 'vitest'
import { editDistance, nearestName, suggestionThreshold } from '../../../src/core/index.js'

describe('editDistance (optimal string alignment)', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['credit', 'credits', 1], // insertion
    ['credits', 'credit', 1], // deletion
    ['sytem', 'system', 1],
    ['kitten', 'sitting', 3],
    ['recieve', 'receive', 1], // one transposition, not two substitutions
    ['ca', 'abc', 3], // OSA does not edit a substring twice (true Damerau would say 2)
    ['naïve', 'naive', 1], // code points, not UTF-16 units
  ])('%j → %j is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d)
    expect(editDistance(b, a)).toBe(d)
  })
})

describe('nearestName', () => {
  const fields = ['name', 'description', 'criteria', 'credits', 'workloadHours', 'levels', 'fieldOfStudy']

  it('suggests the field a typo is closest to', () => {
    expect(nearestName('credit', fields)).toBe('credits')
    expect(nearestName('critera', fields)).toBe('criteria')
    expect(nearestName('workloadHour', fields)).toBe('workloadHours')
    expect(nearestName('feildOfStudy', fields)).toBe('fieldOfStudy')
  })

  it('ignores case, and an exact match wins', () => {
    expect(nearestName('Credits', fields)).toBe('credits')
    expect(nearestName('name', fields)).toBe('name')
  })

  it('suggests nothing when nothing is close (short words get less room)', () => {
    expect(nearestName('colour', fields)).toBeUndefined()
    expect(nearestName('x', fields)).toBeUndefined()
    expect(nearestName('anything', [])).toBeUndefined()
    expect(suggestionThreshold('abcd')).toBe(1)
    expect(suggestionThreshold('credits')).toBe(2)
    expect(suggestionThreshold('qualityAssurance')).toBe(3)
  })

  it('breaks ties by candidate order', () => {
    expect(nearestName('cat', ['bat', 'hat'])).toBe('bat')
  })
})
