import { useVirtualizer } from '@tanstack/react-virtual'
import { useTable, type Header } from '@tanstack/react-table'
import {
  memo,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
} from 'react'
import {
  freightColumn,
  type FreightColumnKey,
  type FreightRow,
} from '@shared/domain/freight-columns'
import type { Format } from '@shared/format'
import {
  columnTitle,
  formatCell,
  routeParts,
  routeText,
  type RoutePlace,
} from '@shared/freight-format'
import { rowHeightOf, useDensity } from '../../app/density-store'
import { useFormat } from '../../ui/format'
import { shortAccountLabel } from '../accounts/accounts-store'
import { useNow } from '../shares/share-actions'
import { usePendingPrices, type PendingPrice } from '../sync/sync-store'
import { useAccountSyncs, type AccountSync } from './account-sync'
import { isNewRow, useFreshness } from './freshness-store'
import { useGrid } from './grid-store'
import { hasModKey } from './labels'
import { fromSortingState, toSortingState } from './query-state'
import { rowAt, setVisibleRange, useRows } from './rows-store'
import { isSelected, useSelection } from './selection-store'
import { gridColumns, gridFeatures, maxColumnWidth, minColumnWidth, noRows } from './table-columns'

const markerWidth = 30
const overscan = 10
/** How often "5 minutes ago" is brought up to date. */
const syncClockMs = 30_000
/** The first columns stay in place while the grid scrolls right. */
const pinnedColumns = 3
/** A pinned column is never squeezed below this to keep the others in view. */
const minPinnedWidth = 150
/** Room kept for the vertical scroll bar. */
const scrollBarAllowance = 16

/** A visible column as drawn: its width on screen and, when pinned, where it sticks. */
interface CellColumn {
  key: FreightColumnKey
  width: number
  /** Left offset when pinned; undefined when it scrolls. */
  left?: number
  lastPinned?: boolean
}

type Updater<T> = T | ((previous: T) => T)
const resolve = <T,>(updater: Updater<T>, previous: T): T =>
  typeof updater === 'function' ? (updater as (previous: T) => T)(previous) : updater

/** The element's inner width, followed as it changes (window or detail panel resized). */
function useClientWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0)
  useEffect(() => {
    const element = ref.current
    if (!element) return
    setWidth(element.clientWidth)
    const observer = new ResizeObserver(() => setWidth(element.clientWidth))
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref])
  return width
}

/**
 * The widths the visible columns are drawn at. The first columns are pinned; when the grid is too
 * narrow for them all (a narrow window with the detail open), the widest pinned column gives up
 * room so that the others stay in view, and pinning stops at the column that no longer fits.
 */
export function drawnColumns(
  columns: ReadonlyArray<{ key: FreightColumnKey; width: number }>,
  gridWidth: number,
): CellColumn[] {
  const drawn: CellColumn[] = columns.map((column) => ({ key: column.key, width: column.width }))
  const pinned = drawn.slice(0, pinnedColumns)
  if (gridWidth > 0) {
    const available = gridWidth - markerWidth - scrollBarAllowance
    const total = pinned.reduce((sum, column) => sum + column.width, 0)
    const widest = pinned.reduce<CellColumn | null>(
      (found, column) => (found === null || column.width > found.width ? column : found),
      null,
    )
    if (widest && total > available) {
      widest.width = Math.max(minPinnedWidth, widest.width - (total - available))
      // Still too wide: the number gives up what it can spare too.
      const still = pinned.reduce((sum, column) => sum + column.width, 0) - available
      const number = pinned.find((column) => column.key === 'number')
      if (still > 0 && number) number.width = Math.max(110, number.width - still)
    }
  }
  let left = markerWidth
  let last: CellColumn | null = null
  for (const column of pinned) {
    if (gridWidth > 0 && left + column.width > gridWidth - scrollBarAllowance) break
    column.left = left
    left += column.width
    last = column
  }
  if (last) last.lastPinned = true
  return drawn
}

interface FreightGridProps {
  gridRef: RefObject<HTMLDivElement | null>
  onOpen: (id: number) => void
}

