/** App-wide settings: one JSON value per key in `app_settings` (migration 006). */
import type Database from 'better-sqlite3'

export interface SettingsStore {
  /** The parsed JSON stored under `key`, or null (the caller validates its shape). */
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
}

export function createSettingsStore(db: Database.Database, now: () => Date): SettingsStore {
  const select = db.prepare<[string], { value: string }>(
    'SELECT value FROM app_settings WHERE key = ?',
  )
  const upsert = db.prepare<[string, string, string]>(
    `INSERT INTO app_settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  )
  const remove = db.prepare<[string]>('DELETE FROM app_settings WHERE key = ?')
  return {
    get(key) {
      const row = select.get(key)
      if (!row) return null
      try {
        return JSON.parse(row.value) as unknown
      } catch {
        return null
      }
    },
    set(key, value) {
      upsert.run(key, JSON.stringify(value), now().toISOString())
    },
    delete(key) {
      remove.run(key)
    },
  }
}
