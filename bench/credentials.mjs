// The credentials the benchmarks use: a small OB 3.0 badge, a full micro-credential carrying
// every Annex I element, and a realistic one built by microcred's own builder from a complete
// definition (as the service issues it). Plain data, shared by the baseline and microcred runs.
export function smallBadge(issuerId) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:2f3a4c1e-0d9b-4a8e-8f1f-5b7c6d9e0a11',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerId, type: ['Profile'], name: 'Example College' },
    validFrom: '2026-01-01T00:00:00Z',
    name: 'Intro to Data',
    credentialSubject: {
      type: ['AchievementSubject'],
      id: 'did:example:learner-1',
      achievement: {
        id: 'https://college.example/achievements/intro-data',
        type: ['Achievement'],
        name: 'Intro to Data',
        description: 'Basics of data literacy.',
        criteria: { narrative: 'Pass the quiz.' },
      },
    },
  }
}

/** The small badge as a client sends it to the service: no id, issuer or dates (the service assigns them). */
export function serviceBadge(subject) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Data Literacy',
    credentialSubject: {
      id: subject,
      type: ['AchievementSubject'],
      achievement: {
        id: 'urn:example:achievement:data-literacy',
        type: ['Achievement'],
        name: 'Data Literacy',
        description: 'Reads and questions data.',
        criteria: { narrative: 'Passed the assessment.' },
      },
    },
  }
}

export function fullMicroCredential(issuerId) {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://w3id.org/microcred/v1',
    ],
    id: 'urn:uuid:8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {
      id: issuerId,
      type: ['Profile'],
      name: 'Example Polytechnic',
      url: 'https://polytechnic.example',
      address: { type: ['Address'], addressCountryCode: 'IE', addressRegion: 'Munster' },
    },
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2031-01-01T00:00:00Z',
    name: 'Data Literacy for Public Services',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          hashed: true,
          identityHash: 'sha256$1b0a1f8f3c0a7c54f4d7cc2f3b1c3d0f2f0c9b9c1f1e2d3c4b5a69788796a5b4',
          identityType: 'emailAddress',
          salt: 'a1b2c3d4',
        },
      ],
      result: [{ type: ['Result'], resultDescription: 'urn:uuid:4a6c3a3e-7c1e-4d1e-9a57-2c8f1f7b0e01', value: 'B' }],
      achievement: {
        id: 'https://polytechnic.example/achievements/data-literacy',
        type: ['Achievement'],
        achievementType: 'MicroCredential',
        name: 'Data Literacy for Public Services',
        description: 'Reading, questioning and presenting public-sector data — “in practice”.',
        criteria: { narrative: 'Pass a supervised online exam and a graded project.' },
        creditsAvailable: 5,
        creditSystem: 'ECTS',
        workloadHours: 125,
        fieldOfStudy: '0542',
        inLanguage: 'en',
        alignment: [
          { type: ['Alignment'], targetName: 'EQF level 5', targetUrl: 'http://data.europa.eu/snb/eqf/5', targetFramework: 'EQF', targetCode: '5' },
          { type: ['Alignment'], targetName: 'Interpret charts', targetUrl: 'http://data.europa.eu/esco/skill/S2.7.1', targetFramework: 'ESCO', targetType: 'ceasn:Competency' },
        ],
        resultDescription: [
          { id: 'urn:uuid:4a6c3a3e-7c1e-4d1e-9a57-2c8f1f7b0e01', type: ['ResultDescription'], name: 'Final grade', resultType: 'LetterGrade', allowedValue: ['A', 'B', 'C', 'D', 'E'] },
        ],
        learningOutcome: [
          { type: 'LearningOutcome', description: 'Interpret charts and summary statistics critically.', relatedSkill: ['http://data.europa.eu/esco/skill/S2.7.1'] },
          { type: 'LearningOutcome', description: 'Present findings to a non-specialist audience.' },
        ],
        assessmentType: 'supervised online exam and graded project',
        participationMode: 'online',
        prerequisites: 'None',
        supervisionAndIdVerification: 'supervised-with-id-check',
        stackability: 'stackable',
        issuerIsAwardingBody: true,
        qualityAssurance: [
          {
            type: 'QualityAssurance',
            qaType: 'external',
            qaBody: { id: 'https://qa-agency.example', type: ['Profile'], name: 'Example QA Agency' },
            regime: 'ESG 2015',
            accreditationReference: 'QA-2025-117',
          },
        ],
      },
    },
  }
}

/**
 * A realistic micro-credential definition: every element of MicroCredentialDefinition, as an
 * institution would publish it (the bench builds credentials from it with microcred's own
 * builder, so the contexts, the hashed-email identity and the credentialSchema entry are
 * exactly what the service issues).
 */
