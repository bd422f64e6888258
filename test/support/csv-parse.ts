/**
 * An RFC 4180 reader for tests, written apart from the app's CSV writer: quoted fields with
 * doubled quotes and line breaks, CRLF between records. Throws on anything RFC 4180 refuses.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let i = 0
  let quoted = false
  let fieldStarted = false
  while (i < text.length) {
    const char = text[i]!
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        const next = text[i]
        if (next !== undefined && next !== ',' && next !== '\r') {
          throw new Error(`Text after a closing quote at ${i}`)
        }
        continue
      }
      field += char
      i++
      continue
    }
    if (char === '"') {
      if (fieldStarted && field !== '') throw new Error(`A quote inside an unquoted field at ${i}`)
      quoted = true
      fieldStarted = true
      i++
      continue
    }
    if (char === ',') {
      record.push(field)
      field = ''
      fieldStarted = false
      i++
      continue
    }
    if (char === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`A CR without LF at ${i}`)
      record.push(field)
      records.push(record)
      record = []
      field = ''
      fieldStarted = false
      i += 2
      continue
    }
    if (char === '\n') throw new Error(`A bare LF at ${i}: records must end with CRLF`)
    field += char
    fieldStarted = true
    i++
  }
  if (quoted) throw new Error('An unterminated quoted field')
  if (field !== '' || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  return records
}
