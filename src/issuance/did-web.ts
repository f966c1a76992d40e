/**
 * @module issuance/did-web
 * did:web issuers: the DID document served at `/.well-known/did.json`, creating a did:web
 * issuer directory, and key rotation.
 *
 * Rotation never removes a key: the old verification method stays in the document (and in
 * `assertionMethod`), so every credential it signed keeps verifying; new credentials are
 * signed with the new key. Key ids carry the date they were created (`#key-2026-11-26`), and
 * microcred.json records `created` and `retired` for each key. Private keys stay in `keys/`
 * (mode 0600); the store keeps only the public halves, so every process sharing a database
 * serves the same document.
 *
 * @example
 * await createDidWebIssuer(dir, { did: didWebFromUrl('https://badges.example.edu'), profile: { name: 'Example U' } })
 * await rotateIssuerKey(ctx)   // { activeKey: 'did:web:badges.example.edu#key-2027-01-10', retired: [...] }
 */
import { constants } from 'node:fs'
import { chmod, mkdir, open, rename, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { DID_CONTEXT_V1, MicrocredError, MULTIKEY_CONTEXT_V1, toDateTimeStamp, type ControllerDocument, type Issuer } from '../core/index.js'
import { generateKeyMaterial, signingKeyFromMaterial } from '../kms/ed25519-key.js'
import { CONFIG_FILE, KEYS_DIR, loadIssuer, readIssuerConfig, type IssuerConfig, type IssuerProfileInput, type StoredKey } from '../kms/issuer-directory.js'
import type { IssuerKeyRecord, Store } from '../storage/store.js'
import type { IssuanceContext } from './context.js'
import { recordAudit } from './audit.js'
import { readOncePerTurn } from './turn-reads.js'

export function isDidWeb(id: string): boolean {
  return id.startsWith('did:web:')
}

/** `https://badges.example.edu:8443` → `did:web:badges.example.edu%3A8443` (host only, no path). */
export function didWebFromUrl(url: string): string {
  const u = new URL(url)
  if (u.pathname !== '/' && u.pathname !== '') {
    throw new MicrocredError('ERR_CONFIG_INVALID', `did:web is served at /.well-known/did.json, so the public URL must have no path (got ${url})`)
  }
  return `did:web:${u.hostname}${u.port === '' ? '' : `%3A${u.port}`}`
}

/** The origin a did:web DID is served from (`did:web:localhost%3A3000` → `localhost:3000`). */
export function hostOfDidWeb(did: string): string {
  return decodeURIComponent(did.slice('did:web:'.length).split(':')[0] ?? '')
}

/** A verification method id for a key created on `date`, unique among `taken`. */
function keyIdFor(did: string, date: Date, taken: ReadonlySet<string>): string {
  const base = `${did}#key-${toDateTimeStamp(date).slice(0, 10)}`
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

export interface CreateDidWebIssuerInput {
  did: string
  profile?: IssuerProfileInput
  now?: Date
}

/** Creates a did:web issuer in `dir` (microcred.json + keys/<key>.json, 0600); refuses to replace one. */
export async function createDidWebIssuer(dir: string, input: CreateDidWebIssuerInput): Promise<{ issuer: Issuer; configPath: string; keyPath: string }> {
  if (!isDidWeb(input.did)) throw new MicrocredError('ERR_USAGE', `${input.did} is not a did:web DID`)
  const root = resolve(dir)
  const now = input.now ?? new Date()
  const material = generateKeyMaterial()
  const id = keyIdFor(input.did, now, new Set())
  const keyPath = await writeKeyFile(root, material)
  const config: IssuerConfig = {
    issuer: { id: input.did, ...input.profile },
    activeKey: id,
    keys: [{ id, controller: input.did, publicKeyMultibase: material.publicKeyMultibase, file: relative(root, keyPath), created: now.toISOString() }],
  }
  const configPath = join(root, CONFIG_FILE)
  await writeFile(configPath, JSON.stringify(config, null, 2) + '\n', { flag: 'wx' })
  return { issuer: await loadIssuer(root), configPath, keyPath }
}

/**
 * Makes sure the store lists the keys of the issuer directory (public halves only), so the DID
 * document is the same from every process. Called at start.
 */
export async function registerIssuerKeys(ctx: IssuanceContext): Promise<void> {
  const issuer = ctx.issuer.current
  if (!isDidWeb(issuer.id)) return
  const known = new Set((await ctx.store.listIssuerKeys(issuer.id)).map((k) => k.id))
  const keys: Pick<StoredKey, 'id' | 'controller' | 'publicKeyMultibase'>[] =
    ctx.issuer.dir === undefined ? [issuer.key] : (await readIssuerConfig(ctx.issuer.dir)).keys
  for (const key of keys) {
    if (known.has(key.id)) continue
    try {
      await ctx.store.addIssuerKey({ id: key.id, controller: key.controller, publicKeyMultibase: key.publicKeyMultibase })
    } catch (e) {
      // Another process registered it first.
      if (!(e instanceof MicrocredError && e.code === 'ERR_STORE_CONFLICT')) throw e
    }
  }
}

// Per store: the did:web document is built for every verify (and every fetch of did.json), and a
// key added or retired by another instance must show at once; concurrent requests share one read.
const issuerKeyReads = new WeakMap<Store, (issuerId: string) => Promise<IssuerKeyRecord[]>>()

function issuerKeysOf(store: Store): (issuerId: string) => Promise<IssuerKeyRecord[]> {
  let read = issuerKeyReads.get(store)
  if (read === undefined) issuerKeyReads.set(store, (read = readOncePerTurn((issuerId: string) => store.listIssuerKeys(issuerId))))
  return read
}

/** The DID document of a did:web issuer; undefined for any other issuer. */
export async function didDocument(ctx: IssuanceContext): Promise<ControllerDocument | undefined> {
  const issuer = ctx.issuer.current
  if (!isDidWeb(issuer.id)) return undefined
  const stored = await issuerKeysOf(ctx.store)(issuer.id)
  const keys = stored.map((k) => ({ id: k.id, publicKeyMultibase: k.publicKeyMultibase }))
  if (!keys.some((k) => k.id === issuer.key.id)) keys.push({ id: issuer.key.id, publicKeyMultibase: issuer.key.publicKeyMultibase })
  return {
    '@context': [DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1],
    id: issuer.id,
    verificationMethod: keys.map((k) => ({ id: k.id, type: 'Multikey', controller: issuer.id, publicKeyMultibase: k.publicKeyMultibase })),
    // Every key, retired or not, stays an assertion method: what it signed keeps verifying.
    assertionMethod: keys.map((k) => k.id),
    authentication: [issuer.key.id],
  }
}

export interface RotationResult {
  activeKey: string
  previousKey: string
  keys: { id: string; created: string; retired?: string }[]
}

/**
 * Rotates the signing key of a did:web issuer loaded from a directory: a new key file (0600),
 * the new public key in the store (so the DID document lists it before anything is signed
 * with it), microcred.json switched to it, the old key retired (kept, dated), and the running
 * service switched. Other processes pick the new key up when they restart; until then they
 * sign with the old key, which stays valid.
 */
export async function rotateIssuerKey(ctx: IssuanceContext): Promise<RotationResult> {
  const current = ctx.issuer.current
  if (!isDidWeb(current.id)) throw new MicrocredError('ERR_KEY_ROTATION_UNSUPPORTED')
  const dir = ctx.issuer.dir
  if (dir === undefined) throw new MicrocredError('ERR_KEY_ROTATION_UNSUPPORTED', 'the issuer was not loaded from a directory, so its new key has nowhere to be kept')
  await registerIssuerKeys(ctx) // the current key must be listed before it is retired
  const now = ctx.clock.now()
  type DatedKey = StoredKey & { retired?: string }
  const config = (await readIssuerConfig(dir)) as Omit<IssuerConfig, 'keys'> & { keys: DatedKey[] }
  const previousKey = config.activeKey
  const material = generateKeyMaterial()
  const id = keyIdFor(current.id, now, new Set(config.keys.map((k) => k.id)))
  signingKeyFromMaterial(material, { controller: current.id, id }) // checks the material
  const keyPath = await writeKeyFile(dir, material)

  await ctx.store.addIssuerKey({ id, controller: current.id, publicKeyMultibase: material.publicKeyMultibase })
  const keys: DatedKey[] = config.keys.map((k) => (k.id === previousKey && k.retired === undefined ? { ...k, retired: now.toISOString() } : k))
  keys.push({ id, controller: current.id, publicKeyMultibase: material.publicKeyMultibase, file: relative(dir, keyPath), created: now.toISOString() })
  await writeFileAtomic(join(dir, CONFIG_FILE), JSON.stringify({ ...config, activeKey: id, keys }, null, 2) + '\n')
  const storedKeys = await ctx.store.listIssuerKeys(current.id)
  if (storedKeys.some((k) => k.id === previousKey && k.retiredAt === undefined)) await ctx.store.retireIssuerKey(previousKey)

  ctx.issuer.replace(await loadIssuer(dir))
  await recordAudit(ctx, { action: 'issuer.key.rotate', target: id, details: { previousKey } })
  return {
    activeKey: id,
    previousKey,
    keys: keys.map((k) => ({ id: k.id, created: k.created, ...(k.retired === undefined ? {} : { retired: k.retired }) })),
  }
}

/** Writes a new private key file with O_EXCL and mode 0600 from the first byte. */
async function writeKeyFile(root: string, material: { publicKeyMultibase: string; secretKeyMultibase: string }): Promise<string> {
  const keysDir = join(root, KEYS_DIR)
  await mkdir(keysDir, { recursive: true, mode: 0o700 })
  const path = join(keysDir, `${material.publicKeyMultibase.slice(0, 24)}.json`)
  const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600)
  try {
    await handle.writeFile(JSON.stringify(material, null, 2) + '\n')
  } finally {
    await handle.close()
  }
  await chmod(path, 0o600)
  return path
}

async function writeFileAtomic(path: string, content: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, content, { mode: 0o644 })
  await rename(tmp, path)
}
