/** Saved views: a named query (filters and sort) plus the grid's column layout. */
import { z } from 'zod'
import { FreightColumnKey, freightColumns } from './freight-columns'
import { defaultSort, FreightFilter, FreightSort } from './freight-query'
import { Instant } from './time'

/** The part of a query a view keeps: filters and sort, not the page. */
export const ViewQuery = FreightFilter.extend({ sort: FreightSort.default(defaultSort) })
export type ViewQuery = z.infer<typeof ViewQuery>

export const ColumnLayout = z.strictObject({
  /** Every column the grid knows of, in display order, with its width and whether it shows. */
  columns: z
    .array(
      z.strictObject({
        key: FreightColumnKey,
        width: z.number().int().min(30).max(2000),
        visible: z.boolean(),
      }),
    )
    .min(1)
    .max(100)
    .refine(
      (columns) => new Set(columns.map((column) => column.key)).size === columns.length,
      'Must not list a column twice',
    ),
})
export type ColumnLayout = z.infer<typeof ColumnLayout>

/** Every catalogue column in catalogue order at its default width, the default ones visible. */
export function defaultColumnLayout(): ColumnLayout {
  return {
    columns: freightColumns.map((column) => ({
      key: column.key,
      width: column.width,
      visible: column.defaultVisible,
    })),
  }
}

export const ViewId = z.number().int().positive()

export const ViewName = z.string().trim().min(1, 'Give the view a name').max(80)

export const SavedView = z.object({
  id: ViewId,
  name: z.string(),
  query: ViewQuery,
  layout: ColumnLayout,
  /** Order in the views list, 0 first. */
  position: z.number().int().nonnegative(),
  createdAt: Instant,
  updatedAt: Instant,
})
export type SavedView = z.infer<typeof SavedView>

/** Creates a view (no id) or replaces the one with `id`; names are unique, ignoring case. */
export const SaveViewInput = z.strictObject({
  id: ViewId.optional(),
  name: ViewName,
  query: ViewQuery,
  layout: ColumnLayout,
  /** Where to put it in the list; the end when absent for a new view, unchanged for an update. */
  position: z.number().int().nonnegative().optional(),
})
export type SaveViewInput = z.infer<typeof SaveViewInput>

export const RemoveViewInput = z.strictObject({ id: ViewId })
