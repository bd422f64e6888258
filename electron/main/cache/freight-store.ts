/**
 * Writes and reads single freights: the sync's batch upsert and gone-marking, one freight with
 * its annotation, and the dispatcher's annotations. Queries over many freights live in
 * freight-query.ts.
 */
import type Database from 'better-sqlite3'
import type {
  FreightAnnotation,
  FreightDetail,
  NormalizedFreight,
  Provider,
} from '@shared/domain/freight'
import {
  contentHash,
  emptyAnnotation,
  freightDataColumns,
  fromAnnotationRow,
  fromStoredRow,
  searchDocument,
  toDataRow,
  type SearchFields,
  type StoredAnnotationRow,
  type StoredFreightRow,
} from './freight-rows'

/** What one upsert batch did. `reappeared` counts rows that were gone and are listed again. */
export interface UpsertCounts {
  inserted: number
  changed: number
  unchanged: number
  reappeared: number
}

export interface AnnotationPatch {
  seen?: boolean
  hidden?: boolean
  note?: string
  tags?: string[]
}

export interface Account {
  id: string
  provider: Provider
  name: string
  createdAt: string
}

export interface FreightStore {
  /** Adds the account or renames it; freights belong to an account that exists. */
  saveAccount(account: { id: string; provider: Provider; name: string }): Account
  listAccounts(): Account[]
  /**
   * Stores one page of an account's freights in one transaction. New freights are inserted;
   * a freight whose content hash differs is rewritten; an unchanged one only gets its last-seen
   * time and run touched. A gone freight that is listed again is no longer gone.
   * Call it outside any other transaction (a sync page is one batch): FTS5 makes every later
   * statement of a transaction that already wrote search rows slower.
   */
  upsertBatch(
    accountId: string,
    runId: string,
    freights: readonly NormalizedFreight[],
  ): UpsertCounts
  /**
   * After a complete run of `runId`: marks the account's freights that run did not see as gone.
   * Returns how many became gone. Never deletes anything.
   */
  markGone(accountId: string, runId: string): number
  /** One freight with its annotation, or null when the cache has no freight with that id. */
  get(id: number): FreightDetail | null
  /**
   * Applies `patch` to the annotations of `ids` in one transaction. If any id is not cached,
   * changes nothing and reports the missing ids.
   */
  annotate(
    ids: readonly number[],
    patch: AnnotationPatch,
  ): { annotations: FreightAnnotation[]; missing: number[] }
}

/** Search rows to write: freight id, folded text, whether it replaces an existing row. */
type SearchRows = Array<[number, string, boolean]>

const searchFieldColumns =
  'reference, external_number, provider_id, loading_country, loading_postal_code, loading_locality, ' +
  'unloading_country, unloading_postal_code, unloading_locality, contacts'

