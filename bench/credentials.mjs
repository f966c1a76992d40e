// The two credentials every benchmark uses: a small OB 3.0 badge and a full micro-credential
// carrying every Annex I element. Plain data, shared by the baseline and microcred runs.
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
