/**
 * @module cli/csv
 * RFC 4180 CSV: fields separated by commas, optionally in double quotes (a quote inside is
 * doubled), records ended by CRLF or LF; a UTF-8 byte order mark is skipped. Small on purpose:
 * `issue --csv` reads a spreadsheet export, `--out` writes one.
 */
import { MicrocredError } from '../core/errors.js'

/** The records of `text`, each a list of fields (a blank last line is no record). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let field = ''
  let record: string[] = []
  let quoted = false
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  let line = 1
  const endRecord = (): void => {
    record.push(field)
    if (!(record.length === 1 && record[0] === '')) records.push(record)
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

/** One CSV field, quoted when it must be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}
