// `microcred issue --csv`: a class list becomes one credential per row through the job runner,
// with progress on stderr and results on stdout (or --out CSV); killed with SIGKILL mid-job,
// the same command continues the same job, and every row ends with exactly one credential.
import { spawn } from 'node:child_process'
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, microcred } from './server-process.js'

const ROWS = 3000
const ENV = { PUBLIC_URL: 'https://badges.example.edu' }
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'microcred-e2e-csv-'))
  expect((await microcred(['init', '--name', 'CSV College'], dir)).code).toBe(0)
  await copyFile(new URL('../../examples/data-literacy.achievement.json', import.meta.url), join(dir, 'data-literacy.json'))
}, 60_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const firstCredential = (): Record<string, any> => {
  const db = new Database(join(dir, 'data', 'microcred.sqlite'), { readonly: true })
  try {
    return JSON.parse((db.prepare('SELECT json FROM credentials ORDER BY seq LIMIT 1').get() as { json: string }).json) as Record<string, any>
  } finally {
    db.close()
  }
}

const sql = (query: string): number => {
  const db = new Database(join(dir, 'data', 'microcred.sqlite'), { readonly: true })
  try {
    return (db.prepare(query).get() as { n: number }).n
  } finally {
    db.close()
  }
}

describe('microcred issue --csv', () => {
  it('issues a small class list, reports a refused row per row, writes a results CSV, and reruns idempotently', async () => {
    await writeFile(
      join(dir, 'small.csv'),
      'email,name,achievement,validUntil,result\r\nana@example.org,Ana Silva,data-literacy.json,2030-01-01,A\r\n"bo@example.org","Bo ""Jr."", Smith",data-literacy.json,,\r\ncy@example.org,Cy,data-literacy.json,1999-01-01,\r\n',
    )
    const run = await microcred(['issue', '--csv', 'small.csv'], dir, ENV)
    expect(run.stderr).toMatch(/job csv-[0-9a-f]{32}: 3 rows from small.csv/)
    expect(run.stderr).toMatch(/3\/3 rows \(2 issued, 1 failed\)/)
    expect(run.code).toBe(1) // one row refused: validUntil before validFrom
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { row: number; ok: boolean; credentialId?: string; error?: { code: string } })
    expect(lines.map((l) => [l.row, l.ok])).toEqual([
      [0, true],
      [1, true],
      [2, false],
    ])
    expect(lines[2]!.error!.code).toBe('ERR_CREDENTIAL_MALFORMED')
    const again = await microcred(['issue', '--csv', 'small.csv', '--out', 'results.csv'], dir, ENV)
    expect(again.stderr).toMatch(/same file, same issuer\): done, 3\/3 rows handled; printing its results/)
    const csv = await readFile(join(dir, 'results.csv'), 'utf8')
    expect(csv.split('\n')[0]).toBe('row,ok,credentialId,errorCode,errorMessage,errorPath')
    expect(csv).toContain(`0,true,${lines[0]!.credentialId},,,`)
    expect(sql('SELECT count(*) AS n FROM credentials')).toBe(2)
    const stored = firstCredential()
    expect(stored.credentialSubject.identifier).toEqual([
      expect.objectContaining({ identityType: 'emailAddress', hashed: true }),
      { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Ana Silva' },
    ])
    expect(stored.validUntil).toBe('2030-01-01T00:00:00Z')
  }, 60_000)

  it('refuses a file with a bad row before issuing anything, naming the line', async () => {
    await writeFile(join(dir, 'bad.csv'), 'email,achievement\nok@example.org,data-literacy.json\nnot-an-email,data-literacy.json\n')
    const run = await microcred(['issue', '--csv', 'bad.csv'], dir, ENV)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/line 3: recipient.email is not an email address/)
    await writeFile(join(dir, 'cols.csv'), 'mail,achievement\nok@example.org,data-literacy.json\n')
    expect((await microcred(['issue', '--csv', 'cols.csv'], dir, ENV)).stderr).toMatch(/unknown CSV column\(s\) mail/)
  }, 60_000)

  it('continues the same job after SIGKILL: each row exactly once', async () => {
    const before = sql('SELECT count(*) AS n FROM credentials')
    const rows = Array.from({ length: ROWS }, (_, i) => `learner-${i}@example.org,Learner ${i},data-literacy.json`)
    await writeFile(join(dir, 'class.csv'), `email,name,achievement\n${rows.join('\n')}\n`)
    const child = spawn(process.execPath, [BIN, 'issue', '--csv', 'class.csv'], { cwd: dir, env: { ...process.env, ...ENV }, stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)))
    let stderr = ''
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8')
        const m = /(\d+)\/3000 rows/.exec(stderr)
        if (m !== null && Number(m[1]) > 0 && Number(m[1]) < ROWS) {
          child.kill('SIGKILL')
          resolve()
        }
      })
      void exited.then(() => reject(new Error(`exited before progress was seen:\n${stderr}`)))
    })
    expect(await exited).toBe('SIGKILL')
    const recorded = sql("SELECT count(*) AS n FROM job_rows WHERE job_id LIKE 'csv-%' AND credential_id IS NOT NULL") - 2
    expect(recorded).toBeGreaterThan(0)
    expect(recorded).toBeLessThan(ROWS)
    expect(sql('SELECT count(*) AS n FROM credentials') - before).toBe(recorded)

    const resumed = await microcred(['issue', '--csv', 'class.csv'], dir, ENV)
    expect(resumed.stderr).toMatch(/same file, same issuer\): running, \d+\/3000 rows handled; continuing/)
    expect(resumed.code).toBe(0)
    const lines = resumed.stdout.trim().split('\n').map((l) => JSON.parse(l) as { row: number; credentialId: string })
    expect(lines.map((l) => l.row)).toEqual([...Array(ROWS).keys()])
    expect(new Set(lines.map((l) => l.credentialId)).size).toBe(ROWS)
    expect(sql('SELECT count(*) AS n FROM credentials') - before).toBe(ROWS)
  }, 180_000)
})
