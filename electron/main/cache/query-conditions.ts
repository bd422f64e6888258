/**
 * The WHERE conditions of a `FreightQuery`'s filters, over the freights table or the trigger-kept
 * `freight_counts` table, with every value from the query collected as a bound parameter.
 */
import {
  freightStatuses,
  providers,
  publicationTypes,
  truckBodies,
  vehicleSizes,
} from '@shared/domain/freight'
import type { FreightColumnKey } from '@shared/domain/freight-columns'
import type { FreightFilter, StopFilter } from '@shared/domain/freight-query'
import { localDate } from '@shared/domain/time'
import { maskOf } from './bit-sets'
import { countryNumber } from './freight-rows'
import { postalKey, searchQuery, textKey } from './search-keys'

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
export const afterPrefix = '\u{10FFFF}'

/** Where the aggregate's dimensions and the always-applied filters live in the table read. */
export interface AggregateSource {
  account: string
  notGone: string
  notHidden: string
  seen: string
  facetKey: string
  truckBodyMask: string
}

export const freightsSource: AggregateSource = {
  account: 'f.account_id',
  notGone: 'f.gone_at IS NULL',
  notHidden: 'f.local_hidden = 0',
  seen: 'f.local_seen',
  facetKey: 'f.facet_key',
  truckBodyMask: 'f.truck_body_mask',
}

export const countsSource: AggregateSource = {
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
export type Plan = 'lookup' | 'walk' | 'count'

/** Sort keys with an index of (key, id, facts...): a page sorted on them can walk that index. */
export const indexedSortColumns: ReadonlySet<FreightColumnKey> = new Set<FreightColumnKey>([
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
export function accountAndFlagConditions(
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
export function rowOnlyConditions(
  filter: FreightFilter,
  params: Params,
  plan: Plan = 'lookup',
): string[] {
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
export function facetConditions(
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

export function whereClause(conditions: readonly string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''
}
