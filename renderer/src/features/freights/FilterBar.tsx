import { useEffect, type RefObject } from 'react'
import { freightStatuses, providers } from '@shared/domain/freight'
import type {
  FacetCount,
  FreightFilter,
  PriceFilter,
  StopFilter,
} from '@shared/domain/freight-query'
import { valueLabel } from '@shared/freight-format'
import type { ValueCountDimension } from '@shared/grid'
import { DebouncedInput } from '../../ui/DebouncedInput'
import { Popover } from '../../ui/Popover'
import { useFacets } from './facets-store'
import { useGrid } from './grid-store'
import { countryLabel, modKeyLabel } from './labels'
import { MultiSelectFilter, type FilterOption } from './MultiSelectFilter'
import { filterChips, filterOf, withoutFilters, type ViewQuery } from './query-state'
import { accountNames, useValueCounts } from './value-counts'

type Update = (recipe: (query: ViewQuery) => ViewQuery) => void

/** Every value of a vocabulary with its facet count (0 when the facet does not list it). */
function vocabularyOptions(
  values: readonly string[],
  counts: readonly FacetCount[] | undefined,
): FilterOption[] {
  return values.map((value) => ({
    value,
    label: valueLabel(value),
    count: counts ? (counts.find((entry) => entry.value === value)?.count ?? 0) : undefined,
  }))
}

/** The values a facet lists, plus chosen values it no longer lists (count 0). */
function facetOptions(
  counts: readonly FacetCount[] | undefined,
  selected: readonly string[],
  label: (value: string) => string,
): FilterOption[] {
  const options: FilterOption[] = (counts ?? []).map((entry) => ({
    value: entry.value,
    label: label(entry.value),
    count: entry.count,
  }))
  for (const value of selected) {
    if (!options.some((option) => option.value === value)) {
      options.push({ value, label: label(value), count: counts ? 0 : undefined })
    }
  }
  return options
}

function CountedFilter({
  title,
  dimension,
  filter,
  selected,
  label,
  onChange,
}: {
  title: string
  dimension: ValueCountDimension
  filter: FreightFilter
  selected: readonly string[]
  label?: (value: string, named: string) => string
  onChange: (values: string[]) => void
}) {
  const counts = useValueCounts(dimension)
  const options: FilterOption[] = (counts.values ?? []).map((entry) => ({
    value: entry.value,
    label: label ? label(entry.value, entry.label) : entry.label,
    count: entry.count,
  }))
  for (const value of selected) {
    if (!options.some((option) => option.value === value)) {
      options.push({ value, label: label ? label(value, value) : value })
    }
  }
  return (
    <MultiSelectFilter
      title={title}
      selected={selected}
      options={options}
      loading={counts.loading}
      stale={counts.values !== null && !counts.isFor(filter)}
      error={counts.error}
      onOpen={() => counts.load(filter)}
      onChange={onChange}
    />
  )
}

function StopFields({
  end,
  stop,
  update,
}: {
  end: 'loading' | 'unloading'
  stop: StopFilter | undefined
  update: Update
}) {
  const title = end === 'loading' ? 'Loading' : 'Unloading'
  const set = (patch: Partial<StopFilter>) =>
    update((query) => ({ ...query, [end]: { ...query[end], ...patch } }))
  return (
    <fieldset className="more-filters__group">
      <legend>{title}</legend>
      <label>
        Postal code starts with
        <DebouncedInput
          value={stop?.postalCodePrefix ?? ''}
          onCommit={(value) => set({ postalCodePrefix: value.trim() || undefined })}
          maxLength={20}
        />
      </label>
      <label>
        Place starts with
        <DebouncedInput
          value={stop?.locality ?? ''}
          onCommit={(value) => set({ locality: value.trim() || undefined })}
          maxLength={120}
        />
      </label>
      <label>
        {title} from (local day)
        <input
          type="date"
          value={stop?.dateFrom ?? ''}
          onChange={(event) => set({ dateFrom: event.target.value || undefined })}
        />
      </label>
      <label>
        {title} until (local day)
        <input
          type="date"
          value={stop?.dateTo ?? ''}
          onChange={(event) => set({ dateTo: event.target.value || undefined })}
        />
      </label>
    </fieldset>
  )
}

