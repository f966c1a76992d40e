/**
 * @module cli/commands/issue-csv
 * `microcred issue --csv FILE`: one credential per CSV row, issued as a job by the same runner
 * as POST /credentials/issue/jobs, against the local store. The job id is derived from the
 * file's SHA-256 and the issuer, so running the same command again after a kill continues the
 * job where it stopped instead of issuing the file twice (a kill is safe at any moment: each
 * chunk is recorded whole or not at all). Progress goes to stderr; the results (one NDJSON
 * line per row) to stdout, or as CSV to the --out file.
 */
import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import {
  buildAchievementCredential,
  isPlainObject,
  MicrocredError,
  toAchievement,
  type Achievement,
  type Issuer,
  type MicroCredentialDefinition,
  type Recipient,
} from '../../index.js'
import type { IssuanceContext } from '../../issuance/context.js'
import { issueChunks } from '../../jobs/issue-chunks.js'
import { csvJobId } from '../../jobs/job-ids.js'
import { JOB_CHUNK_SIZE, pendingChunks } from '../../jobs/job-runner.js'
import { jobStatus, resultLines } from '../../jobs/job-status.js'
import { loadIssuerWithMaterial } from '../../kms/issuer-directory.js'
import type { JobRecord, Store } from '../../storage/store.js'
import { createIssuePool } from '../../workers/issue-pool.js'
import { definitionSchema } from '../../http/schemas/achievements.js'
import { compileRequestValidator } from '../../issuance/validate-request.js'
import { EXIT, type CliIO, type ParsedArgs } from '../command.js'
import { csvRecord, parseCsv } from '../../core/text/csv.js'
import { describeStore, issuanceContext, loadServiceConfig, openConfiguredStore } from '../service-store.js'

/** The columns `issue --csv` understands (a header row names them, in any order). */
export const CSV_COLUMNS = ['email', 'id', 'name', 'givenName', 'familyName', 'achievement', 'validFrom', 'validUntil', 'expiry', 'result', 'salt'] as const
type Column = (typeof CSV_COLUMNS)[number]

/** Rows that cannot become a credential are listed (at most this many) before giving up. */
const MAX_LISTED = 10

export async function issueCsv(args: ParsedArgs, io: CliIO, file: string, out: string | undefined): Promise<number> {
  const config = await loadServiceConfig(args, io)
  const { issuer, material } = await loadIssuerWithMaterial(config.dir)
  const path = resolve(io.cwd, file)
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch {
    throw new MicrocredError('ERR_USAGE', `cannot read ${file}`)
  }
  const jobId = csvJobId(createHash('sha256').update(bytes).digest('hex'), issuer.id)

  const store = await openConfiguredStore(config, io, 'write', false)
  const pool = createIssuePool({ issuer, material })
  try {
    const ctx: IssuanceContext = { ...issuanceContext(config, store, issuer), pool }
    let job = await store.getJob(jobId)
    if (job === undefined) {
      const items = await rowsToCredentials(bytes.toString('utf8'), dirname(path), issuer, store)
      job = await store.createJob({ id: jobId, issuerId: issuer.id, createdBy: 'cli' }, items)
      io.stderr(`store: ${describeStore(config)}\njob ${job.id}: ${job.total} rows from ${file}\n`)
    } else {
      const next = job.state === 'done' ? 'printing its results' : 'continuing'
      io.stderr(`store: ${describeStore(config)}\njob ${job.id} (same file, same issuer): ${job.state}, ${job.done + job.failed}/${job.total} rows handled; ${next}\n`)
    }
    job = await store.startJob(jobId)
    if (job.state === 'running') {
      let last = 0
      let printed: JobRecord | undefined
      await issueChunks(ctx, pendingChunks(ctx, jobId, JOB_CHUNK_SIZE, () => false), {
        onChunk: (j) => {
          if (Date.now() - last < 1000 && j.state === 'running') return
          last = Date.now()
          printed = j
          io.stderr(progressLine(j, ctx.clock.now()))
        },
      })
      job = (await store.getJob(jobId))!
      if (printed?.state !== job.state || printed.done + printed.failed !== job.done + job.failed) io.stderr(progressLine(job, ctx.clock.now()))
    }
    if (job.state !== 'done') {
      io.stderr(`job ${job.id} is ${job.state}${job.error === undefined ? '' : `: ${job.error}`}; ${job.total - job.done - job.failed} rows not handled\n`)
      return EXIT.FAILURE
    }
    await writeResults(store, jobId, io, out === undefined ? undefined : resolve(io.cwd, out))
    if (job.failed > 0) io.stderr(`${job.failed} of ${job.total} rows were not issued (see their errors in the results)\n`)
    return job.failed > 0 ? EXIT.NOT_VERIFIED : EXIT.OK
  } finally {
    await pool.close()
    await store.close()
  }
}

function progressLine(job: JobRecord, now: Date): string {
  const s = jobStatus(job, now) as { ratePerSecond: number; etaSeconds: number | null }
  const eta = s.etaSeconds === null ? '' : `, ETA ${s.etaSeconds} s`
  return `${job.done + job.failed}/${job.total} rows (${job.done} issued, ${job.failed} failed), ${s.ratePerSecond}/s${eta}\n`
}

async function writeResults(store: Store, jobId: string, io: CliIO, out: string | undefined): Promise<void> {
  if (out === undefined) {
    for await (const text of resultLines(store, jobId, 0)) io.stdout(text)
    return
  }
  const parts: string[] = ['row,ok,credentialId,errorCode,errorMessage,errorPath\n']
  for await (const text of resultLines(store, jobId, 0)) {
    for (const line of text.split('\n')) {
      if (line === '') continue
      const r = JSON.parse(line) as { row: number; ok: boolean; credentialId?: string; error?: { code: string; message: string; path?: string } }
      parts.push(csvRecord([String(r.row), String(r.ok), r.credentialId ?? '', r.error?.code ?? '', r.error?.message ?? '', r.error?.path ?? '']) + '\n')
    }
  }
  await writeFile(out, parts.join(''))
  io.stderr(`results: ${out}\n`)
}

