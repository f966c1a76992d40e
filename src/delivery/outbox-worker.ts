/**
 * @module delivery/outbox-worker
 * Delivers queued offer emails. The queue is the store's outbox, so it survives restarts: a
 * worker started later (or in another process) picks up whatever is due. Each pass leases due
 * rows (so two workers never send one message at once), sends them one by one and records
 * every attempt. A failed attempt is retried after an exponential backoff (base × 2^attempt,
 * capped) until `maxAttempts`, then the message is given up (`failed`; visible in GET /offers/:id).
 *
 * A lease longer than a send's worst case (timeouts) matters: if the process dies mid-send,
 * the row becomes due again when the lease ends and the message may go out twice — better
 * than never.
 */
import type { IssuanceContext } from '../issuance/context.js'
import { summarizeOffer } from '../issuance/offers.js'
import type { DueDelivery } from '../storage/store.js'
import type { Mailer } from './mailer.js'
import { composeOfferEmail } from './offer-email.js'

export interface OutboxWorkerOptions {
  /** Pause between passes when nothing was due, in ms (default 5000). */
  pollMs?: number
  /** How long a leased row is reserved for this worker, in ms (default 10 minutes). */
  leaseMs?: number
  /** Rows per pass (default 20). */
  batchSize?: number
  /** First retry delay in ms (default 60 000); doubles with each attempt. */
  retryBaseMs?: number
  /** Longest retry delay in ms (default 6 hours). */
  retryMaxMs?: number
  /** Attempts before a message is given up (default 10). */
  maxAttempts?: number
  /** Longest `stop()` waits for a message being sent, in ms (default 10 000): shutdown stays bounded when SMTP hangs. */
  stopWaitMs?: number
  /** Where failures are reported (already scrubbed of secrets). */
  onError?: (message: string, details: Record<string, unknown>) => void
}

export interface OutboxWorker {
  /** One pass: leases what is due and tries to send it; resolves with how many were sent. */
  runOnce(): Promise<number>
  /** Starts passing every `pollMs` until `stop()`. */
  start(): void
  /** Runs a pass now instead of at the next poll (e.g. right after offers were queued); no-op unless started. */
  wake(): void
  /** Stops the loop and waits (at most `stopWaitMs`) for the pass in progress. Idempotent. */
  stop(): Promise<void>
}

export function createOutboxWorker(ctx: IssuanceContext, mailer: Mailer, options: OutboxWorkerOptions = {}): OutboxWorker {
  const pollMs = options.pollMs ?? 5000
  const leaseMs = options.leaseMs ?? 600_000
  const batchSize = options.batchSize ?? 20
  const retryBaseMs = options.retryBaseMs ?? 60_000
  const retryMaxMs = options.retryMaxMs ?? 6 * 3_600_000
  const maxAttempts = options.maxAttempts ?? 10
  const stopWaitMs = options.stopWaitMs ?? 10_000
  let timer: NodeJS.Timeout | undefined
  /** True while a pass runs; a wake-up then asks for one more pass right after it. */
  let busy = false
  let again = false
  let running: Promise<unknown> = Promise.resolve()
  let stopped = true
  /** Set by stop(): a pass in progress sends no further message (leased rows fall due again). */
  let halted = false

  const deliver = async (due: DueDelivery): Promise<boolean> => {
    const offer = await ctx.store.getOffer(due.offerId)
    if (offer === undefined) return false
    const summary = summarizeOffer(ctx, offer)
    const message = composeOfferEmail({
      issuerName: summary.issuer.name ?? summary.issuer.id,
      achievementName: summary.achievement.name ?? 'a credential',
      claimUrl: due.claimUrl,
      expiresAt: offer.expiresAt,
    })
    const token = due.claimUrl.slice(due.claimUrl.lastIndexOf('/') + 1)
    try {
      await mailer.send(due.email, message, [due.claimUrl, token])
      await ctx.store.recordDeliveryAttempt(due.offerId, { ok: true })
      return true
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e)
      const attempt = due.attempts + 1
      const retryAt = attempt >= maxAttempts ? undefined : new Date(ctx.clock.now().getTime() + Math.min(retryMaxMs, retryBaseMs * 2 ** (attempt - 1)))
      await ctx.store.recordDeliveryAttempt(due.offerId, { ok: false, error, retryAt })
      options.onError?.('offer email not sent', { offerId: due.offerId, attempt, error, ...(retryAt === undefined ? { gaveUp: true } : { retryAt: retryAt.toISOString() }) })
      return false
    }
  }

  const runOnce = async (): Promise<number> => {
    let sent = 0
    for (const due of await ctx.store.leaseDueDeliveries(batchSize, leaseMs)) {
      if (halted) break
      if (await deliver(due)) sent += 1
    }
    return sent
  }

  const loop = (): void => {
    if (stopped) return
    busy = true
    again = false
    running = runOnce()
      .catch((e: unknown) => options.onError?.('outbox pass failed', { error: e instanceof Error ? e.message : String(e) }))
      .finally(() => {
        busy = false
        if (!stopped) timer = setTimeout(loop, again ? 0 : pollMs)
      })
  }

  return {
    runOnce,
    start() {
      if (!stopped) return
      stopped = false
      halted = false
      loop()
    },
    wake() {
      if (stopped) return
      if (busy) {
        again = true
        return
      }
      if (timer !== undefined) clearTimeout(timer)
      loop()
    },
    async stop() {
      stopped = true
      halted = true
      if (timer !== undefined) clearTimeout(timer)
      // A message still sending after the wait is abandoned: its lease runs out and it is sent
      // again later (possibly twice, never lost).
      let waited: NodeJS.Timeout | undefined
      await Promise.race([running, new Promise((resolve) => (waited = setTimeout(resolve, stopWaitMs)))])
      clearTimeout(waited)
    },
  }
}
