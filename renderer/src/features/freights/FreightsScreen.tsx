import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { FreightColumnKey } from '@shared/domain/freight-columns'
import { FreightFilter } from '@shared/domain/freight-query'
import { fieldMessages } from '@shared/errors'
import { call, errorMessage, subscribe } from '../../api/client'
import { useCommand } from '../../app/commands'
import { useFormat } from '../../ui/format'
import { EmptyState } from '../../ui/states'
import { useAccounts } from '../accounts/accounts-store'
import { SampleDataOffer } from '../sandbox/SampleDataOffer'
import { ShareSelectionButton } from '../shares/ShareSelectionButton'
import { OfflineBanner } from '../sync/OfflineBanner'
import { ColumnChooser } from './ColumnChooser'
import { FreightDetailPanel } from './detail/FreightDetailPanel'
import { useDetail } from './detail-store'
import { ExportMenu } from './ExportMenu'
import { FilterBar } from './FilterBar'
import { FreightGrid } from './FreightGrid'
import { startLooking, useFreshness } from './freshness-store'
import { startGridPersistence, useGrid } from './grid-store'
import {
  canonicalQuery,
  filterChips,
  filterOf,
  visibleColumnKeys,
  withoutFilters,
} from './query-state'
import { refreshRows, rowAt, setRowsQuery, useRows } from './rows-store'
import { selectedCount, useSelection } from './selection-store'
import { gridPanelId, tabElementId, ViewTabs } from './ViewTabs'

/** Opens a freight in the detail panel (one function, so grid rows need not re-render). */
function openDetail(id: number): void {
  void useDetail.getState().open(id)
}

/**
 * Columns every row needs whatever is shown: the "new", gone and hidden marks, and the account
 * (its last sync is named in the row's title).
 */
const markColumns: FreightColumnKey[] = ['firstSeenAt', 'seen', 'goneAt', 'hidden', 'accountId']

