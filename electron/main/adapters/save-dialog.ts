/** The desktop app's export destination: the system save dialog, attached to the app window. */
import path from 'node:path'
import { app, dialog, type BrowserWindow, type SaveDialogOptions } from 'electron'
import type { ExportFormat } from '@shared/grid'
import type { ExportDestination } from '../export/destination'

const filters: Record<ExportFormat, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV (comma separated)', extensions: ['csv'] },
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
}

/** Asks for a file name in the Downloads folder; `window()` is the window to attach the dialog to. */
export function createSaveDialogDestination(window: () => BrowserWindow | null): ExportDestination {
  return {
    async choose({ suggestedName, format }) {
      const options: SaveDialogOptions = {
        title: 'Export freights',
        defaultPath: path.join(app.getPath('downloads'), suggestedName),
        filters: [filters[format]],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      }
      const owner = window()
      const result = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options)
      if (result.canceled || !result.filePath) return null
      const file = result.filePath
      return {
        path: file,
        complete: (rows) => ({ status: 'saved', fileName: path.basename(file), rows }),
      }
    },
  }
}
