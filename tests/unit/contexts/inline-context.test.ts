// The extension context travels inline; an inline context equal to a pinned one is
// recognised by digest (key order and formatting do not matter), maps to the same cached
// active context as its URL, and so stays on the fast canonicalization path.
import { describe, expect, it } from 'vitest'
import { rootContext } from '../../../src/core/canonical/term-map.js'
import { fastCanonize, fastPathGap } from '../../../src/core/canonical/fast-canonize.js'
import {
  BUNDLED_CONTEXTS,
  MICROCRED_V1_CONTEXT,
  MICROCRED_V1_INLINE_CONTEXT,
  buildAchievementCredential,
  createDocumentLoader,
  fixedClock,
  isExtensionContext,
  issueCredential,
  pinnedUrlOfInlineContext,
  toAchievement,
  verifyCredential,
} from '../../../src/core/index.js'
import { createIssuer } from '../../../src/kms/issuer-directory.js'
import { fullDefinition } from '../../fixtures/micro-credential-definition.js'
import { contextProblems } from '../../../src/core/contexts/context-problems.js'
import { jsonldCanonize } from '../canonical/differential.js'
import { OB_V3P0, VC_V2 } from '../canonical/ob3-arbitraries.js'

function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]))
  }
  return value
}

const microCredential = (extension: unknown): Record<string, unknown> => ({
  '@context': [VC_V2, OB_V3P0, extension],
  id: 'urn:uuid:2f3a4c1e-0d9b-4a8e-8f1f-5b7c6d9e0a11',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', type: ['Profile'], name: 'Example College' },
  validFrom: '2026-01-01T00:00:00Z',
  name: 'Intro to Data',
  credentialSubject: {
    type: ['AchievementSubject'],
    id: 'did:example:learner-1',
    achievement: {
      id: 'https://college.example/achievements/intro-data',
      type: ['Achievement'],
      name: 'Intro to Data',
      description: 'Basics.',
      criteria: { narrative: 'Pass the quiz.' },
      workloadHours: 25,
      participationMode: 'online',
      qualityAssurance: [{ type: ['QualityAssurance'], qaType: 'internal', qaBody: 'Example College QA office' }],
    },
  },
})

describe('inline contexts equal to a pinned one', () => {
  it('the embedded extension context is the pinned document’s definition', () => {
    expect(MICROCRED_V1_INLINE_CONTEXT).toEqual(BUNDLED_CONTEXTS.get(MICROCRED_V1_CONTEXT)!['@context'])
    expect(pinnedUrlOfInlineContext(MICROCRED_V1_INLINE_CONTEXT)).toBe(MICROCRED_V1_CONTEXT)
    expect(isExtensionContext(MICROCRED_V1_CONTEXT)).toBe(true)
    expect(isExtensionContext(structuredClone(MICROCRED_V1_INLINE_CONTEXT))).toBe(true)
  })

  it('is recognised whatever the key order, and not when a single value differs, however deep the difference', () => {
    const reordered = reversedKeys(MICROCRED_V1_INLINE_CONTEXT)
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(MICROCRED_V1_INLINE_CONTEXT))
    expect(pinnedUrlOfInlineContext(reordered)).toBe(MICROCRED_V1_CONTEXT)
    const changed = { ...structuredClone(MICROCRED_V1_INLINE_CONTEXT), workloadHours: { '@id': 'https://evil.example/hours' } }
    expect(pinnedUrlOfInlineContext(changed)).toBeUndefined()
    // A member added, an array member reordered, a number for a string: each is another context.
    const nested = structuredClone(MICROCRED_V1_INLINE_CONTEXT) as Record<string, unknown>
    const [termName, term] = Object.entries(nested).find(([, v]) => typeof v === 'object' && v !== null && '@id' in v)!
    expect(pinnedUrlOfInlineContext({ ...nested, [termName]: { ...(term as object), '@container': '@set' } })).toBeUndefined()
    expect(nested['@version']).toBe(1.1)
    expect(pinnedUrlOfInlineContext({ ...nested, '@version': '1.1' })).toBeUndefined()
    expect(pinnedUrlOfInlineContext({ ...nested, '@version': 1.1 })).toBe(MICROCRED_V1_CONTEXT)
  })

  it('compares a hostile, very deep context without recursing into it (stops where it differs)', () => {
    let deep: Record<string, unknown> = {}
    for (let i = 0; i < 100_000; i++) deep = { '@context': deep }
    const [termName] = Object.keys(MICROCRED_V1_INLINE_CONTEXT).filter((k) => !k.startsWith('@'))
    const hostile = { ...structuredClone(MICROCRED_V1_INLINE_CONTEXT), [termName!]: deep }
    expect(pinnedUrlOfInlineContext(hostile)).toBeUndefined()
  })

  it('maps to the very same cached active context as the URL', () => {
    const byUrl = rootContext([VC_V2, OB_V3P0, MICROCRED_V1_CONTEXT])
    expect(rootContext([VC_V2, OB_V3P0, structuredClone(MICROCRED_V1_INLINE_CONTEXT)])).toBe(byUrl)
  })

  it('stays on the fast path, byte-equal to jsonld.js, and yields the same N-Quads as the URL form', async () => {
    const inline = microCredential(structuredClone(MICROCRED_V1_INLINE_CONTEXT))
    const fast = fastCanonize(inline)
    expect(fast, fastPathGap(inline)).toBeTypeOf('string')
    expect(fast).toBe(await jsonldCanonize(inline))
    expect(fast).toBe(fastCanonize(microCredential(MICROCRED_V1_CONTEXT)))
    expect(fast).toContain('<https://w3id.org/microcred/v1#workloadHours> "25"^^<http://www.w3.org/2001/XMLSchema#integer>')
  })

  it('a changed inline definition leaves the fast path (jsonld.js decides)', () => {
    const changed = { ...structuredClone(MICROCRED_V1_INLINE_CONTEXT), mc: 'https://evil.example/' }
    expect(fastCanonize(microCredential(changed))).toBeUndefined()
  })
})

