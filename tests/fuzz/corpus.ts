// The bad-input corpus shared by the fuzz runners (library, CLI, HTTP). Every entry is raw
// request text (so 1e309, -0 and lone surrogates survive as written), built deterministically
// from a seeded generator and three valid documents the runner supplies: a signed credential,
// the same credential unsigned, and a signed presentation. No entry is a valid input: each one
// must be refused (a coded 4xx, an exception with a code) or verify as false.
import fc from 'fast-check'

export const CORPUS_SEED = 20261203

export interface CorpusBases {
  /** A credential that verifies (the runner checks this before fuzzing). */
  signedCredential: Record<string, unknown>
  /** An issuable credential without proof. */
  unsignedCredential: Record<string, unknown>
  /** A presentation that verifies with challenge `PRESENTATION_CHALLENGE`. */
  signedPresentation: Record<string, unknown>
}

export const PRESENTATION_CHALLENGE = 'fuzz-challenge-1'

export interface CorpusEntry {
  /** Stable name: family and what was done, e.g. `leaf:credentialSubject.id=1e309`. */
  name: string
  family: string
  /** The request body as sent: JSON text, or not JSON at all for the raw families. */
  text: string
  /** For bodies that are not JSON: the media type a client would send them with. */
  contentType?: string
  /**
   * Set on the few entries that are bad to verify but correct to issue: the signed credential
   * without its proof, and numbers that parse to an ordinary 0 (-0, 1e-400).
   */
  issuable?: true
}

/** mulberry32: a tiny seeded PRNG, so the corpus is the same on every run and machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const RAW = '\u0001raw:'
const KEY_MARK = '\u0001key'
/** JSON text of `value` in which every string `RAW<i>` is replaced by `raws[i]` verbatim. */
function withRaw(value: unknown, raws: string[]): string {
  return JSON.stringify(value).replace(/"\\u0001raw:(\d+)"/g, (_, i: string) => raws[Number(i)]!)
}

type Path = (string | number)[]
function leafPaths(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) value.forEach((v, i) => leafPaths(v, [...path, i], out))
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) leafPaths(v, [...path, k], out)
  else out.push(path)
  return out
}
function containerPaths(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (value !== null && typeof value === 'object') {
    out.push(path)
    if (Array.isArray(value)) value.forEach((v, i) => containerPaths(v, [...path, i], out))
    else for (const [k, v] of Object.entries(value)) containerPaths(v, [...path, k], out)
  }
  return out
}
const pathName = (p: Path): string => (p.length === 0 ? '$' : p.map(String).join('.'))

function setAt(root: unknown, path: Path, replace: (old: unknown) => unknown): unknown {
  const copy = structuredClone(root)
  if (path.length === 0) return replace(copy)
  let node = copy as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  const last = path[path.length - 1]!
  node[last] = replace(node[last])
  return copy
}
function deleteAt(root: unknown, path: Path): unknown {
  const copy = structuredClone(root)
  let node = copy as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  const last = path[path.length - 1]!
  if (Array.isArray(node)) node.splice(last as number, 1)
  else delete node[last]
  return copy
}

const nested = (open: string, close: string, depth: number, inner = '0'): string => open.repeat(depth) + inner + close.repeat(depth)

/** Values that are wrong wherever they appear in a signed credential (raw JSON text). */
export const BAD_VALUES: readonly { name: string; raw: string }[] = [
  { name: 'null', raw: 'null' },
  { name: 'true', raw: 'true' },
  { name: 'zero', raw: '0' },
  { name: 'minus-zero', raw: '-0' },
  { name: '1e309', raw: '1e309' },
  { name: '-1e309', raw: '-1e309' },
  { name: 'underflow', raw: '1e-400' },
  { name: 'big-integer', raw: '123456789012345678901234567890' },
  { name: 'empty-array', raw: '[]' },
  { name: 'empty-object', raw: '{}' },
  { name: 'empty-string', raw: '""' },
  { name: 'lone-high-surrogate', raw: '"\\ud800"' },
  { name: 'lone-low-surrogate', raw: '"x\\udfffy"' },
  { name: 'rtl-override', raw: '"\\u202egpj.exe\\u202c"' },
  { name: 'nul', raw: '"a\\u0000b"' },
  { name: 'proto-string', raw: '"__proto__"' },
  { name: 'proto-object', raw: '{"__proto__":{"polluted":true}}' },
  { name: 'constructor-object', raw: '{"constructor":{"prototype":{"polluted":true}}}' },
  { name: 'huge-string', raw: JSON.stringify('A'.repeat(200_000)) },
  { name: 'huge-array', raw: `[${'0,'.repeat(20_000)}0]` },
  { name: 'deep-array', raw: nested('[', ']', 500) },
  { name: 'deep-object', raw: nested('{"a":', '}', 500) },
]

