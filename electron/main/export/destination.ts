/**
 * Where an export goes. The core asks its shell through this port: the desktop app shows a save
 * dialog, the web host keeps the file for one download from its own origin.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import type { ExportFormat, ExportOutcome } from '@shared/grid'

export interface ExportTarget {
  /** The file to write (the service writes beside it first and renames when complete). */
  path: string
  /** What the dispatcher is told once the file is complete. */
  complete(rows: number): ExportOutcome
  /** Called instead of `complete` when writing failed (the partial file is already removed). */
  abandon?(): void
}

export interface ExportDestination {
  /** Asks where to write; null when the dispatcher cancelled. */
  choose(request: { suggestedName: string; format: ExportFormat }): Promise<ExportTarget | null>
}

export interface ShelvedFile {
  file: string
  fileName: string
  contentType: string
}

/** The web host's destination: files kept in a private folder, each served once. */
export interface DownloadShelf extends ExportDestination {
  /** The file offered under `id`, removed from the shelf (each link works once); null if none. */
  take(id: string): ShelvedFile | null
  /** Removes the file after it was served. */
  discard(file: ShelvedFile): Promise<void>
  /** Removes every kept file. */
  close(): void
}

const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

const keptForMs = 10 * 60_000

/** A download shelf in `dir` (created, and removed on close). Unfetched files expire after 10 minutes. */
export function createDownloadShelf(dir: string): DownloadShelf {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const offered = new Map<string, ShelvedFile & { timer: NodeJS.Timeout }>()

  function forget(id: string): void {
    const entry = offered.get(id)
    if (!entry) return
    clearTimeout(entry.timer)
    offered.delete(id)
  }

  return {
    choose({ suggestedName, format }) {
      const id = randomBytes(18).toString('base64url')
      const folder = path.join(dir, id)
      mkdirSync(folder, { mode: 0o700 })
      const file = path.join(folder, suggestedName)
      return Promise.resolve({
        path: file,
        complete(rows) {
          const timer = setTimeout(() => {
            forget(id)
            rmSync(folder, { recursive: true, force: true })
          }, keptForMs)
          timer.unref()
          offered.set(id, {
            file,
            fileName: suggestedName,
            contentType: contentTypes[format],
            timer,
          })
          return { status: 'download', fileName: suggestedName, rows, url: `/download/${id}` }
        },
        abandon: () => rmSync(folder, { recursive: true, force: true }),
      })
    },
    take(id) {
      const entry = offered.get(id)
      if (!entry) return null
      forget(id)
      return { file: entry.file, fileName: entry.fileName, contentType: entry.contentType }
    },
    async discard(file) {
      await rm(path.dirname(file.file), { recursive: true, force: true })
    },
    close() {
      for (const id of [...offered.keys()]) forget(id)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
