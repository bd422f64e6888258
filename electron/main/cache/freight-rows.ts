/**
 * The freight <-> row mapping: the one place that knows which column holds which field, and the
 * derived columns computed at write time (local days, folded keys, bit masks, the facet key, the
 * search text, the content hash). Instants are stored as milliseconds since the epoch (UTC).
 */
import { hash } from 'node:crypto'
import {
  freightStatuses,
  providers,
  publicationTypes,
  truckBodies,
  vehicleSizes,
  type Contact,
  type Freight,
  type FreightAnnotation,
  type FreightStatus,
  type NormalizedFreight,
  type PaymentMethod,
  type Provider,
  type Stop,
} from '@shared/domain/freight'
import { localDate } from '@shared/domain/time'
import { maskOf, valuesOf } from './bit-sets'
import { postalKey, searchFieldsOf, searchText, textKey } from './search-keys'

/**
 * Bumped whenever the derived columns are computed differently; it is part of every content hash,
 * so the next sync rewrites rows stored by an older build.
 */
const rowFormat = 1

/** The columns of `freights` a sync writes, in the order statements bind them. */
export const freightDataColumns = [
  'provider',
  'provider_id',
  'reference',
  'external_number',
  'status',
  'status_raw',
  'facet_key',
  'loading_country',
  'loading_postal_code',
  'loading_postal_key',
  'loading_locality',
  'loading_locality_key',
  'loading_start',
  'loading_end',
  'loading_time_zone',
  'loading_date',
  'unloading_country',
  'unloading_postal_code',
  'unloading_postal_key',
  'unloading_locality',
  'unloading_locality_key',
  'unloading_start',
  'unloading_end',
  'unloading_time_zone',
  'unloading_date',
  'transport_type',
  'truck_body_mask',
  'vehicle_size_mask',
  'length',
  'width',
  'height',
  'volume',
  'capacity',
  'loading_meters',
  'temperature_min',
  'temperature_max',
  'has_temperature',
  'price_value',
  'price_currency',
  'payment_term_days',
  'payment_method',
  'publication_state',
  'publication_mask',
  'contact_name',
  'contact_key',
  'created_at',
  'updated_at',
] as const

export type FreightDataColumn = (typeof freightDataColumns)[number]
export type SqlValue = string | number | null

/** One freight's data columns (everything a sync may change), keyed by column name. */
export type FreightDataRow = Record<FreightDataColumn, SqlValue>

/** The columns of `freight_details`: what only the detail view reads. */
export const freightDetailColumns = [
  'raw',
  'contacts',
  'loading_latitude',
  'loading_longitude',
  'unloading_latitude',
  'unloading_longitude',
] as const

export type FreightDetailColumn = (typeof freightDetailColumns)[number]
export type FreightDetailRow = Record<FreightDetailColumn, SqlValue>

/** Everything an upsert writes for one freight. */
export interface DerivedFreight {
  data: FreightDataRow
  details: FreightDetailRow
  /** The folded text the search index holds (without the dispatcher's note and tags). */
  search: string
}

/**
 * Status, provider and loading country packed into one small integer, so that facet counts group
 * on a single integer column: bits 0-3 the status, bits 4-5 the provider, bits 6 and up the
 * country (its two letters as a number in base 26).
 */
export function facetKey(status: FreightStatus, provider: Provider, country: string): number {
  const statusIndex = freightStatuses.indexOf(status)
  const providerIndex = providers.indexOf(provider)
  if (statusIndex < 0 || providerIndex < 0) throw new Error('Unknown status or provider')
  return countryNumber(country) * 64 + providerIndex * 16 + statusIndex
}

/** The parts of a facet key. */
export function facetKeyParts(key: number): {
  status: FreightStatus
  provider: Provider
  country: string
} {
  return {
    status: freightStatuses[key % 16]!,
    provider: providers[Math.floor(key / 16) % 4]!,
    country: countryOfNumber(Math.floor(key / 64)),
  }
}

const letterA = 65

/** `PL` -> 15 * 26 + 11. */
export function countryNumber(country: string): number {
  if (!/^[A-Z]{2}$/.test(country)) throw new Error(`Not a country code: ${country}`)
  return (country.charCodeAt(0) - letterA) * 26 + (country.charCodeAt(1) - letterA)
}

function countryOfNumber(value: number): string {
  return String.fromCharCode(letterA + Math.floor(value / 26), letterA + (value % 26))
}

