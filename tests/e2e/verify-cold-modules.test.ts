// What `microcred verify FILE` loads for a plain Data Integrity credential (docs/performance.md,
// Cold start): a load hook in the child records every module; the portability schema
// validators, jsonld.js, jsonld-signatures and Digital Bazaar's suites must stay out (each
// was once pulled in by an innocent import: the trust check through trust-list.ts → validate.ts,
// the CLI's input reader through core/limits.ts → verify-presentation.ts).
// Needs dist/: `npm test` builds first; alone: `npm run build && npx vitest run tests/e2e`.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueCredential } from '../../src/core/index.js'
import { createIssuer } from '../../src/index.js'

const BIN = fileURLToPath(new URL('../../bin/microcred.js', import.meta.url))

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'microcred-cold-modules-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/**
 * The source modules (dist/src/…, as file URLs) that the loaded files hold: the CLI runs from
 * its bundle (scripts/bundle-cli.mjs), whose metafile says which modules each chunk carries.
 */
async function sourcesOf(urls: string[]): Promise<string[]> {
  const root = new URL('../../', import.meta.url)
  const meta = JSON.parse(await readFile(new URL('dist/cli/meta.json', root), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> }
  return urls.flatMap((url) => {
    const output = meta.outputs[url.slice(root.href.length)]
    return output === undefined ? [url] : Object.keys(output.inputs).map((input) => new URL(input, root).href)
  })
}

/** Runs `microcred verify file` with a module load hook; resolves with exit code, loaded files and the modules they hold. */
async function loadedBy(file: string): Promise<{ code: number; files: string[]; modules: string[] }> {
  const listFile = join(dir, 'modules.txt')
  const hooks = `import { appendFileSync } from 'node:fs'; export async function load(url, context, next) { appendFileSync(${JSON.stringify(listFile)}, url + '\\n'); return next(url, context) }`
  const preload = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)})`
  let code = 0
  await promisify(execFile)(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(preload)}`, BIN, 'verify', file], { cwd: dir }).catch((e: { code?: number }) => {
    code = e.code ?? -1
  })
  const files = (await readFile(listFile, 'utf8')).split('\n').filter((u) => u.startsWith('file:'))
  return { code, files, modules: await sourcesOf(files) }
}

describe('microcred verify FILE: modules loaded', () => {
  it('verifies a plain credential without the schema validators of portability documents, jsonld.js or the Digital Bazaar suites', { timeout: 60_000 }, async () => {
    const issuer = createIssuer({ name: 'Cold Start College' })
    const vc = await issueCredential(
      {
        '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        name: 'Teamwork',
        credentialSubject: {
          id: 'did:example:learner',
          type: ['AchievementSubject'],
          achievement: { id: 'urn:example:teamwork', type: ['Achievement'], name: 'Teamwork', description: 'Works in a team.', criteria: { narrative: 'Observed.' } },
        },
      },
      { issuer },
    )
    const file = join(dir, 'one.json')
    await writeFile(file, JSON.stringify(vc))
    const { code, files, modules } = await loadedBy(file)
    expect(code).toBe(0)
    // The bundle, not one file per module: a few dozen files at most (70 modules before it).
    expect(files.every((u) => u.includes('/dist/cli/') || u.includes('/node_modules/') || u.endsWith('/bin/microcred.js'))).toBe(true)
    expect(files.length).toBeLessThan(40)
    // The hook saw the verifier itself (so an empty list cannot pass).
    expect(modules.some((u) => u.endsWith('/core/verifier/verify-credential.js'))).toBe(true)
    const unwanted = modules.filter((u) =>
      /document-schema-validators|portability\/validate\.js|verify-presentation\.js|node_modules\/(jsonld|jsonld-signatures|rdf-canonize|@digitalbazaar)\//.test(u),
    )
    expect(unwanted).toEqual([])
    // The OB 3.0 validator comes from its node:vm script and code cache (cli/code-cached-validators.ts),
    // not from its ES module, which Node 20 parses and compiles afresh on every run.
    expect(modules.filter((u) => u.includes('/schema-validators/'))).toEqual([])
  })

  it('loads an OB 3.0 validator generated with shared (not inlined) $ref functions', async () => {
    // inlineRefs: false in scripts/compile-schemas.mjs: inlined, the same definitions were
    // repeated wherever referenced (1.1 MB of code that every verify parsed; 0.64 MB shared).
    const { size } = await stat(fileURLToPath(new URL('../../dist/src/core/verifier/checks/schema-validators/achievement.js', import.meta.url)))
    expect(size).toBeLessThan(800_000)
  })
})
