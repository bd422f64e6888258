/**
 * Every row of a query, read in chunks from a read-only connection of its own. Under WAL that
 * connection reads one consistent snapshot for the whole export while the app's connection keeps
 * answering the grid and a sync keeps writing; between chunks the event loop runs, so a 100,000-row
 * export never stalls the main process.
 *
 * Stop-gap: the cache exposes pages, not a stream. This reuses the cache's own query compiler (no
 * SQL is written here) until `FreightQueries` offers an iterator of its own.
 */
import Database from 'better-sqlite3'
import type { FreightColumnKey, FreightRow } from '@shared/domain/freight-columns'
import type { ViewQuery } from '@shared/domain/saved-view'
import { compilePage } from '../cache/query-compiler'

const busyTimeoutMs = 5_000

/** The rows of `query` with `columns` (plus their zone columns), `chunkSize` at a time, in order. */
export async function* snapshotRows(
  cacheFile: string,
  query: ViewQuery,
  columns: readonly FreightColumnKey[],
  chunkSize = 1_000,
): AsyncGenerator<FreightRow[]> {
  const db = new Database(cacheFile, { readonly: true, fileMustExist: true })
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`)
    const compiled = compilePage({
      ...query,
      offset: 0,
      limit: Number.MAX_SAFE_INTEGER,
      withFacets: false,
      columns: [...columns],
    })
    const keys = ['id', ...compiled.columns]
    const statement = db.prepare(compiled.rows.sql).raw(true)
    const iterator = statement.iterate(...compiled.rows.params) as IterableIterator<unknown[]>
    try {
      let chunk: FreightRow[] = []
      for (const values of iterator) {
        const row: Record<string, unknown> = {}
        for (let i = 0; i < keys.length; i++) {
          const decode = compiled.decoders[i]
          const value = values[i] ?? null
          row[keys[i]!] = decode ? decode(value) : value
        }
        chunk.push(row as FreightRow)
        if (chunk.length >= chunkSize) {
          yield chunk
          chunk = []
          // Lets IPC calls in between: the grid stays responsive during a long export.
          await new Promise((resolve) => setImmediate(resolve))
        }
      }
      if (chunk.length > 0) yield chunk
    } finally {
      iterator.return?.()
    }
  } finally {
    db.close()
  }
}
