// The bad-input corpus through `microcred verify`: the whole corpus through the command in
// process (runCli with the input on standard input), and a seeded sample of 30 through the
// real executable. Every input ends NOT VERIFIED (exit 1) or as bad input (exit 2): never
// verified (0), never an internal failure (3), never a stack trace.
import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main.js'
import type { CliIO } from '../../src/cli/command.js'
import { makeBases } from './bases.js'
import { buildCorpus, latencySummary, type CorpusEntry } from './corpus.js'

const BIN = fileURLToPath(new URL('../../bin/microcred.js', import.meta.url))
let corpus: CorpusEntry[]
beforeAll(async () => {
  corpus = buildCorpus((await makeBases()).bases)
})

function io(stdin: string): CliIO & { out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { cwd: process.cwd(), env: {}, readStdin: async () => stdin, stdout: (t) => void out.push(String(t)), stderr: (t) => void err.push(t), out, err }
}

function runBinary(stdin: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'verify', '-'], { stdio: ['pipe', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    child.on('exit', (code) => resolve({ code, stderr }))
    child.stdin.on('error', () => {}) // the CLI may refuse before reading everything
    child.stdin.end(stdin)
  })
}

describe('bad-input corpus through microcred verify', () => {
  it('in process: every entry exits 1 or 2, none verified, no internal error; p99 < 100 ms', async () => {
    const wrong: string[] = []
    const latency: number[] = []
    // The first run loads the command's modules (once per process): not an input's latency.
    expect(await runCli(['verify', '--help'], io(''))).toBe(0)
    for (const entry of corpus) {
      const cli = io(entry.text)
      const start = performance.now()
      const code = await runCli(['verify', '-'], cli)
      latency.push(performance.now() - start)
      const stderr = cli.err.join('')
      if (code !== 1 && code !== 2) wrong.push(`${entry.name}: exit ${code} ${stderr.slice(0, 200)}`)
      else if (/internal error|\n\s+at /.test(stderr)) wrong.push(`${entry.name}: ${stderr.slice(0, 200)}`)
    }
    const summary = latencySummary(latency)
    console.log(JSON.stringify({ runner: 'cli-in-process', corpus: corpus.length, wrong: wrong.length, latencyMs: summary }))
    expect(wrong).toEqual([])
    expect(summary.p99).toBeLessThan(100)
  }, 300_000)

  it('the real executable: a seeded sample of 30 exits 1 or 2 without a stack trace', async () => {
    const step = Math.floor(corpus.length / 30)
    const sample = Array.from({ length: 30 }, (_, i) => corpus[i * step]!)
    const wrong: string[] = []
    for (let i = 0; i < sample.length; i += 2) {
      const runs = await Promise.all(sample.slice(i, i + 2).map(async (entry) => ({ entry, ...(await runBinary(entry.text)) })))
      for (const { entry, code, stderr } of runs) {
        if (code !== 1 && code !== 2) wrong.push(`${entry.name}: exit ${code} ${stderr.slice(0, 200)}`)
        else if (/internal error|\n\s+at /.test(stderr)) wrong.push(`${entry.name}: ${stderr.slice(0, 200)}`)
      }
    }
    console.log(JSON.stringify({ runner: 'cli-binary', sample: sample.length, wrong: wrong.length }))
    expect(wrong).toEqual([])
  }, 300_000)
})
