/**
 * @module core/text/nearest-name
 * "Did you mean …?" for misspelled field names and codes: the optimal-string-alignment
 * (restricted Damerau–Levenshtein) distance, which counts a swap of two neighbouring
 * characters as one edit, and the nearest candidate within a distance that grows with the
 * length of the word (so `credit` → `credits`, but `x` suggests nothing).
 *
 * @example
 * nearestName('credit', ['credits', 'criteria'])   // 'credits'
 * editDistance('recieve', 'receive')               // 1
 */

/** Insertions, deletions, substitutions and adjacent transpositions turning `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const s = [...a]
  const t = [...b]
  if (s.length === 0) return t.length
  if (t.length === 0) return s.length
  // Three rows are enough: the transposition looks two rows back.
  let beforePrevious: number[] = []
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j)
  for (let i = 1; i <= s.length; i++) {
    const current = [i]
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, beforePrevious[j - 2]! + 1)
      current.push(best)
    }
    beforePrevious = previous
    previous = current
  }
  return previous[t.length]!
}

/** The largest distance still worth suggesting for a word of this length. */
export function suggestionThreshold(word: string): number {
  const length = [...word].length
  return length <= 4 ? 1 : length <= 8 ? 2 : 3
}

/**
 * The candidate nearest to `input` (ignoring case), or undefined when none is close enough.
 * An exact match, or one differing only in case, wins outright; ties go to the earlier candidate.
 */
export function nearestName(input: string, candidates: Iterable<string>, maxDistance = suggestionThreshold(input)): string | undefined {
  const wanted = input.toLowerCase()
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === wanted ? 0 : editDistance(wanted, candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return bestDistance <= maxDistance ? best : undefined
}
