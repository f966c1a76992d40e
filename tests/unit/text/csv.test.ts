import { describe, expect, it } from 'vitest'
import { csvField, csvRecord, parseCsv, toCsv } from '../../../src/core/text/csv.js'

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

  it('skips records whose fields are all empty (trailing ",," rows of a spreadsheet export)', () => {
    expect(parseCsv('a,b\n1,2\n,\n,,\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ])
  })

  it('writes a leading quote before a formula-looking value, which a spreadsheet then shows as text', () => {
    expect(csvRecord(['=1+1', '+x', '-2', '@a', 'ok'])).toBe("'=1+1,'+x,'-2,'@a,ok")
    expect(toCsv([['h1', 'h2'], ['a', 'b, c']])).toBe('h1,h2\r\na,"b, c"\r\n')
  })
})
