/**
 * @module core/text/csv
 * RFC 4180 CSV, the one reader and writer for every CSV microcred reads or writes: `issue --csv`
 * and its results, the console's bulk import and results file, `GET /offers.csv`.
 * Fields are separated by commas, optionally in double quotes (a quote inside is doubled);
 * records end with CRLF or LF; a UTF-8 byte order mark is skipped. Pure (no Node built-ins) so
 * the console page bundles the same code the CLI runs.
 */
import { MicrocredError } from '../errors.js'

/**
 * The records of `text`, each a list of fields. A record whose fields are all empty (a blank
 * line, or `,,` as spreadsheets export trailing rows) is no record. A malformed field is
 * `ERR_INPUT_INVALID` naming its line.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let field = ''
  let record: string[] = []
  let quoted = false
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  let line = 1
  const endRecord = (): void => {
    record.push(field)
    if (record.some((f) => f !== '')) records.push(record)
    record = []
    field = ''
  }
  for (; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else {
        if (c === '\n') line++
        field += c
      }
    } else if (c === '"') {
      if (field !== '') throw new MicrocredError('ERR_INPUT_INVALID', `CSV line ${line}: a quote inside an unquoted field (quote the whole field and double the quote)`)
      quoted = true
    } else if (c === ',') {
      record.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      endRecord()
      line++
    } else field += c
  }
  if (quoted) throw new MicrocredError('ERR_INPUT_INVALID', `CSV line ${line}: a quoted field is not closed`)
  if (field !== '' || record.length > 0) endRecord()
  return records
}

/**
 * One field as written: quoted when it must be, and a value starting with = + - @ (or a tab or
 * CR) gets a leading ' so that a spreadsheet opening the file shows it instead of running it
 * as a formula (our files carry learner emails and issuer-supplied text).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** One record, without its line ending. */
export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',')
}

/** A whole file: every record ended by CRLF (RFC 4180). */
export function toCsv(records: readonly (readonly string[])[]): string {
  return records.map((r) => csvRecord(r) + '\r\n').join('')
}