/**
 * The virtualized grid (`role="grid"`): only the rows in view plus a margin are in the DOM, and
 * only their blocks are fetched. Focus stays on the grid element and moves between rows with
 * `aria-activedescendant`, so it survives rows being recycled while scrolling; the column headers
 * are reached with ArrowUp from the first row, so Tab leaves the grid for the next area.
 */
export function FreightGrid({ gridRef, onOpen }: FreightGridProps) {
  const layout = useGrid((state) => state.layout)
  const total = useRows((state) => state.total) ?? 0
  const busy = useRows((state) => state.shownKey !== state.wantedKey)
  const shownSearch = useRows((state) => state.shownSearch)
  const focusIndex = useSelection((state) => state.focusIndex)
  const rowHeight = rowHeightOf(useDensity((state) => state.density))
  const gridWidth = useClientWidth(gridRef)
  const cellColumns = useMemo(
    () =>
      drawnColumns(
        layout.columns.filter((column) => column.visible),
        gridWidth,
      ),
    [layout, gridWidth],
  )
  const rowWidth = markerWidth + cellColumns.reduce((sum, column) => sum + column.width, 0)

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || total === 0) return
    const { focus, extendTo, select, selectAll } = useSelection.getState()
    const pageRows = Math.max(1, Math.floor((gridRef.current?.clientHeight ?? 300) / rowHeight) - 2)
    let next: number
    switch (event.key) {
      case 'ArrowDown':
        next = focusIndex + 1
        break
      case 'ArrowUp':
        if (focusIndex === 0 && !event.shiftKey) {
          // Up from the first row: the column headers.
          gridRef.current?.querySelector<HTMLElement>('.grid__sort')?.focus()
          event.preventDefault()
          return
        }
        next = focusIndex - 1
        break
      case 'PageDown':
        next = focusIndex + pageRows
        break
      case 'PageUp':
        next = focusIndex - pageRows
        break
      case 'Home':
        next = 0
        break
      case 'End':
        next = total - 1
        break
      case 'Enter': {
        const row = rowAt(focusIndex)
        if (row) onOpen(row.id)
        event.preventDefault()
        return
      }
      case ' ': {
        const row = rowAt(focusIndex)
        if (row) select(focusIndex, row.id, 'toggle')
        event.preventDefault()
        return
      }
      case 'a':
      case 'A':
        if (hasModKey(event)) {
          selectAll()
          event.preventDefault()
        }
        return
      default:
        return
    }
    event.preventDefault()
    const clamped = Math.min(total - 1, Math.max(0, next))
    if (event.shiftKey) void extendTo(clamped)
    else focus(clamped)
  }

  return (
    <div
      ref={gridRef}
      className="grid"
      role="grid"
      aria-label="Freights"
      aria-rowcount={total + 1}
      aria-colcount={cellColumns.length + 1}
      aria-multiselectable="true"
      aria-busy={busy}
      data-shown-search={shownSearch}
      data-region="grid"
      aria-activedescendant={total > 0 ? rowElementId(Math.min(focusIndex, total - 1)) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      style={{ ['--row-height' as string]: `${rowHeight}px` }}
    >
      <GridHeader columns={cellColumns} rowWidth={rowWidth} gridRef={gridRef} />
      <GridBody
        gridRef={gridRef}
        total={total}
        columns={cellColumns}
        rowWidth={rowWidth}
        rowHeight={rowHeight}
        onOpen={onOpen}
      />
    </div>
  )
}

