/**
 * Numbered schema migrations: every `migrations/NNN-name.sql` file, bundled as text by Vite and
 * applied in number order. Adding a migration is adding its file; nothing else needs to change.
 * Each runs in one transaction together with the `PRAGMA user_version` bump, so a failed or killed
 * migration leaves the previous version intact.
 */
import type Database from 'better-sqlite3'

export interface Migration {
  version: number
  /** The file name, for logs and errors. */
  name: string
  sql: string
}

const files = import.meta.glob<string>('./migrations/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
})

/** Orders migration files by number and refuses gaps, duplicates and badly named files. */
export function migrationList(sqlByPath: Record<string, string>): Migration[] {
  const list = Object.entries(sqlByPath).map(([filePath, sql]) => {
    const name = filePath.slice(filePath.lastIndexOf('/') + 1)
    const match = /^(\d{3})-[a-z0-9-]+\.sql$/.exec(name)
    if (!match) throw new Error(`Migration file name "${name}" is not NNN-name.sql`)
    return { version: Number(match[1]), name, sql }
  })
  list.sort((a, b) => a.version - b.version)
  for (const [index, each] of list.entries()) {
    if (each.version !== index + 1) {
      throw new Error(`Migration ${each.name} is out of sequence: expected number ${index + 1}`)
    }
  }
  return list
}

export const migrations: readonly Migration[] = migrationList(files)

/** The schema version this build writes. */
export const latestSchemaVersion = migrations.length

/** Thrown when the file was written by a newer Freightdesk than this one. */
export class NewerSchemaError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`The cache has schema version ${found}; this build knows up to ${known}.`)
    this.name = 'NewerSchemaError'
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/**
 * Brings `db` up to the last of `list` (all migrations unless a test passes fewer), one
 * transaction per migration. Returns the versions before and after.
 */
export function migrate(
  db: Database.Database,
  list: readonly Migration[] = migrations,
): { from: number; to: number } {
  const from = schemaVersion(db)
  const known = list.length
  if (from > known) throw new NewerSchemaError(from, known)
  for (const each of list.slice(from)) {
    db.transaction(() => {
      db.exec(each.sql)
      // user_version takes no bound parameters; the version is a number from this file.
      db.pragma(`user_version = ${each.version}`)
    }).immediate()
  }
  return { from, to: schemaVersion(db) }
}
