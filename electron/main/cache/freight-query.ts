/** Runs compiled freight queries: a page of flat rows with its total, and the facet counts. */
import type Database from 'better-sqlite3'
import type { FreightRow } from '@shared/domain/freight-columns'
import {
  facetKeys,
  type FacetCount,
  type FreightFacets,
  type FreightFilter,
  type FreightPage,
  type FreightQuery,
} from '@shared/domain/freight-query'
import { truckBodies } from '@shared/domain/freight'
import { valuesOf } from './bit-sets'
import { compileFacets, compilePage, type CompiledStatement } from './query-compiler'

export interface FreightQueries {
  page(query: FreightQuery): FreightPage
  facets(filter: FreightFilter): FreightFacets
  /** SQLite's plan for a page query and its count (for tests and tuning). */
  explain(query: FreightQuery): { rows: string[]; count: string[] }
}

/** Statements are prepared once per distinct SQL text; filter shapes repeat, values do not matter. */
const maxCachedStatements = 500

export function createFreightQueries(db: Database.Database): FreightQueries {
  const prepared = new Map<string, Database.Statement>()

  function statement(sql: string): Database.Statement {
    let found = prepared.get(sql)
    if (!found) {
      if (prepared.size >= maxCachedStatements) prepared.clear()
      found = db.prepare(sql)
      prepared.set(sql, found)
    }
    return found
  }

  function plan({ sql, params }: CompiledStatement): string[] {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>
    return rows.map((row) => row.detail)
  }

  return {
    page(query) {
      const compiled = compilePage(query)
      const read = db.transaction(() => {
        const raw = statement(compiled.rows.sql)
          .raw(true)
          .all(...compiled.rows.params) as unknown[][]
        const total = statement(compiled.count.sql)
          .pluck(true)
          .get(...compiled.count.params) as number
        return { raw, total }
      })
      const { raw, total } = read.deferred()
      const keys = ['id', ...compiled.columns]
      const rows = raw.map((values) => {
        const row: Record<string, unknown> = {}
        for (let i = 0; i < keys.length; i++) {
          const decode = compiled.decoders[i]
          const value = values[i] ?? null
          row[keys[i]!] = decode ? decode(value) : value
        }
        return row as FreightRow
      })
      return { rows, total, offset: query.offset, limit: query.limit, columns: compiled.columns }
    },

    facets(filter) {
      const compiled = compileFacets(filter)
      const read = db.transaction(() => {
        const facets = {} as FreightFacets
        for (const key of facetKeys) {
          const { sql, params } = compiled[key]
          const counts = statement(sql).all(...params) as Array<{
            value: string | number
            count: number
          }>
          facets[key] = sortCounts(
            key === 'truckBody' ? spreadMasks(counts) : (counts as FacetCount[]),
          )
        }
        return facets
      })
      return read.deferred()
    },

    explain(query) {
      const compiled = compilePage(query)
      return { rows: plan(compiled.rows), count: plan(compiled.count) }
    },
  }
}

/** Counts per truck-body mask -> counts per body (a freight with two bodies counts for both). */
function spreadMasks(
  counts: ReadonlyArray<{ value: string | number; count: number }>,
): FacetCount[] {
  const perBody = new Map<string, number>()
  for (const { value, count } of counts) {
    for (const body of valuesOf(Number(value), truckBodies)) {
      perBody.set(body, (perBody.get(body) ?? 0) + count)
    }
  }
  return [...perBody].map(([value, count]) => ({ value, count }))
}

/** Most frequent first, then by value. Zero counts are left out. */
function sortCounts(counts: FacetCount[]): FacetCount[] {
  return counts
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
}
