// The jobs part of the store contract (run by describeStoreContract for every adapter): a job
// and its rows stored when accepted, chunks recorded once (credentials, row outcomes and
// counters in one transaction), results in row order, and the job's states.
import { describe, expect, it } from 'vitest'
import { JOB_INSERT_ROWS } from '../../src/storage/job-rules.js'
import type { JobChunkOutcome, Store } from '../../src/storage/store.js'
import { newCredential, type TestClock } from './fixtures.js'
import type { StoreHarness } from './store.contract.js'

let counter = 0
const ISSUER = 'did:key:z6MkTestIssuer'
const items = (n: number): string[] => Array.from({ length: n }, (_, i) => `{"row":${i},"name":"Zoë ✓"}`)

export function describeJobsContract(get: () => { store: Store; clock: TestClock; harness: StoreHarness }): void {
  const newJobId = (): string => `job-${++counter}-${Date.now().toString(36)}`

  /** Issues rows (credentials with fresh positions) and refuses others, as one chunk. */
  async function chunk(store: Store, issuedRows: number[], failedRows: number[] = []): Promise<JobChunkOutcome> {
    const positions = await store.allocateStatusPositions(issuedRows.length, ['revocation', 'suspension'])
    return {
      issued: issuedRows.map((row, i) => ({ row, credential: newCredential(positions[i]!) })),
      failed: failedRows.map((row) => ({ row, error: { code: 'ERR_CREDENTIAL_MALFORMED', message: `row ${row} is bad`, path: '$.credentialSubject' } })),
    }
  }

  describe('jobs', () => {
    it('stores a job with all its rows, queued, and lists it as unfinished', async () => {
      const { store, clock } = get()
      const id = newJobId()
      const job = await store.createJob({ id, issuerId: ISSUER, createdBy: 'key-1' }, items(2500))
      expect(job).toEqual({ id, issuerId: ISSUER, createdBy: 'key-1', state: 'queued', total: 2500, done: 0, failed: 0, createdAt: clock.now() })
      expect(await store.getJob(id)).toEqual(job)
      expect(await store.getJob('job-missing')).toBeUndefined()
      expect((await store.listUnfinishedJobs()).map((j) => j.id)).toContain(id)
      const pending = await store.pendingJobRows(id, 0, 3)
      expect(pending).toEqual([0, 1, 2].map((row) => ({ row, item: `{"row":${row},"name":"Zoë ✓"}` })))
      expect((await store.pendingJobRows(id, 2498, 10)).map((r) => r.row)).toEqual([2498, 2499])
      expect((await store.pendingJobRows(id, 10, 100, 12)).map((r) => r.row)).toEqual([10, 11])
    })

    it('accepts rows from a generator and refuses an empty job or a duplicate id', async () => {
      const { store } = get()
      const id = newJobId()
      function* gen() {
        for (let i = 0; i < 3; i++) yield `{"i":${i}}`
      }
      expect((await store.createJob({ id, issuerId: ISSUER }, gen())).total).toBe(3)
      await expect(store.createJob({ id, issuerId: ISSUER }, ['{}'])).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' })
      await expect(store.createJob({ id: newJobId(), issuerId: ISSUER }, [])).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
      await expect(store.createJob({ id: 'not a url-safe id', issuerId: ISSUER }, ['{}'])).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
    })

    it('stores rows from an async iterable in several insert chunks, and shows the job only after the last row', async () => {
      const { store } = get()
      const id = newJobId()
      const n = JOB_INSERT_ROWS * 2 + 7
      let seenWhileReading: unknown = 'not checked'
      async function* slow() {
        for (let i = 0; i < n; i++) {
          if (i === JOB_INSERT_ROWS + 1) seenWhileReading = await store.getJob(id) // a chunk is stored already
          yield `{"i":${i}}`
        }
      }
      expect((await store.createJob({ id, issuerId: ISSUER }, slow())).total).toBe(n)
      expect(seenWhileReading).toBeUndefined()
      const rows = await store.pendingJobRows(id, JOB_INSERT_ROWS - 1, 3)
      expect(rows).toEqual([JOB_INSERT_ROWS - 1, JOB_INSERT_ROWS, JOB_INSERT_ROWS + 1].map((row) => ({ row, item: `{"i":${row}}` })))
      expect((await store.pendingJobRows(id, n - 2, 10)).map((r) => r.row)).toEqual([n - 2, n - 1])
    })

    it('stores each row text exactly as given (quotes, backslashes, control escapes, non-BMP characters)', async () => {
      const { store } = get()
      const id = newJobId()
      const texts = ['{"a":"say \\"hi\\" \\\\ back"}', '{"t":"tab\tand\u2028line"}', '{"e":"🎓 Zoë"}', '  {"spaced": true}  ']
      await store.createJob({ id, issuerId: ISSUER }, texts)
      expect((await store.pendingJobRows(id, 0, 10)).map((r) => r.item)).toEqual(texts)
    })

    it('leaves no job when reading the rows fails after some chunks were stored; the id can be used again', async () => {
      const { store } = get()
      const id = newJobId()
      async function* broken() {
        for (let i = 0; i < JOB_INSERT_ROWS + 10; i++) yield `{"i":${i}}`
        throw new Error('the client went away')
      }
      await expect(store.createJob({ id, issuerId: ISSUER }, broken())).rejects.toThrow('the client went away')
      expect(await store.getJob(id)).toBeUndefined()
      expect((await store.listUnfinishedJobs()).map((j) => j.id)).not.toContain(id)
      const job = await store.createJob({ id, issuerId: ISSUER }, items(3))
      expect(job.total).toBe(3)
      expect((await store.pendingJobRows(id, 0, 10)).map((r) => r.item)).toEqual(items(3))
    })

    it('moves queued → running once, keeping startedAt', async () => {
      const { store, clock } = get()
      const id = newJobId()
      await store.createJob({ id, issuerId: ISSUER }, items(2))
      clock.tick(1000)
      const started = await store.startJob(id)
      expect(started.state).toBe('running')
      expect(started.startedAt).toEqual(clock.now())
      clock.tick(1000)
      expect((await store.startJob(id)).startedAt).toEqual(started.startedAt)
      await expect(store.startJob('job-missing')).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' })
    })

    it('records a chunk once: credentials, row outcomes and counters together; done when no row is left', async () => {
      const { store, clock } = get()
      const id = newJobId()
      await store.createJob({ id, issuerId: ISSUER }, items(5))
      await store.startJob(id)
      const first = await chunk(store, [0, 2], [1])
      const r1 = await store.completeJobRows(id, first)
      expect(r1.applied).toBe(true)
      expect(r1.job).toMatchObject({ state: 'running', done: 2, failed: 1 })
      expect(await store.getCredential(first.issued[0]!.credential.id)).toMatchObject({ json: first.issued[0]!.credential.json })
      // delivered again (a redelivered task, a restarted process): nothing new is stored
      const again = await store.completeJobRows(id, first)
      expect(again.applied).toBe(false)
      expect(again.job).toMatchObject({ done: 2, failed: 1 })
      expect((await store.pendingJobRows(id, 0, 10)).map((r) => r.row)).toEqual([3, 4])
      // a chunk overlapping recorded rows is refused whole
      await expect(store.completeJobRows(id, await chunk(store, [2, 3]))).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' })
      expect((await store.getJob(id))!.done).toBe(2)
      clock.tick(5000)
      const last = await store.completeJobRows(id, await chunk(store, [3, 4]))
      expect(last.job).toMatchObject({ state: 'done', done: 4, failed: 1, finishedAt: clock.now() })
      expect((await store.listUnfinishedJobs()).map((j) => j.id)).not.toContain(id)
      const results = await store.jobResults(id, 0, 100)
      expect(results.map((r) => r.row)).toEqual([0, 1, 2, 3, 4])
      expect(results[0]).toEqual({ row: 0, ok: true, credentialId: first.issued[0]!.credential.id })
      expect(results[1]).toEqual({ row: 1, ok: false, error: { code: 'ERR_CREDENTIAL_MALFORMED', message: 'row 1 is bad', path: '$.credentialSubject' } })
      expect((await store.jobResults(id, 3, 1)).map((r) => r.row)).toEqual([3])
    })

    it('stores nothing of a chunk whose credential id exists already', async () => {
      const { store } = get()
      const id = newJobId()
      await store.createJob({ id, issuerId: ISSUER }, items(3))
      const first = await chunk(store, [0])
      await store.completeJobRows(id, first)
      const [positions] = await store.allocateStatusPositions(1, ['revocation', 'suspension'])
      const clash: JobChunkOutcome = { issued: [{ row: 1, credential: newCredential(positions!, { id: first.issued[0]!.credential.id }) }], failed: [{ row: 2, error: { code: 'X', message: 'x' } }] }
      await expect(store.completeJobRows(id, clash)).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' })
      expect((await store.pendingJobRows(id, 0, 10)).map((r) => r.row)).toEqual([1, 2])
      expect(await store.getJob(id)).toMatchObject({ done: 1, failed: 0 })
    })

    it('of two connections recording one chunk at once, exactly one applies it', async () => {
      const { store, harness, clock } = get()
      const other = await harness.open({ clock })
      const id = newJobId()
      await store.createJob({ id, issuerId: ISSUER }, items(2))
      const c = await chunk(store, [0, 1])
      const outcomes = await Promise.allSettled([store.completeJobRows(id, c), other.completeJobRows(id, c)])
      const applied = outcomes.filter((o) => o.status === 'fulfilled' && o.value.applied)
      expect(applied).toHaveLength(1)
      expect(await store.getJob(id)).toMatchObject({ state: 'done', done: 2 })
    })

    it('fails or cancels an unfinished job; a finished one stays as it is', async () => {
      const { store } = get()
      const a = newJobId()
      const b = newJobId()
      await store.createJob({ id: a, issuerId: ISSUER }, items(1))
      await store.createJob({ id: b, issuerId: ISSUER }, items(1))
      expect(await store.finishJob(a, 'cancelled')).toMatchObject({ state: 'cancelled' })
      expect(await store.finishJob(b, 'failed', 'the issuer key is missing')).toMatchObject({ state: 'failed', error: 'the issuer key is missing' })
      expect(await store.finishJob(b, 'cancelled')).toMatchObject({ state: 'failed' })
      // a chunk finishing after the cancel is stored but does not revive the job
      expect((await store.completeJobRows(a, await chunk(store, [0]))).job).toMatchObject({ state: 'cancelled', done: 1 })
      await expect(store.finishJob('job-missing', 'failed')).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' })
    })
  })
}
