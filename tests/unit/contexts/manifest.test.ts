import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { BUNDLED_CONTEXTS, createDocumentLoader, MicrocredError } from '../../../src/core/index.js'

const dir = new URL('../../../contexts/', import.meta.url)
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as {
  contexts: { url: string; file: string; sha256: string }[]
}

describe('contexts/manifest.json', () => {
  it.each(manifest.contexts)('$file still has its pinned sha256', ({ file, sha256 }) => {
    expect(createHash('sha256').update(readFileSync(new URL(file, dir))).digest('hex')).toBe(sha256)
  })

  it('lists every file in contexts/ and every bundled URL', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'manifest.json').sort()
    expect(manifest.contexts.map((c) => c.file).sort()).toEqual(files)
    expect([...BUNDLED_CONTEXTS.keys()].sort()).toEqual(manifest.contexts.map((c) => c.url).sort())
  })

  it('bundles exactly the bytes of each file (the loader serves what is pinned)', () => {
    for (const { url, file } of manifest.contexts) {
      expect(BUNDLED_CONTEXTS.get(url)).toEqual(JSON.parse(readFileSync(new URL(file, dir), 'utf8')))
    }
  })
})

describe('the static document loader', () => {
  const loader = createDocumentLoader()

  it('serves bundled contexts without a network', async () => {
    const { document } = await loader('https://www.w3.org/ns/credentials/v2')
    expect(document).toHaveProperty('@context')
  })

  it('refuses any other URL with ERR_CONTEXT_NOT_ALLOWED', async () => {
    await expect(loader('https://example.com/evil-context.json')).rejects.toMatchObject({ code: 'ERR_CONTEXT_NOT_ALLOWED' })
    await expect(loader('https://example.com/evil-context.json')).rejects.toBeInstanceOf(MicrocredError)
  })

  it('resolves did:key documents and their verification methods locally', async () => {
    const did = 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2'
    const { document } = await loader(did)
    expect(document).toMatchObject({ id: did, assertionMethod: [`${did}#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2`] })
    const vm = await loader(`${did}#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2`)
    expect(vm.document).toMatchObject({ type: 'Multikey', controller: did, publicKeyMultibase: 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2' })
  })

  it('refuses a did:key that is not an Ed25519 key', async () => {
    await expect(loader('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme')).rejects.toMatchObject({ code: 'ERR_KEY_INVALID' })
  })

  it('serves documents the caller supplies, including fragments of them', async () => {
    const controller = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: 'https://issuer.example',
      verificationMethod: [{ id: 'https://issuer.example#k1', type: 'Multikey', controller: 'https://issuer.example', publicKeyMultibase: 'z6Mk' }],
      assertionMethod: ['https://issuer.example#k1'],
    }
    const custom = createDocumentLoader({ documents: { 'https://issuer.example': controller } })
    expect((await custom('https://issuer.example#k1')).document).toMatchObject({ id: 'https://issuer.example#k1', type: 'Multikey' })
    await expect(custom('https://issuer.example#k2')).rejects.toMatchObject({ code: 'ERR_KEY_UNRESOLVABLE' })
  })
})
