import { useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react'
import { acceleratorLabel, ariaKeyShortcut, primaryKey } from '@shared/commands'
import { freightStatuses, providers } from '@shared/domain/freight'
import type {
  FacetCount,
  FreightFilter,
  PriceFilter,
  StopFilter,
} from '@shared/domain/freight-query'
import type { Format } from '@shared/format'
import { valueLabel } from '@shared/freight-format'
import type { ValueCountDimension } from '@shared/grid'
import { isMac } from '../../app/commands'
import { DebouncedInput } from '../../ui/DebouncedInput'
import type { FieldErrors } from '../../ui/fields'
import { useFormat } from '../../ui/format'
import { Popover } from '../../ui/Popover'
import { useFacets } from './facets-store'
import { useGrid } from './grid-store'
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

/** A small labelled input of the places, dates and price panel, with its own error. */
function PanelField(props: { label: string; error?: string; children: ReactNode }) {
  return (
    <label className="more-filters__field">
      <span>{props.label}</span>
      {props.children}
      {props.error && <span className="field__error">{props.error}</span>}
    </label>
  )
}

function StopFields({
  end,
  stop,
  update,
  problems,
  format,
}: {
  end: 'loading' | 'unloading'
  stop: StopFilter | undefined
  update: Update
  problems: FieldErrors
  format: Format
}) {
  const title = end === 'loading' ? 'Loading' : 'Unloading'
  const set = (patch: Partial<StopFilter>) =>
    update((query) => ({ ...query, [end]: { ...query[end], ...patch } }))
  const day = (value: string | undefined) => (value ? format.day(value) : '')
  return (
    <fieldset className="more-filters__group">
      <legend>{title}</legend>
      <PanelField label="Postal code starts with">
        <DebouncedInput
          className="input"
          value={stop?.postalCodePrefix ?? ''}
          onCommit={(value) => set({ postalCodePrefix: value.trim() || undefined })}
          maxLength={20}
        />
      </PanelField>
      <PanelField label="Place starts with">
        <DebouncedInput
          className="input"
          value={stop?.locality ?? ''}
          onCommit={(value) => set({ locality: value.trim() || undefined })}
          maxLength={120}
        />
      </PanelField>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={stop?.fromToday === true}
          onChange={(event) => set({ fromToday: event.target.checked || undefined })}
        />
        From today on
      </label>
      <PanelField label={`${title} from (local day)`} error={problems[`${end}.dateFrom`]}>
        <input
          type="date"
          className="input"
          value={stop?.dateFrom ?? ''}
          aria-invalid={problems[`${end}.dateFrom`] ? true : undefined}
          aria-describedby={`${end}-date-from-shown`}
          onChange={(event) => set({ dateFrom: event.target.value || undefined })}
        />
        <span id={`${end}-date-from-shown`} className="field__hint">
          {day(stop?.dateFrom)}
        </span>
      </PanelField>
      <PanelField label={`${title} until (local day)`} error={problems[`${end}.dateTo`]}>
        <input
          type="date"
          className="input"
          value={stop?.dateTo ?? ''}
          aria-invalid={problems[`${end}.dateTo`] ? true : undefined}
          aria-describedby={`${end}-date-to-shown`}
          onChange={(event) => set({ dateTo: event.target.value || undefined })}
        />
        <span id={`${end}-date-to-shown`} className="field__hint">
          {day(stop?.dateTo)}
        </span>
      </PanelField>
    </fieldset>
  )
}

/** A number typed in the locale's way or with a point; undefined when empty or not a number. */
function amountOf(text: string): number | undefined | 'invalid' {
  const trimmed = text.trim().replace(/\s/g, '')
  if (trimmed === '') return undefined
  const value = Number(trimmed.replace(',', '.'))
  return Number.isFinite(value) && value >= 0 ? value : 'invalid'
}

function PriceField(props: {
  label: string
  value: number | undefined
  problem: string | undefined
  onChange: (value: number | undefined) => void
}) {
  const [invalid, setInvalid] = useState(false)
  const error = invalid ? 'Enter an amount such as 1250, or leave it empty' : props.problem
  return (
    <PanelField label={props.label} error={error}>
      <DebouncedInput
        className="input"
        inputMode="decimal"
        aria-invalid={error ? true : undefined}
        value={props.value === undefined ? '' : String(props.value)}
        onCommit={(text) => {
          const amount = amountOf(text)
          setInvalid(amount === 'invalid')
          if (amount !== 'invalid') props.onChange(amount)
        }}
      />
    </PanelField>
  )
}

function MoreFilters({
  query,
  update,
  problems,
}: {
  query: ViewQuery
  update: Update
  problems: FieldErrors
}) {
  const format = useFormat()
  const setPrice = (patch: Partial<PriceFilter>) =>
    update((current) => ({ ...current, price: { ...current.price, ...patch } }))
  const active =
    ['loading', 'unloading'].some((end) => {
      const stop = query[end as 'loading' | 'unloading']
      return Boolean(
        stop?.postalCodePrefix ||
        stop?.locality ||
        stop?.dateFrom ||
        stop?.dateTo ||
        stop?.fromToday,
      )
    }) ||
    query.price?.min !== undefined ||
    query.price?.max !== undefined
  const invalid = Object.keys(problems).length > 0
  return (
    <Popover
      label="Places, dates and price"
      buttonProps={{
        className: `button filter-button${active ? ' button--active' : ''}`,
        'aria-invalid': invalid ? true : undefined,
      }}
      button={
        <>
          Places, dates, price
          <span aria-hidden="true" className="button__caret">
            ▾
          </span>
        </>
      }
    >
      {() => (
        <div className="more-filters">
          <StopFields
            end="loading"
            stop={query.loading}
            update={update}
            problems={problems}
            format={format}
          />
          <StopFields
            end="unloading"
            stop={query.unloading}
            update={update}
            problems={problems}
            format={format}
          />
          <fieldset className="more-filters__group">
            <legend>Price</legend>
            <PriceField
              label="At least"
              value={query.price?.min}
              problem={problems['price.min']}
              onChange={(min) => setPrice({ min })}
            />
            <PriceField
              label="At most"
              value={query.price?.max}
              problem={problems['price.max']}
              onChange={(max) => setPrice({ max })}
            />
          </fieldset>
        </div>
      )}
    </Popover>
  )
}

interface BarItem {
  key: string
  node: ReactNode
  /** Whether it narrows the list now (counted on the "More" button when it overflows). */
  active: boolean
}

const searchMinWidth = 220
const moreButtonWidth = 120
const gap = 6

/**
 * How many of the bar's items fit in one row after the search box: all of them, or as many as
 * fit beside a "More" button. Widths of items not shown are remembered from when they were.
 */
function useFittingCount(
  barRef: RefObject<HTMLDivElement | null>,
  keys: readonly string[],
): number {
  const widths = useRef(new Map<string, number>())
  const [count, setCount] = useState(keys.length)
  const keyList = keys.join('|')
  useLayoutEffect(() => {
    const bar = barRef.current
    if (!bar) return
    const measure = () => {
      for (const element of bar.querySelectorAll<HTMLElement>('[data-filter-item]')) {
        widths.current.set(element.dataset.filterItem!, element.offsetWidth)
      }
      const all = keyList.split('|')
      const widthOf = (key: string) => (widths.current.get(key) ?? 110) + gap
      const room = bar.clientWidth - searchMinWidth - gap
      const total = all.reduce((sum, key) => sum + widthOf(key), 0)
      if (total <= room) {
        setCount(all.length)
        return
      }
      let used = moreButtonWidth
      let fits = 0
      for (const key of all) {
        if (used + widthOf(key) > room) break
        used += widthOf(key)
        fits++
      }
      setCount(fits)
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(bar)
    return () => observer.disconnect()
  }, [barRef, keyList])
  return count
}

/**
 * Search, every filter of the cache's query in one row (what does not fit goes under "More"),
 * and the chips of the active ones. From the search box, ArrowDown or Enter goes to the results.
 */
export function FilterBar({
  searchRef,
  problems,
  onToResults,
}: {
  searchRef: RefObject<HTMLInputElement | null>
  /** Filters that cannot be used as they are, by field ("loading.dateTo"). */
  problems: FieldErrors
  /** Moves the focus to the first result. */
  onToResults: () => void
}) {
  const query = useGrid((state) => state.query)
  const update = useGrid((state) => state.updateQuery)
  const format = useFormat()
  const filter = filterOf(query)
  const facets = useFacets((state) => state.facets)
  // Counts of an earlier filter stay on screen, dimmed and busy, until this filter's arrive.
  const facetsStale = useFacets((state) => state.filterKey !== JSON.stringify(filter))
  const accounts = useValueCounts('account')
  const barRef = useRef<HTMLDivElement>(null)
  const chips = filterChips(query, {
    account: (id) => accountNames.get(id) ?? id,
    country: (code) => code,
    day: (value) => format.day(value),
    amount: (value) => format.number(value),
  })
  const searchKey = primaryKey('freights.search')

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

  const items: BarItem[] = [
    {
      key: 'status',
      active: Boolean(query.statuses?.length),
      node: (
        <MultiSelectFilter
          title="Status"
          stale={facetsStale}
          selected={query.statuses ?? []}
          options={vocabularyOptions(freightStatuses, facets?.status)}
          onChange={setList('statuses')}
        />
      ),
    },
    {
      key: 'provider',
      active: Boolean(query.providers?.length),
      node: (
        <MultiSelectFilter
          title="Provider"
          stale={facetsStale}
          selected={query.providers ?? []}
          options={vocabularyOptions(providers, facets?.provider)}
          onChange={setList('providers')}
        />
      ),
    },
    {
      key: 'account',
      active: Boolean(query.accountIds?.length),
      node: (
        <CountedFilter
          title="Account"
          dimension="account"
          filter={filter}
          selected={query.accountIds ?? []}
          label={(_id, name) => name}
          onChange={setList('accountIds')}
        />
      ),
    },
    {
      key: 'places',
      active: false,
      node: <MoreFilters query={query} update={update} problems={problems} />,
    },
    {
      key: 'truckBody',
      active: Boolean(query.truckBodies?.length),
      node: (
        <MultiSelectFilter
          title="Truck body"
          stale={facetsStale}
          selected={query.truckBodies ?? []}
          options={facetOptions(facets?.truckBody, query.truckBodies ?? [], valueLabel)}
          onChange={setList('truckBodies')}
        />
      ),
    },
    {
      key: 'loadingCountry',
      active: Boolean(query.loading?.countries?.length),
      node: (
        <MultiSelectFilter
          title="Loading country"
          stale={facetsStale}
          selected={query.loading?.countries ?? []}
          options={facetOptions(facets?.loadingCountry, query.loading?.countries ?? [], (code) =>
            format.country(code),
          )}
          onChange={(countries) =>
            update((current) => ({
              ...current,
              loading: { ...current.loading, countries: countries.length ? countries : undefined },
            }))
          }
        />
      ),
    },
    {
      key: 'unloadingCountry',
      active: Boolean(query.unloading?.countries?.length),
      node: (
        <CountedFilter
          title="Unloading country"
          dimension="unloadingCountry"
          filter={filter}
          selected={query.unloading?.countries ?? []}
          label={(code) => format.country(code)}
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
      ),
    },
    {
      key: 'vehicleSize',
      active: Boolean(query.vehicleSizes?.length),
      node: (
        <CountedFilter
          title="Vehicle size"
          dimension="vehicleSize"
          filter={filter}
          selected={query.vehicleSizes ?? []}
          onChange={setList('vehicleSizes')}
        />
      ),
    },
    {
      key: 'publicationType',
      active: Boolean(query.publicationTypes?.length),
      node: (
        <CountedFilter
          title="Published to"
          dimension="publicationType"
          filter={filter}
          selected={query.publicationTypes ?? []}
          onChange={setList('publicationTypes')}
        />
      ),
    },
    {
      key: 'currency',
      active: Boolean(query.price?.currencies?.length),
      node: (
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
      ),
    },
    {
      key: 'gone',
      active: query.includeGone,
      node: (
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
      ),
    },
    {
      key: 'hidden',
      active: query.includeHidden,
      node: (
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
      ),
    },
    {
      key: 'seen',
      active: query.seen !== undefined,
      node: (
        <label className="filter-toggle">
          <span className="visually-hidden">Seen</span>
          <select
            className="input"
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
      ),
    },
  ]
  const fitting = useFittingCount(
    barRef,
    items.map((item) => item.key),
  )
  const shown = items.slice(0, fitting)
  const overflow = items.slice(fitting)
  const overflowActive = overflow.filter((item) => item.active).length

  return (
    <div className="filters" data-region="filters">
      <div className="filter-bar" role="search" aria-label="Filter freights" ref={barRef}>
        <DebouncedInput
          type="search"
          className="input filter-bar__search"
          inputRef={searchRef}
          aria-label="Search freights"
          aria-keyshortcuts={ariaKeyShortcut(searchKey, isMac)}
          data-region-target
          placeholder={`Search number, place, contact, note (${acceleratorLabel(searchKey, isMac)})`}
          value={query.text ?? ''}
          maxLength={200}
          onCommit={(text) => update((current) => ({ ...current, text: text.trim() || undefined }))}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' || event.key === 'Enter') {
              // Enter has committed the text by now; the results follow.
              event.preventDefault()
              onToResults()
            }
          }}
        />
        {shown.map((item) => (
          <div key={item.key} className="filter-bar__item" data-filter-item={item.key}>
            {item.node}
          </div>
        ))}
        {overflow.length > 0 && (
          <Popover
            label="More filters"
            align="end"
            buttonProps={{
              className: `button filter-button${overflowActive > 0 ? ' button--active' : ''}`,
              'aria-label':
                overflowActive > 0 ? `More filters, ${overflowActive} in use` : 'More filters',
            }}
            button={
              <>
                More
                {overflowActive > 0 && <span className="button__count">{overflowActive}</span>}
                <span aria-hidden="true" className="button__caret">
                  ▾
                </span>
              </>
            }
          >
            {() => (
              <div className="filter-bar__overflow">
                {overflow.map((item) => (
                  <div key={item.key} className="filter-bar__item">
                    {item.node}
                  </div>
                ))}
              </div>
            )}
          </Popover>
        )}
      </div>
      {chips.length > 0 && (
        <ul className="chips" aria-label="Active filters">
          {chips.map((chip) => (
            <li
              key={chip.id}
              className={`chip${chip.id === 'loading.fromToday' ? ' chip--default' : ''}`}
            >
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