/** The freights screen: views, filters, the grid, and the detail of the focused freight. */
export function FreightsScreen() {
  const ready = useGrid((state) => state.ready)
  const query = useGrid((state) => state.query)
  const layout = useGrid((state) => state.layout)
  const viewId = useGrid((state) => state.viewId)
  const total = useRows((state) => state.total)
  const rowsError = useRows((state) => state.error)
  const busy = useRows((state) => state.shownKey !== state.wantedKey)
  const selectionAll = useSelection((state) => state.all)
  const selectionSize = useSelection((state) => state.ids.size)
  const detailOpen = useDetail((state) => state.openId !== null)
  const [loadError, setLoadError] = useState<string | null>(null)
  // First run: with no account at all, the empty grid offers sample data.
  const noAccounts = useAccounts((state) => state.loaded && state.accounts.length === 0)
  const format = useFormat()
  const searchRef = useRef<HTMLInputElement>(null)
  const gridRef = useRef<HTMLDivElement>(null)

  // Views and the remembered grid first; then main may be told the dispatcher is looking.
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let cancelled = false
    let stopLooking: (() => void) | null = null
    const stopPersisting = startGridPersistence()
    void (async () => {
      try {
        const [views, state] = await Promise.all([call('views.list'), call('grid.state')])
        if (cancelled) return
        setLoadError(null)
        useFreshness.getState().start(state)
        if (!useGrid.getState().ready) useGrid.getState().restore(views, state.working)
        else useGrid.getState().setViews(views)
        stopLooking = startLooking()
      } catch (error) {
        if (!cancelled) setLoadError(errorMessage(error))
      }
    })()
    return () => {
      cancelled = true
      stopPersisting()
      stopLooking?.()
    }
  }, [attempt])

  const validity = useMemo(() => FreightFilter.safeParse(filterOf(query)), [query])
  const filterProblems = useMemo(
    () => (validity.success ? {} : fieldMessages(validity.error.issues)),
    [validity],
  )
  const filterProblem = validity.success
    ? null
    : [...new Set(Object.values(filterProblems))].join('; ')
  const filterSortKey = JSON.stringify(canonicalQuery(query))
  const fetchColumns = useMemo(() => {
    const visible = visibleColumnKeys(layout)
    return [...visible, ...markColumns.filter((key) => !visible.includes(key))]
  }, [layout])

  // A new filter or sort starts at the top with nothing selected; new columns keep the place.
  const lastFilterSortKey = useRef('')
  useEffect(() => {
    if (!ready || !validity.success) return
    const fromTop = lastFilterSortKey.current !== filterSortKey
    lastFilterSortKey.current = filterSortKey
    const request = { ...canonicalQuery(query), columns: fetchColumns }
    setRowsQuery(JSON.stringify(request), request, fromTop, JSON.stringify(filterOf(query)))
    if (fromTop) {
      useSelection.getState().reset()
      if (gridRef.current) gridRef.current.scrollTop = 0
    }
  }, [ready, validity.success, filterSortKey, fetchColumns, query])

  useEffect(
    () =>
      subscribe('freights.changed', (event) => {
        // Rows on screen and the facet counts come again with the next visible page.
        refreshRows()
        const openId = useDetail.getState().openId
        if (event.reason !== 'annotated' && openId !== null) void useDetail.getState().reload()
      }),
    [],
  )

  // With the detail open, it follows the focused row (also once that row's block arrives).
  useEffect(() => {
    if (!detailOpen) return
    const follow = () => {
      const row = rowAt(useSelection.getState().focusIndex)
      if (row && row.id !== useDetail.getState().openId) void useDetail.getState().open(row.id)
    }
    follow()
    const stopFocus = useSelection.subscribe((state, previous) => {
      if (state.focusIndex !== previous.focusIndex) follow()
    })
    const stopRows = useRows.subscribe((state, previous) => {
      if (state.version !== previous.version) follow()
    })
    return () => {
      stopFocus()
      stopRows()
    }
  }, [detailOpen])

  const focusedRowId = useCallback(() => rowAt(useSelection.getState().focusIndex)?.id ?? null, [])

  const closeDetail = () => {
    useDetail.getState().close()
    gridRef.current?.focus()
  }

  useCommand('freights.search', () => {
    searchRef.current?.focus()
    searchRef.current?.select()
  })

  // Escape closes the detail, unless something above it (a list, a dialog) took the key.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (
        event.key === 'Escape' &&
        !event.defaultPrevented &&
        useDetail.getState().openId !== null
      ) {
        event.preventDefault()
        useDetail.getState().close()
        gridRef.current?.focus()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const toResults = () => {
    useSelection.getState().focus(0)
    gridRef.current?.focus()
  }

  const count = total ?? 0
  const selected = selectedCount({ all: selectionAll, size: selectionSize }, count)
  const hasFilters =
    filterChips(query, {
      account: (id) => id,
      country: (code) => code,
      day: (day) => day,
      amount: String,
    }).length > 0
  const empty = ready && total === 0 && !busy && !rowsError

  const fromTodayOnly = query.loading?.fromToday === true
  return (
    <section className="screen screen--freights" aria-labelledby="freights-title">
      <div className="freights-header">
        <h1 id="freights-title" tabIndex={-1}>
          Freights
        </h1>
        <ViewTabs />
      </div>
      <FilterBar searchRef={searchRef} problems={filterProblems} onToResults={toResults} />
      {filterProblem && (
        <p className="banner banner--warning" role="alert">
          These filters cannot be used as they are: {filterProblem}. The list shows the last filters
          that could.
        </p>
      )}
      {loadError && (
        // Not an alert: a broken connection is already announced by the status bar.
        <p className="banner banner--error" aria-live="polite">
          The freights could not be loaded: {loadError}{' '}
          <button type="button" className="link-button" onClick={() => setAttempt(attempt + 1)}>
            Try again
          </button>
        </p>
      )}
      <OfflineBanner />
      <div className="grid-toolbar">
        <span className="grid-toolbar__count" aria-live="polite" data-testid="freight-count">
          {total === null
            ? 'Loading freights…'
            : `${format.number(count)} ${count === 1 ? 'freight' : 'freights'}`}
        </span>
        {selected > 0 && (
          <span className="grid-toolbar__selected" data-testid="selected-count">
            {selectionAll
              ? `All ${format.number(selected)} selected`
              : `${format.number(selected)} selected`}
          </span>
        )}
        <span className="grid-toolbar__spacer" />
        <ColumnChooser />
        <ShareSelectionButton
          total={count}
          focusedId={focusedRowId}
          disabled={!ready || count === 0}
        />
        <ExportMenu disabled={!ready || count === 0 || filterProblem !== null} />
      </div>
      {rowsError && (
        <p className="banner banner--error" role="alert">
          {rowsError}{' '}
          <button type="button" className="link-button" onClick={refreshRows}>
            Try again
          </button>
        </p>
      )}
      <div className="freights-body">
        <div
          id={gridPanelId}
          role="tabpanel"
          aria-labelledby={tabElementId(viewId)}
          className="grid-panel"
        >
          {ready && <FreightGrid gridRef={gridRef} onOpen={openDetail} />}
          {empty && (
            <div className="grid-empty">
              {noAccounts && !hasFiltersBeyondDefault(query) ? (
                <SampleDataOffer />
              ) : hasFilters ? (
                <EmptyState
                  title={
                    fromTodayOnly && !hasFiltersBeyondDefault(query)
                      ? 'Nothing loads from today on'
                      : 'No freights match these filters'
                  }
                  actions={
                    <button
                      type="button"
                      className="button"
                      onClick={() => useGrid.getState().updateQuery(withoutFilters)}
                    >
                      {fromTodayOnly && !hasFiltersBeyondDefault(query)
                        ? 'Show every date'
                        : 'Clear all filters'}
                    </button>
                  }
                >
                  <p>
                    {fromTodayOnly && !hasFiltersBeyondDefault(query)
                      ? 'The cached freights all load before today. Earlier ones stay in the cache: take the date filter off to see them.'
                      : 'The offline cache has freights, but none with all of these filters.'}
                  </p>
                </EmptyState>
              ) : (
                <EmptyState title="No freights in the offline cache yet">
                  <p>
                    Add a SpotGo or Trans.eu account under Accounts; its freights appear here after
                    the first sync, and stay here when you are offline.
                  </p>
                </EmptyState>
              )}
            </div>
          )}
        </div>
        {detailOpen && <FreightDetailPanel onClose={closeDetail} />}
      </div>
    </section>
  )
}

/** Whether the query filters on more than the default view's "loading from today". */
function hasFiltersBeyondDefault(query: ReturnType<typeof useGrid.getState>['query']): boolean {
  const withoutDefault = {
    ...query,
    loading: query.loading ? { ...query.loading, fromToday: undefined } : undefined,
  }
  return (
    filterChips(withoutDefault, {
      account: (id) => id,
      country: (code) => code,
      day: (day) => day,
      amount: String,
    }).length > 0
  )
}