/**
 * Every data row as an unsigned credential (JSON text), or a usage error listing the rows that
 * cannot be one: the whole file is checked before anything is stored or signed.
 */
async function rowsToCredentials(text: string, baseDir: string, issuer: Issuer, store: Store): Promise<string[]> {
  const [header, ...rows] = parseCsv(text)
  if (header === undefined || rows.length === 0) throw new MicrocredError('ERR_INPUT_INVALID', 'the CSV file has no header row or no data rows')
  const columns = header.map((h) => h.trim())
  const unknown = columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c))
  if (unknown.length > 0) throw new MicrocredError('ERR_INPUT_INVALID', `unknown CSV column(s) ${unknown.join(', ')}; the columns are ${CSV_COLUMNS.join(', ')}`)
  if (!columns.includes('achievement')) throw new MicrocredError('ERR_INPUT_INVALID', 'the CSV file needs an "achievement" column (a stored achievement id, or a JSON file next to the CSV)')
  if (!columns.includes('email') && !columns.includes('id')) throw new MicrocredError('ERR_INPUT_INVALID', 'the CSV file needs an "email" or an "id" column for the recipient')

  const achievements = new Map<string, Promise<Achievement>>()
  const problems: string[] = []
  const items: string[] = []
  for (const [index, fields] of rows.entries()) {
    const line = index + 2
    const get = (c: Column): string | undefined => {
      const i = columns.indexOf(c)
      const v = i < 0 ? undefined : fields[i]?.trim()
      return v === '' ? undefined : v
    }
    try {
      if (fields.length !== columns.length) throw new MicrocredError('ERR_INPUT_INVALID', `${fields.length} fields for ${columns.length} columns`)
      const ref = get('achievement')
      if (ref === undefined) throw new MicrocredError('ERR_INPUT_INVALID', 'no achievement')
      let achievement = achievements.get(ref)
      if (achievement === undefined) achievements.set(ref, (achievement = loadAchievement(ref, baseDir, store)))
      const email = get('email')
      const did = get('id')
      if ((email === undefined) === (did === undefined)) throw new MicrocredError('ERR_INPUT_INVALID', 'give either an email or an id for the recipient')
      const salt = get('salt')
      const recipient: Recipient = did !== undefined ? { id: did } : { email: email!, ...(salt === undefined ? {} : { salt }) }
      const validUntil = get('validUntil') ?? get('expiry')
      const result = get('result')
      const credential = (await buildAchievementCredential({
        achievement: await achievement,
        recipient,
        issuer: { id: issuer.id, ...issuer.profile },
        ...optionalDate('validFrom', get('validFrom')),
        ...optionalDate('validUntil', validUntil),
        ...(result === undefined ? {} : { result: [{ type: ['Result'], value: result }] as never }),
      })) as unknown as Record<string, unknown>
      // The row's credential id is derived from the job and the row (jobs/job-ids.ts), not random.
      delete credential['id']
      const name = get('name') ?? ([get('givenName'), get('familyName')].filter(Boolean).join(' ') || undefined)
      if (name !== undefined) {
        const subject = credential['credentialSubject'] as Record<string, unknown>
        const identifiers = Array.isArray(subject['identifier']) ? subject['identifier'] : []
        // OB 3.0 IdentityObject of type "name": the learner's name as printed, not hashed.
        subject['identifier'] = [...identifiers, { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: name }]
      }
      items.push(JSON.stringify(credential))
    } catch (e) {
      if (!(e instanceof MicrocredError)) throw e
      problems.push(`line ${line}: ${e.message}`)
      if (problems.length >= MAX_LISTED) break
    }
  }
  if (problems.length > 0) throw new MicrocredError('ERR_INPUT_INVALID', `nothing was issued; fix these rows first:\n  ${problems.join('\n  ')}`)
  return items
}

function optionalDate(key: 'validFrom' | 'validUntil', value: string | undefined): Partial<Record<'validFrom' | 'validUntil', string>> {
  if (value === undefined) return {}
  const t = Date.parse(value)
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(t)) throw new MicrocredError('ERR_INPUT_INVALID', `${key} ${JSON.stringify(value)} is not a date (YYYY-MM-DD or an ISO 8601 date-time)`)
  // A bare date means midnight UTC; the credential carries a full date-time.
  return { [key]: /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value }
}

const checkDefinition = compileRequestValidator(definitionSchema, 'ERR_ACHIEVEMENT_INVALID')

/** A stored achievement (by id), or a JSON file: a micro-credential definition or an OB 3.0 Achievement. */
async function loadAchievement(ref: string, baseDir: string, store: Store): Promise<Achievement> {
  const stored = await store.getAchievement(ref)
  if (stored !== undefined) return stored.achievement as unknown as Achievement
  let value: unknown
  try {
    value = JSON.parse(await readFile(resolve(baseDir, ref), 'utf8'))
  } catch {
    throw new MicrocredError('ERR_INPUT_INVALID', `achievement ${ref}: neither a stored achievement id nor a readable JSON file`)
  }
  if (!isPlainObject(value)) throw new MicrocredError('ERR_ACHIEVEMENT_INVALID', `${ref}: must be a JSON object (a definition or an OB 3.0 Achievement)`)
  if ('type' in value) return value as unknown as Achievement
  checkDefinition(value, ref)
  return toAchievement(value as unknown as MicroCredentialDefinition)
}
