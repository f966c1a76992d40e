// The verdict model (issue 12 item 1, issue 10 item 6): three headline levels, `warn`
// outcomes, strict, dependent checks skipped, the claim summary, portability apart from
// authenticity, and a next step for every unresolved problem.
import { describe, expect, it } from 'vitest'
import {
  applyStrict,
  buildVerdict,
  DEPENDS_ON,
  issuerDomain,
  parseTrustList,
  readClaimSummary,
  verifyCredential,
  verifyPresentation,
  type Check,
} from '../../../src/index.js'
import { signPresentation } from '../../fixtures/presentation.js'
import { clock, endorse, euDefinition, issueMicro, makeIssuer, revoking, statusEntry } from '../portability/helpers.js'

const uni = makeIssuer('Example University', 'IE')
const check = (checks: Check[], id: string): Check => checks.find((c) => c.id === id)!

describe('buildVerdict', () => {
  const passed: Check[] = ['shape', 'context', 'schema', 'proof', 'issuer', 'validity'].map((id) => ({ id, outcome: 'pass', message: 'ok' }))

  it('verified: names what was established, and "not revoked" only when the status was checked', () => {
    const checked = buildVerdict([...passed, { id: 'status', outcome: 'pass', message: 'ok' }])
    expect(checked).toEqual({
      level: 'verified',
      headline: 'VERIFIED: signed by its issuer and unchanged since, within its validity dates, not revoked or suspended',
      strict: false,
      problems: [],
      warnings: [],
    })
    const none = buildVerdict([...passed, { id: 'status', outcome: 'skip', message: 'no entry' }])
    expect(none.headline).toBe('VERIFIED: signed by its issuer and unchanged since, within its validity dates, the issuer publishes no revocation status for it')
  })

  it('verified with warnings: says what could not be checked and what to supply, in CLI or option words', () => {
    const checks: Check[] = [...passed, { id: 'status', outcome: 'warn', code: 'ERR_STATUS_UNKNOWN', message: 'no list' }]
    const cli = buildVerdict(checks, { hints: 'cli' })
    expect(cli.level).toBe('verified-with-warnings')
    expect(cli.headline).toBe(
      'VERIFIED WITH WARNINGS: signed by its issuer and unchanged since, within its validity dates; but revocation status could not be checked — supply --status-list FILE or allow --online-status',
    )
    expect(cli.headline).not.toMatch(/not revoked/)
    expect(cli.warnings).toEqual([
      { check: 'status', code: 'ERR_STATUS_UNKNOWN', says: 'revocation status could not be checked', message: 'no list', next: expect.objectContaining({ cli: 'supply --status-list FILE or allow --online-status' }) },
    ])
    expect(buildVerdict(checks).headline).toMatch(/options\.statusLists/)
  })

  it('not verified: the problems, most telling first, with next steps where something can be done', () => {
    const v = buildVerdict([{ id: 'proof', outcome: 'fail', code: 'ERR_KEY_UNRESOLVABLE', message: 'no key' }], { hints: 'cli' })
    expect(v.level).toBe('not-verified')
    expect(v.headline).toBe("NOT VERIFIED: the signing key could not be found offline, so the signature could not be checked — supply the issuer's DID (controller) document with --controller FILE")
    const unknownCode = buildVerdict([{ id: 'nested', outcome: 'fail', code: 'ERR_PATHWAY_INVALID', message: 'something specific' }])
    expect(unknownCode.problems[0]!.says).toBe('something specific') // codes without a plain phrase read as the check's message
  })

  it('applyStrict turns warnings into failures; an unchecked status into an error', () => {
    const strict = applyStrict([
      { id: 'schema', outcome: 'warn', code: 'ERR_SCHEMA_INVALID', message: 'x' },
      { id: 'status', outcome: 'warn', code: 'ERR_STATUS_UNKNOWN', message: 'y' },
      { id: 'proof', outcome: 'pass', message: 'z' },
    ])
    expect(strict.map((c) => c.outcome)).toEqual(['fail', 'error', 'pass'])
    expect(buildVerdict(strict, { strict: true })).toMatchObject({ level: 'not-verified', strict: true, warnings: [] })
  })
})

