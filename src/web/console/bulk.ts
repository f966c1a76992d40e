/**
 * @module web/console/bulk
 * Bulk issuing from a CSV file: the staff member maps columns (email required; credential
 * name, valid from/until optional), every row is built into the unsigned credential the
 * service will sign and checked here before anything is sent, with the checks the service
 * runs: the recipient email (core `emailIdentityObject`), the VC 2.0 shape
 * (`credentialShapeProblems`) and 1EdTech's OB 3.0 JSON Schema (the same precompiled
 * validator the verifier uses). Valid rows go to the jobs API (`POST /credentials/issue/jobs`,
 * progress from `GET /jobs/:id`, per-row outcomes from `/jobs/:id/results`); when the service
 * has no jobs API, they go in chunks to `POST /credentials/issue/batch` (all or nothing per
 * chunk, with an Idempotency-Key so a retried chunk is not issued twice).
 */
import { buildAchievementCredential, credentialShapeProblems, type Achievement } from '../../core/index.js'
import { validate as validateOpenBadge } from '../../core/verifier/checks/schema-validators/achievement.js'
import { api, apiText, ApiError, describeError } from './api.js'

export interface Mapping {
  email: number
  name?: number | undefined
  validFrom?: number | undefined
  validUntil?: number | undefined
}

export interface PreparedRow {
  /** 1-based line number in the file (the header is line 1). */
  line: number
  email: string
  credential?: Record<string, unknown>
  errors: string[]
}

export interface RowOutcome {
  line: number
  email: string
  ok: boolean
  credentialId?: string
  error?: string
}

const DATE_TIME = /^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$/

/** A date as written in a spreadsheet (YYYY-MM-DD) or a full dateTime, as the API takes it. */
function dateTimeOf(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value
}

export async function prepareRows(
  rows: readonly string[][],
  mapping: Mapping,
  achievement: Achievement,
  issuer: { id: string; profile: Record<string, unknown> },
  baseUrl: string,
): Promise<PreparedRow[]> {
  const out: PreparedRow[] = []
  const now = new Date()
  for (const [i, row] of rows.entries()) {
    const line = i + 2
    const email = (row[mapping.email] ?? '').trim()
    const errors: string[] = []
    const pick = (col: number | undefined): string | undefined => (col === undefined ? undefined : (row[col] ?? '').trim() || undefined)
    const validFrom = pick(mapping.validFrom)
    const validUntil = pick(mapping.validUntil)
    for (const [label, value] of [['valid from', validFrom], ['valid until', validUntil]] as const) {
      if (value !== undefined && !DATE_TIME.test(dateTimeOf(value))) errors.push(`${label}: "${value}" is not a date (YYYY-MM-DD or 2031-01-01T00:00:00Z)`)
    }
    let credential: Record<string, unknown> | undefined
    if (errors.length === 0) {
      try {
        credential = (await buildAchievementCredential(
          {
            achievement,
            recipient: { email },
            issuer: { ...issuer.profile, id: issuer.id } as never,
            id: `${baseUrl}/credentials/${crypto.randomUUID()}`,
            ...(pick(mapping.name) === undefined ? {} : { name: pick(mapping.name)! }),
            ...(validFrom === undefined ? {} : { validFrom: dateTimeOf(validFrom) }),
            ...(validUntil === undefined ? {} : { validUntil: dateTimeOf(validUntil) }),
          },
          now,
        )) as unknown as Record<string, unknown>
        for (const p of credentialShapeProblems(credential)) errors.push(`${p.path}: ${p.message}`)
        if (!validateOpenBadge(credential)) {
          for (const e of validateOpenBadge.errors ?? []) errors.push(`OB 3.0 schema ${e.instancePath || '/'}: ${e.message ?? 'invalid'}`)
        }
      } catch (e) {
        errors.push(e instanceof Error ? e.message : String(e))
      }
    }
    out.push({ line, email, ...(errors.length === 0 && credential !== undefined ? { credential } : {}), errors })
  }
  return out
}