/** Milliseconds since the epoch of a UTC ISO instant. */
export function instantMs(instant: string): number {
  const ms = Date.parse(instant)
  if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${instant}`)
  return ms
}

/** A stored instant as the ISO string the domain uses. */
export function instantText(ms: number): string {
  return new Date(ms).toISOString()
}

/**
 * Maps a normalized freight onto its columns, computing the derived ones. `rawJson` is the
 * payload as JSON, when the caller has it already.
 */
export function deriveFreight(
  freight: NormalizedFreight,
  rawJson: string = payloadJson(freight),
): DerivedFreight {
  const loading = stopColumns(freight.loading)
  const unloading = stopColumns(freight.unloading)
  const { price, dimensions, temperature } = freight
  const contactName = freight.contacts[0]?.name ?? null
  const data: FreightDataRow = {
    provider: freight.provider,
    provider_id: freight.providerId,
    reference: freight.reference,
    external_number: freight.externalNumber,
    status: freight.status,
    status_raw: freight.statusRaw,
    facet_key: facetKey(freight.status, freight.provider, loading.country),
    loading_country: loading.country,
    loading_postal_code: loading.postalCode,
    loading_postal_key: loading.postalKey,
    loading_locality: loading.locality,
    loading_locality_key: loading.localityKey,
    loading_start: loading.start,
    loading_end: loading.end,
    loading_time_zone: loading.timeZone,
    loading_date: loading.date,
    unloading_country: unloading.country,
    unloading_postal_code: unloading.postalCode,
    unloading_postal_key: unloading.postalKey,
    unloading_locality: unloading.locality,
    unloading_locality_key: unloading.localityKey,
    unloading_start: unloading.start,
    unloading_end: unloading.end,
    unloading_time_zone: unloading.timeZone,
    unloading_date: unloading.date,
    transport_type: freight.transportType,
    truck_body_mask: maskOf(freight.truckBodies, truckBodies),
    vehicle_size_mask: maskOf(freight.vehicleSizes, vehicleSizes),
    length: dimensions.length,
    width: dimensions.width,
    height: dimensions.height,
    volume: dimensions.volume,
    capacity: freight.capacity,
    loading_meters: freight.loadingMeters,
    temperature_min: temperature?.min ?? null,
    temperature_max: temperature?.max ?? null,
    has_temperature: temperature ? 1 : 0,
    price_value: price?.value ?? null,
    price_currency: price?.currency ?? null,
    payment_term_days: price?.paymentTermDays ?? null,
    payment_method: price?.paymentMethod ?? null,
    publication_state: freight.publication.state,
    publication_mask: maskOf(freight.publication.types, publicationTypes),
    contact_name: contactName,
    contact_key: contactName === null ? null : textKey(contactName),
    created_at: instantMs(freight.createdAt),
    updated_at: freight.updatedAt === null ? null : instantMs(freight.updatedAt),
  }
  const details: FreightDetailRow = {
    raw: rawJson,
    contacts: JSON.stringify(freight.contacts.map(compactContact)),
    loading_latitude: freight.loading.place.latitude ?? null,
    loading_longitude: freight.loading.place.longitude ?? null,
    unloading_latitude: freight.unloading.place.latitude ?? null,
    unloading_longitude: freight.unloading.place.longitude ?? null,
  }
  return { data, details, search: searchText(searchFieldsOf(freight), null) }
}

function stopColumns(stop: Stop) {
  const start = instantMs(stop.window.start)
  return {
    country: stop.place.country,
    postalCode: stop.place.postalCode,
    postalKey: postalKey(stop.place.postalCode),
    locality: stop.place.locality,
    localityKey: textKey(stop.place.locality),
    start,
    end: instantMs(stop.window.end),
    timeZone: stop.window.timeZone,
    date: localDate(new Date(start), stop.window.timeZone),
  }
}

function compactContact(contact: Contact): Contact {
  const compact: Contact = { name: contact.name }
  if (contact.phone !== undefined) compact.phone = contact.phone
  if (contact.email !== undefined) compact.email = contact.email
  return compact
}

/**
 * A hash of the normalized freight as the provider mapper gave it (and of the row format): equal
 * hashes mean the stored row need not be rewritten. 48 bits, an exact JavaScript number.
 * `rawJson` is the payload as JSON, when the caller has it already.
 */
export function contentHash(
  freight: NormalizedFreight,
  rawJson: string = payloadJson(freight),
): number {
  const { raw: _raw, ...normalized } = freight
  const text = `${rowFormat}\n${JSON.stringify(normalized)}\n${rawJson}`
  return hash('sha1', text, 'buffer').readUIntBE(0, 6)
}

/** The provider's payload as JSON text, as `freight_details.raw` holds it. */
export function payloadJson(freight: NormalizedFreight): string {
  return JSON.stringify(freight.raw) ?? 'null'
}

/** A freight row as read back for the detail view: data columns, details and the cache's own. */
export type StoredFreightRow = FreightDataRow &
  FreightDetailRow & {
    id: number
    account_id: string
    first_seen_at: number
    last_seen_at: number
    changed_at: number
    gone_at: number | null
  }

/** Builds the domain freight back from its stored row. */
export function fromStoredRow(row: StoredFreightRow): Freight {
  const text = (column: FreightDataColumn) => row[column] as string
  const maybeText = (column: FreightDataColumn) => row[column] as string | null
  const maybeNumber = (column: FreightDataColumn | FreightDetailColumn) =>
    row[column] as number | null
  const paymentTermDays = maybeNumber('payment_term_days')
  const paymentMethod = maybeText('payment_method') as PaymentMethod | null
  const priceValue = maybeNumber('price_value')
  const priceCurrency = maybeText('price_currency')
  const updatedAt = maybeNumber('updated_at')
  return {
    id: row.id,
    accountId: row.account_id,
    provider: text('provider') as Provider,
    providerId: text('provider_id'),
    reference: maybeText('reference'),
    externalNumber: maybeText('external_number'),
    status: text('status') as FreightStatus,
    statusRaw: text('status_raw'),
    loading: storedStop(row, 'loading'),
    unloading: storedStop(row, 'unloading'),
    transportType: maybeText('transport_type') as Freight['transportType'],
    truckBodies: valuesOf(row.truck_body_mask as number, truckBodies),
    vehicleSizes: valuesOf(row.vehicle_size_mask as number, vehicleSizes),
    dimensions: {
      length: maybeNumber('length'),
      width: maybeNumber('width'),
      height: maybeNumber('height'),
      volume: maybeNumber('volume'),
    },
    capacity: maybeNumber('capacity'),
    loadingMeters: maybeNumber('loading_meters'),
    temperature: row.has_temperature
      ? { min: maybeNumber('temperature_min'), max: maybeNumber('temperature_max') }
      : null,
    price:
      priceValue === null || priceCurrency === null
        ? null
        : {
            value: priceValue,
            currency: priceCurrency,
            ...(paymentTermDays === null ? {} : { paymentTermDays }),
            ...(paymentMethod === null ? {} : { paymentMethod }),
          },
    publication: {
      state: text('publication_state') as Freight['publication']['state'],
      types: valuesOf(row.publication_mask as number, publicationTypes),
    },
    contacts: JSON.parse(row.contacts as string) as Contact[],
    createdAt: instantText(row.created_at as number),
    updatedAt: updatedAt === null ? null : instantText(updatedAt),
    raw: JSON.parse(row.raw as string) as Freight['raw'],
    firstSeenAt: instantText(row.first_seen_at),
    lastSeenAt: instantText(row.last_seen_at),
    changedAt: instantText(row.changed_at),
    goneAt: row.gone_at === null ? null : instantText(row.gone_at),
  }
}

function storedStop(row: StoredFreightRow, end: 'loading' | 'unloading'): Stop {
  const latitude = row[`${end}_latitude`] as number | null
  const longitude = row[`${end}_longitude`] as number | null
  return {
    place: {
      country: row[`${end}_country`] as string,
      postalCode: row[`${end}_postal_code`] as string,
      locality: row[`${end}_locality`] as string,
      ...(latitude === null ? {} : { latitude }),
      ...(longitude === null ? {} : { longitude }),
    },
    window: {
      start: instantText(row[`${end}_start`] as number),
      end: instantText(row[`${end}_end`] as number),
      timeZone: row[`${end}_time_zone`] as string,
    },
  }
}

/** The annotation row as stored. */
export interface StoredAnnotationRow {
  freight_id: number
  seen: number
  hidden: number
  note: string
  tags: string
  updated_at: number
}

/** The annotation of a freight the dispatcher never annotated. */
export function emptyAnnotation(freightId: number): FreightAnnotation {
  return { freightId, seen: false, hidden: false, note: '', tags: [], updatedAt: null }
}

export function fromAnnotationRow(row: StoredAnnotationRow): FreightAnnotation {
  return {
    freightId: row.freight_id,
    seen: row.seen === 1,
    hidden: row.hidden === 1,
    note: row.note,
    tags: JSON.parse(row.tags) as string[],
    updatedAt: instantText(row.updated_at),
  }
}
