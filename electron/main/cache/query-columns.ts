/**
 * The SQL of every stored catalogue column: what selects it, what sorts it and how its value is
 * decoded from the row.
 */
import { publicationTypes, truckBodies, vehicleSizes } from '@shared/domain/freight'
import { type StoredColumnKey } from '@shared/domain/freight-columns'
import { valuesOf } from './bit-sets'
import { instantText } from './freight-rows'

export type CellValue = string | number | boolean | null | string[]

interface ColumnSql {
  /** The SQL expression that reads it (over `freights f` and, when `annotation`, `freight_annotations a`). */
  select: string
  /** What ORDER BY uses, when not the selected value (folded keys sort Łódź with the Ls). */
  sort?: string
  annotation?: true
  decode?: (value: unknown) => CellValue
}

const instant = (value: unknown): CellValue => (value === null ? null : instantText(Number(value)))
const json = (value: unknown): CellValue => JSON.parse(String(value)) as string[]
const bool = (value: unknown): CellValue => value === 1
const setOf =
  (vocabulary: readonly string[]) =>
  (value: unknown): CellValue =>
    valuesOf(Number(value), vocabulary)

/**
 * Every stored catalogue column's SQL; the Record type makes a column without SQL a compile error.
 * Derived columns (a fact of the account) have none: the page carries their source column.
 */
export const columnSql: Record<StoredColumnKey, ColumnSql> = {
  id: { select: 'f.id' },
  number: { select: 'coalesce(f.reference, f.external_number, f.provider_id)' },
  // The Route column sorts by its loading window (soonest first), as a dispatcher plans.
  route: { select: 'f.loading_start', decode: instant },
  provider: { select: 'f.provider' },
  accountId: { select: 'f.account_id' },
  accountName: { select: '(SELECT name FROM accounts WHERE accounts.id = f.account_id)' },
  providerId: { select: 'f.provider_id' },
  reference: { select: 'f.reference' },
  externalNumber: { select: 'f.external_number' },
  status: { select: 'f.status' },
  statusRaw: { select: 'f.status_raw' },
  loadingCountry: { select: 'f.loading_country' },
  loadingPostalCode: { select: 'f.loading_postal_code', sort: 'f.loading_postal_key' },
  loadingLocality: { select: 'f.loading_locality', sort: 'f.loading_locality_key' },
  loadingStart: { select: 'f.loading_start', decode: instant },
  loadingEnd: { select: 'f.loading_end', decode: instant },
  loadingDate: { select: 'f.loading_date' },
  loadingTimeZone: { select: 'f.loading_time_zone' },
  unloadingCountry: { select: 'f.unloading_country' },
  unloadingPostalCode: { select: 'f.unloading_postal_code', sort: 'f.unloading_postal_key' },
  unloadingLocality: { select: 'f.unloading_locality', sort: 'f.unloading_locality_key' },
  unloadingStart: { select: 'f.unloading_start', decode: instant },
  unloadingEnd: { select: 'f.unloading_end', decode: instant },
  unloadingDate: { select: 'f.unloading_date' },
  unloadingTimeZone: { select: 'f.unloading_time_zone' },
  transportType: { select: 'f.transport_type' },
  truckBodies: { select: 'f.truck_body_mask', decode: setOf(truckBodies) },
  vehicleSizes: { select: 'f.vehicle_size_mask', decode: setOf(vehicleSizes) },
  length: { select: 'f.length' },
  width: { select: 'f.width' },
  height: { select: 'f.height' },
  volume: { select: 'f.volume' },
  capacity: { select: 'f.capacity' },
  loadingMeters: { select: 'f.loading_meters' },
  temperatureMin: { select: 'f.temperature_min' },
  temperatureMax: { select: 'f.temperature_max' },
  price: { select: 'f.price_value' },
  currency: { select: 'f.price_currency' },
  paymentTermDays: { select: 'f.payment_term_days' },
  paymentMethod: { select: 'f.payment_method' },
  publicationState: { select: 'f.publication_state' },
  publicationTypes: { select: 'f.publication_mask', decode: setOf(publicationTypes) },
  contactName: { select: 'f.contact_name', sort: 'f.contact_key' },
  createdAt: { select: 'f.created_at', decode: instant },
  updatedAt: { select: 'f.updated_at', decode: instant },
  firstSeenAt: { select: 'f.first_seen_at', decode: instant },
  lastSeenAt: { select: 'f.last_seen_at', decode: instant },
  changedAt: { select: 'f.changed_at', decode: instant },
  goneAt: { select: 'f.gone_at', decode: instant },
  seen: { select: 'f.local_seen', decode: bool },
  hidden: { select: 'f.local_hidden', decode: bool },
  note: { select: "coalesce(a.note, '')", annotation: true },
  tags: { select: "coalesce(a.tags, '[]')", annotation: true, decode: json },
}
