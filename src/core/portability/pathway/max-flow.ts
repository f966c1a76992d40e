/**
 * @module portability/pathway/max-flow
 * The assignment behind required achievements and choose-N-of groups, as a maximum flow:
 * source → group (capacity `min`) → option (1) → component (1) → sink (1 when a component may
 * serve one requirement only, else unbounded). Pure; graphs are tiny (a pathway's options
 * times the learner's components), so augmenting paths by depth-first search suffice.
 *
 * @example
 * // one group needing 2 options; option 0 met by component 7, option 1 by 7 or 9
 * maxAssignment([{ id: 'chooseFrom[0]', min: 2 }], [[[7], [7, 9]]], true)
 * // → { perGroup: [2], assignment: Map { 7 → ['chooseFrom[0]'], 9 → ['chooseFrom[0]'] } }
 */

/**
 * `groups[g]` needs `min` of its options, `matches[g][o]` lists the components (by index) that
 * meet option `o` of group `g`. Returns how many options of each group are met at most
 * together, and which groups each component was assigned to.
 */
export function maxAssignment(groups: { id: string; min: number }[], matches: number[][][], exclusive: boolean): { perGroup: number[]; assignment: Map<number, string[]> } {
  const nodes: string[] = ['s', 't']
  const index = (name: string): number => {
    let i = nodes.indexOf(name)
    if (i === -1) {
      nodes.push(name)
      i = nodes.length - 1
    }
    return i
  }
  const cap = new Map<string, number>()
  const adj = new Map<number, Set<number>>()
  const addEdge = (a: number, b: number, c: number): void => {
    cap.set(`${a}>${b}`, (cap.get(`${a}>${b}`) ?? 0) + c)
    if (!cap.has(`${b}>${a}`)) cap.set(`${b}>${a}`, 0)
    ;(adj.get(a) ?? adj.set(a, new Set()).get(a)!).add(b)
    ;(adj.get(b) ?? adj.set(b, new Set()).get(b)!).add(a)
  }
  const BIG = 1e6
  for (const [gi, group] of groups.entries()) {
    const g = index(`g${gi}`)
    addEdge(0, g, group.min)
    for (const [oi, components] of matches[gi]!.entries()) {
      const o = index(`o${gi}.${oi}`)
      addEdge(g, o, 1)
      for (const ci of components) addEdge(o, index(`c${ci}`), 1)
    }
  }
  for (const name of nodes) if (name.startsWith('c')) addEdge(index(name), 1, exclusive ? 1 : BIG)
  // Augmenting paths (DFS); graphs are tiny.
  const augment = (u: number, seen: Set<number>): boolean => {
    if (u === 1) return true
    seen.add(u)
    for (const v of adj.get(u) ?? []) {
      if (seen.has(v) || (cap.get(`${u}>${v}`) ?? 0) <= 0) continue
      if (augment(v, seen)) {
        cap.set(`${u}>${v}`, cap.get(`${u}>${v}`)! - 1)
        cap.set(`${v}>${u}`, (cap.get(`${v}>${u}`) ?? 0) + 1)
        return true
      }
    }
    return false
  }
  while (augment(0, new Set())) {
    /* keep augmenting */
  }
  const perGroup = groups.map((group, gi) => group.min - (cap.get(`0>${index(`g${gi}`)}`) ?? 0))
  const assignment = new Map<number, string[]>()
  for (const [gi, group] of groups.entries()) {
    for (const [oi, components] of matches[gi]!.entries()) {
      const o = index(`o${gi}.${oi}`)
      for (const ci of components) {
        const c = index(`c${ci}`)
        // Flow on o→c shows as residual capacity c→o.
        if ((cap.get(`${c}>${o}`) ?? 0) > 0) assignment.set(ci, [...(assignment.get(ci) ?? []), group.id])
      }
    }
  }
  return { perGroup, assignment }
}
