/**
 * Carries what can still be read from a cache file that could not be used (damaged, or written by
 * a newer build) into the fresh cache that replaces it: accounts, the outbox, the share history,
 * notes and tags, saved views, app settings, and the freights, documents and sync history that
 * are still readable. It reads a working copy, never the kept file, and reads each table row by
 * row in rowid order, stepping over the pages that fail; what it reports is exactly what was kept
 * and which tables could not be read whole.
 */
import { copyFileSync, existsSync, rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import type { Logger } from '../../log'
import { rebuildDocumentTags } from '../document-store'
import { ensurePrivateFile } from '../../private-files'
import {
  candidatePageSizes,
  findSchemaRows,
  hasHeader,
  rewriteFirstPage,
  rewriteHeader,
  type TableRoot,
} from './first-page'

/**
 * The tables carried, in an order that satisfies their foreign keys. Derived tables are built
 * again instead: the freight counts, the documents' tag index, the search index (on open).
 */
export const carriedTables = [
  'accounts',
  'account_settings',
  'app_settings',
  'saved_views',
  'freights',
  'freight_details',
  'freight_annotations',
  'sync_runs',
  'outbox',
  'shares',
  'documents',
] as const
export type CarriedTable = (typeof carriedTables)[number]

/** How the copy could be read at all. */
export type ReadAs = 'as_is' | 'header_rewritten' | 'first_page_rebuilt' | 'unreadable'

/** What of one table, or one kind of thing the dispatcher knows, is in the fresh cache. */
export interface Kept {
  kept: number
  /** Everything of it in the old file was read and kept. */
  whole: boolean
}

export interface SalvageReport {
  readAs: ReadAs
  tables: Record<CarriedTable, Kept>
  /** Freights the file said it held (from its per-account counts), when that could be read. */
  freightsBefore: number | null
  /** Freights left out because their details could not be read. */
  freightsWithoutDetails: number
  /** What the dispatcher knows as such: counted in the fresh cache once everything was carried. */
  summary: {
    /** Accounts in the account list (not those removed with their freights kept). */
    accounts: Kept
    outbox: Kept
    shares: Kept
    /** Freights with a note or tags. */
    notes: Kept
    views: Kept
    settings: Kept
    freights: Kept
    documents: Kept
    syncHistory: Kept
  }
}

const batchSize = 500

/**
 * Reads `keptFile` through a working copy at `workFile` (removed afterwards) and inserts what it
 * can into `fresh`, a cache at the latest schema.
 */
export function salvageInto(
  fresh: Database.Database,
  keptFile: string,
  workFile: string,
  log: Logger,
): SalvageReport {
  const empty = Object.fromEntries(
    carriedTables.map((table) => [table, { kept: 0, whole: false }]),
  ) as Record<CarriedTable, Kept>
  const report: SalvageReport = {
    readAs: 'unreadable',
    tables: empty,
    freightsBefore: null,
    freightsWithoutDetails: 0,
    summary: summarize(fresh, empty),
  }
  try {
    ensurePrivateFile(workFile)
    copyFileSync(keptFile, workFile)
    if (existsSync(`${keptFile}-wal`)) copyFileSync(`${keptFile}-wal`, `${workFile}-wal`)
    const opened = openReadable(workFile, log)
    if (!opened) return report
    report.readAs = opened.readAs
    try {
      report.freightsBefore = freightsBefore(opened.db)
      carryTables(fresh, opened.db, report, log)
      report.summary = summarize(fresh, report.tables)
    } finally {
      opened.db.close()
    }
    return report
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal'])
      rmSync(`${workFile}${suffix}`, { force: true })
  }
}

/** Opens the working copy so that its schema can be read, repairing page 1 if it must. */
function openReadable(file: string, log: Logger): { db: Database.Database; readAs: ReadAs } | null {
  const asIs = tryOpen(file)
  if (asIs) return { db: asIs, readAs: 'as_is' }
  const sizes = candidatePageSizes(file)
  if (!hasHeader(file)) {
    for (const pageSize of sizes) {
      rewriteHeader(file, pageSize)
      const db = tryOpen(file)
      if (db) return { db, readAs: 'header_rewritten' }
    }
  }
  for (const pageSize of sizes) {
    const roots = tableRoots(file, pageSize)
    if (roots.length === 0) continue
    if (!rewriteFirstPage(file, pageSize, roots)) continue
    const db = tryOpen(file)
    if (db) {
      log.info('rebuilt the first page of a damaged cache copy', {
        pageSize,
        tables: roots.map((root) => root.name),
      })
      return { db, readAs: 'first_page_rebuilt' }
    }
  }
  return null
}

/**
 * Opens the file with SQLite's tolerance for a damaged schema and a file shorter than its header
 * says (`writable_schema`), or null when not even its schema names a table the cache carries.
 */
function tryOpen(file: string): Database.Database | null {
  let db: Database.Database | null = null
  try {
    db = new Database(file)
    // better-sqlite3 runs SQLite in defensive mode, which ignores writable_schema.
    db.unsafeMode(true)
    db.pragma('writable_schema = ON')
    const names = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
      .pluck()
      .all() as string[]
    if (names.some((name) => (carriedTables as readonly string[]).includes(name))) return db
  } catch {
    // Not readable this way.
  }
  db?.close()
  return null
}

/** The root pages of the carried rowid tables, from schema rows found on surviving pages. */
function tableRoots(file: string, pageSize: number): TableRoot[] {
  const rows = findSchemaRows(file, pageSize).filter(
    (row) =>
      row.type === 'table' &&
      row.sql !== null &&
      !/WITHOUT\s+ROWID/i.test(row.sql) &&
      (carriedTables as readonly string[]).includes(row.name),
  )
  const roots: TableRoot[] = []
  for (const name of new Set(rows.map((row) => row.name))) {
    const candidates = new Map(
      rows.filter((row) => row.name === name).map((row) => [row.rootPage, row.sql!]),
    )
    // A stale copy of a row (on a page the schema no longer uses) could name an old root: only
    // a table whose rows all agree is carried.
    if (candidates.size !== 1) continue
    const [rootPage, sql] = [...candidates][0]!
    if (rootPage > 1) roots.push({ name, rootPage, sql })
  }
  return roots
}

function freightsBefore(db: Database.Database): number | null {
  try {
    return db
      .prepare('SELECT coalesce(sum(freights), 0) FROM freight_counts')
      .pluck()
      .get() as number
  } catch {
    return null
  }
}

interface Column {
  name: string
  notnull: number
  dflt_value: unknown
  pk: number
}

function columnsOf(db: Database.Database, table: string): Column[] {
  return db
    .prepare('SELECT name, "notnull", dflt_value, pk FROM pragma_table_info(?)')
    .all(table) as Column[]
}

/** Copies every carried table that both files have, in foreign-key order. */
function carryTables(
  fresh: Database.Database,
  damaged: Database.Database,
  report: SalvageReport,
  log: Logger,
): void {
  for (const table of carriedTables) {
    let readable: Column[]
    try {
      readable = columnsOf(damaged, table)
    } catch {
      readable = []
    }
    if (readable.length === 0) {
      // A whole schema that lacks the table (an older file): nothing of it was there to lose.
      const schemaWhole = report.readAs === 'as_is' || report.readAs === 'header_rewritten'
      if (schemaWhole && !hasTable(damaged, table)) report.tables[table] = { kept: 0, whole: true }
      continue
    }
    const target = columnsOf(fresh, table)
    const shared = target.filter((column) => readable.some((each) => each.name === column.name))
    // A required column the old file does not have: rows could not be complete.
    const missing = target.filter(
      (column) =>
        column.notnull && column.dflt_value === null && column.pk === 0 && !shared.includes(column),
    )
    if (missing.length > 0 || shared.length === 0) continue
    report.tables[table] = copyTable(
      fresh,
      damaged,
      table,
      shared.map((column) => column.name),
    )
    if (table === 'freight_details')
      report.freightsWithoutDetails = dropFreightsWithoutDetails(fresh, report)
  }
  recountFreights(fresh)
  rebuildDocumentTags(fresh)
  log.info('carried what was readable into the fresh cache', {
    tables: Object.fromEntries(Object.entries(report.tables).map(([t, s]) => [t, s.kept])),
  })
}

/** Copies one table row by row in rowid order, stepping over what cannot be read. */
function copyTable(
  fresh: Database.Database,
  damaged: Database.Database,
  table: string,
  columns: string[],
): Kept {
  const list = columns.map((column) => `"${column}"`).join(', ')
  const insert = fresh.prepare(
    `INSERT INTO "${table}" (${list}) VALUES (${columns.map(() => '?').join(', ')})`,
  )
  let kept = 0
  let whole = true
  const store = (values: unknown[]) => {
    try {
      insert.run(values)
      kept++
    } catch {
      // A row of noise (or one whose account was lost): refused by the fresh cache's constraints.
      whole = false
    }
  }
  // Reading from a rowid (inclusive): a page that fails is stepped over to the first rowid
  // past it, which SQLite finds without reading the failing page.
  const batch = damaged.prepare(
    `SELECT rowid, ${list} FROM "${table}" WHERE rowid >= ? ORDER BY rowid LIMIT ?`,
  )
  const read = (from: number, limit: number) => batch.raw().all(from, limit) as unknown[][]
  fresh.transaction(() => {
    for (let from = Number.MIN_SAFE_INTEGER; ;) {
      let rows: unknown[][]
      try {
        rows = read(from, batchSize)
      } catch {
        whole = false
        // Row by row up to the page that fails, then past it.
        for (;;) {
          let row: unknown[] | undefined
          try {
            row = read(from, 1)[0]
          } catch {
            break
          }
          if (!row) return
          store(row.slice(1))
          from = (row[0] as number) + 1
        }
        const resume = readableFrom(from, (next) => read(next, 1))
        if (resume === null) return
        from = resume
        continue
      }
      if (rows.length === 0) return
      for (const row of rows) store(row.slice(1))
      from = (rows[rows.length - 1]![0] as number) + 1
    }
  })()
  return { kept, whole }
}

/**
 * The smallest rowid past `failing` from which reading works again (null when nothing past it can
 * be read): steps out by doubling, then halves back so that no readable row is skipped.
 */
function readableFrom(failing: number, probe: (from: number) => unknown[][]): number | null {
  const works = (from: number) => {
    try {
      probe(from)
      return true
    } catch {
      return false
    }
  }
  // The carried tables' rowids are positive: stepping starts at 1 when nothing was read yet.
  const base = Math.max(failing, 1)
  if (base !== failing && works(base)) return base
  let low = base
  let high: number | null = null
  for (let step = 1; step <= 2 ** 52; step *= 2) {
    const next = base + step
    if (next > Number.MAX_SAFE_INTEGER) break
    if (works(next)) {
      high = next
      break
    }
    low = next
  }
  if (high === null) return null
  let found: number = high
  while (found - low > 1) {
    const middle: number = low + Math.floor((found - low) / 2)
    if (works(middle)) found = middle
    else low = middle
  }
  return found
}

function hasTable(db: Database.Database, table: string): boolean {
  try {
    return (
      db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) !==
      undefined
    )
  } catch {
    return true
  }
}

