// The CLI's JSON Schema validators loaded with V8's code cache (src/cli/code-cached-validators.ts):
// the same answers as the ES modules, and every way the cache can be missing or stale falls
// back to compiling (never to another validator). Needs the generated scripts: `npm test`
// builds first (scripts/compile-schemas.mjs writes them into src/ and dist/).
import { execFile } from 'node:child_process'
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { codeCachedSchemaValidators, type ValidatorLoad } from '../../../src/cli/code-cached-validators.js'
import { importSchemaValidator } from '../../../src/core/verifier/checks/schema.js'
import type { SchemaKind } from '../../../src/core/index.js'

const GENERATED = new URL('../../../src/core/verifier/checks/schema-validators/', import.meta.url)
const complete = JSON.parse(await readFile(new URL('../../fixtures/ob3-examples/complete-openbadgecredential.unsigned.json', import.meta.url), 'utf8')) as Record<string, unknown>
const sample = JSON.parse(await readFile(new URL('../../../scripts/schema-cache-sample.json', import.meta.url), 'utf8')) as Record<string, unknown>
const broken = { ...sample, validFrom: 42, credentialSubject: { type: 'AchievementSubject' } }

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'microcred-code-cache-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Loads `kind` from `directory` and records how it was loaded. */
async function load(kind: SchemaKind, directory = GENERATED) {
  const loads: ValidatorLoad[] = []
  const validate = await codeCachedSchemaValidators({ directory, onLoad: (_, how) => loads.push(how) })(kind)
  return { validate, loads }
}

/** A copy of the achievement script and cache in a directory of its own, to break one of them. */
async function copyOf(name: string): Promise<URL> {
  const target = join(dir, name)
  await rm(target, { recursive: true, force: true })
  await import('node:fs/promises').then((fs) => fs.mkdir(target))
  for (const file of ['achievement.vm.js', 'achievement.v8cache']) await copyFile(new URL(file, GENERATED), join(target, file))
  return pathToFileURL(`${target}/`)
}

describe('code-cached schema validators', () => {
  it('answer as the ES module validators do, errors included, for every kind', async () => {
    for (const kind of ['achievement', 'endorsement', 'clr'] as const) {
      const { validate } = await load(kind)
      const reference = await importSchemaValidator(kind)
      for (const doc of [sample, complete, broken, {}]) {
        expect(validate(doc)).toBe(reference(doc))
        expect(validate.errors ?? null).toEqual(reference.errors ?? null)
      }
    }
    const { validate } = await load('achievement')
    // Not vacuous: the valid credentials pass and the broken one fails with its reasons.
    expect(validate(sample)).toBe(true)
    expect(validate(complete)).toBe(true)
    expect(validate(broken)).toBe(false)
    expect(validate.errors?.map((e) => e.instancePath)).toContain('/validFrom')
  })

  it('is used by a plain `node` process: V8 accepts the cache the build made', { timeout: 30_000 }, async () => {
    // The test runner's own V8 flags may differ from a plain `node`'s (V8 refuses a cache made
    // under other flags), so the check runs where the CLI runs: in a child with no flags.
    const loader = new URL('../../../dist/src/cli/code-cached-validators.js', import.meta.url).href
    const script = `import { codeCachedSchemaValidators } from ${JSON.stringify(loader)}
const how = []
for (const kind of ['achievement', 'endorsement', 'clr']) await codeCachedSchemaValidators({ onLoad: (k, h) => how.push(k + ':' + h) })(kind)
console.log(how.join(' '))`
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, NODE_OPTIONS: '' } })
    expect(stdout.trim()).toBe('achievement:code-cache endorsement:code-cache clr:code-cache')
  })

  it('compiles the script when the cache was written by another build, or is cut short', async () => {
    const stale = await copyOf('stale')
    const cache = await readFile(new URL('achievement.v8cache', stale))
    const newline = cache.indexOf(10)
    await writeFile(new URL('achievement.v8cache', stale), Buffer.concat([Buffer.from('microcred-v8cache 00000000-0000-4000-8000-000000000000\n'), cache.subarray(newline + 1)]))
    const fromStale = await load('achievement', stale)
    expect(fromStale.loads).toEqual(['compiled'])
    expect(fromStale.validate(sample)).toBe(true)

    const cut = await copyOf('cut')
    await writeFile(new URL('achievement.v8cache', cut), cache.subarray(0, newline + 1 + 100))
    const fromCut = await load('achievement', cut)
    expect(fromCut.loads).toEqual(['compiled'])
    expect(fromCut.validate(broken)).toBe(false)

    const none = await copyOf('no-cache')
    await rm(new URL('achievement.v8cache', none))
    expect((await load('achievement', none)).loads).toEqual(['compiled'])
  })

  it('imports the ES module when the build wrote no script', async () => {
    const empty = pathToFileURL(`${await mkdtemp(join(dir, 'empty-'))}/`)
    const { validate, loads } = await load('achievement', empty)
    expect(loads).toEqual(['es-module'])
    expect(validate).toBe(await importSchemaValidator('achievement'))
  })
})
