/**
 * The freight <-> row mapping: the one place that knows which column holds which field, and the
 * derived columns computed at write time (local days, folded keys, search text, content hash).
 */
import { createHash } from 'node:crypto'
import {
  publicationTypes,
  truckBodies,
  vehicleSizes,
  type Contact,
  type Freight,
  type FreightAnnotation,
  type NormalizedFreight,
  type PaymentMethod,
  type Stop,
} from '@shared/domain/freight'
import { canonicalInstant, localDate } from '@shared/domain/time'
import { foldedWords, foldText } from '@shared/text-fold'
import { maskOf } from './bit-sets'

/** Named parameters of one freight's data columns (everything a sync may change). */
export interface FreightDataRow {
  provider: string
  provider_id: string
  reference: string | null
  external_number: string | null
  status: string
  status_raw: string
  loading_country: string
  loading_postal_code: string
  loading_postal_key: string
  loading_locality: string
  loading_locality_key: string
  loading_latitude: number | null
  loading_longitude: number | null
  loading_start: string
  loading_end: string
  loading_time_zone: string
  loading_date: string
  unloading_country: string
  unloading_postal_code: string
  unloading_postal_key: string
  unloading_locality: string
  unloading_locality_key: string
  unloading_latitude: number | null
  unloading_longitude: number | null
  unloading_start: string
  unloading_end: string
  unloading_time_zone: string
  unloading_date: string
  transport_type: string | null
  truck_bodies: string
  vehicle_sizes: string
  truck_body_mask: number
  vehicle_size_mask: number
  length: number | null
  width: number | null
  height: number | null
  volume: number | null
  capacity: number | null
  loading_meters: number | null
  temperature_min: number | null
  temperature_max: number | null
  has_temperature: number
  price_value: number | null
  price_currency: string | null
  payment_term_days: number | null
  payment_method: string | null
  publication_state: string
  publication_types: string
  publication_mask: number
  contacts: string
  contact_name: string | null
  created_at: string
  updated_at: string | null
  /** Goes to freight_payloads, not to freights. */
  raw: string
}

/** The columns of `freights` a sync writes, in a fixed order (the payload lives beside them). */
export const freightDataColumns = [
  'provider',
  'provider_id',
  'reference',
  'external_number',
  'status',
  'status_raw',
  'loading_country',
  'loading_postal_code',
  'loading_postal_key',
  'loading_locality',
  'loading_locality_key',
  'loading_latitude',
  'loading_longitude',
  'loading_start',
  'loading_end',
  'loading_time_zone',
  'loading_date',
  'unloading_country',
  'unloading_postal_code',
  'unloading_postal_key',
  'unloading_locality',
  'unloading_locality_key',
  'unloading_latitude',
  'unloading_longitude',
  'unloading_start',
  'unloading_end',
  'unloading_time_zone',
  'unloading_date',
  'transport_type',
  'truck_bodies',
  'vehicle_sizes',
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
  'publication_types',
  'publication_mask',
  'contacts',
  'contact_name',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof FreightDataRow)[]

/** The row as read back: data columns plus the cache's own. */
export interface StoredFreightRow extends FreightDataRow {
  id: number
  account_id: string
  content_hash: string
  first_seen_at: string
  last_seen_at: string
  last_seen_run: string
  changed_at: string
  gone_at: string | null
}

/**
 * Postal codes as compared by the prefix filter: upper case, letters and digits only, and without
 * a leading country prefix written with a dash ("LT-01100" -> "01100", "110 00" -> "11000").
 */
export function postalKey(postalCode: string): string {
  return postalCode
    .toUpperCase()
    .replace(/^[A-Z]{2}-(?=\d)/, '')
    .replace(/[^\p{L}\p{N}]/gu, '')
}

/** Localities as compared and sorted: folded, single spaces ("Łódź" -> "lodz"). */
export function localityKey(locality: string): string {
  return foldText(locality).replace(/\s+/g, ' ').trim()
}

