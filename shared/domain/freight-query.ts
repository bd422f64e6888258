/**
 * What the grid asks the cache: filters, sort keys, a page and columns; and what it gets back.
 * Empty lists and empty strings mean "no filter", so a cleared filter control can be sent as is.
 */
import { z } from 'zod'
import {
  AccountId,
  FreightId,
  FreightStatus,
  Provider,
  PublicationType,
  Tag,
  TruckBody,
  VehicleSize,
} from './freight'
import { FreightColumnKey, FreightRow, SortableColumnKey } from './freight-columns'
import { LocalDate } from './time'

const countryFilter = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'Must be a two-letter country code such as PL')
  .transform((code) => code.toUpperCase())

const currencyFilter = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'Must be a three-letter currency code such as EUR')
  .transform((code) => code.toUpperCase())

function distinctList<T extends z.ZodType>(item: T, max: number) {
  return z
    .array(item)
    .max(max)
    .refine((values) => new Set(values).size === values.length, 'Must not repeat a value')
}

/** Filters on the loading or the unloading stop. Dates are the place's local calendar days. */
export const StopFilter = z
  .strictObject({
    countries: distinctList(countryFilter, 60).optional(),
    /** Matches postal codes starting with it, ignoring case, spaces and dashes ("LT-01" = "01"). */
    postalCodePrefix: z.string().trim().max(20).optional(),
    /** Matches localities starting with it, ignoring case and diacritics ("lodz" = "Łódź"). */
    locality: z.string().trim().max(120).optional(),
    /** The window opens on or after this local day. */
    dateFrom: LocalDate.optional(),
    /** The window opens on or before this local day. */
    dateTo: LocalDate.optional(),
    /**
     * The window opens today or later: the dispatcher's today whenever the query runs, so a view
     * that keeps it stays current (with `dateFrom` too, the later of the two days counts).
     */
    fromToday: z.boolean().optional(),
  })
  .refine((stop) => !stop.dateFrom || !stop.dateTo || stop.dateFrom <= stop.dateTo, {
    message: 'Must not be before the start date',
    path: ['dateTo'],
  })
export type StopFilter = z.infer<typeof StopFilter>

export const PriceFilter = z
  .strictObject({
    min: z.number().nonnegative().optional(),
    max: z.number().nonnegative().optional(),
    currencies: distinctList(currencyFilter, 30).optional(),
  })
  .refine((price) => price.min === undefined || price.max === undefined || price.min <= price.max, {
    message: 'Must not be below the minimum price',
    path: ['max'],
  })
export type PriceFilter = z.infer<typeof PriceFilter>

export const FreightFilter = z.strictObject({
  /**
   * Words to find in references, numbers, places, contacts, notes and tags. Every word must start
   * a word of the freight, ignoring case, diacritics and punctuation inside words: "lodz" finds
   * Łódź, "fr2026" and "2026/03" find FR/2026/03/7ABC, "90001" finds 90-001. Words are separated
   * by spaces, commas or semicolons.
   */
  text: z.string().trim().max(200).optional(),
  providers: distinctList(Provider, 2).optional(),
  accountIds: distinctList(AccountId, 100).optional(),
  statuses: distinctList(FreightStatus, 20).optional(),
  /** Freights published to any of these. */
  publicationTypes: distinctList(PublicationType, 10).optional(),
  /** Freights that name any of these truck bodies. */
  truckBodies: distinctList(TruckBody, 60).optional(),
  /** Freights that accept any of these sizes; a freight that accepts any size always matches. */
  vehicleSizes: distinctList(VehicleSize, 10).optional(),
  loading: StopFilter.optional(),
  unloading: StopFilter.optional(),
  price: PriceFilter.optional(),
  /** Also freights that a complete sync no longer saw. */
  includeGone: z.boolean().default(false),
  /** Also freights the dispatcher hid. */
  includeHidden: z.boolean().default(false),
  /** Only seen (true) or only unseen (false) freights; both when absent. */
  seen: z.boolean().optional(),
})
export type FreightFilter = z.infer<typeof FreightFilter>
export type FreightFilterInput = z.input<typeof FreightFilter>

export const SortKey = z.strictObject({
  column: SortableColumnKey,
  direction: z.enum(['asc', 'desc']).default('asc'),
})
export type SortKey = z.infer<typeof SortKey>

export const defaultSort: SortKey[] = [{ column: 'loadingStart', direction: 'asc' }]

/**
 * Sort keys in order of precedence; empty cells sort as the lowest value. Freights equal on every
 * key come in local-id order, in the direction of the first key.
 */
export const FreightSort = z
  .array(SortKey)
  .max(8)
  .refine(
    (keys) => new Set(keys.map((key) => key.column)).size === keys.length,
    'Must not sort on the same column twice',
  )

export const maxPageSize = 1000

export const FreightQuery = FreightFilter.extend({
  sort: FreightSort.default(defaultSort),
  offset: z.number().int().nonnegative().max(10_000_000).default(0),
  limit: z.number().int().min(1).max(maxPageSize).default(100),
  /** Columns to return; the catalogue's defaults when absent. The local id always comes back. */
  columns: distinctList(FreightColumnKey, 100).min(1).optional(),
  /**
   * Also answer the facet counts of these filters (as `freights.facets` would), computed in the
   * same read as the total: cheaper than asking twice when the filters change.
   */
  withFacets: z.boolean().default(false),
})
export type FreightQuery = z.infer<typeof FreightQuery>
export type FreightQueryInput = z.input<typeof FreightQuery>

export const facetKeys = ['status', 'provider', 'truckBody', 'loadingCountry'] as const
export type FacetKey = (typeof facetKeys)[number]

export const FacetCount = z.object({ value: z.string(), count: z.number().int().positive() })
export type FacetCount = z.infer<typeof FacetCount>

/**
 * Counts per value for the filter controls, each computed with every current filter except its
 * own (so a status filter does not hide the other statuses' counts). Only values that occur are
 * listed, most frequent first.
 */
export const FreightFacets = z.object({
  status: z.array(FacetCount),
  provider: z.array(FacetCount),
  truckBody: z.array(FacetCount),
  loadingCountry: z.array(FacetCount),
})
export type FreightFacets = z.infer<typeof FreightFacets>

export const FreightPage = z.object({
  rows: z.array(FreightRow),
  /** How many freights match the filters, over all pages. */
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  /** The columns each row carries (besides `id`), in the order asked for. */
  columns: z.array(FreightColumnKey),
  /** Present when the query asked `withFacets`. */
  facets: FreightFacets.optional(),
})
export type FreightPage = z.infer<typeof FreightPage>

export const FreightGetInput = z.strictObject({ id: FreightId })

/** Changes the dispatcher's local facts of one or more freights; fields left out stay as they are. */
export const AnnotateInput = z
  .strictObject({
    ids: distinctList(FreightId, 1000).min(1),
    seen: z.boolean().optional(),
    hidden: z.boolean().optional(),
    note: z.string().max(4000).optional(),
    tags: distinctList(Tag, 20).optional(),
  })
  .refine(
    (input) =>
      input.seen !== undefined ||
      input.hidden !== undefined ||
      input.note !== undefined ||
      input.tags !== undefined,
    { message: 'Name at least one of seen, hidden, note or tags to change' },
  )
export type AnnotateInput = z.infer<typeof AnnotateInput>
