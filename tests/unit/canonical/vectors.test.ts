// Golden vectors: the fast path's canonical N-Quads equal the published ones byte for byte
// (where it covers the document), and canonize() equals them always.
import { readFileSync } from 'node:fs'
import jsonld from 'jsonld'
import { describe, expect, it } from 'vitest'
import { defaultCanonize as canonize } from '../../../src/core/suites/default-canonize.js'
import { fastCanonize, fastPathGap } from '../../../src/core/canonical/fast-canonize.js'
import { createDocumentLoader } from '../../../src/core/contexts/document-loader.js'

const VECTORS = new URL('../../fixtures/vectors/', import.meta.url)
const read = (path: string): string => readFileSync(new URL(path, VECTORS), 'utf8')
const readJson = (path: string): Record<string, unknown> => JSON.parse(read(path)) as Record<string, unknown>

const documentLoader = createDocumentLoader()

function proofConfig(document: Record<string, unknown>, proof: Record<string, unknown>): Record<string, unknown> {
  const { proofValue: _proofValue, ...config } = proof
  return { '@context': document['@context'], ...config }
}

const covered = [
  { name: 'OB 3.0 (1EdTech)', dir: 'ob3-eddsa-rdfc-2022/', document: 'document-canon.txt', proof: 'proof-canon.txt' },
]

describe('golden vectors', () => {
  for (const vector of covered) {
    it(`${vector.name}: fast path covers and equals document-canon and proof-canon`, async () => {
      const unsigned = readJson(`${vector.dir}unsigned.json`)
      const proof = readJson(`${vector.dir}proof.json`)
      expect(fastCanonize(unsigned)).toBe(read(`${vector.dir}${vector.document}`))
      expect(fastCanonize(proofConfig(unsigned, proof))).toBe(read(`${vector.dir}${vector.proof}`))
      expect(await canonize(unsigned, { documentLoader })).toBe(read(`${vector.dir}${vector.document}`))
    })
  }

  it('CLR 2.0 (1EdTech): CLR context not bundled → fallback, canonize() still equals the vector', async () => {
    const unsigned = readJson('clr2-eddsa-rdfc-2022/unsigned.json')
    expect(fastCanonize(unsigned)).toBeUndefined()
    const clr = JSON.parse(readFileSync(new URL('../clr2/context/context-2.0.1.json', VECTORS), 'utf8')) as unknown
    const loader = createDocumentLoader({ documents: { 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json': clr } })
    expect(await canonize(unsigned, { documentLoader: loader })).toBe(read('clr2-eddsa-rdfc-2022/document-canon.txt'))
    const config = proofConfig(unsigned, readJson('clr2-eddsa-rdfc-2022/proof.json'))
    expect(await canonize(config, { documentLoader: loader })).toBe(read('clr2-eddsa-rdfc-2022/proof-canon.txt'))
  })

  it('W3C eddsa-rdfc-2022: examples/v2 context is not bundled → fallback, canonize() still equals the vector', async () => {
    const unsigned = readJson('eddsa-rdfc-2022/unsigned.json')
    expect(fastCanonize(unsigned)).toBeUndefined()
    const examples = JSON.parse(readFileSync(new URL('../contexts/credentials-examples-v2.jsonld', VECTORS), 'utf8')) as unknown
    const loader = createDocumentLoader({ documents: { 'https://www.w3.org/ns/credentials/examples/v2': examples } })
    expect(await canonize(unsigned, { documentLoader: loader })).toBe(read('eddsa-rdfc-2022/canonDocDataInt.txt'))
    const config = readJson('eddsa-rdfc-2022/proofConfigDataInt.json')
    expect(await canonize(config, { documentLoader: loader })).toBe(read('eddsa-rdfc-2022/proofCanonDataInt.txt'))
  })

  const examples = new URL('../../fixtures/ob3/examples/', import.meta.url)
  const coveredExamples = [
    'achievement-alignment-case',
    'achievement-alignment-ce',
    'basic-openbadgecredential',
    'endorsementcredential',
    'skill-assertion-case',
    'skill-assertion-ctdl',
  ]
  for (const file of coveredExamples) {
    it(`1EdTech OB 3.0 example ${file}: fast path covers it and equals jsonld.canonize`, async () => {
      const doc = JSON.parse(readFileSync(new URL(`${file}.unsigned.json`, examples), 'utf8')) as Record<string, unknown>
      const expected = await jsonld.canonize(doc, { algorithm: 'RDFC-1.0', format: 'application/n-quads', safe: true, documentLoader })
      expect(fastCanonize(doc)).toBe(expected)
    })
  }

  it('Bitstring Status List credential (W3C example): covered, equals jsonld.canonize', async () => {
    const file = new URL('../../fixtures/status/example-bitstringstatuslistcredential.unsigned.json', import.meta.url)
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    const expected = await jsonld.canonize(doc, { algorithm: 'RDFC-1.0', format: 'application/n-quads', safe: true, documentLoader })
    expect(fastCanonize(doc)).toBe(expected)
  })

  it('1EdTech complete-openbadgecredential: embedded endorsement contexts → fallback', async () => {
    const doc = JSON.parse(readFileSync(new URL('complete-openbadgecredential.unsigned.json', examples), 'utf8')) as Record<string, unknown>
    expect(fastPathGap(doc)).toBe('embedded @context')
  })
})
