/**
 * @module cli/read-input
 * Reads a JSON document from a file or standard input (`-`), bounded in size.
 */
import { readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { MicrocredError } from '../core/errors.js'
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
    if (size > MAX_INPUT_BYTES) throw new MicrocredError('ERR_INPUT_TOO_LARGE', `${source} is larger than ${MAX_INPUT_BYTES} bytes`)
    try {
      text = await readFile(path, 'utf8')
    } catch {
      throw new MicrocredError('ERR_INPUT_UNREADABLE', `cannot read ${source}`)
    }
  }
  if (Buffer.byteLength(text) > MAX_INPUT_BYTES) throw new MicrocredError('ERR_INPUT_TOO_LARGE', `input is larger than ${MAX_INPUT_BYTES} bytes`)
  try {
    return { value: JSON.parse(text), path }
  } catch (e) {
    throw new MicrocredError('ERR_INPUT_INVALID_JSON', `${source === '-' ? 'standard input' : source} is not valid JSON: ${(e as Error).message}`)
  }
}
