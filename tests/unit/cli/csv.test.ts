import { describe, expect, it } from 'vitest'
import { csvField, parseCsv } from '../../../src/cli/csv.js'

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks; CRLF or LF; a BOM; no record for a blank last line', () => {
    expect(parseCsv('\ufeffa,b,c\r\n1,"x, y","say ""hi"""\n2,"two\nlines",\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'two\nlines', ''],
    ])
    expect(parseCsv('a\n1')).toEqual([['a'], ['1']])
  })

  it('refuses an unclosed quote and a quote inside an unquoted field, naming the line', () => {
    expect(() => parseCsv('a\n"open')).toThrow(/line 2: a quoted field is not closed/)
    expect(() => parseCsv('a\nb"c')).toThrow(/line 2: a quote inside an unquoted field/)
  })

  it('writes fields that round-trip', () => {
    const fields = ['plain', 'with, comma', 'with "quote"', 'two\nlines', '']
    expect(parseCsv(fields.map(csvField).join(','))).toEqual([fields])
  })
})
