/**
 * The offline cache: one SQLite file with the accounts' settings, the freights, annotations,
 * saved views, the share history, cached documents and app settings. It knows only SQL; services
 * hold the rules and call these stores.
 *
 * Other tables get their own store beside these (`createXStore(db, ...)` in a file of this
 * folder, added to `Cache` below) and their own migration file in `migrations/`; nothing needs to
 * be registered anywhere else.
 */
import path from 'node:path'
import type Database from 'better-sqlite3'
import type { Logger } from '../log'
import { createAccountStore, type AccountStore } from './account-store'
import { openCacheDatabase, type CacheRecovery } from './db'
import {
  checkInBackground,
  checkRequested,
  requestCheckAtStart,
  withdrawCheckRequest,
  type BackgroundCheck,
} from './integrity'
import { createDocumentStore, type DocumentStore } from './document-store'
import { createFreightQueries, type FreightQueries } from './freight-query'
import { createFreightStore, rebuildSearchIfEmpty, type FreightStore } from './freight-store'
import { createSettingsStore, type SettingsStore } from './settings-store'
import { createShareStore, type ShareStore } from './share-store'
import { createSyncStore, type SyncStore } from './sync-store'
import { createViewStore, type ViewStore } from './view-store'

export const cacheFileName = 'freightdesk.sqlite'

export interface Cache {
  /** The path of the cache file. */
  file: string
  /** Set when the file found at start could not be used and was kept aside. */
  recovery: CacheRecovery | null
  /** Whether the full integrity check ran at open (the last session did not close cleanly). */
  checkedAtOpen: boolean
  /** Provider accounts and their non-secret settings. */
  accounts: AccountStore
  freights: FreightStore
  queries: FreightQueries
  views: ViewStore
  /** The share history (links made from this app). */
  shares: ShareStore
  /** Crego document metadata, for offline listing and linking by reference. */
  documents: DocumentStore
  /** App-wide settings as JSON per key (the sample data's seed and ports). */
  settings: SettingsStore
  /** Sync runs, what a run could not read, and the outbox of changes waiting for a provider. */
  sync: SyncStore
  /** The connection itself, for tests and benchmarks; services never touch it. */
  db: Database.Database
  /**
   * Runs the full integrity check on a worker thread and resolves with what it found (empty when
   * the file is sound). Damage found makes the next start check the file and set it aside.
   */
  checkIntegrity(): Promise<string[]>
  /** Closes the file; a clean close means the next start needs no integrity check. */
  close(): void
}

export interface OpenCacheOptions {
  log: Logger
  now?: () => Date
}

/** Opens the cache file `freightdesk.sqlite` in `dataDir` (or the file `file`). */
export function openCache(
  location: { dataDir: string } | { file: string },
  options: OpenCacheOptions,
): Cache {
  const file = 'file' in location ? location.file : path.join(location.dataDir, cacheFileName)
  const now = options.now ?? (() => new Date())
  const checkedAtOpen = checkRequested(file)
  const { db, recovery } = openCacheDatabase(file, { log: options.log, now })
  try {
    const indexed = rebuildSearchIfEmpty(db)
    if (indexed > 0) options.log.info('rebuilt the freight search index', { freights: indexed })
  } catch (error) {
    db.close()
    throw error
  }
  // Removed by a clean close: present at the next start, it has the file checked first.
  requestCheckAtStart(file)
  let closed = false
  let damaged = false
  const checks = new Set<BackgroundCheck>()
  return {
    file,
    recovery,
    checkedAtOpen,
    accounts: createAccountStore(db),
    freights: createFreightStore(db, now),
    queries: createFreightQueries(db),
    views: createViewStore(db, now, options.log),
    shares: createShareStore(db),
    documents: createDocumentStore(db),
    settings: createSettingsStore(db, now),
    sync: createSyncStore(db),
    db,
    async checkIntegrity() {
      const check = checkInBackground(file)
      checks.add(check)
      try {
        const problems = await check.result
        if (problems.length > 0) {
          damaged = true
          // Open, the marker is there already; closed meanwhile, it was withdrawn.
          if (closed) requestCheckAtStart(file)
        }
        return problems
      } finally {
        checks.delete(check)
      }
    },
    close() {
      if (closed) return
      closed = true
      // The worker's own read-only connection needs no waiting for: it holds no lock a writer needs.
      for (const check of checks) void check.stop()
      db.close()
      if (!damaged) withdrawCheckRequest(file)
    },
  }
}
