/**
 * Writes and reads single freights: the sync's batch upsert and gone-marking, one freight with
 * its annotation, and the dispatcher's annotations. Queries over many freights live in
 * freight-query.ts.
 */
import type Database from 'better-sqlite3'
import { refreshStatistics } from './db'
import type {
  Contact,
  FreightAnnotation,
  FreightDetail,
  NormalizedFreight,
  Provider,
} from '@shared/domain/freight'
import {
  contentHash,
  deriveFreight,
  emptyAnnotation,
  freightDataColumns,
  freightDetailColumns,
  fromAnnotationRow,
  fromStoredRow,
  payloadJson,
  type DerivedFreight,
  type StoredAnnotationRow,
  type StoredFreightRow,
} from './freight-rows'
import { searchFieldsOf, searchText, type SearchFields } from './search-keys'

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

export interface FreightStore {
  /**
   * Stores one page of an account's freights in one transaction (all or nothing). New freights
   * are inserted; a freight whose content hash differs is rewritten; an unchanged one only gets
   * its last-seen time and run touched. A gone freight that is listed again is no longer gone.
   * The freights are trusted to be valid `NormalizedFreight`s (the mappers validate them); one
   * that cannot be stored (an unknown vocabulary value, time zone or instant) throws and the
   * batch changes nothing. Throws when the account is unknown or of another provider.
   */
  upsertBatch(
    accountId: string,
    runId: string,
    freights: readonly NormalizedFreight[],
  ): UpsertCounts
  /**
   * After a complete run of `runId`: marks the account's freights that run did not see as gone.
   * Returns how many became gone. Never deletes anything. Call it only for a run that listed
   * every page: a partial or failed run must change nothing it did not see.
   */
  markGone(accountId: string, runId: string): number
  /**
   * Rewrites a cached freight with the state its provider answered after a change Freightdesk
   * sent (a new price), in one transaction. The sync's bookkeeping (last seen, by which run) is
   * left as it was. Returns the cached id, or null when the cache has no such freight.
   */
  applyChange(accountId: string, freight: NormalizedFreight): number | null
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

interface AccountRow {
  id: string
  provider: Provider | 'crego'
}

interface SearchFieldsRow {
  reference: string | null
  external_number: string | null
  provider_id: string
  loading_country: string
  loading_postal_code: string
  loading_locality: string
  unloading_country: string
  unloading_postal_code: string
  unloading_locality: string
  contacts: string
}

/** Search rows to write, by freight id: the text, and whether the index already holds a row. */
type SearchRows = Map<number, { body: string; replacing: boolean }>

/** Freights mapped and written together in one pass of `upsertBatch`. */
const chunkSize = 500

/** One freight of a batch on its way to the cache. */
interface Pending {
  freight: NormalizedFreight
  /** What the cache holds for it, if anything. */
  existing: ExistingRow | undefined
  rawJson: string
  hash: number
  /** Its rows, when they are to be written (new or changed). */
  derived: DerivedFreight | null
}

interface ExistingRow {
  id: number
  content_hash: number
  gone_at: number | null
}

/**
 * The freights a batch inserted, and how many per facet key and truck-body mask are not yet in
 * `freight_counts`. They are added once per group at the end of the batch (migration 007 dropped
 * the trigger that counted every inserted row on its own), or earlier, before the batch rewrites
 * a freight it inserted itself: the update trigger, which keeps the counts for every other
 * change, must find that freight counted.
 */
class AddedFreights {
  private readonly ids = new Set<number>()
  private groups = new Map<number, Map<number, number>>()

  add(id: number, facetKey: number, truckBodyMask: number): void {
    this.ids.add(id)
    let byMask = this.groups.get(facetKey)
    if (!byMask) this.groups.set(facetKey, (byMask = new Map<number, number>()))
    byMask.set(truckBodyMask, (byMask.get(truckBodyMask) ?? 0) + 1)
  }

  has(id: number): boolean {
    return this.ids.has(id)
  }

