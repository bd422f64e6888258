/**
 * Compiles a typed `FreightQuery` to parameterized SQL. Every value from the query travels as a
 * bound parameter; the SQL text is built only from the fixed fragments in this file, so nothing a
 * dispatcher types can change a statement's meaning.
 *
 * Facet filters (status, provider, loading country) are tested on the packed facet key, which
 * every covering index carries, so indexes answer them without reading rows. Totals and facets
 * come from counts grouped by facet key and truck-body mask, to which the facet filters are
 * applied in code, once per facet, each leaving out its own (see freight-query.ts). Those counts
 * are read from the trigger-kept `freight_counts` table when the other filters touch only the
 * account and the flags, and counted over the freights otherwise.
 */
import {
  defaultColumnKeys,
  freightColumn,
  isDerivedColumn,
  type FreightColumnKey,
  type StoredColumnKey,
} from '@shared/domain/freight-columns'
import type { FreightFilter, FreightQuery } from '@shared/domain/freight-query'

import { columnSql, type CellValue } from './query-columns'
import {
  accountAndFlagConditions,
  compileWhere,
  countsFromSummary,
  countsSource,
  facetConditions,
  filterSearchQuery,
  freightsSource,
  indexedSortColumns,
  Params,
  rowOnlyConditions,
  whereClause,
} from './query-conditions'

export interface CompiledStatement {
  sql: string
  params: unknown[]
}

export interface CompiledPage {
  rows: CompiledStatement
  /** The columns each row carries, in order (its first value is always the id). */
  columns: StoredColumnKey[]
  decoders: Array<((value: unknown) => CellValue) | undefined>
}

/**
 * The columns a page returns: those asked for (or the defaults), a derived column's source in its
 * place (the account's last sync is filled in by whoever shows the row), plus the time-zone column
 * of every instant column, so times can always be shown in the place's zone, the provider's own
 * word beside an enum that may hold `unknown`, and the companions a cell shows with its value.
 */
export function pageColumns(requested: readonly FreightColumnKey[] | undefined): StoredColumnKey[] {
  const columns: StoredColumnKey[] = []
  const add = (key: StoredColumnKey) => {
    if (key !== 'id' && !columns.includes(key)) columns.push(key)
  }
  for (const key of requested ?? defaultColumnKeys) {
    add(isDerivedColumn(key) ? (freightColumn(key).derivedFrom as StoredColumnKey) : key)
  }
  for (const key of [...columns]) {
    const { timeZoneColumn, rawValueColumn, companions } = freightColumn(key)
    if (timeZoneColumn) add(timeZoneColumn as StoredColumnKey)
    if (rawValueColumn) add(rawValueColumn as StoredColumnKey)
    for (const companion of companions ?? []) add(companion as StoredColumnKey)
  }
  return columns
}

/**
 * The page query of a `FreightQuery`: its rows in order, without the total. It runs in two steps:
 * the ids of the page are chosen reading only what the filters and the sort need (often an index
 * alone), then the requested columns are read for those ids only, so neither the skipped rows of
 * a deep page nor the rows a sort compares are read whole.
 */
export function compilePage(query: FreightQuery): CompiledPage {
  const columns = pageColumns(query.columns)
  const selected: StoredColumnKey[] = ['id', ...columns]
  // Ties come in id order, in the direction of the first key, so that an index on the first key
  // (which holds ids in ascending order) serves the whole ORDER BY when scanned either way.
  const tieDirection = query.sort[0]?.direction ?? 'asc'
  const sortKeys = query.sort.some((key) => key.column === 'id')
    ? query.sort
    : [...query.sort, { column: 'id' as const, direction: tieDirection }]
  const sortColumns = sortKeys.map((key) => key.column)
  const needsAnnotation = (keys: readonly StoredColumnKey[]) =>
    keys.some((key) => columnSql[key].annotation)
  const annotationJoin = 'LEFT JOIN freight_annotations a ON a.freight_id = f.id'
  const orderBy = sortKeys
    .map((key) => {
      const sql = columnSql[key.column]
      return `${sql.sort ?? sql.select} ${key.direction === 'desc' ? 'DESC' : 'ASC'}`
    })
    .join(', ')

  const params = new Params()
  const chosen = [
    'SELECT f.id FROM freights f',
    needsAnnotation(sortColumns) ? annotationJoin : '',
    whereClause(
      compileWhere(query, params, indexedSortColumns.has(sortColumns[0]!) ? 'walk' : 'lookup'),
    ),
    `ORDER BY ${orderBy}`,
    `LIMIT ${params.one(query.limit)} OFFSET ${params.one(query.offset)}`,
  ]
  const sql = [
    `SELECT ${selected.map((key) => columnSql[key].select).join(', ')}`,
    `FROM (${chosen.filter(Boolean).join(' ')}) page JOIN freights f ON f.id = page.id`,
    needsAnnotation([...selected, ...sortColumns]) ? annotationJoin : '',
    `ORDER BY ${orderBy}`,
  ]
    .filter(Boolean)
    .join(' ')

  return {
    rows: { sql, params: params.values },
    columns,
    decoders: selected.map((key) => columnSql[key].decode),
  }
}