describe('dependencies', () => {
  it('are explicit: everything about the credential hangs on the signature; status and trust on the issuer binding too', () => {
    expect(DEPENDS_ON).toEqual({ issuer: ['proof'], validity: ['proof'], status: ['proof', 'issuer'], recipient: ['proof'], trust: ['proof', 'issuer'] })
  })

  it('a tampered credential with a status entry and an email: every dependent check is skipped, none passes', async () => {
    const signed = await issueMicro(uni, euDefinition(), { recipient: { email: 'ada@example.org' }, edit: (c) => (c['credentialStatus'] = statusEntry(7)) })
    const tampered = structuredClone(signed) as unknown as { credentialSubject: { achievement: { name: string } } }
    tampered.credentialSubject.achievement.name = 'Data Visualisation (Advanced)'
    const trustList = parseTrustList({ entries: [{ did: uni.id, name: 'Example University', roles: ['issuer'] }] })
    const result = await verifyCredential(tampered, { clock, statusResolver: revoking(), email: 'ada@example.org', trustList })
    expect(result.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['shape', 'pass'],
      ['context', 'pass'],
      ['schema', 'pass'],
      ['proof', 'fail'],
      ['issuer', 'skip'],
      ['validity', 'skip'],
      ['status', 'skip'],
      ['recipient', 'skip'],
      ['trust', 'skip'],
    ])
    for (const id of ['issuer', 'validity', 'status', 'recipient', 'trust']) expect(check(result.checks, id).message).toBe('not checked because the signature failed')
    expect(result.verdict.headline).toBe('NOT VERIFIED: the credential was changed after it was signed (or signed with another key): do not rely on anything in it')
  })

  it('status depends on the issuer binding: signed with another key → issuer fails, status skipped', async () => {
    const impostor = { ...makeIssuer('Impostor', 'IE'), id: uni.id, profile: uni.profile }
    const forged = await issueMicro(impostor, euDefinition(), { edit: (c) => (c['credentialStatus'] = statusEntry(7)) })
    const result = await verifyCredential(forged, { clock, statusResolver: revoking() })
    expect(check(result.checks, 'proof').outcome).toBe('pass')
    expect(check(result.checks, 'issuer')).toMatchObject({ outcome: 'fail', code: 'ERR_ISSUER_KEY_MISMATCH' })
    expect(check(result.checks, 'status')).toMatchObject({ outcome: 'skip', message: "not checked because the issuer's key binding failed" })
  })
})

describe('the claim summary', () => {
  it('issuerDomain: did:web host (port decoded), https host, nothing for did:key', () => {
    expect(issuerDomain('did:web:uni.example')).toBe('uni.example')
    expect(issuerDomain('did:web:uni.example%3A8443:dept:cs')).toBe('uni.example:8443')
    expect(issuerDomain('https://badges.uni.example/issuers/1')).toBe('badges.uni.example')
    expect(issuerDomain('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')).toBeUndefined()
  })

  it('reads achievement, issuer, recipient, credits, levels, QA (claimed without a trust list) and dates', async () => {
    const signed = await issueMicro(uni, euDefinition(), { validUntil: '2030-01-01T00:00:00Z' })
    const did = { ...signed, issuer: { ...(signed.issuer as Record<string, unknown>), id: 'did:web:uni.example' } }
    expect(readClaimSummary(did)).toEqual({
      achievement: { name: 'Data Visualisation', id: 'https://uni.example/achievements/data-viz-201', description: 'Designing honest charts for real data.', type: expect.any(String) },
      issuer: { id: 'did:web:uni.example', name: 'Example University', url: 'https://example-university.example', domain: 'uni.example' },
      recipient: { id: 'did:example:learner-aroha', identities: [] },
      credits: { value: 5, system: 'ECTS', declaredSystem: 'ECTS' },
      workloadHours: 125,
      levels: [{ framework: 'EQF', code: '6', uri: 'http://data.europa.eu/snb/eqf/6' }],
      qualityAssurance: [{ body: { id: 'https://qa.example/agency', name: 'QA Agency' }, type: 'external', assurance: 'claimed', reason: expect.stringMatching(/no trust list/) }],
      dates: { issued: '2026-01-15T09:00:00Z', validFrom: '2026-01-15T09:00:00Z', validUntil: '2030-01-01T00:00:00Z' },
    })
    expect(readClaimSummary('not a credential')).toEqual({ levels: [], qualityAssurance: [], dates: {} })
  })

  it('the email option checks a hashed identity: matches, does not match, no email identity (a warning)', async () => {
    const byEmail = await issueMicro(uni, euDefinition(), { recipient: { email: 'Ada@Example.org' } })
    const match = await verifyCredential(byEmail, { clock, email: ' ada@example.org ' })
    expect(check(match.checks, 'recipient')).toMatchObject({ outcome: 'pass' })
    expect(match.summary.recipient).toEqual({ identities: [{ type: 'emailAddress', hashed: true }], email: 'matches' })
    expect(match.verdict.headline).toMatch(/issued to the email address you gave$/)
    const other = await verifyCredential(byEmail, { clock, email: 'bob@example.org' })
    expect(other).toMatchObject({ verified: false, summary: { recipient: { email: 'does-not-match' } }, verdict: { problems: [{ code: 'ERR_RECIPIENT_MISMATCH' }] } })
    const byId = await verifyCredential(await issueMicro(uni, euDefinition()), { clock, email: 'ada@example.org' })
    expect(byId).toMatchObject({ verified: true, summary: { recipient: { email: 'no-email-identity' } }, verdict: { level: 'verified-with-warnings', warnings: [{ code: 'ERR_RECIPIENT_UNCHECKED' }] } })
  })
})