/** Maps a normalized freight onto its data columns, computing the derived ones. */
export function toDataRow(freight: NormalizedFreight): FreightDataRow {
  const loading = stopColumns(freight.loading)
  const unloading = stopColumns(freight.unloading)
  const price = freight.price
  return {
    provider: freight.provider,
    provider_id: freight.providerId,
    reference: freight.reference,
    external_number: freight.externalNumber,
    status: freight.status,
    status_raw: freight.statusRaw,
    loading_country: loading.country,
    loading_postal_code: loading.postalCode,
    loading_postal_key: loading.postalKey,
    loading_locality: loading.locality,
    loading_locality_key: loading.localityKey,
    loading_latitude: loading.latitude,
    loading_longitude: loading.longitude,
    loading_start: loading.start,
    loading_end: loading.end,
    loading_time_zone: loading.timeZone,
    loading_date: loading.date,
    unloading_country: unloading.country,
    unloading_postal_code: unloading.postalCode,
    unloading_postal_key: unloading.postalKey,
    unloading_locality: unloading.locality,
    unloading_locality_key: unloading.localityKey,
    unloading_latitude: unloading.latitude,
    unloading_longitude: unloading.longitude,
    unloading_start: unloading.start,
    unloading_end: unloading.end,
    unloading_time_zone: unloading.timeZone,
    unloading_date: unloading.date,
    transport_type: freight.transportType,
    truck_bodies: JSON.stringify(unique(freight.truckBodies)),
    vehicle_sizes: JSON.stringify(unique(freight.vehicleSizes)),
    truck_body_mask: maskOf(freight.truckBodies, truckBodies),
    vehicle_size_mask: maskOf(freight.vehicleSizes, vehicleSizes),
    length: freight.dimensions.length,
    width: freight.dimensions.width,
    height: freight.dimensions.height,
    volume: freight.dimensions.volume,
    capacity: freight.capacity,
    loading_meters: freight.loadingMeters,
    temperature_min: freight.temperature?.min ?? null,
    temperature_max: freight.temperature?.max ?? null,
    has_temperature: freight.temperature ? 1 : 0,
    price_value: price?.value ?? null,
    price_currency: price?.currency ?? null,
    payment_term_days: price?.paymentTermDays ?? null,
    payment_method: price?.paymentMethod ?? null,
    publication_state: freight.publication.state,
    publication_types: JSON.stringify(unique(freight.publication.types)),
    publication_mask: maskOf(freight.publication.types, publicationTypes),
    contacts: JSON.stringify(freight.contacts.map(compactContact)),
    contact_name: freight.contacts[0]?.name ?? null,
    created_at: canonicalInstant(freight.createdAt),
    updated_at: freight.updatedAt === null ? null : canonicalInstant(freight.updatedAt),
    raw: JSON.stringify(freight.raw) ?? 'null',
  }
}

function stopColumns(stop: Stop) {
  const start = canonicalInstant(stop.window.start)
  return {
    country: stop.place.country,
    postalCode: stop.place.postalCode,
    postalKey: postalKey(stop.place.postalCode),
    locality: stop.place.locality,
    localityKey: localityKey(stop.place.locality),
    latitude: stop.place.latitude ?? null,
    longitude: stop.place.longitude ?? null,
    start,
    end: canonicalInstant(stop.window.end),
    timeZone: stop.window.timeZone,
    date: localDate(start, stop.window.timeZone),
  }
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
}

function compactContact(contact: Contact): Contact {
  const compact: Contact = { name: contact.name }
  if (contact.phone !== undefined) compact.phone = contact.phone
  if (contact.email !== undefined) compact.email = contact.email
  return compact
}

