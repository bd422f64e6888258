/**
 * Opens the cache file: WAL, foreign keys, a busy timeout, an integrity check, then migrations.
 * A file that is damaged, is not a database, or was written by a newer build is never deleted:
 * it is renamed to `<name>.damaged-<timestamp>.sqlite` beside itself and a fresh cache starts.
 */
import { existsSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Logger } from '../log'
import { ensurePrivateDir, ensurePrivateFile, tightenFiles } from '../private-files'
import {
  migrate,
  migrations as allMigrations,
  NewerSchemaError,
  type Migration,
} from './migrations'

export type RecoveryReason = 'damaged' | 'not_a_database' | 'newer_schema'

/** What happened when the file could not be used as it was. */
export interface CacheRecovery {
  reason: RecoveryReason
  /** Where the unusable file now is. */
  keptAt: string
  /** What SQLite or the check said, for the log. */
  detail: string
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
  ensurePrivateDir(path.dirname(file))
  let recovery: CacheRecovery | null = null
  try {
    return { db: openChecked(file, options.migrations ?? allMigrations), recovery }
  } catch (error) {
    const reason = unusableReason(error)
    if (!reason || !existsSync(file)) throw error
    const keptAt = setAside(file, now())
    const detail = error instanceof Error ? error.message : String(error)
    recovery = { reason, keptAt, detail }
    const message = 'the freight cache could not be used; kept it aside and started a fresh one'
    options.log.error(message, { reason, keptAt, detail })
  }
  return { db: openChecked(file, options.migrations ?? allMigrations), recovery }
}

function openChecked(file: string, migrations: readonly Migration[]): Database.Database {
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
    const problems = db.pragma('integrity_check(20)', { simple: false }) as Array<{
      integrity_check: string
    }>
    const messages = problems.map((row) => row.integrity_check)
    if (messages.length !== 1 || messages[0] !== 'ok') {
      throw new IntegrityError(messages.join('; '))
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
  return keptAt
}
