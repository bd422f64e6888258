import { useVirtualizer } from '@tanstack/react-virtual'
import { useTable, type Header } from '@tanstack/react-table'
import { memo, useEffect, useMemo, useRef, type KeyboardEvent, type RefObject } from 'react'
import {
  freightColumn,
  type FreightColumnKey,
  type FreightRow,
} from '@shared/domain/freight-columns'
import { formatCell, formatInstant } from '@shared/freight-format'
import { useNow } from '../shares/share-actions'
import { useAccountSyncs, type AccountSync } from './account-sync'
import { isNewRow, useFreshness } from './freshness-store'
import { useGrid } from './grid-store'
import { hasModKey } from './labels'
import { fromSortingState, toSortingState } from './query-state'
import { rowAt, setVisibleRange, useRows } from './rows-store'
import { isSelected, useSelection } from './selection-store'
import { gridColumns, gridFeatures, maxColumnWidth, minColumnWidth, noRows } from './table-columns'

export const rowHeight = 28
const headerHeight = 34
const markerWidth = 30
const overscan = 10
/** How often "5 min ago" is brought up to date. */
const syncClockMs = 30_000

interface CellColumn {
  key: FreightColumnKey
  width: number
}

type Updater<T> = T | ((previous: T) => T)
const resolve = <T,>(updater: Updater<T>, previous: T): T =>
  typeof updater === 'function' ? (updater as (previous: T) => T)(previous) : updater

interface FreightGridProps {
  gridRef: RefObject<HTMLDivElement | null>
  onOpen: (id: number) => void
}

/**
 * The virtualized grid (`role="grid"`): only the rows in view plus a margin are in the DOM, and
 * only their blocks are fetched. Focus stays on the grid element and moves between rows with
 * `aria-activedescendant`, so it survives rows being recycled while scrolling. Scrolling
 * re-renders only the body; the header and its TanStack model re-render when the layout or the
 * sort changes.
 */
export function FreightGrid({ gridRef, onOpen }: FreightGridProps) {
  const layout = useGrid((state) => state.layout)
  const total = useRows((state) => state.total) ?? 0
  const busy = useRows((state) => state.shownKey !== state.wantedKey)
  const shownSearch = useRows((state) => state.shownSearch)
  const focusIndex = useSelection((state) => state.focusIndex)
  const cellColumns = useMemo<CellColumn[]>(
    () =>
      layout.columns
        .filter((column) => column.visible)
        .map((column) => ({ key: column.key, width: column.width })),
    [layout],
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
      aria-activedescendant={total > 0 ? rowElementId(Math.min(focusIndex, total - 1)) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <GridHeader rowWidth={rowWidth} />
      <GridBody
        gridRef={gridRef}
        total={total}
        columns={cellColumns}
        rowWidth={rowWidth}
        onOpen={onOpen}
      />
    </div>
  )
}

/** The header row: TanStack Table's column model, sort toggles and resize handles. */
const GridHeader = memo(function GridHeader({ rowWidth }: { rowWidth: number }) {
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
  return (
    <div role="rowgroup" className="grid__head" style={{ width: rowWidth }}>
      <div role="row" aria-rowindex={1} className="grid__row grid__row--head">
        <div role="columnheader" className="grid__marker" aria-label="Marks" />
        {headers.map((header) => (
          <HeaderCell key={header.id} header={header} />
        ))}
      </div>
    </div>
  )
})

interface GridBodyProps {
  gridRef: RefObject<HTMLDivElement | null>
  total: number
  columns: readonly CellColumn[]
  rowWidth: number
  onOpen: (id: number) => void
}

/** The rows in view plus a margin, positioned in a body as tall as all rows together. */
function GridBody({ gridRef, total, columns, rowWidth, onOpen }: GridBodyProps) {
  // Re-renders when rows arrive; the rows themselves are read from the block cache.
  useRows((state) => state.version)
  const focusIndex = useSelection((state) => state.focusIndex)
  const selectedAll = useSelection((state) => state.all)
  const selectedIds = useSelection((state) => state.ids)
  const newSince = useFreshness((state) => state.newSince)
  const accountSyncs = useAccountSyncs(useNow(syncClockMs))

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
            selected={row ? isSelected(selection, row.id) : false}
            focused={item.index === focusIndex}
            isNew={row ? isNewRow(row, newSince) : false}
            accountSync={
              typeof row?.accountId === 'string' ? accountSyncs.get(row.accountId) : undefined
            }
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

const dragType = 'application/x-freightdesk-column'

function HeaderCell({ header }: { header: Header<typeof gridFeatures, FreightRow, unknown> }) {
  const column = header.column
  const key = column.id as FreightColumnKey
  const title = freightColumn(key).unit
    ? `${freightColumn(key).label} (${freightColumn(key).unit})`
    : freightColumn(key).label
  const direction = column.getIsSorted()
  const sortIndex = column.getSortIndex()
  const sortCount = useGrid((state) => state.query.sort.length)
  const toggleSort = column.getToggleSortingHandler()
  const resize = header.getResizeHandler()

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
      className="grid__header"
      style={{ width: header.getSize() }}
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
          title={`Sort by ${title} (Shift adds it to the sort)`}
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
        onDoubleClick={() => resizeBy(freightColumn(key).width - header.getSize())}
      />
    </div>
  )
}

interface GridRowProps {
  index: number
  top: number
  row: FreightRow | undefined
  columns: readonly CellColumn[]
  selected: boolean
  focused: boolean
  isNew: boolean
  /** When the row's account last synced; undefined when the account is not listed (removed). */
  accountSync: AccountSync | undefined
  onOpen: (id: number) => void
}

const GridRow = memo(function GridRow({
  index,
  top,
  row,
  columns,
  selected,
  focused,
  isNew,
  accountSync,
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
        <div role="gridcell" className="grid__marker">
          <span className="visually-hidden">Loading</span>
        </div>
        {columns.map((column) => (
          <div
            key={column.key}
            role="gridcell"
            className={`grid__cell grid__cell--${freightColumn(column.key).type}`}
            data-column={column.key}
            style={{ width: column.width }}
          />
        ))}
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
      `Gone since ${formatInstant(row.goneAt as string)}: the provider no longer lists it`,
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
      onClick={(event) => {
        const selection = useSelection.getState()
        if (event.shiftKey) void selection.extendTo(index)
        else selection.select(index, row.id, hasModKey(event) ? 'toggle' : 'only')
      }}
      onDoubleClick={() => onOpen(row.id)}
    >
      <div role="gridcell" className="grid__marker">
        {isNew && (
          <span className="new-mark" title="New since you last looked">
            <span className="visually-hidden">New</span>
          </span>
        )}
        {gone && <span className="visually-hidden">Gone</span>}
      </div>
      {columns.map((column) => (
        <div
          key={column.key}
          role="gridcell"
          className={`grid__cell grid__cell--${freightColumn(column.key).type}`}
          data-column={column.key}
          style={{ width: column.width }}
        >
          {cellContent(column.key, row, accountSync)}
        </div>
      ))}
    </div>
  )
})

function cellContent(column: FreightColumnKey, row: FreightRow, accountSync?: AccountSync) {
  if (column === 'accountSyncedAt') {
    if (!accountSync) return ''
    return accountSync.syncedAt === null ? (
      accountSync.text
    ) : (
      <time dateTime={accountSync.syncedAt}>{accountSync.text}</time>
    )
  }
  const text = formatCell(column, row)
  if (column === 'status' && text) {
    return <span className={`status status--${String(row.status)}`}>{text}</span>
  }
  return text
}
