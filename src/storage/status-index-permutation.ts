/**
 * @module storage/status-index-permutation
 * Where the n-th allocation of a status list lands. A list hands out positions with a
 * counter (one locked row, so never twice); the counter goes through a keyed permutation of
 * 0..size-1 so indices look random to anyone without the list's seed (herd privacy:
 * neighbouring indices say nothing about issue order). A bijection, so distinct counters
 * give distinct indices. Small balanced Feistel network over the next even power of two,
 * cycle-walking back into range.
 */
import { randomBytes } from 'node:crypto'

const ROUNDS = 6

/** A fresh random seed (hex) for a new list. */
export function newPermutationSeed(): string {
  return randomBytes(4 * ROUNDS).toString('hex')
}

/** murmur3's 32-bit finalizer: a fast, well-mixing round function. */
function mix(x: number): number {
  x ^= x >>> 16
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  x ^= x >>> 16
  return x >>> 0
}

/** Returns `permute(counter)` for one list: a bijection on 0..size-1 keyed by `seed`. */
export function createIndexPermutation(seed: string, size: number): (counter: number) => number {
  if (!/^[0-9a-f]{48}$/.test(seed)) throw new TypeError('a status list seed is 24 bytes of hex')
  const keys = Array.from({ length: ROUNDS }, (_, i) => Number.parseInt(seed.slice(i * 8, i * 8 + 8), 16))
  let bits = 2
  while (2 ** bits < size) bits += 2
  const half = bits / 2
  const mask = 2 ** half - 1
  const once = (x: number): number => {
    let left = Math.floor(x / 2 ** half)
    let right = x & mask
    for (const key of keys) {
      const next = (left ^ mix(right ^ key)) & mask
      left = right
      right = next
    }
    return left * 2 ** half + right
  }
  return (counter) => {
    if (!Number.isSafeInteger(counter) || counter < 0 || counter >= size) throw new RangeError(`counter ${counter} is outside 0..${size - 1}`)
    let x = once(counter)
    while (x >= size) x = once(x)
    return x
  }
}
