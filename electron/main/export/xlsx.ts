/**
 * A minimal XLSX (Office Open XML spreadsheet) writer: one sheet, a bold frozen header row,
 * column widths, text as inline strings and numbers as numbers. The workbook is a zip of six small
 * XML parts; the sheet part is deflated and written as rows arrive, so memory stays flat however
 * many rows an export has. fflate (a small, maintained zip library with no dependencies) does the
 * zip; docs/security.md says why this replaced a full spreadsheet library.
 */
import { Zip, ZipDeflate, strToU8 } from 'fflate'

const xmlHeader = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const mainNs = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const relNs = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const packageRelNs = 'http://schemas.openxmlformats.org/package/2006/relationships'

/** The parts that do not depend on the rows. */
const fixedParts: Record<string, string> = {
  '[Content_Types].xml':
    `${xmlHeader}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '</Types>',
  '_rels/.rels':
    `${xmlHeader}<Relationships xmlns="${packageRelNs}">` +
    `<Relationship Id="rId1" Type="${relNs}/officeDocument" Target="xl/workbook.xml"/>` +
    '</Relationships>',
  'xl/_rels/workbook.xml.rels':
    `${xmlHeader}<Relationships xmlns="${packageRelNs}">` +
    `<Relationship Id="rId1" Type="${relNs}/worksheet" Target="worksheets/sheet1.xml"/>` +
    `<Relationship Id="rId2" Type="${relNs}/styles" Target="styles.xml"/>` +
    '</Relationships>',
  // Style 0 is the default font, style 1 the same font bold (the header row).
  'xl/styles.xml':
    `${xmlHeader}<styleSheet xmlns="${mainNs}">` +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>' +
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill>' +
    '<fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>',
}

function workbookPart(sheetName: string): string {
  return (
    `${xmlHeader}<workbook xmlns="${mainNs}" xmlns:r="${relNs}">` +
    `<sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`
  )
}

/** A cell as the writer takes it: text, or a number (written as a number). Empty text is skipped. */
export type XlsxCell = string | number | null

export interface XlsxSheetOptions {
  sheetName: string
  /** Column widths in Excel's unit (about one digit of the default font). */
  widths: readonly number[]
}

/**
 * Writes one workbook to `sink` as zip bytes: `header` first, then `rows` as often as needed,
 * then `end`. `sink` gets every chunk in order; the last one comes with `final: true`.
 */
export function createXlsxStream(
  options: XlsxSheetOptions,
  sink: (chunk: Uint8Array, final: boolean) => void,
  fail: (error: Error) => void,
) {
  const zip = new Zip((error, chunk, final) => {
    if (error) fail(error)
    else sink(chunk, final)
  })
  const parts = { ...fixedParts, 'xl/workbook.xml': workbookPart(options.sheetName) }
  for (const [name, text] of Object.entries(parts)) {
    const part = new ZipDeflate(name, { level: 6 })
    zip.add(part)
    part.push(strToU8(text), true)
  }
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 })
  zip.add(sheet)
  let rowNumber = 0
  const push = (text: string, final = false) => sheet.push(strToU8(text), final)

  const columns = options.widths
    .map((width, index) => {
      const n = index + 1
      return `<col min="${n}" max="${n}" width="${width}" customWidth="1"/>`
    })
    .join('')
  push(
    `${xmlHeader}<worksheet xmlns="${mainNs}" xmlns:r="${relNs}">` +
      '<sheetViews><sheetView workbookViewId="0">' +
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      '</sheetView></sheetViews>' +
      (columns ? `<cols>${columns}</cols>` : '') +
      '<sheetData>',
  )

  function row(cells: readonly XlsxCell[], style?: number): string {
    rowNumber++
    const styled = style === undefined ? '' : ` s="${style}"`
    let xml = `<row r="${rowNumber}">`
    cells.forEach((cell, index) => {
      const ref = `${columnName(index)}${rowNumber}`
      if (typeof cell === 'number' && Number.isFinite(cell)) {
        xml += `<c r="${ref}"${styled}><v>${cell}</v></c>`
      } else if (cell !== null && cell !== '') {
        // Inline strings: text is never read as a formula, whatever it starts with.
        const text = escapeXml(String(cell).slice(0, maxCellText))
        xml += `<c r="${ref}"${styled} t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`
      }
    })
    return `${xml}</row>`
  }

  return {
    header(titles: readonly string[]): void {
      push(row(titles, 1))
    },
    rows(rows: readonly (readonly XlsxCell[])[]): void {
      push(rows.map((cells) => row(cells)).join(''))
    },
    end(): void {
      push('</sheetData></worksheet>', true)
      zip.end()
    },
    abort(): void {
      zip.terminate()
    },
  }
}

/** Excel keeps at most this many characters in a cell. */
const maxCellText = 32_767

/** A, B, ..., Z, AA, AB, ... for a zero-based column index. */
export function columnName(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  }
  return name
}

/** Escapes XML's special characters and drops characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}
