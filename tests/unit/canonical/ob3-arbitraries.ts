// fast-check arbitraries for OB 3.0 credentials shaped like microcred's own (toAchievement over
// every optional field of MicroCredentialDefinition) plus the oddities that change canonical
// bytes: unicode (CJK, emoji, combining marks, controls, lone surrogates), numbers (integers,
// floats, huge/tiny exponents, -0), dates, language-tagged values, duplicates, shared node ids,
// numbers as strings; and, rarely, things the fast path must refuse (undefined terms, relative
// IRIs, invalid language tags, embedded contexts, proofs).
import fc from 'fast-check'
import {
  CREDIT_SYSTEMS,
  PARTICIPATION_MODES,
  QA_TYPES,
  STACKABILITY,
  SUPERVISION_LEVELS,
  toAchievement,
  usesExtensionTerms,
  type MicroCredentialDefinition,
} from '../../../src/core/model/micro-credential.js'

export const VC_V2 = 'https://www.w3.org/ns/credentials/v2'
export const OB_V3P0 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
export const OB_V3P0_302 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json'
export const OB_EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'
export const MICROCRED_V1 = 'https://w3id.org/microcred/v1'
export const MICROCRED_CONTEXT = [VC_V2, OB_V3P0, MICROCRED_V1]

type Json = Record<string, unknown>

const SPECIAL_TEXT = [
  'Datenkompetenz — Grundlagen® “Data Literacy”',
  '数据素养 · データ 🎓📊',
  'Cafe\u0301 Montréal',
  '👩🏽‍💻 family: 👨‍👩‍👧‍👦',
  'quote " backslash \\ newline \n tab \t cr \r',
  'controls \u0000\u0001\u0008\u000b\u000c\u001f\u007f',
  'line sep \u2028 para \u2029 bom \ufeff',
  'lone \ud800 surrogate \udfff',
  ' leading and trailing ',
  'http://looks.like/an/iri',
  '5',
  'true',
  '',
]

/** Text: ASCII, any grapheme (CJK, emoji, combining), code units (lone surrogates) or specials. */
export const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 16 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 8 }) },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_TEXT) },
)
/** Non-blank text (the model requires it for names, descriptions, criteria). */
const nonBlank = text.filter((s) => s.trim() !== '')

const VALID_LANGUAGES = ['en', 'de-AT', 'zh-Hans-CN', 'EN-us', 'ja', 'fr-CA', 'x-private', 'sgn-BE-FR']
const INVALID_LANGUAGES = ['en_US', 'e n', '123', 'toolonglanguage', 'de-', '']

/** A plain string, or (sometimes) a language-tagged value object; rarely an invalid tag. */
const maybeTagged = (inner: fc.Arbitrary<string>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 120, arbitrary: inner },
    {
      weight: 20,
      arbitrary: fc.record({ '@value': inner, '@language': fc.constantFrom(...VALID_LANGUAGES) }),
    },
    { weight: 10, arbitrary: fc.record({ '@value': inner }) },
    { weight: 10, arbitrary: fc.record({ '@value': inner, '@language': fc.constant(null) }) },
    {
      weight: 10,
      arbitrary: fc.record({ '@value': inner, '@type': fc.constantFrom('http://www.w3.org/2001/XMLSchema#string', 'xsd:token', 'https://example.org/dt') }),
    },
    { weight: 1, arbitrary: fc.record({ '@value': inner, '@language': fc.constantFrom(...INVALID_LANGUAGES) }) },
  )

const SPECIAL_NUMBERS = [
  0, -0, 1, -1, 0.5, 1.5, -2.25, 3.0, 5, 36, 42.0, 1e20, 1e21, 1.5e21, 1e-7, -1e-7, 1.5e-7, 5e-324,
  1.7976931348623157e308, 123456789.123, 0.1 + 0.2, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, -1e300,
]
/** Any finite number: integers, doubles of every magnitude, the specials above. */
export const number: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1000, max: 1000 }),
  fc.constantFrom(...SPECIAL_NUMBERS),
)
const nonNegative = number.map((n) => Math.abs(n))

const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,11}$/)
const uuid = fc.uuid().map((u) => `urn:uuid:${u}`)
const https = fc.tuple(fc.constantFrom('uni.example', 'aq.example', 'awarding.example', 'xn--bcher-kva.example'), slug, slug).map(
  ([host, a, b]) => `https://${host}/${a}/${b}`,
)
const didKey = fc.stringMatching(/^[1-9A-HJ-NP-Za-km-z]{44}$/).map((k) => `did:key:z6Mk${k}`)
/** Absolute IRIs of several schemes; rarely unicode in the path. */
export const iri: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: https },
  { weight: 2, arbitrary: uuid },
  { weight: 1, arbitrary: didKey },
  { weight: 1, arbitrary: fc.constantFrom('http://data.europa.eu/snb/eqf/5', 'https://example.org/ä/数据', 'tag:example.org,2026:x', 'mailto:a@b.example') },
)

