/** Saved views: rows of `saved_views`, with the query and layout kept as JSON. */
import type Database from 'better-sqlite3'
import {
  ColumnLayout,
  defaultColumnLayout,
  ViewQuery,
  type SavedView,
  type SaveViewInput,
} from '@shared/domain/saved-view'
import type { Logger } from '../log'

interface StoredViewRow {
  id: number
  name: string
  query: string
  layout: string
  position: number
  created_at: string
  updated_at: string
}

export interface ViewStore {
  list(): SavedView[]
  get(id: number): SavedView | null
  /** The id of the view with this name (ignoring case), if any. */
  idByName(name: string): number | null
  /** Creates (no id) or replaces a view; returns null when `input.id` names no view. */
  save(input: SaveViewInput): SavedView | null
  /** Whether a view was removed. */
  remove(id: number): boolean
}

/** Names are unique ignoring case. */
export function viewNameKey(name: string): string {
  return name.trim().toLocaleLowerCase('en-US')
}

export function createViewStore(db: Database.Database, now: () => Date, log: Logger): ViewStore {
  const statements = {
    list: db.prepare<[], StoredViewRow>('SELECT * FROM saved_views ORDER BY position, id'),
    get: db.prepare<[number], StoredViewRow>('SELECT * FROM saved_views WHERE id = ?'),
    byName: db.prepare<[string], { id: number }>('SELECT id FROM saved_views WHERE name_key = ?'),
    nextPosition: db
      .prepare<[], number>('SELECT coalesce(max(position) + 1, 0) FROM saved_views')
      .pluck(),
    insert: db.prepare<[string, string, string, string, number, string, string]>(
      `INSERT INTO saved_views (name, name_key, query, layout, position, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    update: db.prepare<[string, string, string, string, number, string, number]>(
      `UPDATE saved_views SET name = ?, name_key = ?, query = ?, layout = ?, position = ?,
         updated_at = ? WHERE id = ?`,
    ),
    remove: db.prepare<[number]>('DELETE FROM saved_views WHERE id = ?'),
  }

  /**
   * Reads a stored view. A query or layout that no longer parses (a vocabulary changed since it
   * was saved) falls back to no filters or the default layout, and says so in the log, so one bad
   * view never hides the others.
   */
  function fromRow(row: StoredViewRow): SavedView {
    const query = ViewQuery.safeParse(parseJson(row.query))
    const layout = ColumnLayout.safeParse(parseJson(row.layout))
    if (!query.success || !layout.success) {
      log.warn('a saved view no longer matches the current schema; using defaults for it', {
        viewId: row.id,
        query: query.success,
        layout: layout.success,
      })
    }
    return {
      id: row.id,
      name: row.name,
      query: query.success ? query.data : ViewQuery.parse({}),
      layout: layout.success ? layout.data : defaultColumnLayout(),
      position: row.position,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  }

  const save = db.transaction((input: SaveViewInput): SavedView | null => {
    const at = now().toISOString()
    const query = JSON.stringify(input.query)
    const layout = JSON.stringify(input.layout)
    const name = input.name.trim()
    if (input.id === undefined) {
      const position = input.position ?? statements.nextPosition.get()!
      const id = statements.insert.run(
        name,
        viewNameKey(name),
        query,
        layout,
        position,
        at,
        at,
      ).lastInsertRowid
      return fromRow(statements.get.get(Number(id))!)
    }
    const existing = statements.get.get(input.id)
    if (!existing) return null
    const position = input.position ?? existing.position
    statements.update.run(name, viewNameKey(name), query, layout, position, at, input.id)
    return fromRow(statements.get.get(input.id)!)
  })

  return {
    list: () => statements.list.all().map(fromRow),
    get(id) {
      const row = statements.get.get(id)
      return row ? fromRow(row) : null
    },
    idByName: (name) => statements.byName.get(viewNameKey(name))?.id ?? null,
    save: (input) => save.immediate(input),
    remove: (id) => statements.remove.run(id).changes > 0,
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
