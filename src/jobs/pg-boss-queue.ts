/**
 * @module jobs/pg-boss-queue
 * Jobs on PostgreSQL: the queue every instance shares is pg-boss (its own schema, created by
 * its `start()`). An accepted job becomes one task per chunk of rows; any instance takes tasks,
 * several at a time, and issues them through the same pipeline as the in-process runner
 * (jobs/issue-chunks.ts). pg-boss delivers a task at least once: an instance that dies holding
 * tasks loses them to another after the lease (`jobLeaseSeconds`) expires, and a chunk recorded
 * already is a no-op (`completeJobRows` records a chunk once; row credential ids are fixed).
 */
import PgBoss from 'pg-boss'
import type { IssuanceContext } from '../issuance/context.js'
import type { JobRecord } from '../storage/store.js'
import { issueChunks, type JobChunk } from './issue-chunks.js'
import type { JobLog, JobQueue, JobQueueFactory } from './job-queue.js'
import { JOB_CHUNK_SIZE } from './job-runner.js'

export const CHUNK_QUEUE = 'microcred-issue-chunks'

interface ChunkTask {
  jobId: string
  from: number
  to: number
}

export interface PgBossQueueOptions {
  connectionString: string
  /** The schema pg-boss keeps its tables in (one per microcred database schema). */
  schema: string
  /** Seconds an instance holds a task before it is handed to another. */
  leaseSeconds: number
  chunkSize?: number
  /** Tasks one fetch takes (their rows are signed as one stream). */
  tasksPerFetch?: number
  /** Fetch loops per instance: while one records its last chunk, the other keeps the pool busy. */
  workers?: number
}

/** The chunk tasks of a job: rows [from, to) each. */
export function chunkTasks(job: Pick<JobRecord, 'id' | 'total'>, chunkSize: number): ChunkTask[] {
  const tasks: ChunkTask[] = []
  for (let from = 0; from < job.total; from += chunkSize) tasks.push({ jobId: job.id, from, to: Math.min(job.total, from + chunkSize) })
  return tasks
}

export function pgBossJobQueue(options: PgBossQueueOptions): JobQueueFactory {
  return (ctx: IssuanceContext, log?: JobLog): JobQueue => {
    const chunkSize = options.chunkSize ?? JOB_CHUNK_SIZE
    const boss = new PgBoss({
      connectionString: options.connectionString,
      schema: options.schema,
      max: 4,
      // Expired tasks are found by the maintenance pass: run it often enough that a crashed
      // instance's tasks come back soon after their lease.
      maintenanceIntervalSeconds: Math.max(5, Math.min(60, Math.ceil(options.leaseSeconds / 4))),
      monitorStateIntervalSeconds: 600,
    })
    boss.on('error', (e: Error) => log?.error({ err: e }, 'pg-boss error'))
    let stopping = false

    async function* chunksOf(tasks: PgBoss.Job<ChunkTask>[], left: { tasks: boolean }): AsyncGenerator<JobChunk> {
      for (const task of tasks) {
        if (stopping) {
          left.tasks = true
          return
        }
        const { jobId, from, to } = task.data
        const job = await ctx.store.startJob(jobId)
        if (job.state !== 'running') continue // cancelled or failed: the task has nothing to do
        const rows = await ctx.store.pendingJobRows(jobId, from, to - from, to)
        if (rows.length > 0) yield { jobId, rows }
      }
    }

    async function send(tasks: ChunkTask[]): Promise<void> {
      for (let i = 0; i < tasks.length; i += 1000) {
        await boss.insert(tasks.slice(i, i + 1000).map((data) => ({ name: CHUNK_QUEUE, data, expireInSeconds: options.leaseSeconds })))
      }
    }

    return {
      async start() {
        await boss.start()
        await createQueueOnce(boss, { name: CHUNK_QUEUE, retryLimit: 20, retryDelay: 2, retryBackoff: true, expireInSeconds: options.leaseSeconds })
        // A job accepted by an instance that died before its tasks were queued would wait
        // forever: queue its tasks again (tasks of a job queued twice are no-ops the second time).
        for (const job of await ctx.store.listUnfinishedJobs()) if (job.state === 'queued') await send(chunkTasks(job, chunkSize))
        for (let i = 0; i < (options.workers ?? 2); i++) {
          await boss.work<ChunkTask>(CHUNK_QUEUE, { batchSize: options.tasksPerFetch ?? 8, pollingIntervalSeconds: 0.5 }, async (tasks) => {
            const left = { tasks: false }
            try {
              await issueChunks(ctx, chunksOf(tasks, left))
            } catch (e) {
              log?.error({ err: e, tasks: tasks.length }, 'job chunk tasks failed; pg-boss retries them')
              throw e
            }
            // Tasks not started because the instance is stopping go back to the queue (failed →
            // retried); the ones done are no-ops when retried.
            if (left.tasks) throw new Error('stopping: chunk tasks handed back')
          })
        }
      },
      async submit(job) {
        await send(chunkTasks(job, chunkSize))
      },
      async stop() {
        stopping = true
        // Graceful: the tasks in hand finish (their chunks are recorded) before the pool closes.
        await boss.stop({ graceful: true, wait: true, timeout: 25_000 })
      },
    }
  }
}

/**
 * Creates the chunk queue unless another instance already has. Instances that start together
 * race in pg-boss's createQueue (it creates a partition table), and PostgreSQL resolves the race
 * by aborting one of them as a deadlock (40P01): the loser looks again, finds the queue the
 * winner made, and goes on. Any other error surfaces.
 */
async function createQueueOnce(boss: PgBoss, queue: PgBoss.Queue): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if ((await boss.getQueue(queue.name)) !== null) return
    try {
      await boss.createQueue(queue.name, queue)
      return
    } catch (e) {
      const code = (e as { code?: unknown }).code
      if ((code !== '40P01' && code !== '23505') || attempt >= 5) throw e
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100))
    }
  }
}