/**
 * The FROM clause and conditions of a count over the freights: with a text filter, the search
 * hits come first and their freights are looked up (`freights_facts` holds what the other
 * filters need); `omitFacets` leaves out the four facet filters.
 */
function countedFreights(
  filter: FreightFilter,
  params: Params,
  omitFacets: boolean,
): { from: string; where: string } {
  const text = filterSearchQuery(filter)
  const conditions: string[] = []
  if (text) conditions.push(`freight_search MATCH ${params.one(text)}`)
  if (!omitFacets) {
    conditions.push(...facetConditions(filter, params, freightsSource, { countryColumn: true }))
  }
  conditions.push(...accountAndFlagConditions(filter, params, freightsSource))
  conditions.push(...rowOnlyConditions({ ...filter, text: undefined }, params, 'count'))
  return {
    from: text ? 'freight_search s JOIN freights f ON f.id = s.rowid' : 'freights f',
    where: whereClause(conditions),
  }
}

/** How many freights match `filter`. */
export function compileCount(filter: FreightFilter): CompiledStatement {
  const params = new Params()
  if (countsFromSummary(filter)) {
    const where = whereClause([
      ...facetConditions(filter, params, countsSource),
      ...accountAndFlagConditions(filter, params, countsSource),
    ])
    return {
      sql: `SELECT coalesce(sum(c.freights), 0) FROM freight_counts c ${where}`,
      params: params.values,
    }
  }
  const { from, where } = countedFreights(filter, params, false)
  return { sql: `SELECT count(*) FROM ${from} ${where}`, params: params.values }
}

/**
 * The statements totals and facets are computed from. When the filter narrows only on account,
 * flags and facets, two reads of `freight_counts`: the freights passing every filter but status,
 * provider and country, per facet key; and those passing every filter but the truck bodies, per
 * truck-body mask. Otherwise one pass over the freights: those passing every filter but the four
 * facet filters, per facet key and truck-body mask.
 */
export type CompiledFacets =
  | { from: 'counts'; byFacetKey: CompiledStatement; byTruckBodies: CompiledStatement }
  | {
      from: 'freights'
      /**
       * Rows of (facet key, truck-body mask, count); or, when `grouped` is false, one row of two
       * JSON arrays, the facet keys and the truck-body masks of every freight, for the caller to
       * count. Search hits come in no useful order, and counting them in code is cheaper than
       * sorting them to group (and two arrays cross into JavaScript faster than many rows).
       */
      byFacetKeyAndTruckBodies: CompiledStatement
      grouped: boolean
    }

export function compileFacets(filter: FreightFilter): CompiledFacets {
  if (countsFromSummary(filter)) {
    const grouped = (by: string, omit: { truckBodies?: boolean; facetKey?: boolean }) => {
      const params = new Params()
      const where = whereClause([
        ...facetConditions(filter, params, countsSource, omit),
        ...accountAndFlagConditions(filter, params, countsSource),
      ])
      return {
        sql: `SELECT ${by}, sum(c.freights) FROM freight_counts c ${where} GROUP BY ${by}`,
        params: params.values,
      }
    }
    return {
      from: 'counts',
      byFacetKey: grouped('c.facet_key', { facetKey: true }),
      byTruckBodies: grouped('c.truck_body_mask', { truckBodies: true }),
    }
  }
  const params = new Params()
  const { from, where } = countedFreights(filter, params, true)
  const grouped = filterSearchQuery(filter) === null
  // With only filters that have no index of their own, one ordered pass over
  // freights_facet_order groups without sorting. Otherwise SQLite should start from the
  // filter's index (which carries the facts) and sort what it finds: grouping on expressions
  // keeps freights_facet_order, which lacks those filters' columns, from looking cheaper.
  const streamed = grouped && onlyUnindexedFilters(filter)
  const groupBy = streamed
    ? 'f.facet_key, f.truck_body_mask'
    : 'f.facet_key + 0, f.truck_body_mask + 0'
  return {
    from: 'freights',
    byFacetKeyAndTruckBodies: {
      sql: grouped
        ? `SELECT f.facet_key, f.truck_body_mask, count(*) FROM ${streamed ? 'freights f INDEXED BY freights_facet_order' : from} ${where} GROUP BY ${groupBy}`
        : `SELECT json_group_array(f.facet_key), json_group_array(f.truck_body_mask) FROM ${from} ${where}`,
      params: params.values,
    },
    grouped,
  }
}

/**
 * Whether the filters beyond account, flags and facets are only those freights_facet_order
 * holds: publication types, vehicle sizes (no index of their own) and prices (which usually
 * match many freights, so that one pass in order is cheaper than sorting what the price index
 * finds).
 */
function onlyUnindexedFilters(filter: FreightFilter): boolean {
  const { publicationTypes, vehicleSizes, price } = filter
  const rest: FreightFilter = {
    ...filter,
    publicationTypes: undefined,
    vehicleSizes: undefined,
    price: undefined,
  }
  return (
    rowOnlyConditions(rest, new Params()).length === 0 &&
    Boolean(publicationTypes?.length || vehicleSizes?.length || price)
  )
}
