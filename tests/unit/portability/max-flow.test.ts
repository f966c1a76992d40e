// The assignment behind required achievements and choose-N-of groups (src/core/portability/pathway/max-flow.ts),
// tested directly: a pure function of groups and which components meet which options.
import { describe, expect, it } from 'vitest'
import { maxAssignment } from '../../../src/core/portability/pathway/max-flow.js'

const group = (id: string, min: number) => ({ id, min })

describe('maxAssignment', () => {
  it('no groups: nothing assigned', () => {
    expect(maxAssignment([], [], true)).toEqual({ perGroup: [], assignment: new Map() })
  })

  it('one group met by distinct components', () => {
    const { perGroup, assignment } = maxAssignment([group('chooseFrom[0]', 2)], [[[7], [9], [11]]], true)
    expect(perGroup).toEqual([2])
    expect([...assignment.values()].flat()).toEqual(['chooseFrom[0]', 'chooseFrom[0]'])
    expect(assignment.size).toBe(2)
  })

  it('finds the assignment a greedy choice would miss (augmenting paths re-route)', () => {
    // Option 0 is met by 7 or 9, option 1 only by 7: taking 7 for option 0 first would leave option 1 unmet.
    const { perGroup, assignment } = maxAssignment([group('chooseFrom[0]', 2)], [[[7, 9], [7]]], true)
    expect(perGroup).toEqual([2])
    expect(new Set(assignment.keys())).toEqual(new Set([7, 9]))
  })

  it('a component counts for one option of a group even when it meets several', () => {
    expect(maxAssignment([group('chooseFrom[0]', 2)], [[[7], [7]]], true).perGroup).toEqual([1])
  })

  it('exclusive: a component serves one requirement; not exclusive: it may serve several', () => {
    const groups = [group('requiredAchievements[0]', 1), group('chooseFrom[0]', 1)]
    const matches = [[[3]], [[3]]]
    const exclusive = maxAssignment(groups, matches, true)
    expect(exclusive.perGroup.reduce((a, b) => a + b)).toBe(1)
    expect(exclusive.assignment.get(3)).toHaveLength(1)
    const shared = maxAssignment(groups, matches, false)
    expect(shared.perGroup).toEqual([1, 1])
    expect(shared.assignment.get(3)).toEqual(['requiredAchievements[0]', 'chooseFrom[0]'])
  })

  it('exclusive: two requirements share the components so both are met when possible', () => {
    // A needs one of {1, 2}; B needs one of {1}: 1 must go to B, 2 to A.
    const { perGroup, assignment } = maxAssignment([group('A', 1), group('B', 1)], [[[1, 2]], [[1]]], true)
    expect(perGroup).toEqual([1, 1])
    expect(assignment.get(1)).toEqual(['B'])
    expect(assignment.get(2)).toEqual(['A'])
  })

  it('reports a shortfall per group without exceeding min', () => {
    const { perGroup } = maxAssignment([group('A', 3), group('B', 1)], [[[1], [2], []], [[]]], true)
    expect(perGroup).toEqual([2, 0])
    expect(maxAssignment([group('A', 1)], [[[1], [2], [3]]], true).perGroup).toEqual([1])
  })
})
