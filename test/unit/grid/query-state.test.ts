/** The grid's query helpers: canonical forms (what "modified" and request keys rest on) and chips. */
import { describe, expect, it } from 'vitest'
import { freightColumns } from '@shared/domain/freight-columns'
import { ViewQuery } from '@shared/domain/saved-view'
import {
  canonicalQuery,
  completeLayout,
  defaultQuery,
  emptyQuery,
  filterChips,
  fromSortingState,
  initialLayout,
  sameQuery,
  toSortingState,
  withoutFilters,
} from '../../../renderer/src/features/freights/query-state'

const names = {
  account: (id: string) => `name of ${id}`,
  country: (code: string) => code,
  day: (day: string) => day,
  amount: String,
}

describe('grid query state', () => {
  it('treats cleared controls as no filter, but keeps an empty sort apart from the default', () => {
    const cleared = ViewQuery.parse({
      text: '  ',
      statuses: [],
      loading: { countries: [], locality: '' },
      price: {},
    })
    expect(sameQuery({ ...cleared, sort: emptyQuery().sort }, emptyQuery())).toBe(true)
    expect(canonicalQuery(cleared)).toEqual({
      includeGone: false,
      includeHidden: false,
      sort: [{ column: 'loadingStart', direction: 'asc' }],
    })
    expect(sameQuery({ ...emptyQuery(), sort: [] }, emptyQuery())).toBe(false)
    // Key order does not matter.
    const a = ViewQuery.parse({ statuses: ['active'], providers: ['spotgo'] })
    const b = ViewQuery.parse({ providers: ['spotgo'], statuses: ['active'] })
    expect(JSON.stringify(canonicalQuery(a))).toBe(JSON.stringify(canonicalQuery(b)))
  })

  it('names every active filter once, and each chip removes only its own filter', () => {
    const query = ViewQuery.parse({
      text: 'łódź',
      statuses: ['active', 'accepted'],
      accountIds: ['transeu-krakow'],
      loading: { countries: ['PL'], postalCodePrefix: '30', dateFrom: '2026-03-01' },
      unloading: { locality: 'Nürn', dateTo: '2026-03-09' },
      price: { min: 500, currencies: ['EUR'] },
      seen: false,
      includeGone: true,
      sort: [{ column: 'price', direction: 'desc' }],
    })
    const chips = filterChips(query, names)
    expect(chips.map((chip) => chip.label)).toEqual([
      'Search: łódź',
      'Status: Active, Accepted',
      'Account: name of transeu-krakow',
      'Loading country: PL',
      'Loading postal code: 30…',
      'Loading from 2026-03-01',
      'Unloading place: Nürn…',
      'Unloading until 2026-03-09',
      'Price at least 500',
      'Currency: EUR',
      'Unseen only',
      'Including gone',
    ])
    for (const chip of chips) {
      const left = filterChips(chip.without(query), names)
      expect(left.map((each) => each.id)).toEqual(
        chips.filter((each) => each.id !== chip.id).map((each) => each.id),
      )
      expect(chip.without(query).sort).toEqual(query.sort)
    }
    expect(filterChips(withoutFilters(query), names)).toEqual([])
    expect(withoutFilters(query).sort).toEqual(query.sort)
  })

  it('opens on freights loading from today, soonest first, as a filter that can come off', () => {
    const query = defaultQuery()
    expect(query.sort).toEqual([{ column: 'route', direction: 'asc' }])
    const chips = filterChips(query, names)
    expect(chips.map((chip) => chip.label)).toEqual(['Loading from today'])
    const without = chips[0]!.without(query)
    expect(filterChips(without, names)).toEqual([])
    expect(sameQuery(without, emptyQuery())).toBe(true)
    expect(sameQuery(withoutFilters(query), emptyQuery())).toBe(true)
  })

  it('starts with what a row must answer first, and completes older layouts', () => {
    const layout = initialLayout()
    expect(layout.columns.map((column) => column.key).sort()).toEqual(
      freightColumns.map((column) => column.key).sort(),
    )
    const visible = layout.columns.filter((column) => column.visible).map((column) => column.key)
    expect(visible.slice(0, 4)).toEqual(['number', 'route', 'price', 'truckBodies'])
    const older = { columns: layout.columns.slice(0, 5) }
    const completed = completeLayout(older)
    expect(completed.columns).toHaveLength(freightColumns.length)
    expect(completed.columns.slice(5).every((column) => !column.visible)).toBe(true)
  })

  it('maps sort keys to TanStack sorting and back, dropping columns that cannot sort', () => {
    const sort = [
      { column: 'price', direction: 'desc' },
      { column: 'reference', direction: 'asc' },
    ] as const
    expect(fromSortingState(toSortingState([...sort]))).toEqual(sort)
    expect(fromSortingState([{ id: 'truckBodies', desc: false }])).toEqual([])
  })
})