describe('trust in the issuer', () => {
  it('a trust list naming issuers: a listed issuer passes, another one warns (strict: fails)', async () => {
    const signed = await issueMicro(uni, euDefinition())
    const listed = parseTrustList({ entries: [{ did: uni.id, name: 'Example University', roles: ['issuer'] }] })
    expect(check((await verifyCredential(signed, { clock, trustList: listed })).checks, 'trust')).toMatchObject({ outcome: 'pass' })
    const others = parseTrustList({ name: 'Employer list', entries: [{ did: 'did:web:other.example', name: 'Other', roles: ['issuer'] }] })
    const warned = await verifyCredential(signed, { clock, trustList: others })
    expect(warned).toMatchObject({ verified: true, verdict: { level: 'verified-with-warnings', warnings: [{ check: 'trust', code: 'ERR_TRUST_ISSUER_UNTRUSTED', next: { cli: expect.stringContaining('--trust FILE') } }] } })
    expect((await verifyCredential(signed, { clock, trustList: others, strict: true })).verified).toBe(false)
    // A list naming issuers and QA bodies: the QA body's endorsement still assures (it is not judged as an issuer).
    const qaBody = makeIssuer('QA Agency', 'IE')
    const qaDefinition = euDefinition({ qualityAssurance: [{ body: { id: qaBody.id, name: 'QA Agency' }, type: 'external' }] })
    const both = parseTrustList({ entries: [{ did: uni.id, name: 'Example University', roles: ['issuer'] }, { did: qaBody.id, name: 'QA Agency', roles: ['qa-body'] }] })
    const assured = await verifyCredential(await issueMicro(uni, qaDefinition), { clock, trustList: both, endorsements: [await endorse(qaBody, qaDefinition.id)] })
    expect(assured.verdict.level).toBe('verified')
    expect(assured.summary.qualityAssurance).toEqual([expect.objectContaining({ assurance: 'assured' })])
    // A list of QA bodies only says nothing about issuers: no trust check.
    const qaOnly = parseTrustList({ entries: [{ did: 'did:web:qa.example', name: 'QA' }] })
    expect((await verifyCredential(signed, { clock, trustList: qaOnly })).checks.map((c) => c.id)).not.toContain('trust')
  })
})

describe('portability beside authenticity', () => {
  it('a profile miss leaves an authentic credential verified; ECTS is converted to UK credits for uk-qaa and the conversion is reported', async () => {
    const signed = await issueMicro(uni, euDefinition({ levels: [{ framework: 'FHEQ', code: '6', uri: 'https://www.qaa.ac.uk/fheq/level-6' }] }))
    const result = await verifyCredential(signed, { clock, profiles: ['uk-qaa', 'nzqa'] })
    expect(result.verdict.level).toBe('verified')
    expect(result.portability!.profiles.map((p) => [p.id, p.outcome])).toEqual([
      ['profile:uk-qaa', 'pass'],
      ['profile:nzqa', 'fail'],
    ])
    const uk = result.portability!.profiles[0]!
    expect(uk.details!['conversions']).toEqual([expect.objectContaining({ value: 10, system: 'UK-CATS', method: 'fte-year', from: { value: 5, system: 'ECTS' } })])
    const credits = (uk.details!['elements'] as { id: string; outcome: string; message: string }[]).find((e) => e.id === 'credits')!
    expect(credits).toMatchObject({ outcome: 'warn', message: expect.stringContaining('converted from 5 ECTS to 10 UK-CATS by fte-year') })
    // The summary keeps the issuer's own value.
    expect(result.summary.credits).toEqual({ value: 5, system: 'ECTS', declaredSystem: 'ECTS' })
  })
})

describe('presentations', () => {
  it('every credential has its own verdict and summary; the presentation verdict carries their warnings', async () => {
    const holder = makeIssuer('Holder', 'IE')
    const withStatus = await issueMicro(uni, euDefinition(), { edit: (c) => (c['credentialStatus'] = statusEntry(3)) })
    const plain = await issueMicro(uni, euDefinition())
    const vp = await signPresentation(holder, [withStatus, plain], { challenge: 'c-1' })
    const result = await verifyPresentation(vp, { clock, challenge: 'c-1' })
    expect(result.credentials.map((c) => c.verdict.level)).toEqual(['verified-with-warnings', 'verified'])
    expect(result.credentials[1]!.summary.achievement?.name).toBe('Data Visualisation')
    expect(result.verified).toBe(true)
    expect(result.verdict).toMatchObject({ level: 'verified-with-warnings', warnings: [{ check: 'credentials[0].status', code: 'ERR_STATUS_UNKNOWN' }] })
    const strict = await verifyPresentation(vp, { clock, challenge: 'c-1', strict: true })
    expect(strict).toMatchObject({ verified: false, verdict: { level: 'not-verified', problems: [{ check: 'credentials[0].status' }] } })
  })
})