/** The header row: TanStack Table's column model, sort toggles and resize handles. */
const GridHeader = memo(function GridHeader({
  columns,
  rowWidth,
  gridRef,
}: {
  columns: readonly CellColumn[]
  rowWidth: number
  gridRef: RefObject<HTMLDivElement | null>
}) {
  const layout = useGrid((state) => state.layout)
  const sort = useGrid((state) => state.query.sort)
  const state = useMemo(
    () => ({
      sorting: toSortingState(sort),
      columnOrder: layout.columns.map((column) => column.key),
      columnVisibility: Object.fromEntries(
        layout.columns.map((column) => [column.key, column.visible]),
      ),
      columnSizing: Object.fromEntries(layout.columns.map((column) => [column.key, column.width])),
    }),
    [layout, sort],
  )
  const table = useTable({
    features: gridFeatures,
    columns: gridColumns,
    data: noRows,
    state,
    manualSorting: true,
    enableMultiSort: true,
    enableSortingRemoval: true,
    // Ascending first for every column (TanStack would start numbers descending).
    sortDescFirst: false,
    maxMultiSortColCount: 8,
    isMultiSortEvent: (event) => (event as { shiftKey?: boolean }).shiftKey === true,
    enableColumnResizing: true,
    columnResizeMode: 'onChange',
    onSortingChange: (updater) => {
      const { query, setSort } = useGrid.getState()
      setSort(fromSortingState(resolve(updater, toSortingState(query.sort))))
    },
    onColumnSizingChange: (updater) => {
      const { layout: current, setLayout } = useGrid.getState()
      const sizes = resolve(
        updater,
        Object.fromEntries(current.columns.map((column) => [column.key, column.width])),
      )
      setLayout({
        columns: current.columns.map((column) => ({
          ...column,
          width: clampWidth(sizes[column.key] ?? column.width),
        })),
      })
    },
  })
  const headers = table.getHeaderGroups()[0]?.headers ?? []
  const drawn = new Map(columns.map((column) => [column.key, column]))

  // Left and Right move along the headers; Down and Escape go back to the rows.
  const onHeaderKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(event.currentTarget.querySelectorAll<HTMLElement>('.grid__sort') ?? [])]
    const index = buttons.indexOf(document.activeElement as HTMLElement)
    if (index < 0 || event.altKey) return
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault()
      const step = event.key === 'ArrowRight' ? 1 : -1
      const next = buttons[Math.min(buttons.length - 1, Math.max(0, index + step))]
      next?.focus()
      next?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
    } else if (event.key === 'ArrowDown' || event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      gridRef.current?.focus()
    }
  }

  return (
    <div role="rowgroup" className="grid__head" style={{ width: rowWidth }}>
      <div
        role="row"
        aria-rowindex={1}
        // Focus lands on its header cells; the row itself only takes it from code.
        tabIndex={-1}
        className="grid__row grid__row--head"
        onKeyDown={onHeaderKey}
      >
        <div
          role="columnheader"
          className="grid__marker grid__cell--pinned"
          style={{ left: 0 }}
          aria-label="Marks"
        />
        {headers.map((header) => {
          const column = drawn.get(header.column.id as FreightColumnKey)
          return column ? <HeaderCell key={header.id} header={header} column={column} /> : null
        })}
      </div>
    </div>
  )
})

interface GridBodyProps {
  gridRef: RefObject<HTMLDivElement | null>
  total: number
  columns: readonly CellColumn[]
  rowWidth: number
  rowHeight: number
  onOpen: (id: number) => void
}

/** The rows in view plus a margin, positioned in a body as tall as all rows together. */
function GridBody({ gridRef, total, columns, rowWidth, rowHeight, onOpen }: GridBodyProps) {
  // Re-renders when rows arrive; the rows themselves are read from the block cache.
  useRows((state) => state.version)
  const focusIndex = useSelection((state) => state.focusIndex)
  const selectedAll = useSelection((state) => state.all)
  const selectedIds = useSelection((state) => state.ids)
  const newSince = useFreshness((state) => state.newSince)
  const accountSyncs = useAccountSyncs(useNow(syncClockMs))
  const pending = usePendingPrices()
  const format = useFormat()
  const headerHeight = rowHeight + 6

  // The body re-renders on every scroll step anyway; the compiler memoizes nothing here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => gridRef.current,
    estimateSize: () => rowHeight,
    overscan,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
    // Renders after the scroll event in a task of its own instead of inside it, so no single
    // task does both; the rows still update before the next frame is painted.
    useFlushSync: false,
  })
  // A new density changes every row's height.
  useEffect(() => {
    virtualizer.measure()
  }, [rowHeight, virtualizer])
  const items = virtualizer.getVirtualItems()
  // A row leaving the window at one end comes back at the other with its DOM elements: with as
  // many slots as rendered rows, the index entering takes the slot of the index leaving.
  const slots = Math.max(1, items.length)
  const firstItem = items[0]?.index ?? 0
  const lastItem = items[items.length - 1]?.index ?? 0

  useEffect(() => {
    setVisibleRange(firstItem, lastItem)
  }, [firstItem, lastItem])

  // Keyboard moves scroll the focused row into view.
  const lastScrolledFocus = useRef(focusIndex)
  useEffect(() => {
    if (lastScrolledFocus.current === focusIndex) return
    lastScrolledFocus.current = focusIndex
    if (focusIndex < total) virtualizer.scrollToIndex(focusIndex, { align: 'auto' })
  }, [focusIndex, total, virtualizer])

  const selection = { all: selectedAll, ids: selectedIds }
  return (
    <div
      role="rowgroup"
      className="grid__body"
      style={{ height: virtualizer.getTotalSize(), width: rowWidth }}
    >
      {items.map((item) => {
        const row = rowAt(item.index)
        return (
          <GridRow
            key={item.index % slots}
            index={item.index}
            top={item.start - headerHeight}
            row={row}
            columns={columns}
            format={format}
            selected={row ? isSelected(selection, row.id) : false}
            focused={item.index === focusIndex}
            isNew={row ? isNewRow(row, newSince) : false}
            accountSync={
              typeof row?.accountId === 'string' ? accountSyncs.get(row.accountId) : undefined
            }
            pendingPrice={row ? pending.get(row.id) : undefined}
            gridRef={gridRef}
            onOpen={onOpen}
          />
        )
      })}
    </div>
  )
}