const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString())
const dateTime = fc.oneof(
  { weight: 6, arbitrary: isoDate.map((d) => d.replace(/\.\d{3}Z$/, 'Z')) },
  { weight: 2, arbitrary: isoDate },
  { weight: 1, arbitrary: isoDate.map((d) => d.replace('Z', '+02:00')) },
  { weight: 1, arbitrary: fc.constantFrom('2024-02-30T00:00:00Z', 'not a date', '2010-01-01') },
)
const date = isoDate.map((d) => d.slice(0, 10))

const level = fc.record(
  { framework: fc.constantFrom('EQF', 'NZQF', 'SCQF', 'ISCED'), code: fc.constantFrom('1', '4', '5', '7', 'Level 6'), uri: iri, name: nonBlank },
  { requiredKeys: ['framework', 'code', 'uri'] },
)
const body = fc.record({ id: iri, name: nonBlank, url: https }, { requiredKeys: ['id', 'name'] })
const qa = fc.record(
  {
    body,
    type: fc.constantFrom(...QA_TYPES),
    regime: text,
    accreditation: iri,
    accreditationReference: text,
    description: text,
  },
  { requiredKeys: ['body', 'type'] },
)
const outcome = fc.record({ text: nonBlank, skills: fc.array(iri, { maxLength: 2 }) }, { requiredKeys: ['text'] })
const resultDescription = fc.record(
  {
    id: uuid,
    type: fc.constant<string[]>(['ResultDescription']),
    name: nonBlank,
    resultType: fc.constantFrom('LetterGrade', 'Percent', 'Status', 'ext:Custom'),
    allowedValue: fc.array(text, { maxLength: 4 }),
    valueMin: fc.constantFrom('0', '1', '0.5'),
    valueMax: fc.constantFrom('100', '5'),
    requiredValue: text,
  },
  { requiredKeys: ['id', 'type', 'name', 'resultType'] },
)

/** An optional field, present about one time in three (keeps documents small on average). */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary })

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

/** Every field of MicroCredentialDefinition, each optional. */
export const definition: fc.Arbitrary<MicroCredentialDefinition> = fc
  .record({
    id: iri,
    name: nonBlank,
    description: nonBlank,
    criteria: nonBlank,
    credits: sometimes(fc.record({ value: nonNegative, system: fc.constantFrom(...CREDIT_SYSTEMS) })),
    workloadHours: sometimes(nonNegative),
    levels: sometimes(fc.array(level, { minLength: 1, maxLength: 2 })),
    fieldOfStudy: sometimes(text),
    inLanguage: sometimes(fc.constantFrom('en', 'de-AT', 'zh-Hans', 'EN', 'pt_BR')),
    qualityAssurance: sometimes(fc.array(qa, { minLength: 1, maxLength: 2 })),
    issuerIsAwardingBody: sometimes(fc.boolean()),
    awardingBody: sometimes(fc.array(body, { minLength: 1, maxLength: 2 })),
    learningOutcomes: sometimes(fc.array(outcome, { minLength: 1, maxLength: 3 })),
    assessmentType: sometimes(text),
    participationMode: sometimes(fc.constantFrom(...PARTICIPATION_MODES)),
    prerequisites: sometimes(text),
    supervisionAndIdVerification: sometimes(fc.constantFrom(...SUPERVISION_LEVELS)),
    stackability: sometimes(fc.constantFrom(...STACKABILITY)),
    parentCourse: sometimes(iri),
    resultDescriptions: sometimes(fc.array(resultDescription, { minLength: 1, maxLength: 1 })),
    achievementType: sometimes(fc.constantFrom('MicroCredential', 'Course', 'ext:Module', 'Badge')),
    image: sometimes(https),
    humanCode: sometimes(text),
    tags: sometimes(fc.array(text, { maxLength: 3 })),
  })
  .map((d) => withoutUndefined(d) as MicroCredentialDefinition)

