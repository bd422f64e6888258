/**
 * Exports the current view of the grid (filters, sort, visible columns in order) to CSV or XLSX,
 * formatted as the grid shows it. The rows stream from a snapshot of the cache into a file beside
 * the target, which is renamed into place only when complete: a failed export leaves nothing
 * behind and never touches an existing file of that name until it succeeds.
 */
import { rename, rm } from 'node:fs/promises'
import { freightColumn } from '@shared/domain/freight-columns'
import { columnTitle } from '@shared/freight-format'
import { appError } from '@shared/errors'
import type { ExportOutcome, ExportRequest } from '@shared/grid'
import type { Cache } from '../cache'
import { createFormat } from '@shared/format'
import { exportCells } from '../export/cells'
import type { ExportDestination } from '../export/destination'
import { snapshotRows } from '../export/snapshot-rows'
import { createExportWriter } from '../export/writers'
import { describeError, type Logger } from '../log'

export interface FreightExportService {
  export(request: ExportRequest): Promise<ExportOutcome>
}

export interface FreightExportDeps {
  cache: Pick<Cache, 'file'>
  /** Null in a shell that cannot save files. */
  destination: ExportDestination | null
  /** When an account's last sync that stored freights ended (the "Account synced" column). */
  lastSyncedAt: (accountId: string) => string | null
  log: Logger
  now?: () => Date
}

export function createFreightExportService(deps: FreightExportDeps): FreightExportService {
  const now = deps.now ?? (() => new Date())
  let running = false

  return {
    async export(request) {
      if (!deps.destination) {
        throw appError('internal', 'This window cannot save files. Export from the desktop app.')
      }
      if (running) {
        throw appError(
          'conflict',
          'An export is still being written. Wait for it to finish, then export again.',
        )
      }
      running = true
      try {
        const suggestedName = `freights-${fileStamp(now())}.${request.format}`
        const target = await deps.destination.choose({ suggestedName, format: request.format })
        if (!target) return { status: 'cancelled' }
        const partial = `${target.path}.part`
        try {
          const rows = await writeRows(deps.cache.file, request, partial, deps.lastSyncedAt)
          await rename(partial, target.path)
          return target.complete(rows)
        } catch (error) {
          await rm(partial, { force: true }).catch(() => undefined)
          target.abandon?.()
          deps.log.error('an export failed', describeError(error))
          throw appError(
            'internal',
            `The export could not be written${fsReason(error)}. Nothing was saved; check the folder and free space, then export again.`,
          )
        }
      } finally {
        running = false
      }
    },
  }
}

async function writeRows(
  cacheFile: string,
  request: ExportRequest,
  file: string,
  lastSyncedAt: (accountId: string) => string | null,
): Promise<number> {
  const columns = request.columns
  const writer = createExportWriter(request.format, file, {
    widths: columns.map((key) => freightColumn(key).width),
  })
  // Read once per account, when the export starts: every row of an account says the same.
  const syncedAt = new Map<string, string | null>()
  const accountSynced = (accountId: unknown) => {
    if (typeof accountId !== 'string') return null
    if (!syncedAt.has(accountId)) syncedAt.set(accountId, lastSyncedAt(accountId))
    return syncedAt.get(accountId) ?? null
  }
  const withAccountSync = columns.includes('accountSyncedAt')
  const format = createFormat({ locale: request.locale, timeZone: request.timeZone })
  let rows = 0
  try {
    await writer.header(columns.map((key) => columnTitle(freightColumn(key))))
    for await (const chunk of snapshotRows(cacheFile, request.query, columns)) {
      if (withAccountSync) {
        for (const row of chunk) row.accountSyncedAt = accountSynced(row.accountId)
      }
      await writer.rows(chunk.map((row) => exportCells(columns, row, format)))
      rows += chunk.length
    }
    await writer.finish()
    return rows
  } catch (error) {
    await writer.abort().catch(() => undefined)
    throw error
  }
}

/** `2026-03-05-0830` in the machine's zone, for file names. */
function fileStamp(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}`
}

/** A short reason from a file-system error code, for the dispatcher. */
function fsReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  switch (code) {
    case 'ENOSPC':
      return ': the disk is full'
    case 'EACCES':
    case 'EPERM':
      return ': Freightdesk may not write to that folder'
    case 'EROFS':
      return ': that folder is read-only'
    default:
      return ''
  }
}
