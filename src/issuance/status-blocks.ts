/**
 * @module issuance/status-blocks
 * Status-list positions for the running service, taken from blocks held in memory.
 *
 * Allocating positions is a store transaction that locks the open list's row (PostgreSQL:
 * `FOR NO KEY UPDATE`), so one allocation per issued credential serializes every concurrent
 * request on that lock and costs several round trips. Instead the service allocates a block of
 * positions at a time with the same store call and hands them out from memory. The store's
 * allocation stays transactional, so two processes sharing a database never get the same
 * positions; positions still held when the process stops are never used (their bits stay 0),
 * which the store contract already allows for positions whose credential was never stored.
 *
 * Large requests (more than half a block) go to the store directly: a block would not save a
 * transaction for them and would only strand more positions.
 *
 * @example
 * const allocate = createStatusBlockAllocator(store)
 * const positions = await allocate(1, ['revocation', 'suspension'])
 */
import type { StatusPosition, StatusPurpose, Store } from '../storage/store.js'

/** Positions per purpose taken from the store at a time. At most this many are left unused per purpose when the process stops. */
export const STATUS_BLOCK_SIZE = 128

export type StatusAllocator = (count: number, purposes: readonly StatusPurpose[]) => Promise<StatusPosition[][]>

interface Block {
  /** Positions not handed out yet, one row (one position per purpose) per credential. */
  rows: StatusPosition[][]
  /** The refill in flight, shared by every request waiting for it. */
  refill?: Promise<void>
}

export function createStatusBlockAllocator(store: Pick<Store, 'allocateStatusPositions'>, blockSize = STATUS_BLOCK_SIZE): StatusAllocator {
  if (!Number.isSafeInteger(blockSize) || blockSize < 1) throw new TypeError(`blockSize must be a positive integer (got ${blockSize})`)
  // One block per combination of purposes (in the order asked: rows follow that order).
  const blocks = new Map<string, Block>()

  const refill = (block: Block, purposes: readonly StatusPurpose[]): Promise<void> => {
    block.refill ??= store.allocateStatusPositions(blockSize, purposes).then(
      (rows) => {
        block.rows.push(...rows)
        block.refill = undefined
      },
      (e: unknown) => {
        block.refill = undefined
        throw e
      },
    )
    return block.refill
  }

  return async (count, purposes) => {
    if (count > blockSize / 2 || count < 1) return store.allocateStatusPositions(count, purposes)
    const key = purposes.join(',')
    let block = blocks.get(key)
    if (block === undefined) {
      block = { rows: [] }
      blocks.set(key, block)
    }
    // Another request may take the refilled rows before this one resumes: check again.
    while (block.rows.length < count) await refill(block, purposes)
    return block.rows.splice(0, count)
  }
}
