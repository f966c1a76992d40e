/**
 * @module cli/portability-input — reads the portability inputs of `verify` and `stack`:
 * framework profiles (`--profile`), a trust list (`--trust`) and endorsements
 * (`--endorsement`). `verify` imports it only when one of those options is given (cold start).
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { MicrocredError } from '../core/errors.js'
import { parseProfile, type FrameworkProfile } from '../core/portability/profile.js'
import { bundledProfiles } from '../core/portability/profiles.js'
import { parseTrustList } from '../core/portability/parse-trust-list.js'
import type { TrustList } from '../core/portability/trust-list.js'
import type { CliIO } from './command.js'
import { readJsonInput } from './read-input.js'

/** `--profile` values: a shipped profile's name, or a profile file. */
export async function readProfiles(values: string[], io: CliIO): Promise<(string | FrameworkProfile)[]> {
  const profiles: (string | FrameworkProfile)[] = []
  for (const value of values) {
    if (bundledProfiles().has(value)) profiles.push(value)
    else if (/[\\/]|\.json$/i.test(value) || existsSync(resolve(io.cwd, value))) profiles.push(parseProfile((await readJsonInput(value, io)).value, value))
    else {
      throw new MicrocredError('ERR_PROFILE_NOT_FOUND', `--profile ${value}: no shipped profile or file by that name; shipped: ${[...bundledProfiles().keys()].join(', ')}`)
    }
  }
  return profiles
}

export async function readTrustList(file: string, io: CliIO): Promise<TrustList> {
  return parseTrustList((await readJsonInput(file, io)).value, file)
}

export async function readEndorsements(files: string[], io: CliIO): Promise<unknown[]> {
  const endorsements: unknown[] = []
  for (const file of files) {
    const { value } = await readJsonInput(file, io)
    endorsements.push(...(Array.isArray(value) ? value : [value]))
  }
  return endorsements
}
