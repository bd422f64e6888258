/** One exported cell: the text the grid shows, plus the number itself for number columns. */
import type { Format } from '@shared/format'
import { formatCell } from '@shared/freight-format'
import {
  freightColumn,
  type FreightColumnKey,
  type FreightRow,
} from '@shared/domain/freight-columns'

export interface ExportCell {
  text: string
  /** Set for number columns holding a number: spreadsheets get a number, not text. */
  number?: number
}

/** The cells of `row` for `columns`, formatted exactly as the grid formats them. */
export function exportCells(
  columns: readonly FreightColumnKey[],
  row: FreightRow,
  format: Format,
): ExportCell[] {
  const cells = row as Record<string, unknown>
  return columns.map((key) => {
    const value = cells[key]
    const text = formatCell(key, row, format)
    return freightColumn(key).type === 'number' && typeof value === 'number'
      ? { text, number: value }
      : { text }
  })
}
