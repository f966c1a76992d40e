/**
 * @module jobs/job-status
 * What a job looks like from outside: its progress (rate and ETA derived from the stored
 * counters) and its results as NDJSON lines, read from the store page by page. Shared by the
 * HTTP routes and `microcred issue --csv`.
 */
import type { JobRecord, Store } from '../storage/store.js'

/** Result lines read from the store per query while streaming. */
const RESULTS_PAGE = 1000

/** The answer to GET /jobs/:id: the stored counters, with rate and ETA derived from them. */
export function jobStatus(job: JobRecord, now: Date): Record<string, unknown> {
  const handled = job.done + job.failed
  const end = job.finishedAt ?? now
  const seconds = job.startedAt === undefined ? 0 : Math.max(0.001, (end.getTime() - job.startedAt.getTime()) / 1000)
  const rate = seconds === 0 ? 0 : handled / seconds
  const finished = job.state === 'done' || job.state === 'failed' || job.state === 'cancelled'
  return {
    id: job.id,
    state: job.state,
    total: job.total,
    done: job.done,
    failed: job.failed,
    ratePerSecond: Math.round(rate * 10) / 10,
    etaSeconds: finished ? 0 : rate > 0 ? Math.ceil((job.total - handled) / rate) : null,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    ...(job.error === undefined ? {} : { error: job.error }),
  }
}

/** Result lines from row `from` on, in row order, ending before the first row not handled yet. */
export async function* resultLines(store: Store, jobId: string, from: number): AsyncGenerator<string> {
  let next = from
  for (;;) {
    const page = await store.jobResults(jobId, next, RESULTS_PAGE)
    let text = ''
    for (const r of page) {
      if (r.row !== next) break
      text += `${JSON.stringify(r)}\n`
      next++
    }
    if (text !== '') yield text
    if (page.length < RESULTS_PAGE || page[page.length - 1]!.row !== next - 1) return
  }
}
