/**
 * CSV as RFC 4180 describes it (comma separated, CRLF line ends, fields with a comma, quote or
 * line break quoted, quotes doubled), with a UTF-8 byte-order mark so Excel reads the diacritics.
 */
import type { ExportCell } from './cells'

/** Excel's cue that the file is UTF-8. */
export const utf8Bom = '\uFEFF'

/** Starts a spreadsheet would read as a formula (or as a formula after a tab or line break). */
const formulaStart = /^[=+\-@\t\r]/

/**
 * Text a spreadsheet would evaluate as a formula gets a leading apostrophe, so a reference such
 * as `=HYPERLINK(...)` typed by anyone on a freight exchange stays text. Numbers from number
 * columns are written as numbers and need no guard (-18 is a temperature, not a formula).
 */
export function guardFormula(cell: ExportCell): string {
  if (cell.number !== undefined) return cell.text
  return formulaStart.test(cell.text) ? `'${cell.text}` : cell.text
}

/** One field, quoted when RFC 4180 requires it. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One record with its CRLF line end. */
export function csvRecord(cells: readonly ExportCell[]): string {
  return `${cells.map((cell) => csvField(guardFormula(cell))).join(',')}\r\n`
}
