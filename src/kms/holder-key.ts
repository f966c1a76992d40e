/**
 * @module kms/holder-key
 * A learner's (holder's) did:key: one JSON file, mode 0600, holding the DID and the Ed25519
 * key material. Made by `microcred holder init`, used by `microcred present`.
 */
import { didKeyFromPublicKeyMultibase, MicrocredError, type Holder } from '../core/index.js'
import { generateKeyMaterial, signingKeyFromMaterial } from './ed25519-key.js'
import { readSecretFile, writeSecretFile } from './issuer-directory.js'

/** Writes a new holder key file (never overwrites one) and returns the holder's DID. */
export async function createHolderKeyFile(path: string): Promise<string> {
  const material = generateKeyMaterial()
  const id = didKeyFromPublicKeyMultibase(material.publicKeyMultibase)
  try {
    await writeSecretFile(path, JSON.stringify({ id, ...material }, null, 2) + '\n')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw new MicrocredError('ERR_KEY_FILE', `${path} already exists; a holder key is never overwritten (choose another --out)`)
    throw new MicrocredError('ERR_KEY_FILE', `cannot write ${path}: ${code ?? (e as Error).message}`, { cause: e })
  }
  return id
}

export async function loadHolderKeyFile(path: string): Promise<Holder> {
  const material = await readSecretFile(path)
  const id = didKeyFromPublicKeyMultibase(material.publicKeyMultibase)
  return { id, key: signingKeyFromMaterial(material) }
}