/** Inline-context attacks: bombs (huge or deeply scoped), cycles, redefinitions, unknown URLs. */
function contextAttacks(): { name: string; context: unknown }[] {
  const scoped = (depth: number): unknown => {
    let ctx: unknown = { leaf: 'https://example.org/leaf' }
    for (let i = 0; i < depth; i++) ctx = { [`t${i}`]: { '@id': `https://example.org/t${i}`, '@context': ctx } }
    return ctx
  }
  const manyTerms = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`term${i}`, `https://example.org/term${i}`]))
  const selfAlias = { a: 'b:x', b: 'a:x' } // prefix cycle: a expands through b, b through a
  const selfType = { T: { '@id': 'https://example.org/T', '@context': { T: { '@id': 'https://example.org/T2', '@context': { T: 'https://example.org/T3' } } } } }
  return [
    { name: 'scoped-depth-50', context: scoped(50) },
    { name: 'scoped-depth-2000', context: scoped(2000) },
    { name: 'many-terms', context: manyTerms },
    { name: 'prefix-cycle', context: selfAlias },
    { name: 'term-is-its-own-prefix', context: { x: 'x:y' } },
    { name: 'scoped-redefinition-loop', context: selfType },
    { name: 'import-self', context: { '@import': 'https://www.w3.org/ns/credentials/v2' } },
    { name: 'import-unknown', context: { '@import': 'https://evil.example/ctx.jsonld' } },
    { name: 'unknown-url', context: 'https://evil.example/context.jsonld' },
    { name: 'loopback-url', context: 'http://127.0.0.1:1/context.jsonld' },
    { name: 'file-url', context: 'file:///etc/passwd' },
    { name: 'data-url', context: 'data:application/ld+json,{}' },
    { name: 'relative-url', context: '../../../../etc/passwd' },
    { name: 'protected-override', context: { type: 'https://example.org/type', id: 'https://example.org/id' } },
    { name: 'vocab-catchall', context: { '@vocab': 'https://example.org/vocab#' } },
    { name: 'propagate-false', context: { '@propagate': false, name: 'https://example.org/name' } },
    { name: 'version-1.0', context: { '@version': 1.0 } },
    { name: 'version-garbage', context: { '@version': 1.2 } },
    { name: 'json-type-everywhere', context: { credentialSubject: { '@id': 'https://example.org/cs', '@type': '@json' } } },
    { name: 'reverse-term', context: { credentialSubject: { '@reverse': 'https://example.org/r' } } },
    { name: 'context-number', context: 42 },
    { name: 'context-null', context: null },
    { name: 'context-nested-array', context: [[['https://www.w3.org/ns/credentials/v2']]] },
    { name: 'context-repeated-10000', context: Array.from({ length: 10_000 }, () => 'https://www.w3.org/ns/credentials/v2') },
    { name: 'context-proto', context: JSON.parse('{"__proto__":"https://example.org/p","constructor":"https://example.org/c"}') },
  ]
}

const base64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url')

