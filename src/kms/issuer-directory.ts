/**
 * @module kms/issuer-directory
 * The issuer `microcred init` creates in a working directory:
 *
 *   microcred.json          public: the issuer's DID and profile, and its keys' public halves
 *   keys/<key-name>.json    secret: one file per key, mode 0600, git-ignored
 *
 * `loadIssuer(dir)` reads them back into an `Issuer` whose key is imported once.
 */
import { constants } from 'node:fs'
import { chmod, mkdir, open, readFile, stat, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { isCountryCode, MicrocredError, parseCountryCode, systemClock, type Clock, type Issuer } from '../core/index.js'
import { generateKeyMaterial, signingKeyFromMaterial, type KeyMaterial } from './ed25519-key.js'

export const CONFIG_FILE = 'microcred.json'
export const KEYS_DIR = 'keys'

export interface IssuerProfileInput {
  name?: string
  url?: string
  email?: string
  /** OB 3.0 Address, e.g. `{ type: ['Address'], addressCountryCode: 'NZ' }`. */
  address?: Record<string, unknown>
}

export interface StoredKey {
  /** Verification method id written into proofs. */
  id: string
  controller: string
  publicKeyMultibase: string
  /** Path of the secret key file, relative to the directory. */
  file: string
  created: string
}

export interface IssuerConfig {
  issuer: { id: string } & IssuerProfileInput
  activeKey: string
  keys: StoredKey[]
}

/** An in-memory issuer with a fresh did:key; nothing is written anywhere. */
export function createIssuer(profile: IssuerProfileInput = {}): Issuer {
  const key = signingKeyFromMaterial(generateKeyMaterial())
  return { id: key.controller, profile: { ...profile }, key }
}

export interface InitResult {
  issuer: Issuer
  configPath: string
  keyPath: string
}

/** Creates an issuer in `dir`: fails with ERR_ISSUER_EXISTS rather than overwrite one. */
export async function initIssuer(dir: string, profile: IssuerProfileInput = {}, clock: Clock = systemClock): Promise<InitResult> {
  const root = resolve(dir)
  const configPath = join(root, CONFIG_FILE)
  if (await exists(configPath)) {
    throw new MicrocredError('ERR_ISSUER_EXISTS', `${configPath} already exists; refusing to replace the issuer it describes`)
  }
  const material = generateKeyMaterial()
  const key = signingKeyFromMaterial(material)
  const keysDir = join(root, KEYS_DIR)
  await mkdir(keysDir, { recursive: true, mode: 0o700 })
  const keyPath = join(keysDir, `${key.publicKeyMultibase.slice(0, 24)}.json`)
  await writeSecretFile(keyPath, JSON.stringify(material, null, 2) + '\n')

  const config: IssuerConfig = {
    issuer: { id: key.controller, ...profile },
    activeKey: key.id,
    keys: [{ id: key.id, controller: key.controller, publicKeyMultibase: key.publicKeyMultibase, file: relative(root, keyPath), created: clock.now().toISOString() }],
  }
  await writeFile(configPath, JSON.stringify(config, null, 2) + '\n', { flag: 'wx' })
  return { issuer: { id: config.issuer.id, profile: profileOf(config), key }, configPath, keyPath }
}

/** Loads the issuer `microcred init` made in `dir` (default: the working directory). */
export async function loadIssuer(dir = '.'): Promise<Issuer> {
  return (await loadIssuerWithMaterial(dir)).issuer
}

/**
 * The issuer and its active key's material, for code that must hand the key to another
 * thread (the batch signing pool). Keep the material in memory only; never log it.
 */
export async function loadIssuerWithMaterial(dir = '.'): Promise<{ issuer: Issuer; material: KeyMaterial }> {
  const root = resolve(dir)
  const config = await readIssuerConfig(root)
  const stored = config.keys.find((k) => k.id === config.activeKey)
  if (stored === undefined) {
    throw new MicrocredError('ERR_KEY_FILE', `${CONFIG_FILE}: activeKey ${config.activeKey} is not among its keys`)
  }
  const material = await readSecretFile(join(root, stored.file))
  if (material.publicKeyMultibase !== stored.publicKeyMultibase) {
    throw new MicrocredError('ERR_KEY_FILE', `${stored.file} does not hold the key ${stored.id}`)
  }
  checkProfile(config, root)
  const key = signingKeyFromMaterial(material, { controller: stored.controller, id: stored.id })
  return { issuer: { id: config.issuer.id, profile: profileOf(config), key }, material }
}

export async function readIssuerConfig(root: string): Promise<IssuerConfig> {
  const configPath = join(root, CONFIG_FILE)
  let text: string
  try {
    text = await readFile(configPath, 'utf8')
  } catch {
    throw new MicrocredError('ERR_ISSUER_NOT_FOUND', `no issuer in ${root}: run \`microcred init\` there first`)
  }
  let config: unknown
  try {
    config = JSON.parse(text)
  } catch (cause) {
    throw new MicrocredError('ERR_KEY_FILE', `${configPath} is not valid JSON`, { cause })
  }
  const c = config as Partial<IssuerConfig>
  if (typeof c?.issuer?.id !== 'string' || typeof c.activeKey !== 'string' || !Array.isArray(c.keys)) {
    throw new MicrocredError('ERR_KEY_FILE', `${configPath} is not a microcred issuer configuration`)
  }
  return c as IssuerConfig
}

/**
 * The profile goes into every credential signed: a country that is not an ISO 3166-1 code
 * (earlier releases stored `--country Ireland` as "IRELAND") is refused before signing, with
 * the code to write instead.
 */
function checkProfile(config: IssuerConfig, root: string): void {
  const country = config.issuer.address?.['addressCountryCode']
  if (country === undefined || isCountryCode(country)) return
  const parsed = parseCountryCode(String(country))
  const fix = parsed.ok ? `write "${parsed.code}"` : parsed.suggestion !== undefined ? `did you mean "${parsed.suggestion}"?` : 'write a two-letter ISO 3166-1 code'
  throw new MicrocredError('ERR_CONFIG_INVALID', `${join(root, CONFIG_FILE)}: issuer.address.addressCountryCode ${JSON.stringify(country)} is not an ISO 3166-1 alpha-2 code; ${fix}`)
}

function profileOf(config: IssuerConfig): Issuer['profile'] {
  const { id: _id, ...profile } = config.issuer
  return profile
}

export async function readSecretFile(path: string): Promise<KeyMaterial> {
  let info
  try {
    info = await stat(path)
  } catch {
    throw new MicrocredError('ERR_KEY_FILE', `the key file ${path} is missing`)
  }
  if ((info.mode & 0o077) !== 0) {
    // Like ssh: a private key others can read is refused, not silently used.
    throw new MicrocredError('ERR_KEY_FILE', `the key file ${path} is readable by other users; run: chmod 600 ${path}`)
  }
  let parsed: Partial<KeyMaterial>
  try {
    parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<KeyMaterial>
  } catch {
    throw new MicrocredError('ERR_KEY_FILE', `the key file ${path} is not valid JSON`)
  }
  if (typeof parsed.publicKeyMultibase !== 'string' || typeof parsed.secretKeyMultibase !== 'string') {
    throw new MicrocredError('ERR_KEY_FILE', `the key file ${path} has no publicKeyMultibase/secretKeyMultibase`)
  }
  return { publicKeyMultibase: parsed.publicKeyMultibase, secretKeyMultibase: parsed.secretKeyMultibase }
}

/** Created with O_EXCL and mode 0600 from the first byte: never briefly world-readable. */
export async function writeSecretFile(path: string, content: string): Promise<void> {
  const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600)
  try {
    await handle.writeFile(content)
  } finally {
    await handle.close()
  }
  await chmod(path, 0o600) // the umask cannot widen it, but make the intent explicit
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}
