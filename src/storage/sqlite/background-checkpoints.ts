/**
 * @module storage/sqlite/background-checkpoints
 * Moves SQLite's WAL checkpoints off the thread that serves requests. By default the
 * connection that commits a transaction which takes the WAL past 1 000 pages runs the
 * checkpoint itself, inside that commit: copying those pages into the database file (and an
 * fsync) stalls the event loop of the running service. Measured with `npm run bench:http`,
 * SQLite issue on disk: p99 latency 19 ms → 8 ms and +10 % requests/s with the checkpoints
 * moved away (docs/performance.md).
 *
 * A worker thread with its own connection checkpoints (PASSIVE) at an interval; the serving
 * connection's own automatic checkpoint stays as a safety net at a much larger WAL
 * (`SAFETY_NET_PAGES`), should the worker ever fall behind or die.
 */
import { Worker } from 'node:worker_threads'

/** How often the worker checkpoints. */
export const CHECKPOINT_INTERVAL_MS = 200
/** The serving connection's own automatic checkpoint, while the worker runs (pages of WAL). */
export const SAFETY_NET_PAGES = 16_000

export interface BackgroundCheckpoints {
  /** Stops the worker after one last checkpoint. */
  stop(): Promise<void>
}

/** Under vitest the sources are TypeScript; the worker always runs the compiled file. */
function workerUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('../../../dist/src/storage/sqlite/checkpoint-worker.js', import.meta.url)
    : new URL('./checkpoint-worker.js', import.meta.url)
}

/**
 * Starts checkpointing `filename` (a WAL-mode database) from a worker thread. `onError`
 * hears about checkpoint failures other than "busy"; the worker keeps trying.
 */
export function startBackgroundCheckpoints(filename: string, onError: (message: string) => void = () => {}, intervalMs = CHECKPOINT_INTERVAL_MS): BackgroundCheckpoints {
  const worker = new Worker(workerUrl(), { workerData: { filename, intervalMs }, resourceLimits: { maxOldGenerationSizeMb: 16 } })
  // Never what keeps the process alive.
  worker.unref()
  let exited = false
  const exit = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      exited = true
      resolve()
    })
  })
  worker.on('message', (message: unknown) => {
    if (typeof message === 'object' && message !== null && 'error' in message) onError(String((message as { error: unknown }).error))
  })
  worker.on('error', (e) => onError(e.message))
  return {
    async stop() {
      if (exited) return
      worker.postMessage('stop')
      // A worker that does not answer within a second is ended: closing must not hang.
      const timeout = setTimeout(() => void worker.terminate(), 1000)
      await exit
      clearTimeout(timeout)
    },
  }
}