/** A freight is only shown with its details: those whose details were lost are left out. */
function dropFreightsWithoutDetails(fresh: Database.Database, report: SalvageReport): number {
  const dropped = fresh
    .prepare('DELETE FROM freights WHERE id NOT IN (SELECT freight_id FROM freight_details)')
    .run().changes
  if (dropped > 0) {
    report.tables.freights = { kept: report.tables.freights.kept - dropped, whole: false }
  }
  return dropped
}

/** The per-account freight counts, computed again from the freights now in the cache. */
function recountFreights(fresh: Database.Database): void {
  fresh.exec(`
    DELETE FROM freight_counts;
    INSERT INTO freight_counts (facet_key, truck_body_mask, gone, hidden, seen, account_id, freights)
    SELECT facet_key, truck_body_mask, gone_at IS NOT NULL, local_hidden, local_seen, account_id,
      count(*)
    FROM freights
    GROUP BY facet_key, truck_body_mask, gone_at IS NOT NULL, local_hidden, local_seen, account_id;
  `)
}

/** Counts what the fresh cache now holds, in the dispatcher's kinds of things. */
function summarize(
  fresh: Database.Database,
  tables: Record<CarriedTable, Kept>,
): SalvageReport['summary'] {
  const count = (sql: string) => fresh.prepare(sql).pluck().get() as number
  const kept = (sql: string, ...whole: CarriedTable[]): Kept => ({
    kept: count(sql),
    whole: whole.every((table) => tables[table].whole),
  })
  return {
    accounts: kept(
      'SELECT count(*) FROM account_settings WHERE removed_at IS NULL',
      'accounts',
      'account_settings',
    ),
    outbox: kept('SELECT count(*) FROM outbox', 'outbox'),
    shares: kept('SELECT count(*) FROM shares', 'shares'),
    notes: kept(
      "SELECT count(*) FROM freight_annotations WHERE note <> '' OR tags <> '[]'",
      'freight_annotations',
    ),
    views: kept('SELECT count(*) FROM saved_views', 'saved_views'),
    settings: kept('SELECT count(*) FROM app_settings', 'app_settings'),
    freights: kept('SELECT count(*) FROM freights', 'freights', 'freight_details'),
    documents: kept('SELECT count(*) FROM documents', 'documents'),
    syncHistory: kept('SELECT count(*) FROM sync_runs', 'sync_runs'),
  }
}