function numberOrUndefined(text: string): number | undefined {
  if (text.trim() === '') return undefined
  const value = Number(text)
  return Number.isFinite(value) ? value : undefined
}

function MoreFilters({ query, update }: { query: ViewQuery; update: Update }) {
  const setPrice = (patch: Partial<PriceFilter>) =>
    update((current) => ({ ...current, price: { ...current.price, ...patch } }))
  const active =
    ['loading', 'unloading'].some((end) => {
      const stop = query[end as 'loading' | 'unloading']
      return Boolean(stop?.postalCodePrefix || stop?.locality || stop?.dateFrom || stop?.dateTo)
    }) ||
    query.price?.min !== undefined ||
    query.price?.max !== undefined
  return (
    <Popover
      label="Places, dates and price"
      buttonProps={{ className: `filter-button${active ? ' filter-button--active' : ''}` }}
      button={
        <>
          Places, dates, price
          <span aria-hidden="true" className="filter-button__caret">
            ▾
          </span>
        </>
      }
    >
      {() => (
        <div className="more-filters">
          <StopFields end="loading" stop={query.loading} update={update} />
          <StopFields end="unloading" stop={query.unloading} update={update} />
          <fieldset className="more-filters__group">
            <legend>Price</legend>
            <label>
              At least
              <DebouncedInput
                type="number"
                min={0}
                step="any"
                value={query.price?.min === undefined ? '' : String(query.price.min)}
                onCommit={(value) => setPrice({ min: numberOrUndefined(value) })}
              />
            </label>
            <label>
              At most
              <DebouncedInput
                type="number"
                min={0}
                step="any"
                value={query.price?.max === undefined ? '' : String(query.price.max)}
                onCommit={(value) => setPrice({ max: numberOrUndefined(value) })}
              />
            </label>
          </fieldset>
        </div>
      )}
    </Popover>
  )
}