/** Strings that look like other credential formats: JWTs, PNG and SVG badges. */
function foreignFormats(random: () => number): { name: string; text: string; contentType?: string }[] {
  const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url')
  const randomBytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => Math.floor(random() * 256))
  const jwts = [
    `${b64({ alg: 'EdDSA', typ: 'vc+jwt' })}.${b64({ vc: { type: ['VerifiableCredential'] } })}.${base64url(randomBytes(64))}`,
    `${b64({ alg: 'none' })}.${b64({ iss: 'did:example:x' })}.`,
    `${b64({ alg: 'HS256' })}.${b64({ iss: 'did:example:x' })}`,
    'eyJ.eyJ.eyJ',
    '...',
    `${b64({ alg: 'EdDSA' })}.!!!not-base64!!!.${base64url(randomBytes(8))}`,
    `${b64({ alg: 'EdDSA', kid: '../../etc/passwd' })}.${b64({ vc: null })}.${base64url(randomBytes(64))}`,
    `${b64('x'.repeat(100_000))}.${b64({})}.${base64url(randomBytes(64))}`,
  ]
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(randomBytes(64))])
  const pngWithChunk = Buffer.concat([
    png.subarray(0, 8),
    Buffer.from([0xff, 0xff, 0xff, 0xf0]),
    Buffer.from('iTXt'),
    Buffer.from('openbadgecredential\0\0\0\0\0{"@context":'),
  ])
  const svgs = [
    '<svg xmlns="http://www.w3.org/2000/svg"><openbadges:credential><![CDATA[{"@context":]]></openbadges:credential></svg>',
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><svg>&b;</svg>',
    `<svg>${'<g>'.repeat(5000)}${'</g>'.repeat(5000)}</svg>`,
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  ]
  const out: { name: string; text: string; contentType?: string }[] = []
  jwts.forEach((jwt, i) => {
    out.push({ name: `jwt-${i}:raw`, text: jwt, contentType: 'application/jwt' })
    out.push({ name: `jwt-${i}:json-string`, text: JSON.stringify(jwt) })
    out.push({ name: `jwt-${i}:as-vc`, text: JSON.stringify({ verifiableCredential: jwt }) })
    out.push({ name: `jwt-${i}:as-vp`, text: JSON.stringify({ verifiablePresentation: jwt, options: { challenge: PRESENTATION_CHALLENGE } }) })
  })
  for (const [i, bytes] of [png, pngWithChunk].entries()) {
    out.push({ name: `png-${i}:raw`, text: bytes.toString('latin1'), contentType: 'image/png' })
    out.push({ name: `png-${i}:as-json-string`, text: JSON.stringify(bytes.toString('base64')) })
    out.push({ name: `png-${i}:as-vc`, text: JSON.stringify({ verifiableCredential: bytes.toString('base64') }) })
    out.push({ name: `png-${i}:as-latin1-vc`, text: JSON.stringify({ verifiableCredential: bytes.toString('latin1') }) })
  }
  svgs.forEach((svg, i) => {
    out.push({ name: `svg-${i}:raw`, text: svg, contentType: 'image/svg+xml' })
    out.push({ name: `svg-${i}:as-json-text`, text: svg, contentType: 'application/json' })
    out.push({ name: `svg-${i}:as-vc`, text: JSON.stringify({ verifiableCredential: svg }) })
  })
  return out
}

