/**
 * @module storage/sqlite/checkpoint-worker
 * The worker thread of `startBackgroundCheckpoints`: its own connection to the database
 * file, running a PASSIVE checkpoint (copy committed WAL frames into the database file,
 * never waiting for or blocking a writer) at a fixed interval and once more when stopped.
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

interface CheckpointWorkerData {
  filename: string
  intervalMs: number
}

const { filename, intervalMs } = workerData as CheckpointWorkerData
const db = new Database(filename, { fileMustExist: true })
db.pragma('busy_timeout = 1000')
// This connection never writes rows; its own automatic checkpoints are irrelevant.
db.pragma('wal_autocheckpoint = 0')

const checkpoint = (): void => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch (e) {
    // SQLITE_BUSY (another checkpoint is running) is normal; anything else is reported.
    const code = (e as { code?: unknown }).code
    if (code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) })
  }
}
const timer = setInterval(checkpoint, intervalMs)
parentPort?.on('message', (message: unknown) => {
  if (message !== 'stop') return
  clearInterval(timer)
  checkpoint()
  db.close()
  parentPort?.postMessage('stopped')
  parentPort?.close()
})
