/**
 * What the freight grid asks main beyond the cache's own query channels: exports of the current
 * view, counts for the filters the cache has no facet for, and the grid's small remembered state
 * (the view left open, when the dispatcher last looked).
 */
import { z } from 'zod'
import { FreightColumnKey } from './domain/freight-columns'
import { FreightFilter } from './domain/freight-query'
import { ColumnLayout, ViewId, ViewQuery } from './domain/saved-view'
import { Instant, TimeZone } from './domain/time'
import { isHttpsUrl, isLoopbackHttpUrl } from './urls'

export const exportFormats = ['csv', 'xlsx'] as const
export const ExportFormat = z.enum(exportFormats)
export type ExportFormat = z.infer<typeof ExportFormat>

/** A BCP 47 language tag such as `en-GB`. */
export const Locale = z
  .string()
  .max(35)
  .refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1
    } catch {
      return false
    }
  }, 'Must be a language tag such as en-GB')

/** The current view as the grid shows it: filters and sort, and the visible columns in order. */
export const ExportRequest = z.strictObject({
  query: ViewQuery,
  columns: z
    .array(FreightColumnKey)
    .min(1, 'Choose at least one column to export')
    .max(100)
    .refine((keys) => new Set(keys).size === keys.length, 'Must not repeat a column'),
  format: ExportFormat,
  /** How dates and numbers read in the file: the dispatcher's locale and zone, as on screen. */
  locale: Locale.optional(),
  timeZone: TimeZone.optional(),
})
export type ExportRequest = z.infer<typeof ExportRequest>

/**
 * `saved`: written where the dispatcher chose (desktop). `download`: the web host offers the file
 * once at `url` (same origin). `cancelled`: the dispatcher closed the save dialog.
 */
export const ExportOutcome = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('saved'),
    fileName: z.string(),
    rows: z.number().int().nonnegative(),
  }),
  z.object({
    status: z.literal('download'),
    fileName: z.string(),
    rows: z.number().int().nonnegative(),
    url: z.string().regex(/^\/download\/[A-Za-z0-9_-]+$/),
  }),
  z.object({ status: z.literal('cancelled') }),
])
export type ExportOutcome = z.infer<typeof ExportOutcome>

/** Filter dimensions `freights.facets` does not count (yet); counted one value at a time. */
export const valueCountDimensions = [
  'account',
  'vehicleSize',
  'publicationType',
  'unloadingCountry',
  'currency',
] as const
export const ValueCountDimension = z.enum(valueCountDimensions)
export type ValueCountDimension = z.infer<typeof ValueCountDimension>

export const ValueCountsInput = z.strictObject({
  dimension: ValueCountDimension,
  filter: FreightFilter,
})

/** How many freights match the filter with `value` chosen instead of the dimension's own choice. */
export const ValueCount = z.object({
  value: z.string(),
  label: z.string(),
  count: z.number().int().nonnegative(),
})
export type ValueCount = z.infer<typeof ValueCount>

/** The grid as the dispatcher left it: the open tab (null: all freights), its filters and layout. */
export const WorkingView = z.strictObject({
  viewId: ViewId.nullable(),
  query: ViewQuery,
  layout: ColumnLayout,
})
export type WorkingView = z.infer<typeof WorkingView>

export const GridState = z.object({
  /** When the dispatcher last had the grid in front of them; null before the first time. */
  lastLookedAt: Instant.nullable(),
  working: WorkingView.nullable(),
})
export type GridState = z.infer<typeof GridState>

export const SaveGridStateInput = z
  .strictObject({
    working: WorkingView.nullable().optional(),
    /** Records "the dispatcher is looking now" (main's clock). */
    looked: z.literal(true).optional(),
  })
  .refine((input) => input.working !== undefined || input.looked !== undefined, {
    message: 'Name the working view or `looked` to save',
  })

export const OpenExternalInput = z.strictObject({
  url: z
    .string()
    .max(2000)
    .refine(
      (url) => isHttpsUrl(url) || isLoopbackHttpUrl(url),
      'Only https:// addresses can be opened',
    ),
})
