/**
 * @module core/model/country-codes
 * The 249 officially assigned ISO 3166-1 alpha-2 country codes (OB 3.0
 * `Address.addressCountryCode`), and a check that turns a wrong value into an answer a user
 * can act on: `ireland` → "did you mean IE (Ireland)?". English names come from the
 * platform's `Intl.DisplayNames` (CLDR), so no name table is kept here.
 */
import { nearestName } from '../text/nearest-name.js'

/** ISO 3166-1 alpha-2, officially assigned codes (249), in alphabetical order. */
export const COUNTRY_CODES: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ ' +
  'UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ')

const CODE_SET: ReadonlySet<string> = new Set(COUNTRY_CODES)

/** True for an assigned alpha-2 code, upper case exactly (as OB 3.0 stores it). */
export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && CODE_SET.has(value)
}

/** The English name of an assigned code (`IE` → `Ireland`), or the code when the platform has no name. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code
  } catch {
    return code
  }
}

export type CountryCodeResult = { ok: true; code: string } | { ok: false; message: string; suggestion?: string }

/**
 * Reads a country as a user types it: an assigned code in any case (`ie` → `IE`). Anything
 * else is refused with the nearest code by name or by spelling (`Ireland`, `Irland` → `IE`).
 */
export function parseCountryCode(input: string): CountryCodeResult {
  const trimmed = input.trim()
  const upper = trimmed.toUpperCase()
  if (CODE_SET.has(upper)) return { ok: true, code: upper }
  const suggestion = suggestCountryCode(trimmed)
  const hint = suggestion === undefined ? '' : `; did you mean ${suggestion} (${countryName(suggestion)})?`
  return {
    ok: false,
    message: `${JSON.stringify(input)} is not an ISO 3166-1 alpha-2 country code (two letters, e.g. NZ, IE, DE)${hint}`,
    ...(suggestion === undefined ? {} : { suggestion }),
  }
}

/** Codes reserved by ISO 3166/MA for a country that has another code (used by the UK and EU). */
const EXCEPTIONALLY_RESERVED: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' }

function suggestCountryCode(input: string): string | undefined {
  const upper = input.toUpperCase()
  if (Object.hasOwn(EXCEPTIONALLY_RESERVED, upper)) return EXCEPTIONALLY_RESERVED[upper]
  // Two or three letters that are not a code are not guessed at: one letter off names another country.
  if (input.length <= 3) return undefined
  const byName = new Map(COUNTRY_CODES.map((code) => [countryName(code), code]))
  const name = nearestName(input, byName.keys())
  return name === undefined ? undefined : byName.get(name)
}
