/**
 * File writers of an export, one per format, both fed in chunks of rows so a large export keeps
 * memory flat and yields to the event loop between chunks.
 */
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import type { ExportFormat } from '@shared/grid'
import type { ExportCell } from './cells'
import { csvRecord, utf8Bom } from './csv'
import { createXlsxStream } from './xlsx'
import { privateFileMode } from '../private-files'

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
  const stream = createWriteStream(file, { encoding: 'utf8', mode: privateFileMode })
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
  const stream = createWriteStream(file, { mode: privateFileMode })
  const state: { failure: Error | null } = { failure: null }
  stream.on('error', (error) => (state.failure = error))
  const workbook = createXlsxStream(
    {
      sheetName: 'Freights',
      widths: options.widths.map((width) => Math.max(6, Math.round(width / pixelsPerCharacter))),
    },
    (chunk, final) => {
      stream.write(chunk)
      if (final) stream.end()
    },
    (error) => {
      state.failure = error
      stream.destroy(error)
    },
  )
  let finished = false

  /** Waits until the file has taken what was written so far (memory stays flat). */
  const check = () => {
    if (state.failure) throw state.failure
  }
  async function drained(): Promise<void> {
    check()
    if (stream.writableNeedDrain) {
      await Promise.race([once(stream, 'drain'), once(stream, 'error')])
    }
    check()
  }

  return {
    async header(titles) {
      workbook.header(titles)
      await drained()
    },
    async rows(rows) {
      workbook.rows(rows.map((cells) => cells.map((cell) => cell.number ?? cell.text)))
      await drained()
      await new Promise((resolve) => setImmediate(resolve))
    },
    async finish() {
      finished = true
      workbook.end()
      if (!stream.closed) await once(stream, 'close')
      check()
    },
    async abort() {
      if (!finished) {
        finished = true
        workbook.abort()
        stream.destroy()
      }
      await rm(file, { force: true })
    },
  }
}