const address = fc.record(
  {
    type: fc.constant(['Address']),
    addressCountry: text,
    addressCountryCode: fc.constantFrom('AT', 'NZ', 'JP'),
    addressLocality: text,
    addressRegion: text,
    postalCode: fc.constantFrom('1010', '6011'),
    streetAddress: text,
    geo: fc.record({ type: fc.constant('GeoCoordinates'), latitude: number, longitude: number }),
  },
  { requiredKeys: ['type'] },
)
const issuer = fc
  .record({
    id: fc.oneof(didKey, https),
    type: fc.constantFrom(['Profile'], 'Profile'),
    name: maybeTagged(nonBlank),
    url: sometimes(https),
    email: sometimes(fc.constant('registrar@uni.example')),
    description: sometimes(text),
    address: sometimes(address),
    image: sometimes(fc.record({ id: https, type: fc.constant('Image'), caption: text }, { requiredKeys: ['id', 'type'] })),
  })
  .map(withoutUndefined)
const identityObject = fc.record(
  {
    type: fc.constant('IdentityObject'),
    hashed: fc.oneof({ weight: 9, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom('true', 0) }),
    identityHash: fc.oneof(fc.stringMatching(/^sha256\$[0-9a-f]{64}$/), fc.constant('student@uni.example')),
    identityType: fc.constantFrom('emailAddress', 'studentId', 'ext:Other'),
    salt: text,
  },
  { requiredKeys: ['type', 'hashed', 'identityHash', 'identityType'] },
)
const result = fc.record(
  {
    type: fc.constantFrom(['Result'], 'Result'),
    resultDescription: uuid,
    value: fc.oneof(text, number.map(String)),
    status: fc.constantFrom('Completed', 'Enrolled', 'Failed'),
    achievedLevel: iri,
  },
  { requiredKeys: ['type'] },
)

