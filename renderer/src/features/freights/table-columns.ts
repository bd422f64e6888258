/**
 * The TanStack Table model of the grid: one column per catalogue entry, with its label, whether it
 * sorts, and its default width. TanStack owns the header model (order, visibility, sizes, sort
 * toggling with shift for multi-sort, resize drags); the rows come from the block cache, so the
 * table holds no data.
 */
import {
  columnOrderingFeature,
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  rowSortingFeature,
  tableFeatures,
  type ColumnDef,
} from '@tanstack/react-table'
import { freightColumns, type FreightRow } from '@shared/domain/freight-columns'
import { columnTitle } from '@shared/freight-format'

export const gridFeatures = tableFeatures({
  columnOrderingFeature,
  columnVisibilityFeature,
  columnSizingFeature,
  columnResizingFeature,
  rowSortingFeature,
})

export const minColumnWidth = 40
export const maxColumnWidth = 2000

export const gridColumns: Array<ColumnDef<typeof gridFeatures, FreightRow>> = freightColumns.map(
  (column) => ({
    id: column.key,
    // TanStack sorts and sizes only accessor columns; the value itself is read by the grid.
    accessorFn: (row: FreightRow) => (row as Record<string, unknown>)[column.key],
    header: columnTitle(column),
    enableSorting: column.sortable,
    enableResizing: true,
    size: column.width,
    minSize: minColumnWidth,
    maxSize: maxColumnWidth,
  }),
)

/** The table holds no rows: the grid renders rows from the block cache by index. */
export const noRows: FreightRow[] = []
