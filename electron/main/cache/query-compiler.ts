/**
 * Compiles a typed `FreightQuery` to parameterized SQL. Every value from the query travels as a
 * bound parameter; the SQL text is built only from the fixed fragments in this file, so nothing a
 * dispatcher types can change a statement's meaning.
 */
import {
  defaultColumnKeys,
  freightColumn,
  type FreightColumnKey,
} from '@shared/domain/freight-columns'
import type { FreightFilter, FreightQuery, StopFilter } from '@shared/domain/freight-query'
import type { FacetKey } from '@shared/domain/freight-query'
import { publicationTypes, truckBodies, vehicleSizes } from '@shared/domain/freight'
import { foldedWords } from '@shared/text-fold'
import { maskOf } from './bit-sets'
import { localityKey, postalKey } from './freight-rows'

export type CellValue = string | number | boolean | null | string[]

interface ColumnSql {
  /** The SQL expression that reads it (over `freights f` and, when `annotation`, `freight_annotations a`). */
  select: string
  /** What ORDER BY uses, when not the selected value (folded keys sort Łódź with the Ls). */
  sort?: string
  annotation?: true
  decode?: (value: unknown) => CellValue
}

const json = (value: unknown): CellValue => JSON.parse(String(value)) as string[]
const bool = (value: unknown): CellValue => value === 1

/** Every catalogue column's SQL; the Record type makes a column without SQL a compile error. */
const columnSql: Record<FreightColumnKey, ColumnSql> = {
  id: { select: 'f.id' },
  provider: { select: 'f.provider' },
  accountId: { select: 'f.account_id' },
  accountName: { select: '(SELECT name FROM accounts WHERE accounts.id = f.account_id)' },
  providerId: { select: 'f.provider_id' },
  reference: { select: 'f.reference' },
  externalNumber: { select: 'f.external_number' },
  status: { select: 'f.status' },
  statusRaw: { select: 'f.status_raw' },
  loadingCountry: { select: 'f.loading_country' },
  loadingPostalCode: { select: 'f.loading_postal_code', sort: 'f.loading_postal_key' },
  loadingLocality: { select: 'f.loading_locality', sort: 'f.loading_locality_key' },
  loadingStart: { select: 'f.loading_start' },
  loadingEnd: { select: 'f.loading_end' },
  loadingDate: { select: 'f.loading_date' },
  loadingTimeZone: { select: 'f.loading_time_zone' },
  unloadingCountry: { select: 'f.unloading_country' },
  unloadingPostalCode: { select: 'f.unloading_postal_code', sort: 'f.unloading_postal_key' },
  unloadingLocality: { select: 'f.unloading_locality', sort: 'f.unloading_locality_key' },
  unloadingStart: { select: 'f.unloading_start' },
  unloadingEnd: { select: 'f.unloading_end' },
  unloadingDate: { select: 'f.unloading_date' },
  unloadingTimeZone: { select: 'f.unloading_time_zone' },
  transportType: { select: 'f.transport_type' },
  truckBodies: { select: 'f.truck_bodies', decode: json },
  vehicleSizes: { select: 'f.vehicle_sizes', decode: json },
  length: { select: 'f.length' },
  width: { select: 'f.width' },
  height: { select: 'f.height' },
  volume: { select: 'f.volume' },
  capacity: { select: 'f.capacity' },
  loadingMeters: { select: 'f.loading_meters' },
  temperatureMin: { select: 'f.temperature_min' },
  temperatureMax: { select: 'f.temperature_max' },
  price: { select: 'f.price_value' },
  currency: { select: 'f.price_currency' },
  paymentTermDays: { select: 'f.payment_term_days' },
  paymentMethod: { select: 'f.payment_method' },
  publicationState: { select: 'f.publication_state' },
  publicationTypes: { select: 'f.publication_types', decode: json },
  contactName: { select: 'f.contact_name' },
  createdAt: { select: 'f.created_at' },
  updatedAt: { select: 'f.updated_at' },
  firstSeenAt: { select: 'f.first_seen_at' },
  lastSeenAt: { select: 'f.last_seen_at' },
  changedAt: { select: 'f.changed_at' },
  goneAt: { select: 'f.gone_at' },
  seen: { select: 'f.local_seen', decode: bool },
  hidden: { select: 'f.local_hidden', decode: bool },
  note: { select: "coalesce(a.note, '')", annotation: true },
  tags: { select: "coalesce(a.tags, '[]')", annotation: true, decode: json },
}

/** Bound parameters collected while the SQL text is built. */
class Params {
  readonly values: unknown[] = []

  one(value: unknown): string {
    this.values.push(value)
    return '?'
  }

  list(values: readonly unknown[]): string {
    return values.map((value) => this.one(value)).join(', ')
  }
}

/** Sorts after every string that starts with a given prefix (the highest code point). */
const afterPrefix = '\u{10FFFF}'

/**
 * An FTS5 query for the dispatcher's words: each whitespace-separated word becomes a quoted phrase
 * of its folded letter-and-digit runs, matched as a prefix, and all must match. Quotes, `*`, `-`,
 * `:`, parentheses and operators such as NEAR or OR never reach FTS5 as syntax. Null when the text
 * holds no letters or digits.
 */
