/**
 * The column catalogue: every column a freight query can return, once. The cache compiles these
 * keys to SQL; the grid takes labels, value types, units and defaults from here, so it can render
 * query rows without knowing SQL.
 */
import { z } from 'zod'
import {
  freightStatuses,
  paymentMethods,
  providers,
  publicationStates,
  publicationTypes,
  transportTypes,
  truckBodies,
  vehicleSizes,
} from './freight'

export const columnValueTypes = [
  /** Free text, or null. */
  'text',
  /** A number, or null; see `unit`. */
  'number',
  /** A UTC instant (ISO string), or null; show it in `timeZoneColumn`'s zone when there is one. */
  'instant',
  /** A calendar day `YYYY-MM-DD` in the place's zone, or null. */
  'date',
  /** One of `values`, or null. */
  'enum',
  /** A list of strings (from `values` when given); empty when none. */
  'list',
  'boolean',
  /**
   * Where from and where to, with both windows: the value is the loading window's start (what it
   * sorts by); the places and windows come in its `companions`.
   */
  'route',
] as const
export type ColumnValueType = (typeof columnValueTypes)[number]

export interface ColumnDefinition {
  key: string
  label: string
  type: ColumnValueType
  /** Whether the query may sort on it: every column but the lists (a set has no order of its own). */
  sortable: boolean
  /** Whether a `FreightQuery` filter narrows on it (the grid may offer a filter for it). */
  filterable: boolean
  /** Shown when a view names no columns. */
  defaultVisible: boolean
  /** A sensible starting width in CSS pixels. */
  width: number
  unit?: string
  /** For enum and list columns: every value it can hold. */
  values?: readonly string[]
  /** For instant columns: the column holding the IANA zone to show it in (always returned with it). */
  timeZoneColumn?: string
  /**
   * For enum columns a provider may send a word outside of: the column holding the provider's own
   * word (always returned with it), shown in place of `unknown`.
   */
  rawValueColumn?: string
  /** Columns always returned with it, because its cell shows them too (a price's currency). */
  companions?: readonly string[]
  /**
   * Set for a column that is a fact of the row's account, not of the freight: the cache returns
   * this column instead, and whoever shows the row fills the value in from what it knows of the
   * accounts (the grid from the sync status it follows, an export from the sync runs).
   */
  derivedFrom?: string
}

/** What a Route cell shows besides its value (the loading start): both places and windows. */
const routeParts = [
  'loadingCountry',
  'loadingPostalCode',
  'loadingLocality',
  'loadingEnd',
  'loadingTimeZone',
  'unloadingCountry',
  'unloadingPostalCode',
  'unloadingLocality',
  'unloadingStart',
  'unloadingEnd',
  'unloadingTimeZone',
] as const

