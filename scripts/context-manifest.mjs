#!/usr/bin/env node
// Prints contexts/manifest.json from the files in contexts/. Run it only when a context is
// added on purpose (contexts never change after release); tests compare against it.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

const URLS = {
  'credentials-v2.json': 'https://www.w3.org/ns/credentials/v2',
  'ob-v3p0-3.0.3.json': 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  'ob-v3p0-3.0.2.json': 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  'ob-v3p0-extensions.json': 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  'data-integrity-v2.json': 'https://w3id.org/security/data-integrity/v2',
  'multikey-v1.json': 'https://w3id.org/security/multikey/v1',
  'did-v1.json': 'https://www.w3.org/ns/did/v1',
  'bitstring-status-list-v1.json': 'https://www.w3.org/ns/credentials/status/v1',
  'microcred-v1.json': 'https://w3id.org/microcred/v1',
  'clr-v2p0-2.0.1.json': 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
  'credentials-v1.json': 'https://www.w3.org/2018/credentials/v1',
}
const entries = Object.entries(URLS).map(([file, url]) => ({
  url,
  file,
  sha256: createHash('sha256').update(readFileSync(new URL(`../contexts/${file}`, import.meta.url))).digest('hex'),
}))
process.stdout.write(JSON.stringify({ contexts: entries }, null, 2) + '\n')