/** A hash of everything a sync may change; equal hashes mean the row need not be rewritten. */
export function contentHash(row: FreightDataRow): string {
  const values = freightDataColumns.map((column) => row[column])
  // The payload is already JSON text; hashing it as is avoids escaping it a second time.
  return createHash('sha1').update(JSON.stringify(values)).update(row.raw).digest('base64url')
}

/** The fields the search index reads, as the freights table holds them. */
export type SearchFields = Pick<
  FreightDataRow,
  | 'reference'
  | 'external_number'
  | 'provider_id'
  | 'loading_country'
  | 'loading_postal_code'
  | 'loading_locality'
  | 'unloading_country'
  | 'unloading_postal_code'
  | 'unloading_locality'
  | 'contacts'
>

/**
 * The text the search index holds for one freight: references, numbers, both places, contacts,
 * and the dispatcher's note and tags, folded (lower case, no diacritics), words separated by
 * single spaces.
 */
export function searchDocument(
  row: SearchFields,
  annotation: { note: string; tags: readonly string[] } | null,
  contacts: readonly Contact[] = JSON.parse(row.contacts) as Contact[],
): string {
  const parts: Array<string | null | undefined> = [
    row.reference,
    row.external_number,
    row.provider_id,
    row.loading_country,
    row.loading_postal_code,
    row.loading_locality,
    row.unloading_country,
    row.unloading_postal_code,
    row.unloading_locality,
  ]
  for (const contact of contacts) parts.push(contact.name, contact.phone, contact.email)
  if (annotation) parts.push(annotation.note, ...annotation.tags)
  return foldedWords(parts.filter(Boolean).join(' ')).join(' ')
}

/** Builds the domain freight back from its stored row. */
export function fromStoredRow(row: StoredFreightRow): Freight {
  return {
    id: row.id,
    accountId: row.account_id,
    provider: row.provider as Freight['provider'],
    providerId: row.provider_id,
    reference: row.reference,
    externalNumber: row.external_number,
    status: row.status as Freight['status'],
    statusRaw: row.status_raw,
    loading: storedStop(row, 'loading'),
    unloading: storedStop(row, 'unloading'),
    transportType: row.transport_type as Freight['transportType'],
    truckBodies: JSON.parse(row.truck_bodies) as Freight['truckBodies'],
    vehicleSizes: JSON.parse(row.vehicle_sizes) as Freight['vehicleSizes'],
    dimensions: { length: row.length, width: row.width, height: row.height, volume: row.volume },
    capacity: row.capacity,
    loadingMeters: row.loading_meters,
    temperature: row.has_temperature
      ? { min: row.temperature_min, max: row.temperature_max }
      : null,
    price:
      row.price_value === null || row.price_currency === null
        ? null
        : {
            value: row.price_value,
            currency: row.price_currency,
            ...(row.payment_term_days === null ? {} : { paymentTermDays: row.payment_term_days }),
            ...(row.payment_method === null
              ? {}
              : { paymentMethod: row.payment_method as PaymentMethod }),
          },
    publication: {
      state: row.publication_state as Freight['publication']['state'],
      types: JSON.parse(row.publication_types) as Freight['publication']['types'],
    },
    contacts: JSON.parse(row.contacts) as Contact[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    raw: JSON.parse(row.raw) as Freight['raw'],
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    changedAt: row.changed_at,
    goneAt: row.gone_at,
  }
}

function storedStop(row: StoredFreightRow, end: 'loading' | 'unloading'): Stop {
  const latitude = row[`${end}_latitude`]
  const longitude = row[`${end}_longitude`]
  return {
    place: {
      country: row[`${end}_country`],
      postalCode: row[`${end}_postal_code`],
      locality: row[`${end}_locality`],
      ...(latitude === null ? {} : { latitude }),
      ...(longitude === null ? {} : { longitude }),
    },
    window: {
      start: row[`${end}_start`],
      end: row[`${end}_end`],
      timeZone: row[`${end}_time_zone`],
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
  updated_at: string
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
    updatedAt: row.updated_at,
  }
}
