/**
 * The offline cache: one SQLite file with the freights, annotations and saved views. It knows
 * only SQL; services hold the rules and call these stores.
 */
import path from 'node:path'
import type Database from 'better-sqlite3'
import type { Logger } from '../log'
import { openCacheDatabase, type CacheRecovery } from './db'
import { createFreightQueries, type FreightQueries } from './freight-query'
import { createFreightStore, type FreightStore } from './freight-store'
import { createViewStore, type ViewStore } from './view-store'

export const cacheFileName = 'freightdesk.sqlite'

export interface Cache {
  /** The path of the cache file. */
  file: string
  /** Set when the file found at start could not be used and was kept aside. */
  recovery: CacheRecovery | null
  freights: FreightStore
  queries: FreightQueries
  views: ViewStore
  /** The connection itself, for tests and benchmarks; services never touch it. */
  db: Database.Database
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
  const { db, recovery } = openCacheDatabase(file, { log: options.log, now })
  let closed = false
  return {
    file,
    recovery,
    freights: createFreightStore(db, now),
    queries: createFreightQueries(db),
    views: createViewStore(db, now, options.log),
    db,
    close() {
      if (closed) return
      closed = true
      db.close()
    },
  }
}