export function ftsQuery(text: string): string | null {
  const phrases = text
    .split(/\s+/)
    .map((word) => foldedWords(word))
    .filter((tokens) => tokens.length > 0)
    .map((tokens) => `"${tokens.join(' ')}"*`)
  return phrases.length > 0 ? phrases.join(' AND ') : null
}

/** Where the facet dimensions and flags live in the table a statement reads. */
interface FacetColumns {
  provider: string
  account: string
  status: string
  loadingCountry: string
  truckBodyMask: string
  /** A condition true for rows that are not gone. */
  notGone: string
  notHidden: string
  seen: string
}

const freightFacetColumns: FacetColumns = {
  provider: 'f.provider',
  account: 'f.account_id',
  status: 'f.status',
  loadingCountry: 'f.loading_country',
  truckBodyMask: 'f.truck_body_mask',
  notGone: 'f.gone_at IS NULL',
  notHidden: 'f.local_hidden = 0',
  seen: 'f.local_seen',
}

const countFacetColumns: FacetColumns = {
  provider: 'c.provider',
  account: 'c.account_id',
  status: 'c.status',
  loadingCountry: 'c.loading_country',
  truckBodyMask: 'c.truck_body_mask',
  notGone: 'c.gone = 0',
  notHidden: 'c.hidden = 0',
  seen: 'c.seen',
}

/** Conditions on the facet dimensions and the flags; `omit` leaves out one facet's own filter. */
function facetConditions(
  filter: FreightFilter,
  params: Params,
  columns: FacetColumns,
  omit?: FacetKey,
): string[] {
  const where: string[] = []
  if (filter.providers?.length && omit !== 'provider') {
    where.push(`${columns.provider} IN (${params.list(filter.providers)})`)
  }
  if (filter.accountIds?.length) {
    where.push(`${columns.account} IN (${params.list(filter.accountIds)})`)
  }
  if (filter.statuses?.length && omit !== 'status') {
    where.push(`${columns.status} IN (${params.list(filter.statuses)})`)
  }
  const countries = filter.loading?.countries
  if (countries?.length && omit !== 'loadingCountry') {
    where.push(`${columns.loadingCountry} IN (${params.list(countries)})`)
  }
  if (filter.truckBodies?.length && omit !== 'truckBody') {
    where.push(
      `(${columns.truckBodyMask} & ${params.one(maskOf(filter.truckBodies, truckBodies))}) <> 0`,
    )
  }
  if (!filter.includeGone) where.push(columns.notGone)
  if (!filter.includeHidden) where.push(columns.notHidden)
  if (filter.seen !== undefined) where.push(`${columns.seen} = ${params.one(filter.seen ? 1 : 0)}`)
  return where
}

/** Conditions on everything else; only the freights table can answer these. */
function otherConditions(filter: FreightFilter, params: Params): string[] {
  const where: string[] = []
  const text = filter.text ? ftsQuery(filter.text) : null
  if (text) {
    where.push(
      `f.id IN (SELECT rowid FROM freight_search WHERE freight_search MATCH ${params.one(text)})`,
    )
  }
  if (filter.publicationTypes?.length) {
    where.push(
      `(f.publication_mask & ${params.one(maskOf(filter.publicationTypes, publicationTypes))}) <> 0`,
    )
  }
  if (filter.vehicleSizes?.length) {
    // An empty set (mask 0) means the freight takes any size.
    where.push(
      `(f.vehicle_size_mask = 0 OR (f.vehicle_size_mask & ${params.one(maskOf(filter.vehicleSizes, vehicleSizes))}) <> 0)`,
    )
  }
  if (filter.loading) where.push(...stopConditions('loading', filter.loading, params))
  if (filter.unloading) {
    const { countries } = filter.unloading
    if (countries?.length) where.push(`f.unloading_country IN (${params.list(countries)})`)
    where.push(...stopConditions('unloading', filter.unloading, params))
  }
  if (filter.price) {
    const { min, max, currencies } = filter.price
    if (min !== undefined) where.push(`f.price_value >= ${params.one(min)}`)
    if (max !== undefined) where.push(`f.price_value <= ${params.one(max)}`)
    if (currencies?.length) where.push(`f.price_currency IN (${params.list(currencies)})`)
  }
  return where
}

/** SQL conditions (over `freights f`) of a filter; `omit` leaves out one facet's own filter. */
export function compileWhere(filter: FreightFilter, params: Params, omit?: FacetKey): string[] {
  return [
    ...otherConditions(filter, params),
    ...facetConditions(filter, params, freightFacetColumns, omit),
  ]
}

/**
 * Whether totals and facets of `filter` can be added up from `freight_counts` (it filters only on
 * the dimensions that table keeps) rather than counted over the freights.
 */
export function countsFromSummary(filter: FreightFilter): boolean {
  return otherConditions(filter, new Params()).length === 0
}

