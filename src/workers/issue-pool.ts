/**
 * @module workers/issue-pool
 * Signs batches on every core: a fixed pool of worker threads (issue-worker.ts), each with
 * the issuer's key imported once. `issueStream` takes an iterable of unsigned credentials
 * and yields signed ones in input order, keeping at most `maxInFlight` chunks in memory,
 * so a 10 000-credential batch never sits in memory whole.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { WORKER_HEAP_MB } from '../limits.js'
import type { KeyMaterial } from '../kms/ed25519-key.js'
import type { Issuer } from '../core/index.js'
import type { JobRowInput, JobRowSigned } from '../jobs/sign-row.js'
import type { IssueJob, IssueJobResult, IssueOutcome, IssueWorkerData, JobRowsJob, JobRowsResult } from './issue-worker.js'

export interface IssuePoolOptions {
  /** The issuer whose key material the workers import. */
  issuer: Issuer
  material: KeyMaterial
  /** Worker threads; defaults to the number of cores. */
  size?: number
  /** Credentials per message to a worker. */
  chunkSize?: number
  /** Old-generation heap limit of each worker, in MiB (default src/limits.ts `WORKER_HEAP_MB`). */
  heapMb?: number
}


export interface IssuePool {
  readonly size: number
  /** The verification method the workers sign with: a pool is only used for that key. */
  readonly keyId: string
  /** Signs every credential; yields outcomes in input order. */
  issueStream(credentials: Iterable<unknown> | AsyncIterable<unknown>, now: Date): AsyncGenerator<IssueOutcome>
  /** Signs job rows (jobs/sign-row.ts) from their text; yields outcomes in input order. */
  signRows(rows: AsyncIterable<JobRowInput>, now: Date): AsyncGenerator<JobRowSigned>
  close(): Promise<void>
}

/** Under vitest the sources are TypeScript; workers always run the compiled file. */
function workerUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('../../dist/src/workers/issue-worker.js', import.meta.url)
    : new URL('./issue-worker.js', import.meta.url)
}

export function createIssuePool(options: IssuePoolOptions): IssuePool {
  const size = Math.max(1, options.size ?? availableParallelism())
  const chunkSize = options.chunkSize ?? 50
  const data: IssueWorkerData = {
    material: options.material,
    keyIds: { id: options.issuer.key.id, controller: options.issuer.key.controller },
    issuerId: options.issuer.id,
    profile: options.issuer.profile,
  }
  const workers = Array.from({ length: size }, () => new Worker(workerUrl(), { workerData: data, resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? WORKER_HEAP_MB } }))
  const idle: Worker[] = [...workers]
  const waiting: ((w: Worker) => void)[] = []
  const pending = new Map<number, { resolve: (r: IssueJobResult & JobRowsResult) => void; reject: (e: Error) => void }>()
  let nextJob = 0

  for (const worker of workers) {
    worker.on('message', (result: IssueJobResult & JobRowsResult) => {
      pending.get(result.jobId)?.resolve(result)
      pending.delete(result.jobId)
      release(worker)
    })
    worker.on('error', (error) => {
      for (const p of pending.values()) p.reject(error)
      pending.clear()
    })
  }

  function release(worker: Worker): void {
    const next = waiting.shift()
    if (next) next(worker)
    else idle.push(worker)
  }

  function acquire(): Promise<Worker> {
    const worker = idle.pop()
    return worker ? Promise.resolve(worker) : new Promise((resolve) => waiting.push(resolve))
  }

  async function run(credentials: unknown[], now: Date): Promise<IssueJobResult> {
    return post((jobId) => ({ jobId, credentials, now: now.toISOString() }) satisfies IssueJob)
  }

  async function post(message: (jobId: number) => IssueJob | JobRowsJob): Promise<IssueJobResult & JobRowsResult> {
    const worker = await acquire()
    const jobId = nextJob++
    return new Promise((resolve, reject) => {
      pending.set(jobId, { resolve, reject })
      worker.postMessage(message(jobId))
    })
  }

  return {
    size,
    keyId: options.issuer.key.id,
    async *issueStream(credentials, now) {
      const inFlight: Promise<IssueJobResult>[] = []
      const maxInFlight = size * 2
      let chunk: unknown[] = []
      for await (const credential of credentials as AsyncIterable<unknown>) {
        chunk.push(credential)
        if (chunk.length === chunkSize) {
          inFlight.push(run(chunk, now))
          chunk = []
          if (inFlight.length >= maxInFlight) yield* (await inFlight.shift()!).outcomes
        }
      }
      if (chunk.length > 0) inFlight.push(run(chunk, now))
      while (inFlight.length > 0) yield* (await inFlight.shift()!).outcomes
    },
    async *signRows(rows, now) {
      const at = now.toISOString()
      const inFlight: Promise<JobRowsResult>[] = []
      const maxInFlight = size * 2
      let chunk: JobRowInput[] = []
      for await (const row of rows) {
        chunk.push(row)
        if (chunk.length === chunkSize) {
          const message = chunk
          inFlight.push(post((jobId) => ({ kind: 'rows', jobId, rows: message, now: at })))
          chunk = []
          if (inFlight.length >= maxInFlight) yield* (await inFlight.shift()!).outcomes
        }
      }
      if (chunk.length > 0) {
        const message = chunk
        inFlight.push(post((jobId) => ({ kind: 'rows', jobId, rows: message, now: at })))
      }
      while (inFlight.length > 0) yield* (await inFlight.shift()!).outcomes
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()))
    },
  }
}
