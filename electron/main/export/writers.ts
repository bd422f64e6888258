/**
 * File writers of an export, one per format, both fed in chunks of rows so a large export keeps
 * memory flat and yields to the event loop between chunks.
 */
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import type { ExportFormat } from '@shared/grid'
import type { ExportCell } from './cells'
import { csvRecord, utf8Bom } from './csv'

export interface ExportWriter {
  header(titles: readonly string[]): Promise<void>
  rows(rows: readonly ExportCell[][]): Promise<void>
  /** Completes the file. */
  finish(): Promise<void>
  /** Stops and removes the partial file. */
  abort(): Promise<void>
}

export interface WriterOptions {
  /** Column widths in CSS pixels, for spreadsheets that keep them. */
  widths: readonly number[]
}

export function createExportWriter(
  format: ExportFormat,
  file: string,
  options: WriterOptions,
): ExportWriter {
  return format === 'csv' ? createCsvWriter(file) : createXlsxWriter(file, options)
}

function createCsvWriter(file: string): ExportWriter {
  const stream = createWriteStream(file, { encoding: 'utf8' })
  const state: { failure: Error | null } = { failure: null }
  stream.on('error', (error) => (state.failure = error))
  const check = () => {
    if (state.failure) throw state.failure
  }

  async function write(text: string): Promise<void> {
    check()
    if (!stream.write(text)) {
      await Promise.race([once(stream, 'drain'), once(stream, 'error')])
    }
    check()
  }

  return {
    header: (titles) => write(utf8Bom + csvRecord(titles.map((text) => ({ text })))),
    rows: (rows) => write(rows.map(csvRecord).join('')),
    async finish() {
      check()
      stream.end()
      await once(stream, 'close')
      check()
    },
    async abort() {
      stream.destroy()
      await rm(file, { force: true })
    },
  }
}

/** Excel's column width unit is about one digit of the default font, some 7 CSS pixels. */
const pixelsPerCharacter = 7

function createXlsxWriter(file: string, options: WriterOptions): ExportWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: false,
  })
  const sheet = workbook.addWorksheet('Freights', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = options.widths.map((width) => ({
    width: Math.max(6, Math.round(width / pixelsPerCharacter)),
  }))
  let finished = false

  return {
    header(titles) {
      const row = sheet.addRow([...titles])
      row.font = { bold: true }
      row.commit()
      return Promise.resolve()
    },
    async rows(rows) {
      for (const cells of rows) {
        // Strings stay strings: a cell only becomes a formula through {formula}, never from text.
        sheet
          .addRow(cells.map((cell) => cell.number ?? (cell.text === '' ? null : cell.text)))
          .commit()
      }
      await new Promise((resolve) => setImmediate(resolve))
    },
    async finish() {
      finished = true
      sheet.commit()
      await workbook.commit()
    },
    async abort() {
      if (!finished) {
        finished = true
        await workbook.commit().catch(() => undefined)
      }
      await rm(file, { force: true })
    },
  }
}