/** Multibase garbage and oversized values for proofValue and verificationMethod. */
function proofAttacks(): { name: string; field: 'proofValue' | 'verificationMethod' | 'cryptosuite' | 'type' | 'created' | 'proofPurpose'; raw: string }[] {
  const proofValues = [
    ['empty', '""'],
    ['z-only', '"z"'],
    ['invalid-base58-chars', '"z0OIl+/="'],
    ['base64-prefix', '"uAAAA"'],
    ['no-prefix', '"3JvbGxlZA"'],
    ['leading-ones', `"z${'1'.repeat(100)}"`],
    ['short', '"z2"'],
    ['63-bytes', `"z${'2'.repeat(86)}"`],
    ['oversized-100k', `"z${'2'.repeat(100_000)}"`],
    ['oversized-900k', `"z${'3'.repeat(900_000)}"`],
    ['unicode-digits', '"z１２３"'],
    ['nul', '"z\\u0000abc"'],
    ['surrogate', '"z\\ud800"'],
    ['number', '12345'],
    ['array', '["z2"]'],
    ['object', '{"@value":"z2"}'],
  ] as const
  const methods = [
    ['empty', '""'],
    ['did-key-garbage', '"did:key:zGARBAGE#zGARBAGE"'],
    ['did-key-wrong-prefix', '"did:key:z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc#z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc"'],
    ['did-key-no-fragment', '"did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"'],
    ['did-web-loopback', '"did:web:127.0.0.1%3A1#key-1"'],
    ['https-url', '"https://evil.example/keys/1"'],
    ['loopback-url', '"http://127.0.0.1:1/key"'],
    ['did-oversized', `"did:key:z${'6'.repeat(100_000)}"`],
    ['number', '7'],
    ['object', '{"id":"did:key:z6Mk"}'],
  ] as const
  return [
    ...proofValues.map(([name, raw]) => ({ name, field: 'proofValue' as const, raw })),
    ...methods.map(([name, raw]) => ({ name, field: 'verificationMethod' as const, raw })),
    { name: 'jcs', field: 'cryptosuite', raw: '"eddsa-jcs-2022"' },
    { name: 'unknown', field: 'cryptosuite', raw: '"rot13-2026"' },
    { name: 'ed25519-2020', field: 'type', raw: '"Ed25519Signature2020"' },
    { name: 'array', field: 'type', raw: '["DataIntegrityProof","DataIntegrityProof"]' },
    { name: 'garbage-date', field: 'created', raw: '"yesterday"' },
    { name: 'far-future', field: 'created', raw: '"9999-12-31T23:59:59Z"' },
    { name: 'authentication', field: 'proofPurpose', raw: '"authentication"' },
    { name: 'capabilityInvocation', field: 'proofPurpose', raw: '"capabilityInvocation"' },
  ]
}

/** Shape mutations that make an unsigned credential unissuable (VC 2.0 rules, safe JSON-LD). */
function unissuable(unsigned: Record<string, unknown>): { name: string; value: unknown; raws?: string[] }[] {
  const subject = unsigned['credentialSubject'] as Record<string, unknown>
  const out: { name: string; value: unknown; raws?: string[] }[] = [
    { name: 'no-context', value: { ...unsigned, '@context': undefined } },
    { name: 'context-v1-only', value: { ...unsigned, '@context': ['https://www.w3.org/2018/credentials/v1'] } },
    { name: 'context-order', value: { ...unsigned, '@context': [...(unsigned['@context'] as string[])].reverse() } },
    { name: 'type-missing-vc', value: { ...unsigned, type: ['OpenBadgeCredential'] } },
    { name: 'type-string-other', value: { ...unsigned, type: 'Diploma' } },
    { name: 'type-empty', value: { ...unsigned, type: [] } },
    { name: 'id-not-url', value: { ...unsigned, id: 'not a url' } },
    { name: 'id-number', value: { ...unsigned, id: 7 } },
    { name: 'validFrom-garbage', value: { ...unsigned, validFrom: 'last tuesday' } },
    { name: 'validFrom-number', value: { ...unsigned, validFrom: 0 } },
    { name: 'validUntil-before-validFrom', value: { ...unsigned, validFrom: '2026-01-02T00:00:00Z', validUntil: '2020-01-01T00:00:00Z' } },
    { name: 'subject-string', value: { ...unsigned, credentialSubject: 'learner' } },
    { name: 'subject-null', value: { ...unsigned, credentialSubject: null } },
    { name: 'subject-empty-array', value: { ...unsigned, credentialSubject: [] } },
    { name: 'subject-id-not-url', value: { ...unsigned, credentialSubject: { ...subject, id: 'learner 1' } } },
    { name: 'schema-without-type', value: { ...unsigned, credentialSchema: { id: 'https://example.org/schema.json' } } },
    { name: 'status-garbage', value: { ...unsigned, credentialStatus: { type: 'BitstringStatusListEntry' } } },
    { name: 'undefined-term', value: { ...unsigned, notATerm: 'x' } },
    { name: 'undefined-subject-term', value: { ...unsigned, credentialSubject: { ...subject, credit: 5 } } },
    { name: 'proof-present', value: { ...unsigned, proof: { type: 'DataIntegrityProof' } } },
    { name: 'issuer-number', value: { ...unsigned, issuer: 42 } },
    { name: 'issuer-array', value: { ...unsigned, issuer: ['did:example:a', 'did:example:b'] } },
    { name: 'top-level-array', value: [unsigned] },
    { name: 'top-level-string', value: 'credential' },
    { name: 'top-level-number', value: 1 },
  ]
  // Raw-number leaves: non-finite and negative-zero numbers cannot be signed faithfully.
  const raws = ['1e309', '-1e309', '-0', '1e-400']
  raws.forEach((raw, i) => {
    out.push({ name: `subject-number-${raw}`, value: { ...unsigned, credentialSubject: { ...subject, achievement: { ...(subject['achievement'] as object), creditsAvailable: `${RAW}${i}` } } }, raws })
  })
  for (const key of ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString']) {
    out.push({ name: `key-${key}-root`, value: `{${JSON.stringify(key)}:{"polluted":true},${JSON.stringify(unsigned).slice(1)}`, raws: ['RAWTEXT'] })
    out.push({
      name: `key-${key}-subject`,
      value: JSON.stringify(unsigned).replace('"credentialSubject":{', `"credentialSubject":{${JSON.stringify(key)}:{"polluted":true},`),
      raws: ['RAWTEXT'],
    })
  }
  return out
}

