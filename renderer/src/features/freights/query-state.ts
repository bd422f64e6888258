/**
 * The grid's query and layout as plain values: the empty query, the starting layout, the
 * canonical form that makes "is this view modified?" and request keys exact, and the chips that
 * name each active filter.
 */
import {
  freightColumn,
  freightColumns,
  type FreightColumnKey,
} from '@shared/domain/freight-columns'
import type { FreightFilter, SortKey, StopFilter } from '@shared/domain/freight-query'
import { defaultColumnLayout, ViewQuery, type ColumnLayout } from '@shared/domain/saved-view'
import { valueLabel } from '@shared/freight-format'

export type { ViewQuery }

/** No filters, the default sort. */
export function emptyQuery(): ViewQuery {
  return { ...ViewQuery.parse({}), sort: [...defaultViewSort] }
}

/** Soonest loading first: the Route column sorts by the loading window. */
const defaultViewSort: SortKey[] = [{ column: 'route', direction: 'asc' }]

/**
 * What "All freights" starts with: active and upcoming freights, loading from today on, soonest
 * first. A filter like any other (its chip says so), which the dispatcher can take off.
 */
export function defaultQuery(): ViewQuery {
  return { ...emptyQuery(), loading: { fromToday: true } }
}

/** The catalogue's default layout: its default columns in catalogue order, at their widths. */
export function initialLayout(): ColumnLayout {
  return defaultColumnLayout()
}

/**
 * A layout that lists every catalogue column exactly once: columns a saved layout does not know
 * (added to the catalogue later) join at the end, hidden; unknown keys were already refused.
 */
export function completeLayout(layout: ColumnLayout): ColumnLayout {
  const known = new Set(layout.columns.map((column) => column.key))
  const missing = freightColumns
    .filter((column) => !known.has(column.key))
    .map((column) => ({ key: column.key, width: column.width, visible: false }))
  return missing.length > 0 ? { columns: [...layout.columns, ...missing] } : layout
}

export function visibleColumnKeys(layout: ColumnLayout): FreightColumnKey[] {
  return layout.columns.filter((column) => column.visible).map((column) => column.key)
}

/** Drops empty lists, empty strings and empty objects, so equal filters have equal forms. */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? value : undefined
  if (typeof value === 'string') return value.trim() === '' ? undefined : value
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([key, inner]) => [key, prune(inner)] as const)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return entries.length > 0 ? Object.fromEntries(entries) : undefined
  }
  return value
}

/** The query with empty parts removed and keys ordered; `sort` is kept even when empty. */
export function canonicalQuery(query: ViewQuery): ViewQuery {
  const { sort, ...filter } = query
  const pruned = (prune(filter) ?? {}) as FreightFilter
  return {
    ...pruned,
    includeGone: query.includeGone,
    includeHidden: query.includeHidden,
    sort: sort.map((key) => ({ column: key.column, direction: key.direction })),
  }
}

/** The filter part of a query (no sort), canonical. */
export function filterOf(query: ViewQuery): FreightFilter {
  const { sort: _sort, ...filter } = canonicalQuery(query)
  return filter
}

export function sameQuery(a: ViewQuery, b: ViewQuery): boolean {
  return JSON.stringify(canonicalQuery(a)) === JSON.stringify(canonicalQuery(b))
}

export function sameLayout(a: ColumnLayout, b: ColumnLayout): boolean {
  return JSON.stringify(a.columns) === JSON.stringify(b.columns)
}

/** A filter with nothing chosen (the toggles keep their values). */
export function withoutFilters(query: ViewQuery): ViewQuery {
  return { ...emptyQuery(), sort: query.sort }
}

/** One active filter, named for the chip that shows it, and the query without it. */
export interface FilterChip {
  id: string
  label: string
  without: (query: ViewQuery) => ViewQuery
}

export interface ChipNames {
  account: (id: string) => string
  country: (code: string) => string
  /** A calendar day as the dispatcher reads it. */
  day: (localDate: string) => string
  /** An amount as the dispatcher reads it. */
  amount: (value: number) => string
}

const listLabel = (values: readonly string[], label: (value: string) => string) =>
  values.map(label).join(', ')

