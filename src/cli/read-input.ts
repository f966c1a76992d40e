/**
 * @module cli/read-input
 * Reads a JSON document, or what a verifier is handed (JSON, a JWT, a baked PNG or SVG
 * badge), from a file or standard input (`-`), bounded in size.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { MicrocredError } from '../core/errors.js'
import { MAX_CREDENTIAL_INPUT_BYTES } from '../core/limits.js'
import { formatByteSize } from '../core/text/byte-size.js'
import { readUnbakedInput, type CredentialInput } from '../core/baking/read-text-input.js'
import type { CliIO } from './command.js'

/** Credentials and requests are small; anything this large is a mistake or an attack. */
export const MAX_INPUT_BYTES = MAX_CREDENTIAL_INPUT_BYTES

export async function readJsonInput(source: string, io: CliIO): Promise<{ value: unknown; path: string | undefined }> {
  const { text, path } = await readTextInput(source, io)
  try {
    return { value: JSON.parse(text), path }
  } catch (e) {
    throw new MicrocredError('ERR_INPUT_INVALID_JSON', `${source === '-' ? 'standard input' : source} is not valid JSON: ${(e as Error).message}`)
  }
}

async function readTextInput(source: string, io: CliIO): Promise<{ text: string; path: string | undefined }> {
  let text: string
  let path: string | undefined
  if (source === '-') {
    text = await io.readStdin()
  } else {
    path = resolve(io.cwd, source)
    let size: number
    try {
      size = (await stat(path)).size
    } catch {
      throw new MicrocredError('ERR_INPUT_UNREADABLE', `cannot read ${source}: no such file`)
    }
    if (size > MAX_INPUT_BYTES) throw new MicrocredError('ERR_INPUT_TOO_LARGE', `${source} is larger than the limit of ${formatByteSize(MAX_INPUT_BYTES)}`)
    try {
      text = await readFile(path, 'utf8')
    } catch {
      throw new MicrocredError('ERR_INPUT_UNREADABLE', `cannot read ${source}`)
    }
  }
  if (Buffer.byteLength(text) > MAX_INPUT_BYTES) throw new MicrocredError('ERR_INPUT_TOO_LARGE', `${source === '-' ? 'standard input' : source} is larger than the limit of ${formatByteSize(MAX_INPUT_BYTES)}`)
  return { text, path }
}

/**
 * What a user hands `verify`: a credential as JSON, a compact JWT, or a baked PNG/SVG badge
 * (read as bytes, so a PNG survives), or an Open Badges 2.0 assertion, recognised to be explained.
 */
export async function readCredentialFile(source: string, io: CliIO): Promise<CredentialInput> {
  if (source === '-') {
    const text = await io.readStdin()
    if (Buffer.byteLength(text) > MAX_INPUT_BYTES) throw new MicrocredError('ERR_INPUT_TOO_LARGE', `standard input is larger than the limit of ${formatByteSize(MAX_INPUT_BYTES)}`)
    return readAnyCredentialInput(text)
  }
  const path = resolve(io.cwd, source)
  let size: number
  try {
    size = (await stat(path)).size
  } catch {
    throw new MicrocredError('ERR_INPUT_UNREADABLE', `cannot read ${source}: no such file`)
  }
  if (size > MAX_INPUT_BYTES) throw new MicrocredError('ERR_INPUT_TOO_LARGE', `${source} is larger than the limit of ${formatByteSize(MAX_INPUT_BYTES)}`)
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch {
    throw new MicrocredError('ERR_INPUT_UNREADABLE', `cannot read ${source}`)
  }
  try {
    return await readAnyCredentialInput(bytes)
  } catch (e) {
    if (e instanceof MicrocredError) throw new MicrocredError(e.code, `${source}: ${e.message}`, { cause: e })
    throw e
  }
}

/**
 * Status list credentials from `--status-list` values: a file, or a folder (such as the
 * `public/status` that `microcred status publish` writes) whose every file is one list.
 */
export async function readStatusLists(sources: readonly string[], io: CliIO): Promise<unknown[]> {
  const lists: unknown[] = []
  for (const source of sources) {
    const path = resolve(io.cwd, source)
    const info = await stat(path).catch(() => undefined)
    if (info?.isDirectory() === true) {
      const entries = (await readdir(path, { withFileTypes: true })).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort()
      if (entries.length === 0) throw new MicrocredError('ERR_INPUT_UNREADABLE', `--status-list ${source}: the folder holds no status list files`)
      for (const name of entries) lists.push((await readJsonInput(join(path, name), io)).value)
    } else {
      lists.push((await readJsonInput(source, io)).value)
    }
  }
  return lists
}

/** JSON, JWT or OB 2.0 text as is; the image libraries are loaded only for a baked PNG or SVG badge. */
async function readAnyCredentialInput(input: Uint8Array | string): Promise<CredentialInput> {
  const unbaked = readUnbakedInput(input)
  if (unbaked !== undefined) return unbaked
  const { readCredentialInput } = await import('../core/baking/read-badge.js')
  return readCredentialInput(input)
}