/** Things that the fast path must refuse (or may): kept rare so coverage stays ≥ 95 %. */
const oddity = fc.constantFrom<(credential: Json) => void>(
  (c) => void (c['undefinedTerm'] = 'safe mode rejects undefined terms'),
  (c) => void ((c['credentialSubject'] as Json)['id'] = 'relative/iri'),
  (c) => void (c['@context'] = [...(c['@context'] as string[]), { ex: 'https://example.org/#' }]),
  (c) => void (c['proof'] = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: 'z1' }),
  (c) => void ((c['credentialSubject'] as Json)['achievement'] = { '@context': MICROCRED_CONTEXT, ...((c['credentialSubject'] as Json)['achievement'] as Json) }),
  (c) => void (c['name'] = { '@value': 'x', '@direction': 'rtl' }),
  (c) => void (c['credentialSubject'] = { ...(c['credentialSubject'] as Json), id: '_:b0' }),
  (c) => void (c['credentialSchema'] = [{ id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json', type: '1EdTechJsonSchemaValidator2019' }]),
)

/** Tweaks that keep the credential covered but stress exactness. */
const twist = fc.constantFrom<(credential: Json) => void>(
  // a node with the same id embedded twice (issuer also awarding body / QA body): merged
  (c) => {
    const achievement = (c['credentialSubject'] as Json)['achievement'] as Json
    const issuerNode = c['issuer'] as Json
    achievement['awardingBody'] = [{ id: issuerNode['id'], type: ['Profile'], name: 'Another name' }, { id: issuerNode['id'], type: ['Profile'], name: 'Another name' }]
  },
  // duplicate values (removed as jsonld.js's node map removes them) and equal blank nodes
  (c) => {
    const achievement = (c['credentialSubject'] as Json)['achievement'] as Json
    achievement['tag'] = ['dup', 'dup', 5, '5', true, 'true']
    const a = { type: ['Alignment'], targetName: 'Same', targetUrl: 'https://example.org/same' }
    achievement['alignment'] = [a, { ...a }, { ...a, targetCode: '1' }]
  },
  // numbers as strings under typed terms, booleans as strings, numbers for untyped terms
  (c) => {
    const subject = c['credentialSubject'] as Json
    subject['creditsEarned'] = '2.5'
    const achievement = subject['achievement'] as Json
    achievement['creditsAvailable'] = '5'
    achievement['workloadHours'] = 1.5e-7
    achievement['issuerIsAwardingBody'] = 'false'
  },
  // a subject reference and type given as a string
  (c) => {
    const subject = c['credentialSubject'] as Json
    subject['source'] = { id: 'https://uni.example/registrar' }
    subject['type'] = 'AchievementSubject'
  },
  // nulls and empty arrays are dropped
  (c) => {
    c['description'] = null
    const achievement = (c['credentialSubject'] as Json)['achievement'] as Json
    achievement['tag'] = []
    achievement['alignment'] = [null]
  },
  // activity dates, role, term
  (c) => {
    const subject = c['credentialSubject'] as Json
    subject['activityStartDate'] = '2026-01-05'
    subject['activityEndDate'] = '2026-06-30T00:00:00Z'
    subject['role'] = 'Student'
    subject['term'] = 'Summer 2026'
  },
)

export interface GeneratedCredential {
  credential: Json
  /** The eddsa-rdfc-2022 proof configuration for it. */
  proofConfig: Json
}

/** An OB 3.0 credential like microcred issues (plus rare twists and oddities). */
export const credential: fc.Arbitrary<GeneratedCredential> = fc
  .record(
    {
      context: fc.constantFrom(
        ...Array<string[]>(12).fill(MICROCRED_CONTEXT),
        [VC_V2, OB_V3P0],
        [VC_V2, OB_V3P0, OB_EXTENSIONS, MICROCRED_V1],
        [VC_V2, OB_V3P0_302, MICROCRED_V1],
      ),
      id: uuid,
      issuer,
      validFrom: dateTime,
      validUntil: fc.option(dateTime, { nil: undefined }),
      name: maybeTagged(nonBlank),
      description: fc.option(maybeTagged(text), { nil: undefined }),
      definition,
      achievementName: fc.option(maybeTagged(nonBlank), { nil: undefined }),
      creditsAvailable: fc.option(number, { nil: undefined }),
      subjectId: fc.option(fc.oneof(didKey, https), { nil: undefined }),
      identifier: fc.array(identityObject, { minLength: 1, maxLength: 1 }),
      results: sometimes(fc.array(result, { minLength: 1, maxLength: 2 })),
      creditsEarned: fc.option(number, { nil: undefined }),
      awardedDate: fc.option(dateTime, { nil: undefined }),
      status: sometimes(
        fc.record({
          id: uuid,
          type: fc.constant('BitstringStatusListEntry'),
          statusPurpose: fc.constantFrom('revocation', 'suspension'),
          statusListIndex: fc.nat({ max: 131071 }).map(String),
          statusListCredential: https,
        }),
      ),
      twists: fc.array(twist, { maxLength: 1 }),
      oddity: fc.oneof({ weight: 70, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: oddity }),
      created: dateTime,
      verificationKey: didKey,
      minimal: fc.boolean(),
    },
  )
  .map((g) => {
    if (g.minimal) {
      // a plain badge (the shape most credentials have): required fields only, plus the
      // top-level variations; keeps the average document, and jsonld.js's time, small
      g = { ...g, definition: { id: g.definition.id, name: g.definition.name, description: g.definition.description, criteria: g.definition.criteria } }
      g.results = undefined
      g.status = undefined
      g.twists = []
      g.issuer = withoutUndefined({ ...g.issuer, url: undefined, email: undefined, description: undefined, address: undefined, image: undefined })
    }
    const achievement = toAchievement(g.definition) as unknown as Json
    const context = [...g.context]
    // inLanguage is an OB 3.0.3 term
    if (context.includes(OB_V3P0_302)) delete achievement['inLanguage']
    // extension terms need the microcred context (without it jsonld.js rejects them, rightly)
    if (usesExtensionTerms(achievement) && !context.includes(MICROCRED_V1)) context.push(MICROCRED_V1)
    if (g.achievementName !== undefined) achievement['name'] = g.achievementName
    if (g.creditsAvailable !== undefined) achievement['creditsAvailable'] = g.creditsAvailable
    const subject: Json = { type: ['AchievementSubject'] }
    if (g.subjectId !== undefined) subject['id'] = g.subjectId
    else subject['identifier'] = g.identifier
    subject['achievement'] = achievement
    if (g.results !== undefined) subject['result'] = g.results
    if (g.creditsEarned !== undefined) subject['creditsEarned'] = g.creditsEarned
    const credential: Json = {
      '@context': context,
      id: g.id,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: g.issuer,
      validFrom: g.validFrom,
      name: g.name,
      credentialSubject: subject,
    }
    if (g.validUntil !== undefined) credential['validUntil'] = g.validUntil
    if (g.description !== undefined) credential['description'] = g.description
    // awardedDate is an OB 3.0.3 term
    if (g.awardedDate !== undefined && context.includes(OB_V3P0)) credential['awardedDate'] = g.awardedDate
    if (g.status !== undefined) credential['credentialStatus'] = g.status
    for (const twistIt of g.twists ?? []) twistIt(credential)
    if (g.oddity !== undefined) g.oddity(credential)
    const proofConfig: Json = {
      '@context': credential['@context'],
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      created: g.created,
      verificationMethod: `${g.verificationKey!}#${g.verificationKey!.slice('did:key:'.length)}`,
      proofPurpose: 'assertionMethod',
    }
    return { credential, proofConfig }
  })