/** The chips of every active filter, in the filter bar's order. */
export function filterChips(query: ViewQuery, names: ChipNames): FilterChip[] {
  const chips: FilterChip[] = []
  const list = <K extends keyof FreightFilter>(
    key: K,
    title: string,
    label: (value: string) => string = valueLabel,
  ) => {
    const values = query[key] as readonly string[] | undefined
    if (!values?.length) return
    chips.push({
      id: key,
      label: `${title}: ${listLabel(values, label)}`,
      without: (current) => ({ ...current, [key]: undefined }),
    })
  }
  if (query.text?.trim()) {
    chips.push({
      id: 'text',
      label: `Search: ${query.text.trim()}`,
      without: (current) => ({ ...current, text: undefined }),
    })
  }
  list('statuses', 'Status')
  list('providers', 'Provider')
  list('accountIds', 'Account', names.account)
  list('truckBodies', 'Truck body')
  list('vehicleSizes', 'Vehicle size')
  list('publicationTypes', 'Published to')
  for (const end of ['loading', 'unloading'] as const) {
    const stop = query[end]
    if (!stop) continue
    const title = end === 'loading' ? 'Loading' : 'Unloading'
    const without =
      (part: keyof StopFilter) =>
      (current: ViewQuery): ViewQuery => ({
        ...current,
        [end]: { ...current[end], [part]: undefined },
      })
    if (stop.countries?.length) {
      chips.push({
        id: `${end}.countries`,
        label: `${title} country: ${listLabel(stop.countries, names.country)}`,
        without: without('countries'),
      })
    }
    if (stop.postalCodePrefix?.trim()) {
      chips.push({
        id: `${end}.postalCodePrefix`,
        label: `${title} postal code: ${stop.postalCodePrefix.trim()}…`,
        without: without('postalCodePrefix'),
      })
    }
    if (stop.locality?.trim()) {
      chips.push({
        id: `${end}.locality`,
        label: `${title} place: ${stop.locality.trim()}…`,
        without: without('locality'),
      })
    }
    if (stop.fromToday) {
      chips.push({
        id: `${end}.fromToday`,
        label: `${title} from today`,
        without: (current) => ({ ...current, [end]: { ...current[end], fromToday: undefined } }),
      })
    }
    if (stop.dateFrom || stop.dateTo) {
      const range =
        stop.dateFrom && stop.dateTo
          ? `${names.day(stop.dateFrom)} to ${names.day(stop.dateTo)}`
          : stop.dateFrom
            ? `from ${names.day(stop.dateFrom)}`
            : `until ${names.day(stop.dateTo!)}`
      chips.push({
        id: `${end}.dates`,
        label: `${title} ${range}`,
        without: (current) => ({
          ...current,
          [end]: { ...current[end], dateFrom: undefined, dateTo: undefined },
        }),
      })
    }
  }
  const price = query.price
  if (price?.min !== undefined || price?.max !== undefined) {
    const range =
      price.min !== undefined && price.max !== undefined
        ? `${names.amount(price.min)} to ${names.amount(price.max)}`
        : price.min !== undefined
          ? `at least ${names.amount(price.min)}`
          : `at most ${names.amount(price.max!)}`
    chips.push({
      id: 'price.range',
      label: `Price ${range}`,
      without: (current) => ({
        ...current,
        price: { ...current.price, min: undefined, max: undefined },
      }),
    })
  }
  if (price?.currencies?.length) {
    chips.push({
      id: 'price.currencies',
      label: `Currency: ${price.currencies.join(', ')}`,
      without: (current) => ({ ...current, price: { ...current.price, currencies: undefined } }),
    })
  }
  if (query.seen !== undefined) {
    chips.push({
      id: 'seen',
      label: query.seen ? 'Seen only' : 'Unseen only',
      without: (current) => ({ ...current, seen: undefined }),
    })
  }
  if (query.includeGone) {
    chips.push({
      id: 'includeGone',
      label: 'Including gone',
      without: (current) => ({ ...current, includeGone: false }),
    })
  }
  if (query.includeHidden) {
    chips.push({
      id: 'includeHidden',
      label: 'Including hidden',
      without: (current) => ({ ...current, includeHidden: false }),
    })
  }
  return chips
}

/** Sort keys as TanStack Table names them, and back. */
export function toSortingState(sort: readonly SortKey[]): Array<{ id: string; desc: boolean }> {
  return sort.map((key) => ({ id: key.column, desc: key.direction === 'desc' }))
}

export function fromSortingState(sorting: ReadonlyArray<{ id: string; desc: boolean }>): SortKey[] {
  return sorting
    .filter((entry) => freightColumn(entry.id as FreightColumnKey).sortable)
    .map((entry) => ({
      column: entry.id as SortKey['column'],
      direction: entry.desc ? 'desc' : 'asc',
    }))
}
