#!/usr/bin/env node
// node bench/profile-top.mjs FILE.cpuprofile [N] [--inclusive fnA,fnB,…] [--after fn]
// --after fn: count only samples from the first one with fn on its stack (skips start-up).
// Prints the N (default 30) functions with the most self time in a V8 CPU profile (from
// `node --cpu-prof`, e.g. `npm run bench:http -- --cpu-prof DIR`), and the self time summed
// per package / source folder, so a profile can be read without a GUI.
import { readFileSync } from 'node:fs'

const inclusiveAt = process.argv.indexOf('--inclusive')
const inclusiveNames = inclusiveAt === -1 ? [] : process.argv[inclusiveAt + 1].split(',')
const afterAt = process.argv.indexOf('--after')
const afterName = afterAt === -1 ? undefined : process.argv[afterAt + 1]
const flags = new Set(['--inclusive', '--after'])
const [file, n = '30'] = process.argv.slice(2).filter((a, i, all) => !flags.has(a) && !flags.has(all[i - 1]))
if (file === undefined) {
  console.error('usage: node bench/profile-top.mjs FILE.cpuprofile [N]')
  process.exit(2)
}
const profile = JSON.parse(readFileSync(file, 'utf8'))
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const parentOf = new Map()
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id)
const onStack = (id, name) => {
  for (let at = id; at !== undefined; at = parentOf.get(at)) if (byId.get(at).callFrame.functionName === name) return true
  return false
}
const first = afterName === undefined ? 0 : profile.samples.findIndex((id) => onStack(id, afterName))
const self = new Map()
// timeDeltas[i] is the time before samples[i]: attribute it to that sample's node.
profile.samples.forEach((id, i) => {
  if (i > first) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
})
const total = [...self.values()].reduce((a, b) => a + b, 0)

const place = (frame) => {
  const url = frame.url.replace(/^file:\/\//, '')
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]
  const src = /\/dist\/(src\/[^/]+(?:\/[^/]+)?)/.exec(url)
  if (src) return src[1]
  if (url.startsWith('node:')) return 'node internals'
  return url === '' ? `(${frame.functionName || 'native'})` : url
}
const fns = new Map()
const places = new Map()
for (const [id, us] of self) {
  const frame = byId.get(id).callFrame
  const key = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(node_modules|dist)\//, '')}:${frame.lineNumber + 1}`
  fns.set(key, (fns.get(key) ?? 0) + us)
  places.set(place(frame), (places.get(place(frame)) ?? 0) + us)
}
const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)} %`
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled`)
console.log('\nself time by function')
for (const [key, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) console.log(`${pct(us)}  ${key}`)
console.log('\nself time by package / folder')
for (const [key, us] of [...places].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${pct(us)}  ${key}`)

if (inclusiveNames.length > 0) {
  // Total (inclusive) time of the named functions: each sample counted once per name when the
  // function is anywhere on its stack (recursion not double counted).
  const parent = parentOf
  const inclusive = new Map(inclusiveNames.map((name) => [name, 0]))
  for (const [id, us] of self) {
    const seen = new Set()
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at).callFrame.functionName
      if (inclusive.has(name) && !seen.has(name)) {
        seen.add(name)
        inclusive.set(name, inclusive.get(name) + us)
      }
    }
  }
  const busy = total - (places.get('((idle))') ?? 0)
  console.log(`\ninclusive time (share of the ${(busy / 1e6).toFixed(2)} s not idle)`)
  for (const [name, us] of inclusive) console.log(`${((100 * us) / busy).toFixed(1).padStart(5)} %  ${name}`)
}
