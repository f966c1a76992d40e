import { describe, expect, it } from 'vitest'
import { cloneJsonValue, jsonValuesEqual } from '../../../src/core/credential/json-values.js'

describe('cloneJsonValue', () => {
  it('copies JSON data deeply: equal, and sharing no object with the original', () => {
    const original = { a: [1, 'two', { three: true, four: null }], b: { c: { d: -0.5 } }, e: '' }
    const copy = cloneJsonValue(original)
    expect(copy).toEqual(original)
    expect(copy).not.toBe(original)
    expect(copy.a).not.toBe(original.a)
    expect(copy.a[2]).not.toBe(original.a[2])
    expect(copy.b.c).not.toBe(original.b.c)
    ;(copy.b.c as { d: number }).d = 1
    expect(original.b.c.d).toBe(-0.5)
  })

  it('keeps the member order (JSON.stringify of the copy is the same text)', () => {
    const original = JSON.parse('{"z":1,"a":{"y":[3,2,1],"b":"x"},"m":null}') as unknown
    expect(JSON.stringify(cloneJsonValue(original))).toBe(JSON.stringify(original))
  })

  it('keeps an own "__proto__" member as a member, not as the prototype', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>
    const copy = cloneJsonValue(parsed)
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(Object.hasOwn(copy, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(JSON.stringify(copy)).toBe(JSON.stringify(parsed))
  })

  it('copies non-plain objects as structuredClone does (a Date stays a Date)', () => {
    const when = new Date('2026-01-02T03:04:05Z')
    const copy = cloneJsonValue({ when, list: [when] })
    expect(copy.when).toBeInstanceOf(Date)
    expect(copy.when).not.toBe(when)
    expect(copy.when.getTime()).toBe(when.getTime())
    expect(copy.list[0]).toBeInstanceOf(Date)
  })

  it('returns scalars as they are', () => {
    for (const v of [null, 0, 1.5, 'text', true, false, undefined]) expect(cloneJsonValue(v)).toBe(v)
  })
})

describe('jsonValuesEqual', () => {
  it('equal data in any member order', () => {
    expect(jsonValuesEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true)
  })

  it('differs on a missing or extra member, array order or length, and scalar type', () => {
    expect(jsonValuesEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false)
    expect(jsonValuesEqual({ a: 1, b: 2 }, { a: 1 })).toBe(false)
    expect(jsonValuesEqual({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false)
    expect(jsonValuesEqual([1, 2], [2, 1])).toBe(false)
    expect(jsonValuesEqual([1, 2], [1, 2, 3])).toBe(false)
    expect(jsonValuesEqual({ a: '1' }, { a: 1 })).toBe(false)
    expect(jsonValuesEqual({ a: null }, { a: {} })).toBe(false)
    expect(jsonValuesEqual({ a: [] }, { a: {} })).toBe(false)
    expect(jsonValuesEqual({}, [])).toBe(false)
  })

  it('stops at the reference depth: a 100 000-deep candidate does not overflow the stack', () => {
    let deep: Record<string, unknown> = {}
    for (let i = 0; i < 100_000; i++) deep = { x: deep }
    expect(jsonValuesEqual({ x: { x: 1 } }, deep)).toBe(false)
  })
})