// One line per column reads as a table; prettier would spread each over eight lines. The order
// is the grid's default order: what a row must answer first (which load, where from and to and
// when, the price, the truck), then the rest.
// prettier-ignore
export const freightColumns = [
  { key: 'number', label: 'Number', type: 'text', sortable: true, filterable: false, defaultVisible: true, width: 172 },
  { key: 'route', label: 'Route', type: 'route', companions: routeParts, sortable: true, filterable: false, defaultVisible: true, width: 720 },
  { key: 'price', label: 'Price', type: 'number', companions: ['currency'], sortable: true, filterable: true, defaultVisible: true, width: 100 },
  { key: 'truckBodies', label: 'Truck bodies', type: 'list', values: truckBodies, sortable: false, filterable: true, defaultVisible: true, width: 130 },
  { key: 'vehicleSizes', label: 'Vehicle sizes', type: 'list', values: vehicleSizes, sortable: false, filterable: true, defaultVisible: true, width: 120 },
  { key: 'capacity', label: 'Capacity', type: 'number', unit: 't', sortable: true, filterable: false, defaultVisible: true, width: 105 },
  { key: 'loadingMeters', label: 'Loading metres', type: 'number', unit: 'ldm', sortable: true, filterable: false, defaultVisible: true, width: 190 },
  { key: 'status', label: 'Status', type: 'enum', values: freightStatuses, rawValueColumn: 'statusRaw', sortable: true, filterable: true, defaultVisible: true, width: 100 },
  { key: 'accountName', label: 'Account', type: 'text', sortable: true, filterable: true, defaultVisible: true, width: 175 },
  { key: 'changedAt', label: 'Last change', type: 'instant', sortable: true, filterable: false, defaultVisible: true, width: 150 },
  { key: 'seen', label: 'Seen', type: 'boolean', sortable: true, filterable: true, defaultVisible: false, width: 50 },
  { key: 'id', label: 'Local ID', type: 'number', sortable: true, filterable: false, defaultVisible: false, width: 80 },
  { key: 'provider', label: 'Provider', type: 'enum', values: providers, sortable: true, filterable: true, defaultVisible: false, width: 90 },
  { key: 'accountId', label: 'Account ID', type: 'text', sortable: true, filterable: true, defaultVisible: false, width: 140 },
  { key: 'accountSyncedAt', label: 'Account synced', type: 'instant', derivedFrom: 'accountId', sortable: false, filterable: false, defaultVisible: false, width: 120 },
  { key: 'providerId', label: 'Provider ID', type: 'text', sortable: true, filterable: true, defaultVisible: false, width: 120 },
  { key: 'reference', label: 'Reference', type: 'text', sortable: true, filterable: true, defaultVisible: false, width: 170 },
  { key: 'externalNumber', label: 'External number', type: 'text', sortable: true, filterable: true, defaultVisible: false, width: 140 },
  { key: 'statusRaw', label: 'Provider status', type: 'text', sortable: true, filterable: false, defaultVisible: false, width: 140 },
  { key: 'loadingCountry', label: 'Loading country', type: 'text', sortable: true, filterable: true, defaultVisible: false, width: 70 },
  { key: 'loadingPostalCode', label: 'Loading postal code', type: 'text', sortable: true, filterable: true, defaultVisible: false, width: 100 },
  { key: 'loadingLocality', label: 'Loading place', type: 'text', sortable: true, filterable: true, defaultVisible: false, width: 150 },
  { key: 'loadingStart', label: 'Loading from', type: 'instant', timeZoneColumn: 'loadingTimeZone', sortable: true, filterable: true, defaultVisible: false, width: 140 },
  { key: 'loadingEnd', label: 'Loading until', type: 'instant', timeZoneColumn: 'loadingTimeZone', sortable: true, filterable: false, defaultVisible: false, width: 140 },
  { key: 'loadingDate', label: 'Loading date', type: 'date', sortable: true, filterable: true, defaultVisible: false, width: 100 },
  { key: 'loadingTimeZone', label: 'Loading time zone', type: 'text', sortable: true, filterable: false, defaultVisible: false, width: 140 },
  { key: 'unloadingCountry', label: 'Unloading country', type: 'text', sortable: true, filterable: true, defaultVisible: false, width: 70 },
  { key: 'unloadingPostalCode', label: 'Unloading postal code', type: 'text', sortable: true, filterable: true, defaultVisible: false, width: 100 },
  { key: 'unloadingLocality', label: 'Unloading place', type: 'text', sortable: true, filterable: true, defaultVisible: false, width: 150 },
  { key: 'unloadingStart', label: 'Unloading from', type: 'instant', timeZoneColumn: 'unloadingTimeZone', sortable: true, filterable: true, defaultVisible: false, width: 140 },
  { key: 'unloadingEnd', label: 'Unloading until', type: 'instant', timeZoneColumn: 'unloadingTimeZone', sortable: true, filterable: false, defaultVisible: false, width: 140 },
  { key: 'unloadingDate', label: 'Unloading date', type: 'date', sortable: true, filterable: true, defaultVisible: false, width: 100 },
  { key: 'unloadingTimeZone', label: 'Unloading time zone', type: 'text', sortable: true, filterable: false, defaultVisible: false, width: 140 },
  { key: 'transportType', label: 'Transport', type: 'enum', values: transportTypes, sortable: true, filterable: false, defaultVisible: false, width: 80 },
  { key: 'length', label: 'Length', type: 'number', unit: 'm', sortable: true, filterable: false, defaultVisible: false, width: 70 },
  { key: 'width', label: 'Width', type: 'number', unit: 'm', sortable: true, filterable: false, defaultVisible: false, width: 70 },
  { key: 'height', label: 'Height', type: 'number', unit: 'm', sortable: true, filterable: false, defaultVisible: false, width: 70 },
  { key: 'volume', label: 'Volume', type: 'number', unit: 'm³', sortable: true, filterable: false, defaultVisible: false, width: 70 },
  { key: 'temperatureMin', label: 'Temperature min', type: 'number', unit: '°C', sortable: true, filterable: false, defaultVisible: false, width: 80 },
  { key: 'temperatureMax', label: 'Temperature max', type: 'number', unit: '°C', sortable: true, filterable: false, defaultVisible: false, width: 80 },
  { key: 'currency', label: 'Currency', type: 'text', sortable: true, filterable: true, defaultVisible: false, width: 70 },
  { key: 'paymentTermDays', label: 'Payment term', type: 'number', unit: 'days', sortable: true, filterable: false, defaultVisible: false, width: 90 },
  { key: 'paymentMethod', label: 'Payment', type: 'enum', values: paymentMethods, sortable: true, filterable: false, defaultVisible: false, width: 110 },
  { key: 'publicationState', label: 'Publication', type: 'enum', values: publicationStates, sortable: true, filterable: false, defaultVisible: false, width: 100 },
  { key: 'publicationTypes', label: 'Published to', type: 'list', values: publicationTypes, sortable: false, filterable: true, defaultVisible: false, width: 150 },
  { key: 'contactName', label: 'Contact', type: 'text', sortable: true, filterable: true, defaultVisible: false, width: 150 },
  { key: 'createdAt', label: 'Created', type: 'instant', sortable: true, filterable: false, defaultVisible: false, width: 140 },
  { key: 'updatedAt', label: 'Updated', type: 'instant', sortable: true, filterable: false, defaultVisible: false, width: 140 },
  { key: 'firstSeenAt', label: 'First synced', type: 'instant', sortable: true, filterable: false, defaultVisible: false, width: 140 },
  { key: 'lastSeenAt', label: 'Last synced', type: 'instant', sortable: true, filterable: false, defaultVisible: false, width: 140 },
  { key: 'goneAt', label: 'Gone since', type: 'instant', sortable: true, filterable: true, defaultVisible: false, width: 140 },
  { key: 'hidden', label: 'Hidden', type: 'boolean', sortable: true, filterable: true, defaultVisible: false, width: 60 },
  { key: 'note', label: 'Note', type: 'text', sortable: true, filterable: true, defaultVisible: false, width: 200 },
  { key: 'tags', label: 'Tags', type: 'list', sortable: false, filterable: true, defaultVisible: false, width: 140 },
] as const satisfies readonly ColumnDefinition[]

