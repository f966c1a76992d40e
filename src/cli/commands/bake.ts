/**
 * @module cli/commands/bake — bake a signed credential into a PNG or SVG badge image
 * (Open Badges 3.0 baking), with the achievement's own image or a generated one.
 */
import { readFile, stat, writeFile } from 'node:fs/promises'
import { extname, resolve } from 'node:path'
import { bakePng, bakeSvg, defaultBadgePng, defaultBadgeSvg, isPng, isPlainObject, MicrocredError, readCredentialInput } from '../../core/index.js'
import { EXIT, stringOption, type CliIO, type Command } from '../command.js'
import { MAX_INPUT_BYTES, readCredentialFile } from '../read-input.js'

type ImageFormat = 'png' | 'svg'

function achievementName(credential: unknown): string {
  if (!isPlainObject(credential)) return 'Badge'
  const subject = Array.isArray(credential['credentialSubject']) ? credential['credentialSubject'][0] : credential['credentialSubject']
  const achievement = isPlainObject(subject) ? subject['achievement'] : undefined
  const name = isPlainObject(achievement) ? achievement['name'] : credential['name']
  return typeof name === 'string' && name.trim() !== '' ? name : 'Badge'
}

async function readImage(file: string, io: CliIO): Promise<{ format: ImageFormat; bytes: Uint8Array }> {
  const path = resolve(io.cwd, file)
  let size: number
  try {
    size = (await stat(path)).size
  } catch {
    throw new MicrocredError('ERR_INPUT_UNREADABLE', `cannot read the image ${file}: no such file`)
  }
  if (size > MAX_INPUT_BYTES) throw new MicrocredError('ERR_INPUT_TOO_LARGE', `the image ${file} is larger than ${MAX_INPUT_BYTES} bytes`)
  const bytes = new Uint8Array(await readFile(path))
  if (isPng(bytes)) return { format: 'png', bytes }
  if (/^\s*(<\?xml|<svg|<!--|<!DOCTYPE)/i.test(new TextDecoder().decode(bytes.subarray(0, 256)))) return { format: 'svg', bytes }
  throw new MicrocredError('ERR_USAGE', `${file} is neither a PNG nor an SVG image; Open Badges 3.0 bakes only these`)
}

function formatOption(value: string | undefined, out: string | undefined): ImageFormat | undefined {
  if (value === 'png' || value === 'svg') return value
  if (value !== undefined) throw new MicrocredError('ERR_USAGE', `--format ${value}: expected png or svg`)
  const ext = out === undefined ? '' : extname(out).toLowerCase()
  return ext === '.png' ? 'png' : ext === '.svg' ? 'svg' : undefined
}

export const bakeCommand: Command = {
  name: 'bake',
  summary: 'bake a signed credential into a PNG or SVG badge image',
  help: `Usage: microcred bake CREDENTIAL|- [--image FILE] [--format png|svg] [--out FILE]

Writes a badge image with the signed credential baked in, as Open Badges 3.0 defines it:
a PNG iTXt chunk with the keyword "openbadgecredential", or an SVG
<openbadges:credential> element (namespace https://purl.imsglobal.org/ob/v3p0). Anyone can
check the badge with \`microcred verify badge.png\`. Baking a badge again replaces the
credential baked in before.

CREDENTIAL is a signed credential (JSON or a JWT), or a badge already baked.

Options:
  --image FILE        the image to bake into (PNG or SVG); default: a generated badge in
                      the achievement's colours with its initials
  --format png|svg    the output format when there is no --image (default: from --out's
                      extension, else png)
  --out FILE          write the image to FILE instead of standard output
  -h, --help          show this help

Example:
  microcred bake badge.json --image logo.png > badge.png`,
  options: { image: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
  async run(args, io) {
    const [source, ...rest] = args.positionals
    if (source === undefined || rest.length > 0) throw new MicrocredError('ERR_USAGE', 'expected one CREDENTIAL file (or - for stdin); see: microcred bake --help')
    const out = stringOption(args, 'out')
    const imageFile = stringOption(args, 'image')
    const wanted = formatOption(stringOption(args, 'format'), out)
    const input = await readCredentialFile(source, io)
    if (input.kind === 'ob2') throw new MicrocredError('ERR_USAGE', `${source} is an Open Badges 2.0 assertion; bake only Open Badges 3.0 credentials`)
    if (input.kind === 'credential' && !(isPlainObject(input.credential) && input.credential['proof'] !== undefined)) {
      throw new MicrocredError('ERR_USAGE', `${source} is not signed (it has no proof): sign it first with microcred issue`)
    }
    // The exact text that was signed is not kept for JSON input, so it is re-serialized;
    // the signature covers the canonical form, not the bytes, so it still verifies.
    const payload = input.kind === 'jwt' ? input.jwt : JSON.stringify(input.credential, null, 2)
    const image = imageFile === undefined ? undefined : await readImage(imageFile, io)
    const format = image?.format ?? wanted ?? 'png'
    if (image !== undefined && wanted !== undefined && wanted !== image.format) throw new MicrocredError('ERR_USAGE', `--image is ${image.format.toUpperCase()} but the output is to be ${wanted.toUpperCase()}`)
    const name = achievementName(input.kind === 'credential' ? input.credential : undefined)
    const baked =
      format === 'png'
        ? bakePng(image?.bytes ?? defaultBadgePng(name), payload)
        : new TextEncoder().encode(bakeSvg(image === undefined ? defaultBadgeSvg(name) : new TextDecoder().decode(image.bytes), payload))
    // Prove the result reads back before handing it over.
    readCredentialInput(baked)
    if (out !== undefined) {
      await writeFile(resolve(io.cwd, out), baked)
      io.stderr(`wrote ${out} (${format.toUpperCase()}, ${baked.length} bytes)\n`)
    } else {
      io.stdout(baked)
    }
    return EXIT.OK
  },
}
