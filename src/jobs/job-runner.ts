/**
 * @module jobs/job-runner
 * Runs jobs in this process (SQLite and memory stores; the CLI): one job at a time, reading its
 * pending rows chunk by chunk from the store, so a job survives a kill: at start the runner
 * resumes every unfinished job from the rows not yet recorded. `stop()` drains: no new chunk
 * is read, the chunks being signed are recorded, then it resolves.
 */
import type { IssuanceContext } from '../issuance/context.js'
import type { JobRecord } from '../storage/store.js'
import { issueChunks, type JobChunk } from './issue-chunks.js'

/** Rows per chunk: one status allocation and one transaction each. */
export const JOB_CHUNK_SIZE = 250
/** Attempts at a job whose chunks fail for reasons other than its rows (the store is down). */
const MAX_ATTEMPTS = 5

export interface JobRunner {
  /** Resumes unfinished jobs (queued or running). */
  start(): Promise<void>
  /** Queues an accepted job. */
  submit(jobId: string): void
  /** Stops after recording the chunks in flight. */
  stop(): Promise<void>
}

export interface JobRunnerOptions {
  chunkSize?: number
  /** Called after each recorded chunk (the CLI prints progress from it). */
  onChunk?: (job: JobRecord) => void
  /** Where failures are reported (the server's logger). */
  log?: { error: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void }
  /** Delay before a failed job is tried again, in ms. */
  retryDelayMs?: number
}

/** The chunks of a job's rows still to issue, read from the store one chunk at a time. */
export async function* pendingChunks(ctx: IssuanceContext, jobId: string, chunkSize: number, until: () => boolean, range: { from: number; to?: number } = { from: 0 }): AsyncGenerator<JobChunk> {
  let from = range.from
  while (!until()) {
    const job = await ctx.store.getJob(jobId)
    if (job?.state !== 'running') return // cancelled or failed meanwhile
    const rows = await ctx.store.pendingJobRows(jobId, from, chunkSize, range.to)
    if (rows.length === 0) return
    yield { jobId, rows }
    from = rows[rows.length - 1]!.row + 1
  }
}

export function createJobRunner(ctx: IssuanceContext, options: JobRunnerOptions = {}): JobRunner {
  const chunkSize = options.chunkSize ?? JOB_CHUNK_SIZE
  const queue: string[] = []
  let stopping = false
  let running: Promise<void> | undefined

  async function runOne(jobId: string): Promise<void> {
    for (let attempt = 1; !stopping; attempt++) {
      try {
        const job = await ctx.store.startJob(jobId)
        if (job.state !== 'running') return
        await issueChunks(ctx, pendingChunks(ctx, jobId, chunkSize, () => stopping), { onChunk: (j) => options.onChunk?.(j) })
        return
      } catch (e) {
        options.log?.error({ err: e, jobId, attempt }, 'job chunk failed')
        if (attempt >= MAX_ATTEMPTS) {
          await ctx.store.finishJob(jobId, 'failed', e instanceof Error ? e.message : String(e)).catch(() => {})
          return
        }
        await new Promise((r) => setTimeout(r, (options.retryDelayMs ?? 1000) * attempt))
      }
    }
  }

  function kick(): void {
    if (running !== undefined || stopping) return
    running = (async () => {
      while (!stopping && queue.length > 0) await runOne(queue.shift()!)
    })().finally(() => {
      running = undefined
      if (!stopping && queue.length > 0) kick()
    })
  }

  return {
    async start() {
      for (const job of await ctx.store.listUnfinishedJobs()) if (!queue.includes(job.id)) queue.push(job.id)
      kick()
    },
    submit(jobId) {
      if (!queue.includes(jobId)) queue.push(jobId)
      kick()
    },
    async stop() {
      stopping = true
      await running
    },
  }
}
