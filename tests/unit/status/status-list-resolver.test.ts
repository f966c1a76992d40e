// The status resolver over real signed Bitstring Status List credentials: revoked, suspended
// and active are answered only from a list that verifies and is fresh; everything else is
// unknown (never active), and the list's age is reported.
import { beforeAll, describe, expect, it } from 'vitest'
import {
  VC_V2_CONTEXT,
  buildStatusListCredential,
  buildStatusListEntry,
  createBitstring,
  createIssuer,
  createStatusListResolver,
  encodeStatusList,
  fixedClock,
  issueCredential,
  setBit,
  verifyCredential,
  type Issuer,
  type SignedCredential,
  type StatusListPurpose,
  type VerificationResult,
} from '../../../src/index.js'

const T0 = '2026-03-01T00:00:00Z'
const at = (seconds: number) => fixedClock(new Date(Date.parse(T0) + seconds * 1000))
const LIST_R = 'https://badges.example.edu/status/revocation-1'
const LIST_S = 'https://badges.example.edu/status/suspension-1'
const INDEX = 94567

const issuer = createIssuer({ name: 'Test University' })
const stranger = createIssuer({ name: 'Someone Else' })

interface ListInput {
  id?: string
  purpose?: StatusListPurpose
  set?: number[]
  ttl?: number
  validUntil?: string
  signer?: Issuer
}

async function encoded(set: number[]): Promise<string> {
  const bits = createBitstring()
  for (const i of set) setBit(bits, i, true)
  return encodeStatusList(bits)
}

async function signedList(input: ListInput = {}): Promise<SignedCredential> {
  const purpose = input.purpose ?? 'revocation'
  const unsigned = buildStatusListCredential({
    id: input.id ?? (purpose === 'revocation' ? LIST_R : LIST_S),
    issuer: (input.signer ?? issuer).id,
    purpose,
    encodedList: await encoded(input.set ?? []),
    validFrom: T0,
    ...(input.ttl === undefined ? {} : { ttl: input.ttl }),
    ...(input.validUntil === undefined ? {} : { validUntil: input.validUntil }),
  })
  return issueCredential(unsigned, { issuer: input.signer ?? issuer, clock: fixedClock(T0) })
}

/** The credential's status entries: 0 revocation, 1 suspension. */
const entry = (i: number): Record<string, unknown> => (credential.credentialStatus as Record<string, unknown>[])[i]!
const statusCheck = (result: VerificationResult) => result.checks.find((c) => c.id === 'status')!

let credential: SignedCredential
let revocationList: SignedCredential
let suspensionList: SignedCredential

beforeAll(async () => {
  credential = await issueCredential(
    {
      '@context': [VC_V2_CONTEXT],
      type: ['VerifiableCredential'],
      issuer: issuer.id,
      credentialSubject: { id: 'did:example:learner' },
      credentialStatus: [
        buildStatusListEntry({ statusListCredential: LIST_R, purpose: 'revocation', index: INDEX }),
        buildStatusListEntry({ statusListCredential: LIST_S, purpose: 'suspension', index: INDEX }),
      ],
    },
    { issuer, clock: fixedClock(T0) },
  )
  revocationList = await signedList({ set: [1, 2, 3] })
  suspensionList = await signedList({ purpose: 'suspension', set: [INDEX + 1] })
})