  /** Hands over the counts not yet written, per facet key and truck-body mask. */
  takeCounts(write: (facetKey: number, truckBodyMask: number, count: number) => void): void {
    for (const [facetKey, byMask] of this.groups) {
      for (const [truckBodyMask, count] of byMask) write(facetKey, truckBodyMask, count)
    }
    this.groups = new Map()
  }
}

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ')

export function createFreightStore(db: Database.Database, now: () => Date): FreightStore {
  const dataColumns = freightDataColumns.join(', ')
  const detailColumns = freightDetailColumns.join(', ')
  const statements = {
    account: db.prepare<[string], AccountRow>('SELECT id, provider FROM accounts WHERE id = ?'),
    existing: db.prepare<[string, string], ExistingRow>(
      'SELECT id, content_hash, gone_at FROM freights WHERE account_id = ? AND provider_id = ?',
    ),
    insert: db.prepare(
      `INSERT INTO freights (account_id, ${dataColumns}, content_hash, first_seen_at,
         last_seen_at, last_seen_run, changed_at)
       VALUES (?, ${placeholders(freightDataColumns.length)}, ?, ?, ?, ?, ?)`,
    ),
    insertDetails: db.prepare(
      `INSERT INTO freight_details (freight_id, ${detailColumns})
       VALUES (?, ${placeholders(freightDetailColumns.length)})`,
    ),
    rewrite: db.prepare(
      `UPDATE freights SET ${freightDataColumns.map((column) => `${column} = ?`).join(', ')},
         content_hash = ?, last_seen_at = ?, last_seen_run = ?, changed_at = ?, gone_at = NULL
       WHERE id = ?`,
    ),
    rewriteDetails: db.prepare(
      `UPDATE freight_details SET ${freightDetailColumns.map((column) => `${column} = ?`).join(', ')}
       WHERE freight_id = ?`,
    ),
    lastSeen: db.prepare<[number], { last_seen_at: number; last_seen_run: string }>(
      'SELECT last_seen_at, last_seen_run FROM freights WHERE id = ?',
    ),
    touch: db.prepare<[number, string, number]>(
      'UPDATE freights SET last_seen_at = ?, last_seen_run = ? WHERE id = ?',
    ),
    // Freights are inserted unseen, visible and not gone; see AddedFreights.
    addCounts: db.prepare<[number, number, string, number]>(
      `INSERT INTO freight_counts (facet_key, truck_body_mask, gone, hidden, seen, account_id,
         freights)
       VALUES (?, ?, 0, 0, 0, ?, ?)
       ON CONFLICT DO UPDATE SET freights = freights + excluded.freights`,
    ),
    reappear: db.prepare<[number, string, number]>(
      'UPDATE freights SET last_seen_at = ?, last_seen_run = ?, gone_at = NULL WHERE id = ?',
    ),
    markGone: db.prepare<[number, string, string]>(
      `UPDATE freights SET gone_at = ?
       WHERE account_id = ? AND last_seen_run <> ? AND gone_at IS NULL`,
    ),
    insertSearch: db.prepare<[number, string]>(
      'INSERT INTO freight_search (rowid, body) VALUES (?, ?)',
    ),
    deleteSearch: db.prepare<[number]>('DELETE FROM freight_search WHERE rowid = ?'),
    freight: db.prepare<[number], StoredFreightRow>(
      `SELECT f.*, ${freightDetailColumns.map((column) => `d.${column}`).join(', ')}
       FROM freights f JOIN freight_details d ON d.freight_id = f.id WHERE f.id = ?`,
    ),
    searchFields: db.prepare<[number], SearchFieldsRow>(
      `SELECT reference, external_number, provider_id, loading_country, loading_postal_code,
         loading_locality, unloading_country, unloading_postal_code, unloading_locality,
         d.contacts
       FROM freights f JOIN freight_details d ON d.freight_id = f.id WHERE f.id = ?`,
    ),
    exists: db.prepare<[number], { id: number }>('SELECT id FROM freights WHERE id = ?'),
    annotation: db.prepare<[number], StoredAnnotationRow>(
      'SELECT * FROM freight_annotations WHERE freight_id = ?',
    ),
    saveAnnotation: db.prepare<[number, number, number, string, string, number]>(
      `INSERT INTO freight_annotations (freight_id, seen, hidden, note, tags, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (freight_id) DO UPDATE SET seen = excluded.seen, hidden = excluded.hidden,
         note = excluded.note, tags = excluded.tags, updated_at = excluded.updated_at`,
    ),
  }

  /**
   * Search rows are written after a transaction's other writes, all together. FTS5 flushes its
   * pending rows to a new index segment whenever another statement of the transaction opens a
   * statement journal (any insert or update of `freights` does, for its triggers); written row
   * by row between freight rows, every search row became its own segment and the merging of
   * those segments made a 100,000-freight transaction ten times slower.
   */
  function writeSearch(rows: SearchRows): void {
    for (const [id, { replacing }] of rows) if (replacing) statements.deleteSearch.run(id)
    for (const [id, { body }] of rows) statements.insertSearch.run(id, body)
  }

  function annotationOf(id: number): FreightAnnotation {
    const row = statements.annotation.get(id)
    return row ? fromAnnotationRow(row) : emptyAnnotation(id)
  }

  function dataValues(derived: DerivedFreight): unknown[] {
    return freightDataColumns.map((column) => derived.data[column])
  }

  function detailValues(derived: DerivedFreight): unknown[] {
    return freightDetailColumns.map((column) => derived.details[column])
  }

  /**
   * Storing a batch goes in chunks of up to `chunkSize` freights and, within a chunk, in three
   * passes: what the cache holds for each freight, then the mapping to rows (hashes, derived
   * columns, search text), then the writes. Mapping and writing freight by freight in turn cost a
   * quarter more time: each evicted the other's working memory from the processor's caches.
   */
  const upsertBatch = db.transaction(
    (accountId: string, runId: string, freights: readonly NormalizedFreight[]): UpsertCounts => {
      const account = statements.account.get(accountId)
      if (!account) throw new Error(`No cached account "${accountId}" to store freights for`)
      if (!runId) throw new Error('A sync run id is required')
      const at = now().getTime()
      const counts: UpsertCounts = { inserted: 0, changed: 0, unchanged: 0, reappeared: 0 }
      const search: SearchRows = new Map()
      const added = new AddedFreights()
      const writeCounts = () =>
        added.takeCounts((facetKey, truckBodyMask, count) =>
          statements.addCounts.run(facetKey, truckBodyMask, accountId, count),
        )
      let next = 0
      while (next < freights.length) {
        const chunk: Pending[] = []
        const providerIds = new Set<string>()
        for (; next < freights.length && chunk.length < chunkSize; next++) {
          const freight = freights[next]!
          // A freight listed twice goes to the next chunk, which finds it stored.
          if (providerIds.has(freight.providerId)) break
          if (freight.provider !== account.provider) {
            throw new Error(
              `Freight ${freight.providerId} is from ${freight.provider}, account ${accountId} is ${account.provider}`,
            )
          }
          providerIds.add(freight.providerId)
          const existing = statements.existing.get(accountId, freight.providerId)
          chunk.push({ freight, existing, rawJson: '', hash: 0, derived: null })
        }
        for (const pending of chunk) {
          pending.rawJson = payloadJson(pending.freight)
          pending.hash = contentHash(pending.freight, pending.rawJson)
          if (pending.existing?.content_hash !== pending.hash) {
            pending.derived = deriveFreight(pending.freight, pending.rawJson)
          }
        }
        for (const { freight, existing, hash, derived } of chunk) {
          if (!existing) {
            const row = derived!
            const id = Number(
              statements.insert.run(accountId, ...dataValues(row), hash, at, at, runId, at)
                .lastInsertRowid,
            )
            statements.insertDetails.run(id, ...detailValues(row))
            added.add(id, row.data.facet_key as number, row.data.truck_body_mask as number)
            search.set(id, { body: row.search, replacing: false })
            counts.inserted++
            continue
          }
          if (added.has(existing.id)) writeCounts()
          if (existing.gone_at !== null) counts.reappeared++
          if (!derived) {
            if (existing.gone_at === null) statements.touch.run(at, runId, existing.id)
            else statements.reappear.run(at, runId, existing.id)
            counts.unchanged++
            continue
          }
          statements.rewrite.run(...dataValues(derived), hash, at, runId, at, existing.id)
          statements.rewriteDetails.run(...detailValues(derived), existing.id)
          const annotation = statements.annotation.get(existing.id)
          const body = annotation
            ? searchText(searchFieldsOf(freight), fromAnnotationRow(annotation))
            : derived.search
          search.set(existing.id, {
            body,
            replacing: search.get(existing.id)?.replacing ?? true,
          })
          counts.changed++
        }
      }
      writeCounts()
      writeSearch(search)
      return counts
    },
  )

  const annotate = db.transaction((ids: readonly number[], patch: AnnotationPatch) => {
    const missing = ids.filter((id) => !statements.exists.get(id))
    if (missing.length > 0) return { annotations: [], missing }
    const at = now().getTime()
    const search: SearchRows = new Map()
    const annotations = ids.map((id) => {
      const current = annotationOf(id)
      const next: FreightAnnotation = {
        freightId: id,
        seen: patch.seen ?? current.seen,
        hidden: patch.hidden ?? current.hidden,
        note: patch.note ?? current.note,
        tags: patch.tags ? [...new Set(patch.tags)] : current.tags,
        updatedAt: new Date(at).toISOString(),
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
        if (fields)
          search.set(id, { body: searchText(storedSearchFields(fields), next), replacing: true })
      }
      return next
    })
    writeSearch(search)
    return { annotations, missing: [] as number[] }
  })

  const applyChange = db.transaction(
    (accountId: string, freight: NormalizedFreight): number | null => {
      const existing = statements.existing.get(accountId, freight.providerId)
      const seen = existing ? statements.lastSeen.get(existing.id) : undefined
      if (!existing || !seen) return null
      const rawJson = payloadJson(freight)
      const hash = contentHash(freight, rawJson)
      if (existing.content_hash === hash) return existing.id
      const derived = deriveFreight(freight, rawJson)
      statements.rewrite.run(
        ...dataValues(derived),
        hash,
        seen.last_seen_at,
        seen.last_seen_run,
        now().getTime(),
        existing.id,
      )
      statements.rewriteDetails.run(...detailValues(derived), existing.id)
      const annotation = statements.annotation.get(existing.id)
      const body = annotation
        ? searchText(searchFieldsOf(freight), fromAnnotationRow(annotation))
        : derived.search
      writeSearch(new Map([[existing.id, { body, replacing: true }]]))
      return existing.id
    },
  )

  return {
    upsertBatch: (accountId, runId, freights) => upsertBatch.immediate(accountId, runId, freights),
    applyChange: (accountId, freight) => applyChange.immediate(accountId, freight),
    markGone(accountId, runId) {
      const gone = statements.markGone.run(now().getTime(), accountId, runId).changes
      // A complete run is where the number of freights changes most.
      refreshStatistics(db)
      return gone
    },
    get(id) {
      const row = statements.freight.get(id)
      if (!row) return null
      return { freight: fromStoredRow(row), annotation: annotationOf(id) }
    },
    annotate: (ids, patch) => annotate.immediate(ids, patch),
  }
}

/** Freights indexed per read when the search index is filled afresh. */
const rebuildPageSize = 2_000

/**
 * Fills the search index from the stored freights, their contacts and annotations when it is
 * empty but freights are not: after a migration that recreated it (a contentless index cannot
 * be copied). One transaction; returns how many freights it indexed.
 */
export function rebuildSearchIfEmpty(db: Database.Database): number {
  const needed = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM freights)
         AND NOT EXISTS (SELECT 1 FROM freight_search_docsize)`,
    )
    .pluck()
    .get()
  if (!needed) return 0
  const page = db.prepare<
    [number, number],
    SearchFieldsRow & { id: number; note: string | null; tags: string | null }
  >(
    `SELECT f.id, reference, external_number, provider_id, loading_country, loading_postal_code,
       loading_locality, unloading_country, unloading_postal_code, unloading_locality, d.contacts,
       a.note, a.tags
     FROM freights f JOIN freight_details d ON d.freight_id = f.id
       LEFT JOIN freight_annotations a ON a.freight_id = f.id
     WHERE f.id > ? ORDER BY f.id LIMIT ?`,
  )
  const insert = db.prepare<[number, string]>(
    'INSERT INTO freight_search (rowid, body) VALUES (?, ?)',
  )
  return db
    .transaction(() => {
      let indexed = 0
      let after = 0
      for (;;) {
        const rows = page.all(after, rebuildPageSize)
        if (rows.length === 0) return indexed
        for (const row of rows) {
          const annotation =
            row.note === null
              ? null
              : { note: row.note, tags: JSON.parse(row.tags ?? '[]') as string[] }
          insert.run(row.id, searchText(storedSearchFields(row), annotation))
          after = row.id
        }
        indexed += rows.length
      }
    })
    .immediate()
}

function storedSearchFields(row: SearchFieldsRow): SearchFields {
  return {
    reference: row.reference,
    externalNumber: row.external_number,
    providerId: row.provider_id,
    loading: {
      country: row.loading_country,
      postalCode: row.loading_postal_code,
      locality: row.loading_locality,
    },
    unloading: {
      country: row.unloading_country,
      postalCode: row.unloading_postal_code,
      locality: row.unloading_locality,
    },
    contacts: JSON.parse(row.contacts) as Contact[],
  }
}
