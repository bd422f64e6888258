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
  freightStatuses,
  providers,
  publicationTypes,
  truckBodies,
  vehicleSizes,
} from '@shared/domain/freight'
import {
  defaultColumnKeys,
  freightColumn,
  isDerivedColumn,
  type FreightColumnKey,
  type StoredColumnKey,
} from '@shared/domain/freight-columns'
import type { FreightFilter, FreightQuery, StopFilter } from '@shared/domain/freight-query'
import { localDate } from '@shared/domain/time'
import { maskOf, valuesOf } from './bit-sets'
import { countryNumber, instantText, postalKey, searchQuery, textKey } from './freight-rows'

export type CellValue = string | number | boolean | null | string[]

interface ColumnSql {
  /** The SQL expression that reads it (over `freights f` and, when `annotation`, `freight_annotations a`). */
  select: string
  /** What ORDER BY uses, when not the selected value (folded keys sort Łódź with the Ls). */
  sort?: string
  annotation?: true
  decode?: (value: unknown) => CellValue
}

const instant = (value: unknown): CellValue => (value === null ? null : instantText(Number(value)))
const json = (value: unknown): CellValue => JSON.parse(String(value)) as string[]
const bool = (value: unknown): CellValue => value === 1
const setOf =
  (vocabulary: readonly string[]) =>
  (value: unknown): CellValue =>
    valuesOf(Number(value), vocabulary)

/**
 * Every stored catalogue column's SQL; the Record type makes a column without SQL a compile error.
 * Derived columns (a fact of the account) have none: the page carries their source column.
 */
const columnSql: Record<StoredColumnKey, ColumnSql> = {
  id: { select: 'f.id' },
  number: { select: 'coalesce(f.reference, f.external_number, f.provider_id)' },
  // The Route column sorts by its loading window (soonest first), as a dispatcher plans.
  route: { select: 'f.loading_start', decode: instant },
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
  loadingStart: { select: 'f.loading_start', decode: instant },
  loadingEnd: { select: 'f.loading_end', decode: instant },
  loadingDate: { select: 'f.loading_date' },
  loadingTimeZone: { select: 'f.loading_time_zone' },
  unloadingCountry: { select: 'f.unloading_country' },
  unloadingPostalCode: { select: 'f.unloading_postal_code', sort: 'f.unloading_postal_key' },
  unloadingLocality: { select: 'f.unloading_locality', sort: 'f.unloading_locality_key' },
  unloadingStart: { select: 'f.unloading_start', decode: instant },
  unloadingEnd: { select: 'f.unloading_end', decode: instant },
  unloadingDate: { select: 'f.unloading_date' },
  unloadingTimeZone: { select: 'f.unloading_time_zone' },
  transportType: { select: 'f.transport_type' },
  truckBodies: { select: 'f.truck_body_mask', decode: setOf(truckBodies) },
  vehicleSizes: { select: 'f.vehicle_size_mask', decode: setOf(vehicleSizes) },
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
  publicationTypes: { select: 'f.publication_mask', decode: setOf(publicationTypes) },
  contactName: { select: 'f.contact_name', sort: 'f.contact_key' },
  createdAt: { select: 'f.created_at', decode: instant },
  updatedAt: { select: 'f.updated_at', decode: instant },
  firstSeenAt: { select: 'f.first_seen_at', decode: instant },
  lastSeenAt: { select: 'f.last_seen_at', decode: instant },
  changedAt: { select: 'f.changed_at', decode: instant },
  goneAt: { select: 'f.gone_at', decode: instant },
  seen: { select: 'f.local_seen', decode: bool },
  hidden: { select: 'f.local_hidden', decode: bool },
  note: { select: "coalesce(a.note, '')", annotation: true },
  tags: { select: "coalesce(a.tags, '[]')", annotation: true, decode: json },
}

