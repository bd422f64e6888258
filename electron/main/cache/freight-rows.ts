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
import { foldText } from '@shared/text-fold'
import { maskOf, valuesOf } from './bit-sets'

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

/** Localities and names as compared and sorted: folded, single spaces ("Łódź" -> "lodz"). */
export function textKey(text: string): string {
  return remembered(textKeys, text, () => foldText(text).replace(/\s+/g, ' ').trim())
}

/**
 * Remembers `compute()` for a short `text` in `cache`, which is emptied when it grows past 10,000
 * entries. Places, postal codes, countries and names repeat from freight to freight, and folding
 * them is a good part of what storing a freight costs.
 */
function remembered<T>(cache: Map<string, T>, text: string, compute: () => T): T {
  if (text.length > 64) return compute()
  let value = cache.get(text)
  if (value === undefined) {
    if (cache.size >= 10_000) cache.clear()
    value = compute()
    cache.set(text, value)
  }
  return value
}

const textKeys = new Map<string, string>()
const textTokenLists = new Map<string, readonly string[]>()

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

/** The fields the search index reads. */
export interface SearchFields {
  reference: string | null
  externalNumber: string | null
  providerId: string
  loading: { country: string; postalCode: string; locality: string }
  unloading: { country: string; postalCode: string; locality: string }
  contacts: readonly Contact[]
}

/** The searchable fields of a normalized freight. */
export function searchFieldsOf(freight: NormalizedFreight): SearchFields {
  return {
    reference: freight.reference,
    externalNumber: freight.externalNumber,
    providerId: freight.providerId,
    loading: freight.loading.place,
    unloading: freight.unloading.place,
    contacts: freight.contacts,
  }
}

/** Words split at white space, commas and semicolons; punctuation inside a word joins its parts. */
const wordSeparators = /[\s,;]+/u
const asciiRuns = /[a-z0-9]+/g
const unicodeRuns = /[\p{L}\p{N}]+/gu
const onlyAscii = /^[\p{ASCII}]*$/u

/** At most this many joined tokens per word (a long dotted or dashed word adds no more). */
const maxJoinsPerWord = 8

/** The letter-and-digit runs of each word of already folded text. */
function foldedWordRuns(folded: string): string[][] {
  const words: string[][] = []
  const runPattern = onlyAscii.test(folded) ? asciiRuns : unicodeRuns
  for (const word of folded.split(wordSeparators)) {
    const runs = word.match(runPattern)
    if (runs) words.push(runs)
  }
  return words
}

/**
 * The tokens a free text adds to the search index: each word's folded letter-and-digit runs, and
 * each run joined with the runs after it ("FR/2026/03/7ABC" -> fr, 2026, 03, 7abc, fr2026037abc,
 * 2026037abc, 037abc), so that a search term written with or without its punctuation, from any
 * part of the word on, is a prefix of one token.
 */
export function textTokens(text: string): readonly string[] {
  return remembered(textTokenLists, text, () => {
    const tokens: string[] = []
    for (const runs of foldedWordRuns(foldText(text))) {
      for (const run of runs) tokens.push(run)
      for (let start = 0; start < runs.length - 1 && start < maxJoinsPerWord; start++) {
        tokens.push(runs.slice(start).join(''))
      }
    }
    return tokens
  })
}

/**
 * The text the search index holds for one freight: references, numbers, both places, contacts,
 * and the dispatcher's note and tags, as tokens separated by single spaces.
 */
export function searchText(
  fields: SearchFields,
  annotation: { note: string; tags: readonly string[] } | null,
): string {
  const parts: Array<string | null | undefined> = [
    fields.reference,
    fields.externalNumber,
    fields.providerId,
    fields.loading.country,
    fields.loading.postalCode,
    fields.loading.locality,
    fields.unloading.country,
    fields.unloading.postalCode,
    fields.unloading.locality,
  ]
  for (const contact of fields.contacts) parts.push(contact.name, contact.phone, contact.email)
  if (annotation) parts.push(annotation.note, ...annotation.tags)
  const tokens: string[] = []
  for (const part of parts) if (part) tokens.push(...textTokens(part))
  return tokens.join(' ')
}

/**
 * The FTS5 query for the dispatcher's words: each word becomes one quoted prefix term of its
 * folded runs written together, and all must match. Quotes, `*`, `-`, `:`, parentheses and
 * operators such as NEAR or OR never reach FTS5 as syntax: only letters and digits do. Null when
 * the text holds no letters or digits.
 */
export function searchQuery(text: string): string | null {
  const terms = foldedWordRuns(foldText(text)).map((runs) => runs.join(''))
  return terms.length > 0 ? [...new Set(terms)].map((term) => `"${term}"*`).join(' AND ') : null
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