export function createFreightStore(db: Database.Database, now: () => Date): FreightStore {
  const dataColumnList = freightDataColumns.join(', ')
  const dataParamList = freightDataColumns.map((column) => `@${column}`).join(', ')
  const dataAssignments = freightDataColumns.map((column) => `${column} = @${column}`).join(', ')

  const statements = {
    saveAccount: db.prepare<[string, string, string, string]>(
      `INSERT INTO accounts (id, provider, name, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name`,
    ),
    account: db.prepare<
      [string],
      { id: string; provider: Provider; name: string; created_at: string }
    >('SELECT id, provider, name, created_at FROM accounts WHERE id = ?'),
    accounts: db.prepare<[], { id: string; provider: Provider; name: string; created_at: string }>(
      'SELECT id, provider, name, created_at FROM accounts ORDER BY name, id',
    ),
    existing: db.prepare<
      [string, string],
      { id: number; content_hash: string; gone_at: string | null }
    >('SELECT id, content_hash, gone_at FROM freights WHERE account_id = ? AND provider_id = ?'),
    insert: db.prepare(
      `INSERT INTO freights (account_id, ${dataColumnList}, content_hash, first_seen_at,
         last_seen_at, last_seen_run, changed_at, gone_at)
       VALUES (@account_id, ${dataParamList}, @content_hash, @now, @now, @run_id, @now, NULL)`,
    ),
    insertPayload: db.prepare<[number, string]>(
      'INSERT INTO freight_payloads (freight_id, raw) VALUES (?, ?)',
    ),
    rewritePayload: db.prepare<[string, number]>(
      'UPDATE freight_payloads SET raw = ? WHERE freight_id = ?',
    ),
    rewrite: db.prepare(
      `UPDATE freights SET ${dataAssignments}, content_hash = @content_hash, last_seen_at = @now,
         last_seen_run = @run_id, changed_at = @now, gone_at = NULL
       WHERE id = @id`,
    ),
    touch: db.prepare<[string, string, number]>(
      'UPDATE freights SET last_seen_at = ?, last_seen_run = ?, gone_at = NULL WHERE id = ?',
    ),
    markGone: db.prepare<[string, string, string]>(
      `UPDATE freights SET gone_at = ?
       WHERE account_id = ? AND last_seen_run <> ? AND gone_at IS NULL`,
    ),
    insertSearch: db.prepare<[number, string]>(
      'INSERT INTO freight_search (rowid, body) VALUES (?, ?)',
    ),
    deleteSearch: db.prepare<[number]>('DELETE FROM freight_search WHERE rowid = ?'),
    freight: db.prepare<[number], StoredFreightRow>(
      `SELECT f.*, p.raw FROM freights f JOIN freight_payloads p ON p.freight_id = f.id
       WHERE f.id = ?`,
    ),
    searchFields: db.prepare<[number], SearchFields>(
      `SELECT ${searchFieldColumns} FROM freights WHERE id = ?`,
    ),
    exists: db.prepare<[number], { id: number }>('SELECT id FROM freights WHERE id = ?'),
    annotation: db.prepare<[number], StoredAnnotationRow>(
      'SELECT * FROM freight_annotations WHERE freight_id = ?',
    ),
    saveAnnotation: db.prepare<[number, number, number, string, string, string]>(
      `INSERT INTO freight_annotations (freight_id, seen, hidden, note, tags, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (freight_id) DO UPDATE SET seen = excluded.seen, hidden = excluded.hidden,
         note = excluded.note, tags = excluded.tags, updated_at = excluded.updated_at`,
    ),
  }

  /**
   * Search rows are written after a batch's other writes, all together: FTS5 flushes its
   * in-memory index whenever another statement of the transaction opens a savepoint, so writing
   * them row by row between freight rows made a 100,000-freight sync many times slower.
   */
  function writeSearch(rows: SearchRows): void {
    for (const [id, , replacing] of rows) if (replacing) statements.deleteSearch.run(id)
    for (const [id, body] of rows) statements.insertSearch.run(id, body)
  }

  function annotationOf(id: number): FreightAnnotation {
    const row = statements.annotation.get(id)
    return row ? fromAnnotationRow(row) : emptyAnnotation(id)
  }

  const upsertBatch = db.transaction(
    (accountId: string, runId: string, freights: readonly NormalizedFreight[]): UpsertCounts => {
      const account = statements.account.get(accountId)
      if (!account) throw new Error(`No cached account "${accountId}" to store freights for`)
      if (!runId) throw new Error('A sync run id is required')
      const at = now().toISOString()
      const counts: UpsertCounts = { inserted: 0, changed: 0, unchanged: 0, reappeared: 0 }
      const search: SearchRows = []
      for (const freight of freights) {
        if (freight.provider !== account.provider) {
          throw new Error(
            `Freight ${freight.providerId} is from ${freight.provider}, account ${accountId} is ${account.provider}`,
          )
        }
        const row = toDataRow(freight)
        const hash = contentHash(row)
        const existing = statements.existing.get(accountId, row.provider_id)
        if (!existing) {
          const params = {
            ...row,
            account_id: accountId,
            content_hash: hash,
            now: at,
            run_id: runId,
          }
          const id = Number(statements.insert.run(params).lastInsertRowid)
          statements.insertPayload.run(id, row.raw)
          search.push([id, searchDocument(row, null, freight.contacts), false])
          counts.inserted++
          continue
        }
        if (existing.gone_at !== null) counts.reappeared++
        if (existing.content_hash === hash) {
          statements.touch.run(at, runId, existing.id)
          counts.unchanged++
          continue
        }
        statements.rewrite.run({
          ...row,
          id: existing.id,
          content_hash: hash,
          now: at,
          run_id: runId,
        })
        statements.rewritePayload.run(row.raw, existing.id)
        const annotation = statements.annotation.get(existing.id)
        const notes = annotation ? fromAnnotationRow(annotation) : null
        search.push([existing.id, searchDocument(row, notes, freight.contacts), true])
        counts.changed++
      }
      writeSearch(search)
      return counts
    },
  )

  const annotate = db.transaction((ids: readonly number[], patch: AnnotationPatch) => {
    const missing = ids.filter((id) => !statements.exists.get(id))
    if (missing.length > 0) return { annotations: [], missing }
    const at = now().toISOString()
    const search: SearchRows = []
    const annotations = ids.map((id) => {
      const current = annotationOf(id)
      const next: FreightAnnotation = {
        freightId: id,
        seen: patch.seen ?? current.seen,
        hidden: patch.hidden ?? current.hidden,
        note: patch.note ?? current.note,
        tags: patch.tags ? [...new Set(patch.tags)] : current.tags,
        updatedAt: at,
      }
      statements.saveAnnotation.run(
        id,
        next.seen ? 1 : 0,
        next.hidden ? 1 : 0,
        next.note,
        JSON.stringify(next.tags),
        at,
      )
      if (next.note !== current.note || next.tags.join('\n') !== current.tags.join('\n')) {
        const fields = statements.searchFields.get(id)
        if (fields) search.push([id, searchDocument(fields, next), true])
      }
      return next
    })
    writeSearch(search)
    return { annotations, missing: [] as number[] }
  })

  return {
    saveAccount(account) {
      const before = statements.account.get(account.id)
      if (before && before.provider !== account.provider) {
        throw new Error(
          `Account ${account.id} is a ${before.provider} account, not ${account.provider}`,
        )
      }
      statements.saveAccount.run(account.id, account.provider, account.name, now().toISOString())
      const saved = statements.account.get(account.id)
      if (!saved) throw new Error(`Account ${account.id} was not saved`)
      return {
        id: saved.id,
        provider: saved.provider,
        name: saved.name,
        createdAt: saved.created_at,
      }
    },
    listAccounts() {
      return statements.accounts.all().map((row) => ({
        id: row.id,
        provider: row.provider,
        name: row.name,
        createdAt: row.created_at,
      }))
    },
    upsertBatch: (accountId, runId, freights) => upsertBatch.immediate(accountId, runId, freights),
    markGone(accountId, runId) {
      return statements.markGone.run(now().toISOString(), accountId, runId).changes
    },
    get(id) {
      const row = statements.freight.get(id)
      if (!row) return null
      return { freight: fromStoredRow(row), annotation: annotationOf(id) }
    },
    annotate: (ids, patch) => annotate.immediate(ids, patch),
  }
}
