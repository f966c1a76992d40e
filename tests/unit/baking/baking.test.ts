// Open Badges 3.0 baking: PNG iTXt "openbadgecredential" and SVG <openbadges:credential>
// round-trip any text, re-baking replaces, a baked badge verifies and a tampered one fails,
// Open Badges 2.0 badges and JWTs are recognised, and corrupt images are coded errors that
// answer quickly.
import fc from 'fast-check'
import extractChunks from 'png-chunks-extract'
import encodeChunks from 'png-chunks-encode'
import { zlibSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  bakePng,
  bakeSvg,
  defaultBadgePng,
  defaultBadgeSvg,
  initialsOf,
  readCredentialInput,
  readPngBadge,
  readSvgBadge,
  type MicrocredError,
} from '../../../src/core/index.js'
import { createIssuer, issueCredential, verifyCredential } from '../../../src/index.js'

const issuer = createIssuer({ name: 'Baking College' })
let signed: Record<string, unknown>

beforeAll(async () => {
  signed = await issueCredential(
    {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: 'Data Literacy',
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: { id: 'urn:example:data-literacy', type: ['Achievement'], name: 'Data Literacy', description: 'Reads data.', criteria: { narrative: 'Passed.' } },
      },
    },
    { issuer },
  )
})

function codeOf(run: () => unknown): string | undefined {
  try {
    run()
    return undefined
  } catch (e) {
    return (e as MicrocredError).code
  }
}

const utf8 = new TextEncoder()
const latin1Bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0))

describe('PNG baking', () => {
  it('round-trips a signed credential that still verifies, and the baked image is a valid PNG', async () => {
    const png = bakePng(defaultBadgePng('Data Literacy'), JSON.stringify(signed))
    const chunks = extractChunks(png)
    expect(chunks[0]!.name).toBe('IHDR')
    expect(chunks.filter((c) => c.name === 'iTXt')).toHaveLength(1)
    const input = readCredentialInput(png)
    expect(input).toMatchObject({ kind: 'credential', container: 'png' })
    expect((await verifyCredential((input as { credential: unknown }).credential)).verified).toBe(true)
  })

  it('re-baking replaces the credential instead of adding a second one', () => {
    const once = bakePng(defaultBadgePng('x'), '{"a":1}')
    const twice = bakePng(once, '{"a":2}')
    expect(extractChunks(twice).filter((c) => c.name === 'iTXt')).toHaveLength(1)
    expect(readPngBadge(twice)).toEqual({ version: 3, text: '{"a":2}' })
  })

  it('a tampered baked credential fails verification', async () => {
    const tampered = { ...signed, name: 'Data Science (Masters)' }
    const input = readCredentialInput(bakePng(defaultBadgePng('x'), JSON.stringify(tampered)))
    const result = await verifyCredential((input as { credential: unknown }).credential)
    expect(result.verified).toBe(false)
    expect(result.checks.find((c) => c.id === 'proof')?.code).toBe('ERR_PROOF_INVALID')
  })

  it('recognises a JWT baked in, and an Open Badges 2.0 badge (tEXt "openbadges")', () => {
    expect(readCredentialInput(bakePng(defaultBadgePng('x'), 'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln'))).toMatchObject({ kind: 'jwt', container: 'png' })
    const chunks = extractChunks(defaultBadgePng('x'))
    const ob2 = { name: 'tEXt', data: latin1Bytes('openbadges\0https://issuer.example/assertions/1') }
    const png = encodeChunks([...chunks.slice(0, -1), ob2, chunks.at(-1)!])
    expect(readCredentialInput(png)).toMatchObject({ kind: 'ob2', container: 'png', hosted: true })
  })

  it('reads a zlib-compressed iTXt chunk', () => {
    const chunks = extractChunks(defaultBadgePng('x'))
    const text = zlibSync(utf8.encode('{"compressed":true}'))
    const head = latin1Bytes('openbadgecredential\0\x01\x00\0\0')
    const data = new Uint8Array(head.length + text.length)
    data.set(head)
    data.set(text, head.length)
    const png = encodeChunks([...chunks.slice(0, -1), { name: 'iTXt', data }, chunks.at(-1)!])
    expect(readPngBadge(png)).toEqual({ version: 3, text: '{"compressed":true}' })
  })

  it('an image with nothing baked in, a corrupt CRC, a truncated file and a lying chunk length are coded errors, fast', () => {
    const plain = defaultBadgePng('x')
    expect(codeOf(() => readCredentialInput(plain))).toBe('ERR_BADGE_NOT_BAKED')
    const baked = bakePng(plain, '{"a":1}')
    const corrupt = baked.slice()
    corrupt[corrupt.length - 20] = corrupt[corrupt.length - 20]! ^ 0xff
    expect(codeOf(() => readCredentialInput(corrupt))).toBe('ERR_BADGE_MALFORMED')
    expect(codeOf(() => readCredentialInput(baked.subarray(0, baked.length - 30)))).toBe('ERR_BADGE_MALFORMED')
    // A 45-byte file whose IHDR claims to be 2 GiB long.
    const liar = plain.slice(0, 45)
    new DataView(liar.buffer).setUint32(8, 0x7fffffff)
    const started = performance.now()
    expect(codeOf(() => readCredentialInput(liar))).toBe('ERR_BADGE_MALFORMED')
    expect(performance.now() - started).toBeLessThan(100)
  })

  it('property: any text round-trips through PNG baking', () => {
    const png = defaultBadgePng('property', 16)
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(readPngBadge(bakePng(png, text))).toEqual({ version: 3, text })
      }),
      { numRuns: 300 },
    )
  })
})