/** Postal-code prefix, locality prefix and local-day range of one stop (countries are elsewhere). */
function stopConditions(end: 'loading' | 'unloading', stop: StopFilter, params: Params): string[] {
  const where: string[] = []
  const postal = stop.postalCodePrefix ? postalKey(stop.postalCodePrefix) : ''
  if (postal) {
    where.push(
      `f.${end}_postal_key >= ${params.one(postal)} AND f.${end}_postal_key < ${params.one(postal + afterPrefix)}`,
    )
  }
  const locality = stop.locality ? localityKey(stop.locality) : ''
  if (locality) {
    where.push(
      `f.${end}_locality_key >= ${params.one(locality)} AND f.${end}_locality_key < ${params.one(locality + afterPrefix)}`,
    )
  }
  if (stop.dateFrom) where.push(`f.${end}_date >= ${params.one(stop.dateFrom)}`)
  if (stop.dateTo) where.push(`f.${end}_date <= ${params.one(stop.dateTo)}`)
  return where
}

function whereClause(conditions: readonly string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''
}

export interface CompiledStatement {
  sql: string
  params: unknown[]
}

export interface CompiledPage {
  rows: CompiledStatement
  count: CompiledStatement
  /** The columns each row carries, in order (its first value is always the id). */
  columns: FreightColumnKey[]
  decoders: Array<((value: unknown) => CellValue) | undefined>
}

/**
 * The columns a page returns: those asked for (or the defaults), plus the time-zone column of
 * every instant column, so times can always be shown in the place's zone.
 */
export function pageColumns(
  requested: readonly FreightColumnKey[] | undefined,
): FreightColumnKey[] {
  const columns: FreightColumnKey[] = (requested ?? defaultColumnKeys).filter((key) => key !== 'id')
  for (const key of [...columns]) {
    const zone = freightColumn(key).timeZoneColumn as FreightColumnKey | undefined
    if (zone && !columns.includes(zone)) columns.push(zone)
  }
  return columns
}

/** The page query (rows) and the count query of a `FreightQuery`. */
export function compilePage(query: FreightQuery): CompiledPage {
  const columns = pageColumns(query.columns)
  const selected: FreightColumnKey[] = ['id', ...columns]
  const sortKeys = query.sort.some((key) => key.column === 'id')
    ? query.sort
    : [...query.sort, { column: 'id' as const, direction: 'asc' as const }]
  const needsAnnotation = [...selected, ...sortKeys.map((key) => key.column)].some(
    (key) => columnSql[key].annotation,
  )

  const rowParams = new Params()
  const rowWhere = whereClause(compileWhere(query, rowParams))
  const orderBy = sortKeys
    .map((key) => {
      const sql = columnSql[key.column]
      return `${sql.sort ?? sql.select} ${key.direction === 'desc' ? 'DESC' : 'ASC'}`
    })
    .join(', ')
  const rowsSql = [
    `SELECT ${selected.map((key) => columnSql[key].select).join(', ')}`,
    'FROM freights f',
    needsAnnotation ? 'LEFT JOIN freight_annotations a ON a.freight_id = f.id' : '',
    rowWhere,
    `ORDER BY ${orderBy}`,
    `LIMIT ${rowParams.one(query.limit)} OFFSET ${rowParams.one(query.offset)}`,
  ]
    .filter(Boolean)
    .join(' ')

  return {
    rows: { sql: rowsSql, params: rowParams.values },
    count: compileCount(query),
    columns,
    decoders: selected.map((key) => columnSql[key].decode),
  }
}

/** How many freights match `filter`. */
export function compileCount(filter: FreightFilter): CompiledStatement {
  const params = new Params()
  if (countsFromSummary(filter)) {
    const where = whereClause(facetConditions(filter, params, countFacetColumns))
    return {
      sql: `SELECT coalesce(sum(c.freights), 0) FROM freight_counts c ${where}`,
      params: params.values,
    }
  }
  const where = whereClause(compileWhere(filter, params))
  return { sql: `SELECT count(*) FROM freights f ${where}`, params: params.values }
}

/**
 * The SQL of each facet: counts per value under every filter except the facet's own. The truck
 * body facet counts per body mask; the caller spreads each mask's count over its bodies.
 */
export function compileFacets(filter: FreightFilter): Record<FacetKey, CompiledStatement> {
  const summary = countsFromSummary(filter)
  const columns = summary ? countFacetColumns : freightFacetColumns
  const from = summary ? 'freight_counts c' : 'freights f'
  const counted = summary ? 'sum(c.freights)' : 'count(*)'
  const grouped = (facet: FacetKey, value: string): CompiledStatement => {
    const params = new Params()
    const conditions = summary
      ? facetConditions(filter, params, columns, facet)
      : compileWhere(filter, params, facet)
    return {
      sql: `SELECT ${value} AS value, ${counted} AS count FROM ${from} ${whereClause(conditions)} GROUP BY ${value}`,
      params: params.values,
    }
  }
  return {
    status: grouped('status', columns.status),
    provider: grouped('provider', columns.provider),
    loadingCountry: grouped('loadingCountry', columns.loadingCountry),
    truckBody: grouped('truckBody', columns.truckBodyMask),
  }
}

export { Params }