/** Search, every filter of the cache's query, and the chips of the active ones. */
export function FilterBar({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const query = useGrid((state) => state.query)
  const update = useGrid((state) => state.updateQuery)
  const filter = filterOf(query)
  const facets = useFacets((state) => state.facets)
  // Counts of an earlier filter stay on screen, dimmed and busy, until this filter's arrive.
  const facetsStale = useFacets((state) => state.filterKey !== JSON.stringify(filter))
  const accounts = useValueCounts('account')
  const chips = filterChips(query, {
    account: (id) => accountNames.get(id) ?? id,
    country: (code) => code,
  })

  // Learns account names once, so an account chip restored from a saved view reads as a name.
  const loadAccounts = accounts.load
  useEffect(() => {
    loadAccounts({ includeGone: true, includeHidden: true })
    // Only on the first render: later loads come from opening the account list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const setList =
    <K extends keyof FreightFilter>(key: K) =>
    (values: string[]) =>
      update((current) => ({ ...current, [key]: values.length > 0 ? values : undefined }))

  return (
    <div className="filters">
      <div className="filter-bar" role="search" aria-label="Filter freights">
        <DebouncedInput
          type="search"
          className="filter-bar__search"
          inputRef={searchRef}
          aria-label="Search freights"
          aria-keyshortcuts={modKeyLabel === '⌘' ? 'Meta+F' : 'Control+F'}
          placeholder={`Search references, places, contacts, notes (${modKeyLabel}F)`}
          value={query.text ?? ''}
          maxLength={200}
          onCommit={(text) => update((current) => ({ ...current, text: text.trim() || undefined }))}
        />
        <MultiSelectFilter
          title="Status"
          stale={facetsStale}
          selected={query.statuses ?? []}
          options={vocabularyOptions(freightStatuses, facets?.status)}
          onChange={setList('statuses')}
        />
        <MultiSelectFilter
          title="Provider"
          stale={facetsStale}
          selected={query.providers ?? []}
          options={vocabularyOptions(providers, facets?.provider)}
          onChange={setList('providers')}
        />
        <CountedFilter
          title="Account"
          dimension="account"
          filter={filter}
          selected={query.accountIds ?? []}
          label={(_id, name) => name}
          onChange={setList('accountIds')}
        />
        <MultiSelectFilter
          title="Truck body"
          stale={facetsStale}
          selected={query.truckBodies ?? []}
          options={facetOptions(facets?.truckBody, query.truckBodies ?? [], valueLabel)}
          onChange={setList('truckBodies')}
        />
        <MultiSelectFilter
          title="Loading country"
          stale={facetsStale}
          selected={query.loading?.countries ?? []}
          options={facetOptions(
            facets?.loadingCountry,
            query.loading?.countries ?? [],
            countryLabel,
          )}
          onChange={(countries) =>
            update((current) => ({
              ...current,
              loading: { ...current.loading, countries: countries.length ? countries : undefined },
            }))
          }
        />
        <CountedFilter
          title="Unloading country"
          dimension="unloadingCountry"
          filter={filter}
          selected={query.unloading?.countries ?? []}
          label={(code) => countryLabel(code)}
          onChange={(countries) =>
            update((current) => ({
              ...current,
              unloading: {
                ...current.unloading,
                countries: countries.length ? countries : undefined,
              },
            }))
          }
        />
        <CountedFilter
          title="Vehicle size"
          dimension="vehicleSize"
          filter={filter}
          selected={query.vehicleSizes ?? []}
          onChange={setList('vehicleSizes')}
        />
        <CountedFilter
          title="Published to"
          dimension="publicationType"
          filter={filter}
          selected={query.publicationTypes ?? []}
          onChange={setList('publicationTypes')}
        />
        <CountedFilter
          title="Currency"
          dimension="currency"
          filter={filter}
          selected={query.price?.currencies ?? []}
          onChange={(currencies) =>
            update((current) => ({
              ...current,
              price: { ...current.price, currencies: currencies.length ? currencies : undefined },
            }))
          }
        />
        <MoreFilters query={query} update={update} />
        <label className="filter-toggle">
          <input
            type="checkbox"
            checked={query.includeGone}
            onChange={(event) =>
              update((current) => ({ ...current, includeGone: event.target.checked }))
            }
          />
          Show gone
        </label>
        <label className="filter-toggle">
          <input
            type="checkbox"
            checked={query.includeHidden}
            onChange={(event) =>
              update((current) => ({ ...current, includeHidden: event.target.checked }))
            }
          />
          Show hidden
        </label>
        <label className="filter-toggle">
          <span className="visually-hidden">Seen</span>
          <select
            value={query.seen === undefined ? 'any' : query.seen ? 'seen' : 'unseen'}
            onChange={(event) => {
              const value = event.target.value
              update((current) => ({
                ...current,
                seen: value === 'any' ? undefined : value === 'seen',
              }))
            }}
          >
            <option value="any">Seen and unseen</option>
            <option value="unseen">Unseen only</option>
            <option value="seen">Seen only</option>
          </select>
        </label>
      </div>
      {chips.length > 0 && (
        <ul className="filter-chips" aria-label="Active filters">
          {chips.map((chip) => (
            <li key={chip.id} className="filter-chip">
              <span>{chip.label}</span>
              <button
                type="button"
                aria-label={`Remove filter ${chip.label}`}
                onClick={() => update((current) => chip.without(current))}
              >
                ×
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="link-button"
              onClick={() => update((current) => withoutFilters(current))}
            >
              Clear all filters
            </button>
          </li>
        </ul>
      )}
    </div>
  )
}