describe('contextProblems: inline contexts under limits, never fetched', () => {
  const loader = createDocumentLoader()

  it('accepts pinned URLs, the pinned inline definition and a small self-contained inline context', async () => {
    const doc = { '@context': [VC_V2, OB_V3P0, MICROCRED_V1_INLINE_CONTEXT, { nickname: 'https://vocab.example/nickname' }] }
    expect(await contextProblems(doc, loader)).toEqual([])
  })

  it('refuses an inline context that refers to an unknown URL (scoped @context or @import)', async () => {
    const scoped = { '@context': [VC_V2, { Thing: { '@id': 'https://vocab.example/Thing', '@context': 'https://vocab.example/ctx' } }] }
    expect(await contextProblems(scoped, loader)).toEqual([
      { index: 1, url: 'https://vocab.example/ctx', message: 'unknown context https://vocab.example/ctx: it is not bundled and is never fetched' },
    ])
    const imported = { '@context': [VC_V2, { '@import': 'https://vocab.example/other' }] }
    expect((await contextProblems(imported, loader))[0]).toMatchObject({ url: 'https://vocab.example/other' })
    const bundledScoped = { '@context': [VC_V2, { Thing: { '@id': 'https://vocab.example/Thing', '@context': [VC_V2] } }] }
    expect(await contextProblems(bundledScoped, loader)).toEqual([])
  })

  it('refuses null entries and non-objects', async () => {
    expect(await contextProblems({ '@context': [VC_V2, null, 7] }, loader)).toHaveLength(2)
  })

  it('honours the caller’s limits', async () => {
    const doc = { '@context': [VC_V2, { a: { '@id': 'https://vocab.example/a', '@context': { b: 'https://vocab.example/b' } } }] }
    expect(await contextProblems(doc, loader, { maxDepth: 2 })).toEqual([{ index: 1, message: 'an inline context is nested deeper than 2 levels' }])
    expect((await contextProblems(doc, loader, { maxBytes: 20 }))[0]!.message).toMatch(/larger than 20 bytes/)
  })
})

describe('the extension context: inline by default, a hosted URL on request, the old URL still verifies', () => {
  const issuer = createIssuer({ name: 'Example College', url: 'https://college.example' })
  const HOSTED = 'https://college.example/contexts/microcred-v1.json'
  const build = (extensionContextUrl?: string) =>
    buildAchievementCredential(
      {
        achievement: toAchievement({ ...fullDefinition }),
        recipient: { id: 'did:example:learner-1' },
        issuer: { id: issuer.id, ...issuer.profile },
        ...(extensionContextUrl === undefined ? {} : { extensionContextUrl }),
      },
      new Date('2026-03-01T00:00:00Z'),
    )
  const at = fixedClock('2026-06-01T00:00:00Z')

  it('inline by default: verifies with no configuration', async () => {
    const unsigned = await build()
    expect(unsigned['@context'][2]).toEqual(MICROCRED_V1_INLINE_CONTEXT)
    expect((await verifyCredential(await issueCredential(unsigned, { issuer }), { clock: at })).verified).toBe(true)
  })

  it('a hosted URL: referenced as given; verifiers need that URL in their loader', async () => {
    const unsigned = await build(HOSTED)
    expect(unsigned['@context'][2]).toBe(HOSTED)
    const documentLoader = createDocumentLoader({ documents: { [HOSTED]: BUNDLED_CONTEXTS.get(MICROCRED_V1_CONTEXT)! } })
    const signed = await issueCredential(unsigned, { issuer, documentLoader })
    expect((await verifyCredential(signed, { clock: at, documentLoader })).verified).toBe(true)
    const elsewhere = await verifyCredential(signed, { clock: at })
    expect(elsewhere.checks.find((c) => c.id === 'context')).toMatchObject({ outcome: 'fail', code: 'ERR_CONTEXT_NOT_ALLOWED' })
  })

  it('credentials issued with the old URL keep verifying, and mean the same as the inline form', async () => {
    const old = await issueCredential(await build(MICROCRED_V1_CONTEXT), { issuer })
    expect(old['@context'][2]).toBe(MICROCRED_V1_CONTEXT)
    expect((await verifyCredential(old, { clock: at })).verified).toBe(true)
    // Same RDF: swapping the URL for the inline definition leaves the proof valid.
    const swapped = { ...old, '@context': [old['@context'][0], old['@context'][1], MICROCRED_V1_INLINE_CONTEXT] }
    expect((await verifyCredential(swapped, { clock: at })).verified).toBe(true)
  })
})