export interface Progress {
  done: number
  failed: number
  total: number
  note?: string
}

interface JobState {
  id: string
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled'
  total: number
  done?: number
  failed?: number
  etaSeconds?: number | null
  links?: { self: string; results: string }
}

/** Issues the valid rows; reports progress as it goes; resolves with one outcome per row given. */
export async function issueRows(rows: readonly PreparedRow[], onProgress: (p: Progress) => void, chunkSize = 100): Promise<{ outcomes: RowOutcome[]; via: 'jobs' | 'batch' }> {
  const items = rows.map((r) => r.credential!)
  if (await hasJobsApi()) {
    const job = await api<JobState>('POST', '/credentials/issue/jobs', { items })
    return { outcomes: await followJob(job, rows, onProgress), via: 'jobs' }
  }
  return { outcomes: await issueInChunks(rows, onProgress, chunkSize), via: 'batch' }
}

/** Whether this service has the jobs API: its OpenAPI document (GET /docs) lists every route. */
async function hasJobsApi(): Promise<boolean> {
  try {
    const doc = await api<{ paths?: Record<string, unknown> }>('GET', '/docs')
    return doc.paths?.['/credentials/issue/jobs'] !== undefined
  } catch {
    return false
  }
}

async function followJob(first: JobState, rows: readonly PreparedRow[], onProgress: (p: Progress) => void): Promise<RowOutcome[]> {
  let job = first
  const self = job.links?.self ?? `/jobs/${encodeURIComponent(job.id)}`
  // The 202 answer carries no counters yet: nothing is done.
  const handled = (j: JobState): number => (j.done ?? 0) + (j.failed ?? 0)
  while (job.state === 'queued' || job.state === 'running') {
    onProgress({ done: handled(job), failed: job.failed ?? 0, total: job.total, ...(job.etaSeconds ? { note: `about ${Math.ceil(job.etaSeconds)} s left` } : {}) })
    await new Promise((resolve) => setTimeout(resolve, 250))
    job = await api<JobState>('GET', self)
  }
  onProgress({ done: handled(job), failed: job.failed ?? 0, total: job.total })
  const text = await apiText(job.links?.results ?? `${self}/results`)
  const outcomes: RowOutcome[] = rows.map((r) => ({ line: r.line, email: r.email, ok: false, error: `the job ended ${job.state} before this row` }))
  for (const lineText of text.split('\n')) {
    if (lineText.trim() === '') continue
    const result = JSON.parse(lineText) as { row: number; ok: boolean; credentialId?: string; error?: { code: string; message: string } }
    const row = rows[result.row]
    if (row === undefined) continue
    outcomes[result.row] = result.ok
      ? { line: row.line, email: row.email, ok: true, credentialId: result.credentialId! }
      : { line: row.line, email: row.email, ok: false, error: `${result.error?.message ?? 'failed'} (${result.error?.code ?? 'error'})` }
  }
  return outcomes
}

async function issueInChunks(rows: readonly PreparedRow[], onProgress: (p: Progress) => void, chunkSize: number): Promise<RowOutcome[]> {
  const outcomes: RowOutcome[] = []
  const run = crypto.randomUUID()
  let failed = 0
  onProgress({ done: 0, failed: 0, total: rows.length })
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize)
    try {
      const result = await api<{ verifiableCredentials: { id: string }[] }>(
        'POST',
        '/credentials/issue/batch',
        { credentials: chunk.map((r) => r.credential) },
        { 'idempotency-key': `console-${run}-${start}` },
      )
      chunk.forEach((r, i) => outcomes.push({ line: r.line, email: r.email, ok: true, credentialId: result.verifiableCredentials[i]!.id }))
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) throw e
      failed += chunk.length
      for (const r of chunk) outcomes.push({ line: r.line, email: r.email, ok: false, error: describeError(e) })
    }
    onProgress({ done: Math.min(start + chunkSize, rows.length), failed, total: rows.length })
  }
  return outcomes
}