export function rowElementId(index: number): string {
  return `freight-row-${index}`
}

function clampWidth(width: number): number {
  return Math.round(Math.min(maxColumnWidth, Math.max(minColumnWidth, width)))
}

function ariaSort(
  direction: false | 'asc' | 'desc',
  index: number,
): 'ascending' | 'descending' | 'other' | undefined {
  if (!direction) return undefined
  if (index > 0) return 'other'
  return direction === 'asc' ? 'ascending' : 'descending'
}

/** Style and class of a drawn cell (header or body): its width and, when pinned, its place. */
function placement(column: CellColumn, base: string) {
  const pinned = column.left !== undefined
  return {
    className: `${base}${pinned ? ' grid__cell--pinned' : ''}${column.lastPinned ? ' grid__cell--pinned-last' : ''}`,
    style: pinned ? { width: column.width, left: column.left } : { width: column.width },
  }
}

const dragType = 'application/x-freightdesk-column'

function HeaderCell({
  header,
  column: drawn,
}: {
  header: Header<typeof gridFeatures, FreightRow, unknown>
  column: CellColumn
}) {
  const column = header.column
  const key = column.id as FreightColumnKey
  const definition = freightColumn(key)
  const title = columnTitle(definition)
  const sortTitle = key === 'route' ? `${title} (by loading time)` : title
  const direction = column.getIsSorted()
  const sortIndex = column.getSortIndex()
  const sortCount = useGrid((state) => state.query.sort.length)
  const toggleSort = column.getToggleSortingHandler()
  const resize = header.getResizeHandler()
  const { className, style } = placement(
    drawn,
    `grid__header${definition.type === 'number' ? ' grid__header--number' : ''}`,
  )

  const resizeBy = (delta: number) => {
    const { layout, setLayout } = useGrid.getState()
    setLayout({
      columns: layout.columns.map((each) =>
        each.key === key ? { ...each, width: clampWidth(each.width + delta) } : each,
      ),
    })
  }

  return (
    // The grid keeps focus on itself (aria-activedescendant); dragging a header has the keyboard
    // equivalent Alt+arrows, so the header itself takes no focus.
    // eslint-disable-next-line jsx-a11y/interactive-supports-focus
    <div
      role="columnheader"
      className={className}
      style={style}
      aria-sort={ariaSort(direction, sortIndex)}
      data-column={key}
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData(dragType, key)
        event.dataTransfer.effectAllowed = 'move'
      }}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes(dragType)) event.preventDefault()
      }}
      onDrop={(event) => {
        const moved = event.dataTransfer.getData(dragType) as FreightColumnKey
        if (!moved || moved === key) return
        event.preventDefault()
        const { layout, setLayout } = useGrid.getState()
        const columns = layout.columns.filter((each) => each.key !== moved)
        const entry = layout.columns.find((each) => each.key === moved)
        const target = columns.findIndex((each) => each.key === key)
        if (!entry || target < 0) return
        columns.splice(target, 0, entry)
        setLayout({ columns })
      }}
    >
      {column.getCanSort() ? (
        <button
          type="button"
          className="grid__sort"
          // Reached with the arrows from the rows: Tab moves on to the next area.
          tabIndex={-1}
          title={`Sort by ${sortTitle} (Shift adds it to the sort; Alt+Left/Right resizes)`}
          onClick={toggleSort}
          onKeyDown={(event) => {
            if (event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
              event.preventDefault()
              resizeBy(event.key === 'ArrowLeft' ? -10 : 10)
            }
          }}
        >
          <span className="grid__header-label">{title}</span>
          {direction && (
            <span className="grid__sort-mark" aria-hidden="true">
              {direction === 'asc' ? '▲' : '▼'}
              {sortCount > 1 ? sortIndex + 1 : ''}
            </span>
          )}
        </button>
      ) : (
        <span className="grid__header-label grid__header-label--static" title={title}>
          {title}
        </span>
      )}
      <div
        className={`grid__resizer${column.getIsResizing() ? ' grid__resizer--active' : ''}`}
        aria-hidden="true"
        onMouseDown={(event) => {
          // Keeps the header's own drag (reordering) from taking over the resize.
          event.preventDefault()
          event.stopPropagation()
          resize(event)
        }}
        onTouchStart={resize}
        onDoubleClick={() => resizeBy(definition.width - header.getSize())}
      />
    </div>
  )
}

