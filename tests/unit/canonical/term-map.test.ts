// The fast path's active contexts are jsonld.js's own: starting from every bundled-context
// root, walk the property- and type-scoped transitions and compare each active context
// (term definitions key for key, protected terms, previous context) with the one
// jsonld.js 9's context processing builds. Where jsonld.js fails, the fast path must fail too.
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { BUNDLED_CONTEXTS } from '../../../src/core/contexts/bundled.js'
import { createDocumentLoader } from '../../../src/core/contexts/document-loader.js'
import {
  type ActiveContext,
  applyPropertyScoped,
  applyTypeScoped,
  revertToPreviousContext,
  rootContext,
} from '../../../src/core/canonical/term-map.js'

interface JsonLdContext {
  mappings: Map<string, Record<string, unknown>>
  protected: Record<string, boolean>
  previousContext?: JsonLdContext
  revertToPreviousContext(): JsonLdContext
}
interface ProcessArgs {
  activeCtx: JsonLdContext
  localCtx: unknown
  options: Record<string, unknown>
  propagate?: boolean
  overrideProtected?: boolean
}
const require = createRequire(import.meta.url)
const contextApi = require('jsonld/lib/context.js') as {
  process(args: ProcessArgs): Promise<JsonLdContext>
  getInitialContext(options: Record<string, unknown>): JsonLdContext
}
const ContextResolver = require('jsonld/lib/ContextResolver.js') as new (options: { sharedCache: unknown }) => unknown
const { setupEventHandler } = require('jsonld/lib/events.js') as { setupEventHandler(args: { options: Record<string, unknown> }): unknown }

function jsonldOptions(): Record<string, unknown> {
  // what jsonld.canonize(doc, { safe: true, documentLoader }) passes to context processing
  const options: Record<string, unknown> = {
    base: '',
    safe: true,
    documentLoader: createDocumentLoader(),
    contextResolver: new ContextResolver({ sharedCache: new Map() }),
  }
  options['eventHandler'] = setupEventHandler({ options })
  return options
}

const VC = 'https://www.w3.org/ns/credentials/v2'
const OB303 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
const OB302 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json'
const OBX = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'
const MC = 'https://w3id.org/microcred/v1'
const DI = 'https://w3id.org/security/data-integrity/v2'
const BSL = 'https://www.w3.org/ns/credentials/status/v1'
const ROOTS: string[][] = [
  [VC],
  [VC, OB303],
  [VC, OB303, MC],
  [VC, OB303, OBX],
  [VC, OB303, OBX, MC],
  [VC, OB302],
  [VC, OB302, MC],
  [VC, OB302, OBX],
  [VC, MC],
  [VC, BSL],
  [VC, DI],
  [VC, OB303, MC, DI],
  [OB303, VC],
  [MC, VC, OB303],
  ...[...BUNDLED_CONTEXTS.keys()].map((url) => [url]),
]

function plain(ctx: { mappings: ReadonlyMap<string, unknown> }): Record<string, unknown> {
  return Object.fromEntries([...ctx.mappings].sort(([a], [b]) => (a < b ? -1 : 1)))
}

function expectSame(ours: ActiveContext, theirs: JsonLdContext, where: string): void {
  expect(plain(ours), where).toEqual(plain(theirs))
  expect(Object.keys(ours.protected).sort(), where).toEqual(Object.keys(theirs.protected).sort())
  expect(ours.previousContext === undefined, `${where}: has no previous context`).toBe(theirs.previousContext === undefined)
  if (ours.previousContext !== undefined && theirs.previousContext !== undefined) {
    expect(plain(ours.previousContext), `${where} (previous)`).toEqual(plain(theirs.previousContext))
  }
}

async function theirsOrError(run: () => Promise<JsonLdContext>): Promise<JsonLdContext | Error> {
  try {
    return await run()
  } catch (error) {
    return error as Error
  }
}
function oursOrError(run: () => ActiveContext): ActiveContext | Error {
  try {
    return run()
  } catch (error) {
    return error as Error
  }
}