describe('createStatusListResolver', () => {
  it('answers active from verified lists, with the list age, and the credential verifies', async () => {
    const statusResolver = createStatusListResolver({ lists: [revocationList, suspensionList], clock: at(90) })
    const answer = await statusResolver(entry(0), credential)
    expect(answer).toEqual({ state: 'active', purpose: 'revocation', listId: LIST_R, listAgeSeconds: 90 })
    const result = await verifyCredential(credential, { statusResolver, clock: at(90) })
    expect(statusCheck(result)).toMatchObject({ outcome: 'pass' })
    expect(result.verified).toBe(true)
  })

  it('fails a revoked credential with ERR_STATUS_REVOKED', async () => {
    const revoked = await signedList({ set: [INDEX] })
    const statusResolver = createStatusListResolver({ lists: [revoked, suspensionList], clock: at(10) })
    const result = await verifyCredential(credential, { statusResolver, clock: at(10) })
    expect(statusCheck(result)).toMatchObject({ outcome: 'fail', code: 'ERR_STATUS_REVOKED', details: { state: 'revoked', listId: LIST_R, listAgeSeconds: 10 } })
    expect(result.verified).toBe(false)
  })

  it('fails a suspended credential with ERR_STATUS_SUSPENDED', async () => {
    const suspended = await signedList({ purpose: 'suspension', set: [INDEX] })
    const statusResolver = createStatusListResolver({ lists: new Map([[LIST_R, revocationList], [LIST_S, suspended]]), clock: at(10) })
    const result = await verifyCredential(credential, { statusResolver, clock: at(10) })
    expect(statusCheck(result)).toMatchObject({ outcome: 'fail', code: 'ERR_STATUS_SUSPENDED', details: { state: 'suspended', listId: LIST_S } })
  })

  it('answers unknown (ERR_STATUS_UNKNOWN: a warning, never "not revoked"; not verified under strict) when a list is missing', async () => {
    const statusResolver = createStatusListResolver({ lists: [revocationList], clock: at(10) })
    const answer = await statusResolver(entry(1), credential)
    expect(answer).toMatchObject({ state: 'unknown', listId: LIST_S, reason: expect.stringContaining('no status list') })
    const result = await verifyCredential(credential, { statusResolver, clock: at(10) })
    expect(statusCheck(result)).toMatchObject({ outcome: 'warn', code: 'ERR_STATUS_UNKNOWN' })
    expect(result.verdict.level).toBe('verified-with-warnings')
    const strict = await verifyCredential(credential, { statusResolver, clock: at(10), strict: true })
    expect(statusCheck(strict)).toMatchObject({ outcome: 'error', code: 'ERR_STATUS_UNKNOWN' })
    expect(strict.verified).toBe(false)
  })

  it('answers unknown for a list older than its ttl, active within it', async () => {
    const fresh = await signedList({ ttl: 60_000 })
    const within = createStatusListResolver({ lists: [fresh], clock: at(59) })
    expect(await within(entry(0), credential)).toMatchObject({ state: 'active', listAgeSeconds: 59 })
    const stale = createStatusListResolver({ lists: [fresh], clock: at(120) })
    expect(await stale(entry(0), credential)).toEqual({
      state: 'unknown',
      reason: expect.stringContaining('stale'),
      listId: LIST_R,
      listAgeSeconds: 120,
    })
  })

  it('answers unknown for a list older than maxAgeSeconds', async () => {
    const resolver = createStatusListResolver({ lists: [revocationList], clock: at(3 * 86_400), maxAgeSeconds: 86_400 })
    expect(await resolver(entry(0), credential)).toMatchObject({
      state: 'unknown',
      reason: expect.stringContaining('stale'),
      listAgeSeconds: 3 * 86_400,
    })
  })

  it('answers unknown for an expired list (validUntil passed)', async () => {
    const expiring = await signedList({ validUntil: '2026-03-01T01:00:00Z' })
    const before = createStatusListResolver({ lists: [expiring], clock: at(1800) })
    expect(await before(entry(0), credential)).toMatchObject({ state: 'active' })
    const after = createStatusListResolver({ lists: [expiring], clock: at(7200) })
    expect(await after(entry(0), credential)).toMatchObject({
      state: 'unknown',
      reason: expect.stringContaining('expired'),
      listAgeSeconds: 7200,
    })
  })

  it('answers unknown, never active or revoked, for a tampered list', async () => {
    const revoked = await signedList({ set: [INDEX] })
    const cleared = { ...revoked, credentialSubject: { ...(revoked.credentialSubject as object), encodedList: await encoded([]) } }
    const forged = { ...revocationList, credentialSubject: { ...(revocationList.credentialSubject as object), encodedList: await encoded([INDEX]) } }
    for (const list of [cleared, forged]) {
      const resolver = createStatusListResolver({ lists: [list], clock: at(10) })
      expect(await resolver(entry(0), credential)).toMatchObject({
        state: 'unknown',
        reason: expect.stringContaining('does not verify'),
      })
    }
    const { proof: _proof, ...unsigned } = revocationList
    const resolver = createStatusListResolver({ lists: [unsigned], clock: at(10) })
    expect(await resolver(entry(0), credential)).toMatchObject({ state: 'unknown' })
  })

  it("answers unknown for a list signed by another issuer, published elsewhere, or for another purpose", async () => {
    const revocationEntry = entry(0)
    const foreign = await signedList({ signer: stranger, set: [INDEX] })
    expect(await createStatusListResolver({ lists: [foreign], clock: at(1) })(revocationEntry, credential)).toMatchObject({
      state: 'unknown',
      reason: expect.stringContaining('not by the credential'),
    })
    const elsewhere = await signedList({ id: 'https://badges.example.edu/status/revocation-2' })
    expect(await createStatusListResolver({ lists: new Map([[LIST_R, elsewhere]]), clock: at(1) })(revocationEntry, credential)).toMatchObject({
      state: 'unknown',
      reason: expect.stringContaining('is not'),
    })
    const wrongPurpose = await signedList({ id: LIST_R, purpose: 'suspension' })
    expect(await createStatusListResolver({ lists: [wrongPurpose], clock: at(1) })(revocationEntry, credential)).toMatchObject({
      state: 'unknown',
      reason: expect.stringContaining('not revocation'),
    })
  })

  it('answers unknown for an entry it cannot read', async () => {
    const resolver = createStatusListResolver({ lists: [revocationList], clock: at(1) })
    expect(await resolver({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: 'x', statusListCredential: LIST_R }, credential)).toMatchObject({
      state: 'unknown',
    })
    expect(
      await resolver(buildStatusListEntry({ statusListCredential: LIST_R, purpose: 'revocation', index: 131_072 }) as unknown as Record<string, unknown>, credential),
    ).toMatchObject({ state: 'unknown', reason: expect.stringContaining('outside') })
  })

  it('uses a loader: the age counts from when the list was fetched, and each URL is loaded once', async () => {
    const fresh = await signedList({ ttl: 60_000 })
    const calls: string[] = []
    const resolver = createStatusListResolver({
      clock: at(3600),
      load: async (url) => {
        calls.push(url)
        if (url === LIST_R) return { credential: fresh, fetchedAt: new Date(Date.parse(T0) + 3590 * 1000) }
        throw new Error('connection refused')
      },
    })
    const [r, s] = credential.credentialStatus as Record<string, unknown>[]
    expect(await resolver(r!, credential)).toEqual({ state: 'active', purpose: 'revocation', listId: LIST_R, listAgeSeconds: 10 })
    expect(await resolver(r!, credential)).toMatchObject({ state: 'active' })
    expect(await resolver(s!, credential)).toMatchObject({ state: 'unknown', reason: expect.stringContaining('connection refused') })
    expect(calls).toEqual([LIST_R, LIST_S])
    const empty = createStatusListResolver({ clock: at(1), load: async () => undefined })
    expect(await empty(r!, credential)).toMatchObject({ state: 'unknown', reason: expect.stringContaining('no status list') })
  })
})