/** Builds the corpus. Same bases and seed → same entries (names and texts), every run. */
export function buildCorpus(bases: CorpusBases, seed = CORPUS_SEED): CorpusEntry[] {
  const random = prng(seed)
  const entries: CorpusEntry[] = []
  const add = (family: string, name: string, text: string, contentType?: string, issuable?: true): void => {
    entries.push({ family, name: `${family}:${name}`, text, ...(contentType === undefined ? {} : { contentType }), ...(issuable ? { issuable } : {}) })
  }
  const { signedCredential: vc, unsignedCredential: unsigned, signedPresentation: vp } = bases

  // 1. Every leaf of the signed credential, replaced by bad values. Identity-bearing leaves get
  // every bad value; the others a seeded third of them, so the corpus stays around 1 500.
  for (const path of leafPaths(vc)) {
    const important = ['id', 'issuer', 'type', 'validFrom', 'proofValue', 'verificationMethod', 'credentialSubject'].some((k) => path.includes(k))
    for (const bad of BAD_VALUES) {
      if (!important && random() > 0.34) continue
      add('leaf', `${pathName(path)}=${bad.name}`, withRaw(setAt(vc, path, () => `${RAW}0`), [bad.raw]))
    }
  }
  // 2. Every object and array of the signed credential: removed, emptied, swapped for a scalar.
  for (const path of containerPaths(vc)) {
    if (path.length === 0) continue
    add('container', `${pathName(path)}:deleted`, JSON.stringify(deleteAt(vc, path)), undefined, pathName(path) === 'proof' ? true : undefined)
    add('container', `${pathName(path)}:string`, JSON.stringify(setAt(vc, path, () => 'x')))
    add('container', `${pathName(path)}:wrapped`, JSON.stringify(setAt(vc, path, (old) => [old, old])))
  }
  // 3. Keys added where they must not change anything silently.
  for (const path of containerPaths(vc).filter((p) => p.length <= 2)) {
    for (const key of ['__proto__', 'constructor', 'prototype', '@context', '@id', '@type', '@graph', '@included', 'unknownTerm', '\u202eemaN', 'a\u0000b']) {
      const member = `${JSON.stringify(key)}:{"polluted":true}`
      const marked = JSON.stringify(setAt(vc, path, (old) => (Array.isArray(old) ? [...old, KEY_MARK] : { ...(old as object), [KEY_MARK]: 0 })))
      // a key cannot carry a placeholder through JSON.stringify: splice the raw member in
      add('key', `${pathName(path)}+${key}`, marked.replace('"\\u0001key":0', member).replace('"\\u0001key"', `{${member}}`))
    }
  }
  // 4. The proof: multibase garbage, oversized values, other suites and purposes.
  for (const attack of proofAttacks()) {
    add('proof', `${attack.field}=${attack.name}`, withRaw(setAt(vc, ['proof', attack.field], () => `${RAW}0`), [attack.raw]))
  }
  add('proof', 'proof-array-twice', JSON.stringify({ ...vc, proof: [vc['proof'], vc['proof']] }))
  add('proof', 'proof-chain-cycle', JSON.stringify({ ...vc, proof: [{ ...(vc['proof'] as object), id: 'urn:p:1', previousProof: 'urn:p:2' }, { ...(vc['proof'] as object), id: 'urn:p:2', previousProof: 'urn:p:1' }] }))
  add('proof', 'previous-proof-self', JSON.stringify({ ...vc, proof: { ...(vc['proof'] as object), id: 'urn:p:1', previousProof: 'urn:p:1' } }))
  add('proof', 'proof-1000', JSON.stringify({ ...vc, proof: Array.from({ length: 1000 }, () => vc['proof']) }))

  // 5. JSON-LD context bombs, cycles and redefinitions.
  const HARMLESS_WHEN_APPENDED = new Set(['scoped-redefinition-loop', 'import-self', 'vocab-catchall'])
  for (const attack of contextAttacks()) {
    const contexts = vc['@context'] as unknown[]
    // Appending (or scoping into the subject) a context that defines only terms the credential does not use (or an @vocab
    // that no term falls through to) leaves the signed RDF unchanged: such a credential is
    // still authentic (VC Data Integrity signs the canonical RDF), so it is not bad input.
    if (!HARMLESS_WHEN_APPENDED.has(attack.name)) add('context', `${attack.name}:appended`, JSON.stringify({ ...vc, '@context': [...contexts, attack.context] }))
    add('context', `${attack.name}:replaced`, JSON.stringify({ ...vc, '@context': attack.context }))
    if (!HARMLESS_WHEN_APPENDED.has(attack.name)) add('context', `${attack.name}:in-subject`, JSON.stringify(setAt(vc, ['credentialSubject'], (s) => ({ '@context': attack.context, ...(s as object) }))))
  }

  // 6. Deep nesting and huge arrays around and inside the document.
  for (const depth of [100, 1000, 10_000, 100_000]) {
    add('deep', `array-${depth}`, nested('[', ']', depth))
    add('deep', `object-${depth}`, nested('{"a":', '}', depth))
    add('deep', `subject-${depth}`, withRaw(setAt(vc, ['credentialSubject', 'achievement', 'criteria'], () => `${RAW}0`), [nested('{"narrative":', '}', depth, '"x"')]))
    add('deep', `vc-wrapped-${depth}`, withRaw({ verifiableCredential: `${RAW}0` }, [nested('{"verifiableCredential":', '}', depth, JSON.stringify(vc))]))
  }
  for (const size of [1000, 100_000]) {
    add('huge', `type-${size}`, JSON.stringify({ ...vc, type: Array.from({ length: size }, (_, i) => (i === 0 ? 'VerifiableCredential' : `UndefinedType${i}`)) }))
    add('huge', `subjects-${size}`, JSON.stringify({ ...vc, credentialSubject: Array.from({ length: size }, () => vc['credentialSubject']) }))
    add('huge', `keys-${size}`, JSON.stringify({ ...vc, ...Object.fromEntries(Array.from({ length: size }, (_, i) => [`k${i}`, i])) }))
  }
  add('huge', 'name-900k', JSON.stringify({ ...vc, name: 'N'.repeat(900_000) }))
  add('huge', 'name-2M', JSON.stringify({ ...vc, name: 'N'.repeat(2_000_000) }))

  // 7. The presentation: leaves, holder, embedded credentials, challenge.
  for (const path of leafPaths(vp).filter((p) => p[0] !== 'verifiableCredential' || p.includes('proofValue') || p.includes('id'))) {
    for (const bad of BAD_VALUES) {
      if (random() > 0.3) continue
      add('presentation', `${pathName(path)}=${bad.name}`, withRaw(setAt(vp, path, () => `${RAW}0`), [bad.raw]))
    }
  }
  const vcs = vp['verifiableCredential']
  add('presentation', 'no-proof', JSON.stringify({ ...vp, proof: undefined }))
  add('presentation', 'holder-other', JSON.stringify({ ...vp, holder: 'did:example:someone-else' }))
  add('presentation', 'credential-1000', JSON.stringify({ ...vp, verifiableCredential: Array.from({ length: 1000 }, () => (Array.isArray(vcs) ? vcs[0] : vcs)) }))
  add('presentation', 'credential-nested-vp', JSON.stringify({ ...vp, verifiableCredential: [vp] }))
  add('presentation', 'credential-string', JSON.stringify({ ...vp, verifiableCredential: 'eyJhbGciOiJub25lIn0.e30.' }))
  add('presentation', 'type-vc', JSON.stringify({ ...vp, type: ['VerifiableCredential'] }))

  // 8. Unsigned credentials that must not be issued.
  for (const bad of unissuable(unsigned)) {
    const text = typeof bad.value === 'string' && bad.raws?.[0] === 'RAWTEXT' ? bad.value : withRaw(bad.value, bad.raws ?? [])
    add('unissuable', bad.name, text, undefined, bad.name.endsWith('--0') || bad.name.endsWith('1e-400') ? true : undefined)
  }

  // 9. Text that is not a JSON object, or not JSON at all.
  const raws: [string, string][] = [
    ['empty', ''],
    ['whitespace', '  \n\t '],
    ['bom-object', '\ufeff{}'],
    ['truncated', JSON.stringify(vc).slice(0, 200)],
    ['trailing-garbage', `${JSON.stringify(vc)}}garbage`],
    ['two-documents', `${JSON.stringify(vc)}${JSON.stringify(vc)}`],
    ['nan', 'NaN'],
    ['infinity', 'Infinity'],
    ['1e309', '1e309'],
    ['-0', '-0'],
    ['null', 'null'],
    ['true', 'true'],
    ['string', '"credential"'],
    ['array', `[${JSON.stringify(vc)}]`],
    ['single-quotes', "{'a':1}"],
    ['comments', '{/* c */"a":1}'],
    ['duplicate-keys', `${JSON.stringify(vc).slice(0, -1)},"proof":1}`],
    ['invalid-utf8-escape', '{"a":"\\uZZZZ"}'],
    ['lone-surrogate-key', '{"\\ud800":1}'],
    ['nul-raw', '{"a":"\u0000"}'],
    ['control-chars', '{"a":"\u0001\u0002"}'],
    ['proto-root', '{"__proto__":{"verified":true}}'],
    ['constructor-root', '{"constructor":{"prototype":{"verified":true}}}'],
  ]
  for (const [name, text] of raws) add('raw', name, text)

  // 10. Foreign formats: JWT strings, PNG bytes, SVG text.
  for (const f of foreignFormats(random)) add('foreign', f.name, f.text, f.contentType)

  // 11. Arbitrary JSON (seeded fast-check), alone and in the document's place.
  const arbitrary = fc.sample(fc.jsonValue({ maxDepth: 4 }), { seed, numRuns: 150 })
  arbitrary.forEach((value, i) => {
    if (i % 3 === 0) add('arbitrary', `value-${i}`, JSON.stringify(value))
    else if (i % 3 === 1) add('arbitrary', `subject-${i}`, JSON.stringify({ ...vc, credentialSubject: value }))
    else add('arbitrary', `proof-${i}`, JSON.stringify({ ...vc, proof: value }))
  })
  return entries
}

/** The value a library caller would pass: parsed JSON, or the raw string when it is not JSON. */
export function parsed(entry: CorpusEntry): unknown {
  try {
    return JSON.parse(entry.text)
  } catch {
    return entry.text
  }
}

/** p99 and max of a list of durations (ms). */
export function latencySummary(ms: number[]): { count: number; p50: number; p99: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b)
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0
  return { count: sorted.length, p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1] ?? 0) }
}
const round = (n: number): number => Math.round(n * 100) / 100