type Catalogue = (typeof freightColumns)[number]
export type FreightColumnKey = Catalogue['key']
/** Columns whose value belongs to the row's account (see `derivedFrom`). */
export type DerivedColumnKey = Extract<Catalogue, { derivedFrom: string }>['key']
/** Columns the cache stores and reads for each freight. */
export type StoredColumnKey = Exclude<FreightColumnKey, DerivedColumnKey>
export type SortableColumnKey = Extract<Catalogue, { sortable: true }>['key']

export const freightColumnKeys = freightColumns.map((column) => column.key) as [
  FreightColumnKey,
  ...FreightColumnKey[],
]
export const FreightColumnKey = z.enum(freightColumnKeys)

export const sortableColumnKeys = freightColumns
  .filter((column) => column.sortable)
  .map((column) => column.key) as [SortableColumnKey, ...SortableColumnKey[]]
export const SortableColumnKey = z.enum(sortableColumnKeys)

/** The columns shown when nothing else is asked for, in catalogue order. */
export const defaultColumnKeys: FreightColumnKey[] = freightColumns
  .filter((column) => column.defaultVisible)
  .map((column) => column.key)

const byKey = new Map<string, ColumnDefinition>(
  freightColumns.map((column) => [column.key, column]),
)

/** Whether `key` is filled in from the row's account rather than read from the cache. */
export function isDerivedColumn(key: FreightColumnKey): key is DerivedColumnKey {
  return byKey.get(key)?.derivedFrom !== undefined
}

/** The catalogue entry of a column key. */
export function freightColumn(key: FreightColumnKey): ColumnDefinition {
  const column = byKey.get(key)
  if (!column) throw new Error(`No freight column "${key}"`)
  return column
}

type CellValueOf<T extends ColumnValueType> = T extends 'number'
  ? number | null
  : T extends 'list'
    ? string[]
    : T extends 'boolean'
      ? boolean
      : string | null

/** One grid row: the local id plus the requested columns, keyed by column key. */
export type FreightRow = { id: number } & {
  [C in Catalogue as C['key']]?: CellValueOf<C['type']>
}

const cellSchemas: Record<ColumnValueType, z.ZodType> = {
  text: z.string().nullable(),
  route: z.string().nullable(),
  number: z.number().nullable(),
  instant: z.string().nullable(),
  date: z.string().nullable(),
  enum: z.string().nullable(),
  list: z.array(z.string()),
  boolean: z.boolean(),
}

export const FreightRow = z.strictObject({
  ...Object.fromEntries(
    freightColumns.map((column) => [column.key, cellSchemas[column.type].optional()]),
  ),
  id: z.number().int().positive(),
}) as unknown as z.ZodType<FreightRow>
