/**
 * @module issuance/turn-reads
 * One store read per key per turn of the event loop, for reads that must never be stale (a
 * status list's version, a did:web issuer's keys: a change made by another instance must show
 * at once, so nothing may be cached). The callers that ask for a key in the same turn wait for
 * one read that starts (`setImmediate`) after all of them asked: each gets a result at least as
 * new as a read of its own would have given, and nothing is kept once the read is answered.
 * Concurrent verifies of credentials on the same lists then cost one read instead of one each.
 *
 * @example
 * const version = readOncePerTurn((listId: string) => store.getStatusListMeta(listId))
 * const [a, b] = await Promise.all([version('l1'), version('l1')])   // one getStatusListMeta call
 */

interface Waiting<V> {
  promise: Promise<V>
  resolve: (value: V) => void
  reject: (e: unknown) => void
}

export function readOncePerTurn<K, V>(read: (key: K) => Promise<V>): (key: K) => Promise<V> {
  let asked = new Map<K, Waiting<V>>()

  const readAll = (): void => {
    const reads = asked
    asked = new Map()
    for (const [key, waiting] of reads) {
      // A read that throws instead of rejecting still answers every caller (never an uncaught throw here).
      new Promise<V>((resolve) => resolve(read(key))).then(waiting.resolve, waiting.reject)
    }
  }

  return (key) => {
    let waiting = asked.get(key)
    if (waiting === undefined) {
      if (asked.size === 0) setImmediate(readAll)
      let resolve!: Waiting<V>['resolve']
      let reject!: Waiting<V>['reject']
      const promise = new Promise<V>((res, rej) => {
        resolve = res
        reject = rej
      })
      waiting = { promise, resolve, reject }
      asked.set(key, waiting)
    }
    return waiting.promise
  }
}
