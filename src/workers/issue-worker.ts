/**
 * @module workers/issue-worker
 * A worker thread of the issue pool: imports the issuer's key once, then signs the
 * credentials it is sent, one message per chunk. Errors are returned per credential, as
 * data, so one bad credential never takes the worker down.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { issueCredential, isMicrocredError, type Issuer } from '../index.js'
import { signingKeyFromMaterial, type KeyMaterial } from '../kms/ed25519-key.js'
import { signJobRow, type JobRowInput, type JobRowSigned } from '../jobs/sign-row.js'

export interface IssueWorkerData {
  material: KeyMaterial
  keyIds: { id: string; controller: string }
  issuerId: string
  profile: Issuer['profile']
}

export interface IssueJob {
  jobId: number
  credentials: unknown[]
  /** ISO instant all credentials of the job are signed at (the batch's clock). */
  now: string
}

/** Rows of a job (jobs/sign-row.ts): item text in, signed text and record fields out. */
export interface JobRowsJob {
  kind: 'rows'
  jobId: number
  rows: JobRowInput[]
  now: string
}

export interface JobRowsResult {
  jobId: number
  outcomes: JobRowSigned[]
}

export type IssueOutcome = { ok: true; credential: unknown } | { ok: false; code: string; message: string }

export interface IssueJobResult {
  jobId: number
  outcomes: IssueOutcome[]
}

const data = workerData as IssueWorkerData
const issuer: Issuer = { id: data.issuerId, profile: data.profile, key: signingKeyFromMaterial(data.material, data.keyIds) }

parentPort!.on('message', async (job: IssueJob | JobRowsJob) => {
  const clock = { now: () => new Date(job.now) }
  if ('kind' in job) {
    const signed: JobRowSigned[] = []
    for (const row of job.rows) signed.push(await signJobRow(row, issuer, clock))
    parentPort!.postMessage({ jobId: job.jobId, outcomes: signed } satisfies JobRowsResult)
    return
  }
  const outcomes: IssueOutcome[] = []
  for (const credential of job.credentials) {
    try {
      outcomes.push({ ok: true, credential: await issueCredential(credential, { issuer, clock }) })
    } catch (e) {
      outcomes.push(isMicrocredError(e) ? { ok: false, code: e.code, message: e.message } : { ok: false, code: 'ERR_INTERNAL', message: 'internal error' })
    }
  }
  parentPort!.postMessage({ jobId: job.jobId, outcomes } satisfies IssueJobResult)
})