describe('SVG baking', () => {
  it('round-trips a signed credential that still verifies', async () => {
    const svg = bakeSvg(defaultBadgeSvg('Data Literacy'), JSON.stringify(signed))
    expect(svg).toContain('xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"')
    expect(svg).toMatch(/<svg[^>]*>\n<openbadges:credential><!\[CDATA\[/)
    const input = readCredentialInput(svg)
    expect(input).toMatchObject({ kind: 'credential', container: 'svg' })
    expect((await verifyCredential((input as { credential: unknown }).credential)).verified).toBe(true)
  })

  it('keeps the prolog, handles a self-closing root and a prefix already bound, and re-bakes in place', () => {
    const withProlog = '<?xml version="1.0"?>\n<!-- logo -->\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg" data-x="a>b"/>'
    const baked = bakeSvg(withProlog, '{"a":1}')
    expect(baked.startsWith('<?xml version="1.0"?>\n<!-- logo -->\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg" data-x="a>b" xmlns:openbadges=')).toBe(true)
    expect(readSvgBadge(baked)).toEqual({ version: 3, text: '{"a":1}' })
    const bound = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="https://purl.imsglobal.org/ob/v3p0"><ob:credential><![CDATA[{"old":1}]]></ob:credential><rect/></svg>'
    const rebaked = bakeSvg(bound, '{"new":1}')
    expect(rebaked.match(/ob:credential>/g)).toHaveLength(2) // one element: open and close
    expect(readSvgBadge(rebaked)).toEqual({ version: 3, text: '{"new":1}' })
  })

  it('puts a JWT in the verify attribute, and escapes "]]>" in JSON', () => {
    const jwt = 'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln'
    const baked = bakeSvg(defaultBadgeSvg('x'), jwt)
    expect(baked).toContain(`<openbadges:credential verify="${jwt}">`)
    expect(readCredentialInput(baked)).toMatchObject({ kind: 'jwt', jwt })
    const tricky = JSON.stringify({ note: 'a]]>b' })
    expect(readSvgBadge(bakeSvg(defaultBadgeSvg('x'), tricky))).toEqual({ version: 3, text: tricky })
  })

  it('recognises an Open Badges 2.0 SVG assertion', () => {
    const ob2 = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://issuer.example/a/1"/></svg>'
    expect(readCredentialInput(ob2)).toMatchObject({ kind: 'ob2', container: 'svg', hosted: true })
  })

  it('not well-formed XML, another root, or nothing baked in are coded errors', () => {
    expect(codeOf(() => readCredentialInput('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>'))).toBe('ERR_BADGE_MALFORMED')
    expect(codeOf(() => bakeSvg('<html/>', '{}'))).toBe('ERR_BADGE_MALFORMED')
    expect(codeOf(() => readCredentialInput(defaultBadgeSvg('x')))).toBe('ERR_BADGE_NOT_BAKED')
  })

  it('property: any JSON string value round-trips through SVG baking', () => {
    const svg = defaultBadgeSvg('property')
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (value) => {
        const text = JSON.stringify({ value })
        expect(readSvgBadge(bakeSvg(svg, text))).toEqual({ version: 3, text })
      }),
      { numRuns: 200 },
    )
  })
})

describe('default images', () => {
  it('are stable per name, escaped, and titled with the achievement', () => {
    expect(defaultBadgeSvg('A & B <Course>')).toContain('<title id="title">A &amp; B &lt;Course&gt;</title>')
    expect(defaultBadgeSvg('Data Literacy')).toBe(defaultBadgeSvg('Data Literacy'))
    expect(initialsOf('Introduction to Data Science')).toBe('ID')
    expect(initialsOf('Ökologie und Umwelt')).toBe('ÖU')
    expect(extractChunks(defaultBadgePng('x'))[0]!.name).toBe('IHDR')
  })
})