interface GridRowProps {
  index: number
  top: number
  row: FreightRow | undefined
  columns: readonly CellColumn[]
  format: Format
  selected: boolean
  focused: boolean
  isNew: boolean
  /** When the row's account last synced; undefined when the account is not listed (removed). */
  accountSync: AccountSync | undefined
  /** A new price for this freight waiting in the outbox. */
  pendingPrice: PendingPrice | undefined
  gridRef: RefObject<HTMLDivElement | null>
  onOpen: (id: number) => void
}

const GridRow = memo(function GridRow({
  index,
  top,
  row,
  columns,
  format,
  selected,
  focused,
  isNew,
  accountSync,
  pendingPrice,
  gridRef,
  onOpen,
}: GridRowProps) {
  const style = { transform: `translateY(${top}px)` }
  if (!row) {
    // The same cells as a loaded row, empty: when the block arrives only their text changes.
    return (
      <div
        id={rowElementId(index)}
        role="row"
        aria-rowindex={index + 2}
        aria-busy="true"
        className={`grid__row grid__row--loading${focused ? ' grid__row--focused' : ''}`}
        style={style}
      >
        <div role="gridcell" className="grid__marker grid__cell--pinned" style={{ left: 0 }}>
          <span className="visually-hidden">Loading</span>
        </div>
        {columns.map((column) => {
          const { className, style: cellStyle } = placement(
            column,
            `grid__cell grid__cell--${freightColumn(column.key).type}`,
          )
          return (
            <div
              key={column.key}
              role="gridcell"
              className={className}
              data-column={column.key}
              style={cellStyle}
            />
          )
        })}
      </div>
    )
  }
  const gone = typeof row.goneAt === 'string'
  const classes = ['grid__row']
  if (selected) classes.push('grid__row--selected')
  if (focused) classes.push('grid__row--focused')
  if (gone) classes.push('grid__row--gone')
  if (row.hidden === true) classes.push('grid__row--hidden')
  const titleLines: string[] = []
  if (gone) {
    titleLines.push(
      `Gone since ${format.dateTime(row.goneAt as string)}: the provider no longer lists it`,
    )
  }
  if (accountSync) titleLines.push(accountSync.title)
  return (
    // Rows take no focus of their own: the grid points at the active row with
    // aria-activedescendant and handles the arrows, Space and Enter for every row.
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/interactive-supports-focus
    <div
      id={rowElementId(index)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-freight-id={row.id}
      className={classes.join(' ')}
      style={style}
      title={titleLines.length > 0 ? titleLines.join('\n') : undefined}
      onMouseDown={(event: MouseEvent) => {
        // A Shift-click or a double-click picks rows, never page text.
        if (event.shiftKey || event.detail > 1) {
          event.preventDefault()
          gridRef.current?.focus()
        }
      }}
      onClick={(event) => {
        const selection = useSelection.getState()
        if (event.shiftKey) void selection.extendTo(index)
        else selection.select(index, row.id, hasModKey(event) ? 'toggle' : 'only')
      }}
      onDoubleClick={() => onOpen(row.id)}
    >
      <div role="gridcell" className="grid__marker grid__cell--pinned" style={{ left: 0 }}>
        {isNew && (
          <span className="new-mark" title="New since you last looked">
            <span className="visually-hidden">New</span>
          </span>
        )}
        {gone && <span className="visually-hidden">Gone</span>}
      </div>
      {columns.map((column) => {
        const { className, style: cellStyle } = placement(
          column,
          `grid__cell grid__cell--${freightColumn(column.key).type}`,
        )
        const content = cellContent(column.key, row, format, accountSync, pendingPrice)
        return (
          <div
            key={column.key}
            role="gridcell"
            className={className}
            data-column={column.key}
            style={cellStyle}
            title={content.title}
          >
            {content.node}
          </div>
        )
      })}
    </div>
  )
})

/** "PL 50-001 Wrocław"; a narrow Route cell leaves the postal code out. */
function RoutePlaceText({ place }: { place: RoutePlace }) {
  return (
    <>
      {place.country}{' '}
      {place.postalCode && <span className="route__postcode">{place.postalCode} </span>}
      {place.locality}
    </>
  )
}

/** Which pill colour a status takes: what needs action strong, the past muted. */
const statusTone: Record<string, string> = {
  active: 'success',
  publishing: 'success',
  new: 'accent',
  draft: 'accent',
  accepted: 'accent',
  completed: 'muted',
  archived: 'muted',
  cancelled: 'danger',
  failed: 'danger',
  expired: 'danger',
}

function cellContent(
  column: FreightColumnKey,
  row: FreightRow,
  format: Format,
  accountSync: AccountSync | undefined,
  pendingPrice: PendingPrice | undefined,
): { node: React.ReactNode; title?: string } {
  switch (column) {
    case 'accountSyncedAt':
      if (!accountSync) return { node: '' }
      return {
        node:
          accountSync.syncedAt === null ? (
            accountSync.text
          ) : (
            <time dateTime={accountSync.syncedAt}>{accountSync.text}</time>
          ),
      }
    case 'route': {
      if (typeof row.route !== 'string') return { node: '' }
      const parts = routeParts(row, format)
      return {
        title: routeText(parts),
        node: (
          <span className="route">
            <span className="route__places">
              <RoutePlaceText place={parts.fromPlace} /> → <RoutePlaceText place={parts.toPlace} />
            </span>
            {/* Read (and copied) as one line, the way the title and exports say it. */}
            <span className="visually-hidden"> · </span>
            <span className="route__times">
              {parts.loadingWindow} → {parts.unloadingWindow}
            </span>
          </span>
        ),
      }
    }
    case 'price': {
      const text = formatCell('price', row, format)
      if (!pendingPrice) return { node: text }
      const { change, state } = pendingPrice
      const next = format.money(change.price, change.currency)
      const word = state === 'failed' ? 'refused' : 'waiting'
      return {
        title: `New price ${next} ${state === 'failed' ? 'refused by the provider' : 'waiting in the outbox'}; the provider has ${text || 'no price'}`,
        node: (
          <span className="pending-price">
            <span className={`pill pill--${state === 'failed' ? 'danger' : 'warning'}`}>
              {word}
            </span>{' '}
            {next}
          </span>
        ),
      }
    }
    case 'accountName': {
      const name = typeof row.accountName === 'string' ? row.accountName : ''
      return { node: shortAccountLabel(name), title: name }
    }
    case 'status': {
      const text = formatCell('status', row, format)
      if (!text) return { node: '' }
      const tone = statusTone[String(row.status)] ?? 'muted'
      return { node: <span className={`pill pill--${tone}`}>{text}</span>, title: text }
    }
    default: {
      const text = formatCell(column, row, format)
      return { node: text, title: text.length > 18 ? text : undefined }
    }
  }
}
