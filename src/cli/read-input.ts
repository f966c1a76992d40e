/**
 * @module cli/read-input
 * Reads a JSON document from a file or standard input (`-`), bounded in size.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { formatByteSize, MicrocredError } from '../core/index.js'
import type { CliIO } from './command.js'

/** Credentials and requests are small; anything this large is a mistake or an attack. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024

export async function readJsonInput(source: string, io: CliIO): Promise<{ value: unknown; path: string | undefined }> {
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
  try {
    return { value: JSON.parse(text), path }
  } catch (e) {
    throw new MicrocredError('ERR_INPUT_INVALID_JSON', `${source === '-' ? 'standard input' : source} is not valid JSON: ${(e as Error).message}`)
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
