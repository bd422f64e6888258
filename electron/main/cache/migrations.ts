/**
 * Numbered schema migrations, bundled as text. Each runs in one transaction together with the
 * `PRAGMA user_version` bump, so a failed or killed migration leaves the previous version intact.
 * A new migration is a new file `migrations/NNN-name.sql` plus one line in `migrations` below.
 */
import type Database from 'better-sqlite3'
import freights001 from './migrations/001-freights.sql?raw'
import savedViews002 from './migrations/002-saved-views.sql?raw'
import accountSettings003 from './migrations/003-account-settings.sql?raw'
import syncAndOutbox004 from './migrations/004-sync-and-outbox.sql?raw'

export interface Migration {
  version: number
  /** The file name, for logs and errors. */
  name: string
  sql: string
}

function migration(name: string, sql: string): Migration {
  const match = /^(\d{3})-[a-z0-9-]+\.sql$/.exec(name)
  if (!match) throw new Error(`Migration file name "${name}" is not NNN-name.sql`)
  return { version: Number(match[1]), name, sql }
}

export const migrations: readonly Migration[] = [
  migration('001-freights.sql', freights001),
  migration('002-saved-views.sql', savedViews002),
  migration('003-account-settings.sql', accountSettings003),
  migration('004-sync-and-outbox.sql', syncAndOutbox004),
]

/** The schema version this build writes. */
export const latestSchemaVersion = migrations.length

for (const [index, each] of migrations.entries()) {
  if (each.version !== index + 1) {
    throw new Error(`Migration ${each.name} is out of sequence: expected number ${index + 1}`)
  }
}

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
