/**
 * Damage confined to the full-text search index costs nothing: the index holds no data of its own
 * (it is built from the freights), so it is rebuilt in place instead of setting the file aside.
 * Its damaged tables are dropped from the schema without being read, the file is compacted (the
 * pages they held go), the index is created again empty, and opening the cache refills it.
 *
 * Whether the index was the only damage is found by trying: the repair runs on a copy, and the
 * copy replaces the file only when SQLite's integrity check then finds nothing at all.
 */
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import { ensurePrivateFile } from '../../private-files'

const searchIndex = 'freight_search'

/** The schema rows of the search index, its shadow tables and the triggers that feed it. */
const searchSchemaRows = `(tbl_name = '${searchIndex}' OR tbl_name LIKE '${searchIndex}\\_%' ESCAPE '\\')
  OR (type = 'trigger' AND sql LIKE '%${searchIndex}%')`

/**
 * Rebuilds the search index of the cache open as `db` in place (see above). The connection must
 * be the only one; it is left open with the new, empty index.
 */
export function rebuildSearchIndex(db: Database.Database): void {
  const rows = db
    .prepare(`SELECT type, name, sql FROM sqlite_schema WHERE ${searchSchemaRows}`)
    .all() as Array<{ type: string; name: string; sql: string | null }>
  const create = rows.find((row) => row.name === searchIndex && row.sql)?.sql
  if (!create) throw new Error('the cache has no search index to rebuild')
  const triggers = rows.filter((row) => row.type === 'trigger' && row.sql).map((row) => row.sql!)
  // Defensive mode (better-sqlite3's default) refuses changes to the schema table.
  db.unsafeMode(true)
  try {
    db.pragma('writable_schema = ON')
    db.prepare(`DELETE FROM sqlite_schema WHERE ${searchSchemaRows}`).run()
    // A new schema version makes SQLite read the schema again, without the index.
    const cookie = db.pragma('schema_version', { simple: true }) as number
    db.pragma(`schema_version = ${cookie + 1}`)
  } finally {
    db.pragma('writable_schema = OFF')
    db.unsafeMode(false)
  }
  db.exec('VACUUM')
  db.transaction(() => {
    db.exec(create)
    for (const trigger of triggers) db.exec(trigger)
  })()
}

/**
 * Repairs `file` by rebuilding its search index on a copy; true when the copy came out sound and
 * replaced the file, false (the file untouched, the copy gone) when there was more damage.
 */
export function repairSearchIndexInPlace(file: string): boolean {
  const copy = `${file}.repairing`
  const remove = (base: string) => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${base}${suffix}`, { force: true })
  }
  remove(copy)
  try {
    ensurePrivateFile(copy)
    copyFileSync(file, copy)
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`)
    const db = new Database(copy)
    try {
      rebuildSearchIndex(db)
      const check = db.pragma('integrity_check(1)', { simple: true })
      if (check !== 'ok') return false
      // Everything in one file, so that the copy can take the file's place alone.
      db.pragma('wal_checkpoint(TRUNCATE)')
    } finally {
      db.close()
    }
    rmSync(`${file}-wal`, { force: true })
    rmSync(`${file}-shm`, { force: true })
    renameSync(copy, file)
    return true
  } catch {
    return false
  } finally {
    remove(copy)
  }
}
