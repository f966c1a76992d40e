/**
 * @module cli/code-cached-validators
 * The JSON Schema validators for a short-lived process (the CLI), loaded with V8's code cache.
 *
 * Why: the OB 3.0 validator is 0.6 MB of generated code. Imported as an ES module it is parsed,
 * then each function a credential reaches is compiled on first call: about 30 ms of a
 * one-credential `microcred verify` (docs/performance.md, cold start). Node 20 keeps no code
 * cache for ES modules, so `npm run build` also writes each validator as a script for node:vm
 * (`<kind>.vm.js`) and the cache V8 made while validating a sample credential with it
 * (`<kind>.v8cache`, scripts/compile-schemas.mjs). Loaded with that cache, the same code is
 * ready in a few milliseconds.
 *
 * The validators are the same ajv code either way. A cache written by another build is never
 * used: the first lines of the script and of the cache name the build that wrote both. A cache
 * V8 refuses (another Node version, other V8 flags) only costs the compile, and without the
 * script the ES module is imported as usual.
 *
 * @example
 * await verifyCredential(doc, { schemaValidators: codeCachedSchemaValidators() })
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { Script } from 'node:vm'
// Module by module, not through the package index: this is on the cold-start path of `verify`.
import { importSchemaValidator } from '../core/verifier/checks/schema.js'
import type { SchemaValidator } from '../core/verifier/checks/schema-validators/achievement.js'
import type { SchemaKind, SchemaValidatorSource } from '../core/verifier/context.js'

/** How a validator was loaded: with its cache, compiled (no usable cache), or as the ES module (no script). */
export type ValidatorLoad = 'code-cache' | 'compiled' | 'es-module'

/**
 * A source that loads each kind's script with its code cache. `onLoad` hears how each kind was
 * loaded (the tests check the cache is used).
 */
export function codeCachedSchemaValidators(options: { directory?: URL; onLoad?: (kind: SchemaKind, how: ValidatorLoad) => void } = {}): SchemaValidatorSource {
  const directory = options.directory ?? new URL('../core/verifier/checks/schema-validators/', import.meta.url)
  return async (kind) => {
    const scriptUrl = new URL(`${kind}.vm.js`, directory)
    let text: string
    try {
      text = readFileSync(scriptUrl, 'utf8')
    } catch {
      options.onLoad?.(kind, 'es-module')
      return importSchemaValidator(kind)
    }
    const cachedData = matchingCache(new URL(`${kind}.v8cache`, directory), text)
    const path = fileURLToPath(scriptUrl)
    const script = new Script(text, { filename: path, ...(cachedData === undefined ? {} : { cachedData }) })
    const module = { exports: {} as { validate?: SchemaValidator } }
    // The script is the generated validator, wrapped in a function of (module, exports, require).
    ;(script.runInThisContext() as (m: typeof module, e: typeof module.exports, r: NodeJS.Require) => void)(module, module.exports, createRequire(path))
    if (typeof module.exports.validate !== 'function') throw new Error(`${path}: exports no validate function`)
    options.onLoad?.(kind, cachedData !== undefined && script.cachedDataRejected === false ? 'code-cache' : 'compiled')
    return module.exports.validate
  }
}

/**
 * The cache's data when the file exists and was written with this script: the script opens
 * with `/* microcred-v8cache BUILD *\/`, the cache file with the line `microcred-v8cache BUILD`.
 */
function matchingCache(url: URL, text: string): Buffer | undefined {
  let file: Buffer
  try {
    file = readFileSync(url)
  } catch {
    return undefined
  }
  const newline = file.indexOf(10)
  const tag = newline < 0 ? '' : file.subarray(0, newline).toString('latin1')
  return tag.startsWith('microcred-v8cache ') && text.startsWith(`/* ${tag} */`) ? file.subarray(newline + 1) : undefined
}