describe('term map = jsonld.js context processing', () => {
  it('every active context reachable from the bundled roots (bounded walk)', async () => {
    const options = jsonldOptions()
    const queue: { ours: ActiveContext; theirs: JsonLdContext; path: string; depth: number }[] = []
    let compared = 0
    let bothFailed = 0
    let oursOnlyFailed = 0
    const visited = new Set<string>()
    const signature = (ctx: ActiveContext): string =>
      JSON.stringify([[...ctx.mappings.keys()].sort(), ctx.previousContext ? [...ctx.previousContext.mappings.keys()].sort() : null])

    const compare = async (
      path: string,
      depth: number,
      ours: () => ActiveContext,
      theirs: () => Promise<JsonLdContext>,
    ): Promise<void> => {
      const a = oursOrError(ours)
      const b = await theirsOrError(theirs)
      if (b instanceof Error) {
        // jsonld.js fails: so must we (the caller then falls back and jsonld.js throws)
        expect(a, `${path}: jsonld.js failed (${b.message}) but the fast path did not`).toBeInstanceOf(Error)
        bothFailed++
        return
      }
      if (a instanceof Error) {
        oursOnlyFailed++ // not covered (conservative), fine
        return
      }
      expectSame(a, b, path)
      compared++
      // explore each distinct active context once (contents are equal to jsonld.js's, so the
      // set of defined terms and the previous context's terms identify it well enough here)
      const key = `${signature(a)} ${JSON.stringify(plain(a))}`
      if (!visited.has(key)) {
        visited.add(key)
        queue.push({ ours: a, theirs: b, path, depth })
      }
    }

    for (const [index, root] of ROOTS.entries()) {
      await compare(
        root.join(' + '),
        // walk two levels deep from the context sets microcred uses, one from the others
        index < 5 ? 0 : 1,
        () => rootContext(root),
        () => contextApi.process({ activeCtx: contextApi.getInitialContext(options), localCtx: root, options }),
      )
    }
    console.log(`roots: ${compared} compared, ${bothFailed} rejected by both`)
    while (queue.length > 0) {
      const { ours, theirs, path, depth } = queue.shift()!
      if (depth >= 2) continue
      const reverted = revertToPreviousContext(ours)
      expect(plain(reverted)).toEqual(plain(theirs.revertToPreviousContext()))
      for (const [term, definition] of ours.mappings) {
        if (!('@context' in definition)) continue
        const scoped = definition['@context']
        // property-scoped: on the node's context (value expansion) and on the reverted one (child nodes)
        if (/^[a-z]/.test(term)) {
          await compare(
            `${path} › ${term} (property)`,
            depth + 1,
            () => applyPropertyScoped(ours, scoped),
            () => contextApi.process({ activeCtx: theirs, localCtx: scoped, propagate: true, overrideProtected: true, options }),
          )
          await compare(
            `${path} › ↩ ${term} (property)`,
            depth + 1,
            () => applyPropertyScoped(reverted, scoped),
            () =>
              contextApi.process({
                activeCtx: theirs.revertToPreviousContext(),
                localCtx: scoped,
                propagate: true,
                overrideProtected: true,
                options,
              }),
          )
        } else {
          await compare(
            `${path} › ${term} (type)`,
            depth + 1,
            () => applyTypeScoped(ours, scoped),
            () => contextApi.process({ activeCtx: theirs, localCtx: scoped, propagate: false, options }),
          )
        }
      }
    }
    console.log(`active contexts: ${compared} equal, ${bothFailed} rejected by both, ${oursOnlyFailed} not covered`)
    // the walk must have done real work, and cover nearly everything jsonld.js accepts
    expect(compared).toBeGreaterThan(500)
    expect(oursOnlyFailed).toBeLessThan(compared / 20)
    expect(bothFailed).toBeGreaterThan(0)
    expect(visited.size).toBeGreaterThan(100)
  }, 120_000)
})