export const realisticDefinition = {
  id: 'https://uni.example/achievements/data-literacy-101',
  name: 'Datenkompetenz — Grundlagen “Data Literacy”',
  description: 'Introducción a la ciencia de datos: análisis, visualización y comunicación.',
  criteria: 'Pass the proctored exam with at least 60 %; submit the mini-project.',
  credits: { value: 5, system: 'ECTS' },
  workloadHours: 125,
  levels: [
    { framework: 'EQF', code: '5', uri: 'http://data.europa.eu/snb/eqf/5' },
    { framework: 'NZQF', code: '5', uri: 'https://www.nzqa.govt.nz/nzqf/level-5', name: 'NZQF Level 5' },
  ],
  fieldOfStudy: 'Information and Communication Technologies',
  inLanguage: 'de-AT',
  qualityAssurance: [
    {
      body: { id: 'https://aq.example/agency', name: 'AQ Austria', url: 'https://aq.example' },
      type: 'external',
      regime: 'ESG 2015',
      accreditation: 'https://aq.example/decisions/2025-042',
      accreditationReference: 'AQ-2025/042',
      description: 'Programme accreditation',
    },
    { body: { id: 'https://uni.example', name: 'Universität Beispiel' }, type: 'internal' },
  ],
  issuerIsAwardingBody: false,
  awardingBody: [{ id: 'https://awarding.example', name: 'Awarding Body Ltd', url: 'https://awarding.example/about' }],
  learningOutcomes: [
    { text: 'Analyse tabular data with a spreadsheet', skills: ['http://data.europa.eu/esco/skill/2b6a0b3d-0d8c-4d4b-9d5f-1e8f0f6e2a11'] },
    { text: 'Present findings to a non-specialist audience' },
  ],
  assessmentType: 'Proctored online exam and project',
  participationMode: 'blended',
  prerequisites: 'None — open to everyone',
  supervisionAndIdVerification: 'supervised-with-id-check',
  stackability: 'stackable',
  parentCourse: 'https://uni.example/programmes/msc-data-science',
  resultDescriptions: [
    { id: 'urn:uuid:9a7b0d4e-3d1c-4d0e-8f5a-2b6c1e3f4a5b', type: ['ResultDescription'], name: 'Final grade', resultType: 'LetterGrade', allowedValue: ['A', 'B', 'C', 'D'] },
  ],
  achievementType: 'MicroCredential',
  image: 'https://uni.example/badges/data-literacy-101.png',
  humanCode: 'DL-101',
  tags: ['data', 'literacy'],
}

/**
 * `count` distinct realistic credentials for `issuerId` (own id, own learner: a salted
 * sha256 email hash, own grade), built by microcred's builder exactly as the service builds
 * them (`withCredentialSchema`, so the 1EdTech extensions context too).
 */
export async function realisticMicroCredentials(microcred, issuerId, count, seed) {
  const achievement = microcred.toAchievement(realisticDefinition)
  const grades = ['A', 'B', 'C', 'D']
  const out = []
  for (let i = 0; i < count; i++) {
    out.push(
      await microcred.buildAchievementCredential({
        achievement,
        recipient: { email: `learner${seed}-${i}@students.uni.example`, salt: `salt-${seed}-${i}` },
        issuer: { id: issuerId, name: 'Universität Beispiel', url: 'https://uni.example' },
        id: `urn:uuid:${seed}0000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        validFrom: '2026-06-30T12:00:00Z',
        validUntil: '2031-06-30T12:00:00Z',
        result: [{ type: ['Result'], resultDescription: 'urn:uuid:9a7b0d4e-3d1c-4d0e-8f5a-2b6c1e3f4a5b', value: grades[i % grades.length] }],
        withCredentialSchema: true,
      }),
    )
  }
  return out
}

/** `count` copies of `make(issuerId)`, each with its own id and learner. */
export function variants(make, issuerId, count, seed) {
  return Array.from({ length: count }, (_, i) => {
    const credential = make(issuerId)
    credential.id = `urn:uuid:${seed}1000000-0000-4000-8000-${String(i).padStart(12, '0')}`
    const subject = credential.credentialSubject
    if (subject.identifier !== undefined) {
      // a different learner behind the hashed email: another salt, another hash
      subject.identifier[0].salt = `salt-${seed}-${i}`
      subject.identifier[0].identityHash = `sha256$${(i.toString(16) + seed).padStart(64, '0')}`
    } else subject.id = `did:example:learner-${seed}-${i}`
    return credential
  })
}
