#!/usr/bin/env node
// node bench/cold-start.mjs [--runs N] [--compare DIR]
// Cold start of the CLI: wall time (min, median) and CPU time (user + system, median) of
// `node -e 0`, `microcred --help` and `microcred verify one.json` (a full micro-credential from
// bench/credentials.mjs, signed by a did:key issuer, no status entry), each run N times
// (default 15) after 2 warm-up runs, interleaved so machine load hits all alike. Also counts
// the modules `verify` loads. Needs `npm run build` first. hyperfine is not required.
// --compare DIR: also times `verify` of another built checkout (DIR/bin/microcred.js, e.g. the
// previous main) in the same interleaved loop, so both see the same load.
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fullMicroCredential } from './credentials.mjs'
import { median } from './measure.mjs'

const runsAt = process.argv.indexOf('--runs')
const runs = runsAt === -1 ? 15 : Number(process.argv[runsAt + 1])
const compareAt = process.argv.indexOf('--compare')
const compareBin = compareAt === -1 ? undefined : join(process.argv[compareAt + 1], 'bin', 'microcred.js')
const BIN = fileURLToPath(new URL('../bin/microcred.js', import.meta.url))
const microcred = await import('../dist/src/index.js')

const dir = await mkdtemp(join(tmpdir(), 'microcred-cold-'))
try {
  const issuer = microcred.createIssuer({ name: 'Bench College' })
  const file = join(dir, 'one.json')
  await writeFile(file, JSON.stringify(await microcred.issueCredential(fullMicroCredential(issuer.id), { issuer })))
  const commands = [
    ['node -e 0', ['-e', '0']],
    ['microcred --help', [BIN, '--help']],
    ['microcred verify one.json', [BIN, 'verify', file]],
    ...(compareBin === undefined ? [] : [[`microcred verify one.json (${process.argv[compareAt + 1]})`, [compareBin, 'verify', file]]]),
  ]
  // GNU time prints wall, user and system seconds on stderr's last line.
  const once = (args) => {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
    const [wall, user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number)
    if (args[1] === 'verify' && r.status !== 0) throw new Error(`verify exited ${r.status}: ${r.stdout}${r.stderr}`)
    return { wall: wall * 1000, cpu: (user + sys) * 1000 }
  }
  const samples = commands.map(() => ({ wall: [], cpu: [] }))
  for (let i = 0; i < runs + 2; i++) {
    commands.forEach(([, args], c) => {
      const s = once(args)
      if (i < 2) return
      samples[c].wall.push(s.wall)
      samples[c].cpu.push(s.cpu)
    })
  }
  // Modules loaded by verify (ES modules through a load hook, CommonJS through require.cache):
  // what a lazy import saves shows up here first.
  const listFile = join(dir, 'modules.txt')
  const hooks = `import { appendFileSync } from 'node:fs'; export async function load(url, context, next) { appendFileSync(${JSON.stringify(listFile)}, url + '\\n'); return next(url, context) }`
  const preload = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)})`
  spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(preload)}`, BIN, 'verify', file], { cwd: dir, encoding: 'utf8' })
  const loaded = (await readFile(listFile, 'utf8').catch(() => '')).split('\n').filter((u) => u.startsWith('file:'))
  const packages = new Set(loaded.map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)?.[1]).filter(Boolean))
  const load = spawnSync('/bin/sh', ['-c', `cat /proc/loadavg`], { encoding: 'utf8' }).stdout.trim().split(' ').slice(0, 3).join(' ')
  console.log(`microcred cold start — node ${process.version}, ${runs} runs each (interleaved, 2 warm-up), load average ${load}`)
  console.log('| command | wall min ms | wall median ms | CPU median ms (user + sys) |')
  console.log('|---|---:|---:|---:|')
  commands.forEach(([name], c) => {
    const s = samples[c]
    console.log(`| \`${name}\` | ${Math.min(...s.wall).toFixed(0)} | ${median(s.wall).toFixed(0)} | ${median(s.cpu).toFixed(0)} |`)
  })
  console.log(`\n\`verify\` loads ${loaded.length} files as ES modules (${loaded.filter((u) => !u.includes('node_modules')).length} of microcred) from ${packages.size} packages: ${[...packages].sort().join(', ')}`)
} finally {
  await rm(dir, { recursive: true, force: true })
}
