/**
 * @module jobs/job-queue
 * What the HTTP routes hand an accepted job to: the in-process runner (SQLite, memory) or the
 * pg-boss queue shared by every instance (PostgreSQL, jobs/pg-boss-queue.ts). The app starts
 * it when ready and stops it (draining) when it closes.
 */
import type { IssuanceContext } from '../issuance/context.js'
import type { JobRecord } from '../storage/store.js'
import { createJobRunner, type JobRunnerOptions } from './job-runner.js'

export interface JobQueue {
  start(): Promise<void>
  /** The job's rows are stored; issue them. */
  submit(job: JobRecord): Promise<void>
  /** Finishes (records) the chunks in flight, takes no new ones. */
  stop(): Promise<void>
}

/** Where failures are reported (the app's logger). */
export interface JobLog {
  error: (obj: object, msg: string) => void
  info: (obj: object, msg: string) => void
}

export type JobQueueFactory = (ctx: IssuanceContext, log?: JobLog) => JobQueue

export function inProcessJobQueue(options: JobRunnerOptions = {}): JobQueueFactory {
  return (ctx, log) => {
    const runner = createJobRunner(ctx, { ...(log === undefined ? {} : { log }), ...options })
    return {
      start: () => runner.start(),
      submit: async (job) => runner.submit(job.id),
      stop: () => runner.stop(),
    }
  }
}