/** Bound parameters collected while the SQL text is built. */
export class Params {
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

/** Where the aggregate's dimensions and the always-applied filters live in the table read. */
interface AggregateSource {
  account: string
  notGone: string
  notHidden: string
  seen: string
  facetKey: string
  truckBodyMask: string
}

const freightsSource: AggregateSource = {
  account: 'f.account_id',
  notGone: 'f.gone_at IS NULL',
  notHidden: 'f.local_hidden = 0',
  seen: 'f.local_seen',
  facetKey: 'f.facet_key',
  truckBodyMask: 'f.truck_body_mask',
}

const countsSource: AggregateSource = {
  account: 'c.account_id',
  notGone: 'c.gone = 0',
  notHidden: 'c.hidden = 0',
  seen: 'c.seen',
  facetKey: 'c.facet_key',
  truckBodyMask: 'c.truck_body_mask',
}

/**
 * How the full-text, account and loading-country filters take part in a page's plan. `lookup`
 * lets SQLite start from the freights they select (the search hits, an account's or a country's
 * rows) and sort those. `walk` keeps them from being used that way, so SQLite walks the index of
 * the first sort key and tests each freight on the index itself, stopping when the page is full:
 * never more than one pass over that index, and usually a small part of it. Pages walk whenever
 * their first sort key has such an index. `count` is for counts and facets, which read every
 * match in any order: they look up, and keep to the columns their covering indexes hold.
 */
type Plan = 'lookup' | 'walk' | 'count'

/** Sort keys with an index of (key, id, facts...): a page sorted on them can walk that index. */
const indexedSortColumns: ReadonlySet<FreightColumnKey> = new Set<FreightColumnKey>([
  'id',
  'route',
  'loadingStart',
  'loadingDate',
  'unloadingStart',
  'unloadingDate',
  'createdAt',
  'price',
  'loadingCountry',
])

/** The account and flag filters, which `freight_counts` can answer too. */
function accountAndFlagConditions(
  filter: FreightFilter,
  params: Params,
  source: AggregateSource,
  plan: Plan = 'lookup',
): string[] {
  const where: string[] = []
  if (filter.accountIds?.length) {
    const column = plan === 'walk' ? `+${source.account}` : source.account
    where.push(`${column} IN (${params.list(filter.accountIds)})`)
  }
  if (!filter.includeGone) where.push(source.notGone)
  if (!filter.includeHidden) where.push(source.notHidden)
  if (filter.seen !== undefined) where.push(`${source.seen} = ${params.one(filter.seen ? 1 : 0)}`)
  return where
}

/** The full-text query of a filter, or null when its text holds no words. */
export function filterSearchQuery(filter: FreightFilter): string | null {
  return filter.text ? searchQuery(filter.text) : null
}

/** Filters only the freights table can answer (text, places, dates, prices, ...). */
function rowOnlyConditions(filter: FreightFilter, params: Params, plan: Plan = 'lookup'): string[] {
  const where: string[] = []
  const text = filterSearchQuery(filter)
  if (text) {
    where.push(
      `${plan === 'walk' ? '+' : ''}f.id IN (SELECT rowid FROM freight_search WHERE freight_search MATCH ${params.one(text)})`,
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
  const boundStart = plan !== 'count'
  if (filter.loading) where.push(...stopConditions('loading', filter.loading, params, boundStart))
  if (filter.unloading) {
    const { countries } = filter.unloading
    if (countries?.length) where.push(`f.unloading_country IN (${params.list(countries)})`)
    where.push(...stopConditions('unloading', filter.unloading, params, boundStart))
  }
  if (filter.price) {
    const { min, max, currencies } = filter.price
    if (currencies?.length) where.push(`f.price_currency IN (${params.list(currencies)})`)
    if (min !== undefined) where.push(`f.price_value >= ${params.one(min)}`)
    if (max !== undefined) where.push(`f.price_value <= ${params.one(max)}`)
  }
  return where
}

/** IANA zones lie between UTC-12 and UTC+14 today; two hours more either way spare history. */
const earliestOffsetMs = -14 * 3_600_000
const latestOffsetMs = 16 * 3_600_000
const dayMs = 86_400_000

/** The dispatcher's calendar day now: this machine's zone is the dispatcher's. */
function today(): string {
  return localDate(new Date(), new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')
}

function laterDay(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b
  if (!b) return a
  return a > b ? a : b
}

/**
 * Postal-code prefix, locality prefix and local-day range of one stop (countries are elsewhere).
 * With `boundStart`, a local-day range also bounds the stop's start instant by the widest window
 * those days can cover in any zone: implied by the days, so it changes no answer, but it lets a
 * page sorted on the start instant seek to the first day instead of walking from the earliest
 * freight.
 */
function stopConditions(
  end: 'loading' | 'unloading',
  stop: StopFilter,
  params: Params,
  boundStart = false,
): string[] {
  const where: string[] = []
  const postal = stop.postalCodePrefix ? postalKey(stop.postalCodePrefix) : ''
  if (postal) {
    where.push(
      `f.${end}_postal_key >= ${params.one(postal)} AND f.${end}_postal_key < ${params.one(postal + afterPrefix)}`,
    )
  }
  const locality = stop.locality ? textKey(stop.locality) : ''
  if (locality) {
    where.push(
      `f.${end}_locality_key >= ${params.one(locality)} AND f.${end}_locality_key < ${params.one(locality + afterPrefix)}`,
    )
  }
  const dateFrom = laterDay(stop.dateFrom, stop.fromToday ? today() : undefined)
  if (dateFrom) {
    where.push(`f.${end}_date >= ${params.one(dateFrom)}`)
    if (boundStart) {
      const earliest = Date.parse(`${dateFrom}T00:00:00Z`) - latestOffsetMs
      where.push(`f.${end}_start >= ${params.one(earliest)}`)
    }
  }
  if (stop.dateTo) {
    where.push(`f.${end}_date <= ${params.one(stop.dateTo)}`)
    if (boundStart) {
      const latest = Date.parse(`${stop.dateTo}T00:00:00Z`) + dayMs - earliestOffsetMs
      where.push(`f.${end}_start < ${params.one(latest)}`)
    }
  }
  return where
}

/**
 * The four facet filters. Status, provider and country are read off the facet key, which every
 * covering index carries, so an index walk can skip non-matching freights without reading rows;
 * countries are also tested on their own column, which has an index of its own. `omit` leaves
 * out the truck-body filter or the three facet-key filters.
 */
function facetConditions(
  filter: FreightFilter,
  params: Params,
  source: AggregateSource,
  omit: { truckBodies?: boolean; facetKey?: boolean; countryColumn?: boolean } = {},
  plan: Plan = 'lookup',
): string[] {
  const where: string[] = []
  const key = source.facetKey
  if (!omit.facetKey) {
    if (filter.statuses?.length) {
      const indexes = filter.statuses.map((status) => freightStatuses.indexOf(status))
      where.push(`${key} % 16 IN (${params.list(indexes)})`)
    }
    if (filter.providers?.length) {
      const indexes = filter.providers.map((provider) => providers.indexOf(provider))
      where.push(`${key} / 16 % 4 IN (${params.list(indexes)})`)
    }
    const countries = filter.loading?.countries
    if (countries?.length) {
      // A page that cannot walk its sort order may start from the country's own index.
      if (source === freightsSource && plan === 'lookup' && omit.countryColumn !== true) {
        where.push(`f.loading_country IN (${params.list(countries)})`)
      }
      where.push(`${key} / 64 IN (${params.list(countries.map(countryNumber))})`)
    }
  }
  if (filter.truckBodies?.length && !omit.truckBodies) {
    where.push(
      `(${source.truckBodyMask} & ${params.one(maskOf(filter.truckBodies, truckBodies))}) <> 0`,
    )
  }
  return where
}

/**
 * Whether the filter narrows only on what `freight_counts` keeps (account, flags and the four
 * facets), so that totals and facets can be added up from it.
 */
export function countsFromSummary(filter: FreightFilter): boolean {
  return rowOnlyConditions(filter, new Params()).length === 0
}

/** SQL conditions (over `freights f`) of every filter. */
export function compileWhere(
  filter: FreightFilter,
  params: Params,
  plan: Plan = 'lookup',
): string[] {
  return [
    ...facetConditions(filter, params, freightsSource, {}, plan),
    ...accountAndFlagConditions(filter, params, freightsSource, plan),
    ...rowOnlyConditions(filter, params, plan),
  ]
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
