/**
 * @module jobs/job-ids
 * Ids of jobs and of the credentials they issue. A row's credential id is derived from the job
 * id and the row number, so the row is issued under the same id however often it is signed
 * (a chunk signed again after a crash cannot become a second credential: the id is unique).
 */
import { createHash, randomUUID } from 'node:crypto'

export const newJobId = (): string => `job-${randomUUID()}`

/**
 * The job id of a CSV import: the same file for the same issuer is the same job, so running
 * `microcred issue --csv` again after a kill continues it instead of issuing it twice.
 */
export function csvJobId(fileSha256: string, issuerId: string): string {
  return `csv-${createHash('sha256').update(`${issuerId}\n${fileSha256}`).digest('hex').slice(0, 32)}`
}

/** A name-based UUID (version 8, RFC 9562) for one row of one job. */
export function rowUuid(jobId: string, row: number): string {
  const h = createHash('sha256').update(`${jobId}\n${row}`).digest()
  h[6] = (h[6]! & 0x0f) | 0x80
  h[8] = (h[8]! & 0x3f) | 0x80
  const x = h.subarray(0, 16).toString('hex')
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`
}

/** `${base}/credentials/<row uuid>`: the id of a row's credential when the row gives none. */
export const rowCredentialUrl = (baseUrl: string, jobId: string, row: number): string => `${baseUrl}/credentials/${rowUuid(jobId, row)}`
