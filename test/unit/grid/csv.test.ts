import { describe, expect, it } from 'vitest'
import { csvField, csvRecord, guardFormula } from '../../../electron/main/export/csv'
import { parseCsv } from '../../support/csv-parse'

describe('CSV records (RFC 4180)', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField('cr\rhere')).toBe('"cr\rhere"')
  })

  it('ends every record with CRLF and reads back as written', () => {
    const cells = ['Łódź, PL', 'He said "go"', 'line\r\nbreak', '', 'ąęß'].map((text) => ({ text }))
    const line = csvRecord(cells)
    expect(line.endsWith('\r\n')).toBe(true)
    expect(parseCsv(line)).toEqual([['Łódź, PL', 'He said "go"', 'line\r\nbreak', '', 'ąęß']])
  })

  it('neutralizes text a spreadsheet would run as a formula', () => {
    for (const dangerous of ['=1+2', '+48 600', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd']) {
      expect(guardFormula({ text: dangerous })).toBe(`'${dangerous}`)
    }
    const line = csvRecord([{ text: '=HYPERLINK("http://x","y")' }])
    expect(parseCsv(line)).toEqual([[`'=HYPERLINK("http://x","y")`]])
  })

  it('writes numbers of number columns as they are, negative ones included', () => {
    expect(guardFormula({ text: '-18', number: -18 })).toBe('-18')
    expect(guardFormula({ text: '-18' })).toBe("'-18")
    expect(guardFormula({ text: 'Kraków' })).toBe('Kraków')
  })
})
