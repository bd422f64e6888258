/**
 * Opens the cache file: WAL, foreign keys, a busy timeout, an integrity check when the last
 * session did not close cleanly (integrity.ts), then migrations.
 * A file that is damaged, is not a database, was written by a newer build or is empty is never
 * deleted: it is renamed to `<name>.damaged-<timestamp>.sqlite` beside itself, a fresh cache
 * starts, and what can still be read from the kept file is carried into it (recovery/salvage.ts).
 * Damage confined to the full-text search index is repaired in place instead.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describeError, type Logger } from '../log'
import { ensurePrivateDir, ensurePrivateFile, tightenFiles } from '../private-files'
import {
  migrate,
  migrations as allMigrations,
  NewerSchemaError,
  type Migration,
} from './migrations'
import { checkRequested, integrityProblems } from './integrity'
import { salvageInto, type SalvageReport } from './recovery/salvage'
import { repairSearchIndexInPlace } from './recovery/search-index'

export type RecoveryReason =
  'damaged' | 'not_a_database' | 'newer_schema' | 'empty' | 'search_index'

/** What happened when the file could not be used as it was. */
export interface CacheRecovery {
  reason: RecoveryReason
  /** Where the unusable file now is; null when it was repaired in place (`search_index`). */
  keptAt: string | null
  /** What SQLite or the check said, for the log. */
  detail: string
  /** What was carried from the kept file into the fresh cache; null when nothing was read. */
  salvage: SalvageReport | null
}

export interface OpenedDatabase {
  db: Database.Database
  recovery: CacheRecovery | null
}

export interface OpenDatabaseOptions {
  log: Logger
  /** A test may stop at an older schema. */
  migrations?: readonly Migration[]
  now?: () => Date
}

const busyTimeoutMs = 5_000

/** Opens (creating when missing) the cache at `file`, setting an unusable file aside first. */
export function openCacheDatabase(file: string, options: OpenDatabaseOptions): OpenedDatabase {
  const now = options.now ?? (() => new Date())
  const list = options.migrations ?? allMigrations
  const log = options.log
  ensurePrivateDir(path.dirname(file))
  if (isEmptyFile(file)) {
    // SQLite would take an empty file for a new database and start over without a word.
    const keptAt = setAside(file, now())
    log.error('the freight cache file was empty; kept it aside and started a fresh one', { keptAt })
    const detail = 'the file was empty (0 bytes)'
    return {
      db: openChecked(file, list),
      recovery: { reason: 'empty', keptAt, detail, salvage: null },
    }
  }
  let failure: unknown
  try {
    return { db: openChecked(file, list, checkRequested(file)), recovery: null }
  } catch (error) {
    failure = error
  }
  const reason = unusableReason(failure)
  if (reason === 'damaged' && repairSearchIndexInPlace(file)) {
    const detail = failure instanceof Error ? failure.message : String(failure)
    log.warn('the freight search index was damaged; rebuilt it in place', { detail })
    const recovery: CacheRecovery = { reason: 'search_index', keptAt: null, detail, salvage: null }
    return { db: openChecked(file, list, true), recovery }
  }
  if (!reason || !existsSync(file)) throw failure
  const keptAt = setAside(file, now())
  const detail = failure instanceof Error ? failure.message : String(failure)
  log.error('the freight cache could not be used; kept it aside and started a fresh one', {
    reason,
    keptAt,
    detail,
  })
  const db = openChecked(file, list)
  let salvage: SalvageReport | null = null
  try {
    salvage = db.transaction(() => salvageInto(db, keptAt, `${keptAt}.reading`, log))()
    refreshStatistics(db)
  } catch (error) {
    // Nothing half-carried stays: the transaction rolled back, the fresh cache is empty.
    log.error('nothing could be carried from the kept cache file', describeError(error))
  }
  return { db, recovery: { reason, keptAt, detail, salvage } }
}

/** An existing cache file of 0 bytes with no write-ahead log that could hold its pages. */
function isEmptyFile(file: string): boolean {
  if (!existsSync(file) || statSync(file).size > 0) return false
  return !existsSync(`${file}-wal`) || statSync(`${file}-wal`).size === 0
}

function openChecked(
  file: string,
  migrations: readonly Migration[],
  checkIntegrity = false,
): Database.Database {
  // 0600 before SQLite opens it: its write-ahead log and shared memory take the same mode.
  ensurePrivateFile(file)
  tightenFiles([`${file}-wal`, `${file}-shm`])
  const db = new Database(file)
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`)
    db.pragma('journal_mode = WAL')
    // Safe with WAL: a power cut may lose the last transaction, never corrupt the file.
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('temp_store = MEMORY')
    db.pragma('cache_size = -32000')
    if (checkIntegrity) {
      const problems = integrityProblems(db, 20)
      if (problems.length > 0) throw new IntegrityError(problems.join('; '))
    }
    migrate(db, migrations)
    refreshStatistics(db)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * Recomputes the query planner's statistics when the freights table holds more than twice or
 * less than half the rows they were computed on: the planner picks between walking a sort order
 * and looking rows up by what the statistics say. A full ANALYZE reads every index (about a
 * second for 100,000 freights), so it runs only after the table changed that much.
 */
export function refreshStatistics(db: Database.Database): boolean {
  const rows = db.prepare('SELECT count(*) FROM freights').pluck().get() as number
  const analyzed = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'")
    .get()
  const stat = analyzed
    ? (db
        .prepare("SELECT stat FROM sqlite_stat1 WHERE tbl = 'freights' AND idx = 'freights_facts'")
        .pluck()
        .get() as string | undefined)
    : undefined
  const analyzedRows = stat === undefined ? 0 : Number.parseInt(stat, 10)
  const stale = analyzedRows === 0 ? rows > 0 : rows > analyzedRows * 2 || rows * 2 < analyzedRows
  if (stale) db.exec('ANALYZE')
  return stale
}

class IntegrityError extends Error {
  constructor(detail: string) {
    super(`integrity check failed: ${detail}`)
    this.name = 'IntegrityError'
  }
}

function unusableReason(error: unknown): RecoveryReason | null {
  if (error instanceof IntegrityError) return 'damaged'
  if (error instanceof NewerSchemaError) return 'newer_schema'
  if (error instanceof Database.SqliteError) {
    if (error.code === 'SQLITE_NOTADB') return 'not_a_database'
    if (error.code.startsWith('SQLITE_CORRUPT')) return 'damaged'
  }
  return null
}

/** Renames the file (and its write-ahead log, which holds part of its data) beside itself. */
function setAside(file: string, at: Date): string {
  const { dir, name, ext } = path.parse(file)
  const stamp = at.toISOString().replace(/[:.]/g, '-')
  let keptAt = path.join(dir, `${name}.damaged-${stamp}${ext}`)
  for (let n = 2; existsSync(keptAt); n++) {
    keptAt = path.join(dir, `${name}.damaged-${stamp}-${n}${ext}`)
  }
  renameSync(file, keptAt)
  if (existsSync(`${file}-wal`)) renameSync(`${file}-wal`, `${keptAt}-wal`)
  rmSync(`${file}-shm`, { force: true })
  tightenFiles([keptAt, `${keptAt}-wal`])
  return keptAt
}
