/**
 * A reference implementation of `FreightQuery` over plain objects, written from the query's
 * documented meaning and sharing no code with the SQL compiler, so tests can compare the cache's
 * answers with it on many generated freights.
 */
import {
  publicationTypes,
  truckBodies,
  vehicleSizes,
  type NormalizedFreight,
} from '@shared/domain/freight'
import type { SortableColumnKey, StoredColumnKey } from '@shared/domain/freight-columns'
import type {
  FacetKey,
  FreightFacets,
  FreightFilter,
  FreightQuery,
  SortKey,
} from '@shared/domain/freight-query'
import { foldText } from '@shared/text-fold'

/** One cached freight as the test knows it. */
export interface OracleEntry {
  id: number
  accountId: string
  accountName: string
  freight: NormalizedFreight
  seen: boolean
  hidden: boolean
  note: string
  tags: string[]
  goneAt: string | null
  /** What the cache itself decided: when it first stored, last saw and last changed the row. */
  firstSeenAt: string
  lastSeenAt: string
  changedAt: string
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>()

/** The local calendar day, via a Swedish date format (YYYY-MM-DD), independent of the cache's code. */
export function oracleLocalDay(instant: string, timeZone: string): string {
  let formatter = dayFormatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    dayFormatters.set(timeZone, formatter)
  }
  return formatter.format(new Date(instant))
}

/** Today in this machine's zone (the dispatcher's), as a calendar day. */
export function oracleToday(): string {
  return oracleLocalDay(new Date().toISOString(), Intl.DateTimeFormat().resolvedOptions().timeZone)
}

function postalNormal(code: string): string {
  return code
    .toUpperCase()
    .replace(/^[A-Z]{2}-(?=\d)/, '')
    .replace(/[^\p{L}\p{N}]/gu, '')
}

function localityNormal(locality: string): string {
  return foldText(locality).replace(/\s+/g, ' ').trim()
}

/** A set in the order of its vocabulary, as the cache gives sets back. */
function inVocabularyOrder(values: readonly string[], vocabulary: readonly string[]): string[] {
  return vocabulary.filter((value) => values.includes(value))
}

/** Folded words of a text: split at white space, commas and semicolons. */
function foldedWordsOf(text: string): string[] {
  return foldText(text)
    .split(/[\s,;]+/u)
    .filter((word) => word.length > 0)
}

/** The letter-and-digit runs of one folded word. */
function runsOf(word: string): string[] {
  return word.match(/[\p{L}\p{N}]+/gu) ?? []
}

/**
 * What a query word may be a prefix of, in one word of the freight: each run on its own, and each
 * run written together with the runs after it (for the first eight runs).
 */
function wordKeys(word: string): string[] {
  const runs = runsOf(word)
  const keys = [...runs]
  for (let start = 0; start < Math.min(runs.length - 1, 8); start++) {
    keys.push(runs.slice(start).join(''))
  }
  return keys
}

function searchKeys(entry: OracleEntry): string[] {
  const f = entry.freight
  const fields = [
    f.reference,
    f.externalNumber,
    f.providerId,
    f.loading.place.country,
    f.loading.place.postalCode,
    f.loading.place.locality,
    f.unloading.place.country,
    f.unloading.place.postalCode,
    f.unloading.place.locality,
    ...f.contacts.flatMap((contact) => [contact.name, contact.phone, contact.email]),
    entry.note,
    ...entry.tags,
  ]
  return fields.flatMap((field) => (field ? foldedWordsOf(field).flatMap(wordKeys) : []))
}

/** Every query word, its runs written together, must start one of the freight's search keys. */
function matchesText(entry: OracleEntry, text: string): boolean {
  const terms = foldedWordsOf(text)
    .map((word) => runsOf(word).join(''))
    .filter((term) => term.length > 0)
  if (terms.length === 0) return true
  const keys = searchKeys(entry)
  return terms.every((term) => keys.some((key) => key.startsWith(term)))
}

function matchesStop(
  stop: NormalizedFreight['loading'],
  filter: FreightFilter['loading'],
  skipCountries = false,
): boolean {
  if (!filter) return true
  if (
    !skipCountries &&
    filter.countries?.length &&
    !filter.countries.includes(stop.place.country)
  ) {
    return false
  }
  if (filter.postalCodePrefix) {
    const prefix = postalNormal(filter.postalCodePrefix)
    if (prefix && !postalNormal(stop.place.postalCode).startsWith(prefix)) return false
  }
  if (filter.locality) {
    const prefix = localityNormal(filter.locality)
    if (prefix && !localityNormal(stop.place.locality).startsWith(prefix)) return false
  }
  const day = oracleLocalDay(stop.window.start, stop.window.timeZone)
  if (filter.dateFrom && day < filter.dateFrom) return false
  if (filter.fromToday && day < oracleToday()) return false
  if (filter.dateTo && day > filter.dateTo) return false
  return true
}

/** Whether `entry` passes `filter`, leaving out the facet `omit`'s own filter. */
export function oracleMatches(entry: OracleEntry, filter: FreightFilter, omit?: FacetKey): boolean {
  const f = entry.freight
  if (filter.text && !matchesText(entry, filter.text)) return false
  if (omit !== 'provider' && filter.providers?.length && !filter.providers.includes(f.provider)) {
    return false
  }
  if (filter.accountIds?.length && !filter.accountIds.includes(entry.accountId)) return false
  if (omit !== 'status' && filter.statuses?.length && !filter.statuses.includes(f.status)) {
    return false
  }
  if (
    filter.publicationTypes?.length &&
    !f.publication.types.some((type) => filter.publicationTypes!.includes(type))
  ) {
    return false
  }
  if (
    omit !== 'truckBody' &&
    filter.truckBodies?.length &&
    !f.truckBodies.some((body) => filter.truckBodies!.includes(body))
  ) {
    return false
  }
  if (
    filter.vehicleSizes?.length &&
    f.vehicleSizes.length > 0 &&
    !f.vehicleSizes.some((size) => filter.vehicleSizes!.includes(size))
  ) {
    return false
  }
  if (!matchesStop(f.loading, filter.loading, omit === 'loadingCountry')) return false
  if (!matchesStop(f.unloading, filter.unloading)) return false
  if (filter.price) {
    const { min, max, currencies } = filter.price
    if (min !== undefined && (f.price === null || f.price.value < min)) return false
    if (max !== undefined && (f.price === null || f.price.value > max)) return false
    if (currencies?.length && (f.price === null || !currencies.includes(f.price.currency))) {
      return false
    }
  }
  if (!filter.includeGone && entry.goneAt !== null) return false
  if (!filter.includeHidden && entry.hidden) return false
  if (filter.seen !== undefined && entry.seen !== filter.seen) return false
  return true
}

type Value = string | number | boolean | null | string[]

/** A column's value for one entry, as the grid should receive it. */
export function oracleValue(entry: OracleEntry, key: StoredColumnKey): Value {
  const f = entry.freight
  const stop = (end: 'loading' | 'unloading') => f[end]
  switch (key) {
    case 'id':
      return entry.id
    case 'number':
      return f.reference ?? f.externalNumber ?? f.providerId
    case 'route':
      return new Date(f.loading.window.start).toISOString()
    case 'provider':
      return f.provider
    case 'accountId':
      return entry.accountId
    case 'accountName':
      return entry.accountName
    case 'providerId':
      return f.providerId
    case 'reference':
      return f.reference
    case 'externalNumber':
      return f.externalNumber
    case 'status':
      return f.status
    case 'statusRaw':
      return f.statusRaw
    case 'loadingCountry':
    case 'unloadingCountry':
      return stop(key.startsWith('loading') ? 'loading' : 'unloading').place.country
    case 'loadingPostalCode':
    case 'unloadingPostalCode':
      return stop(key.startsWith('loading') ? 'loading' : 'unloading').place.postalCode
    case 'loadingLocality':
    case 'unloadingLocality':
      return stop(key.startsWith('loading') ? 'loading' : 'unloading').place.locality
    case 'loadingStart':
    case 'unloadingStart':
      return new Date(
        stop(key.startsWith('loading') ? 'loading' : 'unloading').window.start,
      ).toISOString()
    case 'loadingEnd':
    case 'unloadingEnd':
      return new Date(
        stop(key.startsWith('loading') ? 'loading' : 'unloading').window.end,
      ).toISOString()
    case 'loadingDate':
    case 'unloadingDate': {
      const window = stop(key.startsWith('loading') ? 'loading' : 'unloading').window
      return oracleLocalDay(window.start, window.timeZone)
    }
    case 'loadingTimeZone':
    case 'unloadingTimeZone':
      return stop(key.startsWith('loading') ? 'loading' : 'unloading').window.timeZone
    case 'transportType':
      return f.transportType
    case 'truckBodies':
      return inVocabularyOrder(f.truckBodies, truckBodies)
    case 'vehicleSizes':
      return inVocabularyOrder(f.vehicleSizes, vehicleSizes)
    case 'length':
    case 'width':
    case 'height':
    case 'volume':
      return f.dimensions[key]
    case 'capacity':
      return f.capacity
    case 'loadingMeters':
      return f.loadingMeters
    case 'temperatureMin':
      return f.temperature?.min ?? null
    case 'temperatureMax':
      return f.temperature?.max ?? null
    case 'price':
      return f.price?.value ?? null
    case 'currency':
      return f.price?.currency ?? null
    case 'paymentTermDays':
      return f.price?.paymentTermDays ?? null
    case 'paymentMethod':
      return f.price?.paymentMethod ?? null
    case 'publicationState':
      return f.publication.state
    case 'publicationTypes':
      return inVocabularyOrder(f.publication.types, publicationTypes)
    case 'contactName':
      return f.contacts[0]?.name ?? null
    case 'createdAt':
      return new Date(f.createdAt).toISOString()
    case 'updatedAt':
      return f.updatedAt === null ? null : new Date(f.updatedAt).toISOString()
    case 'goneAt':
      return entry.goneAt
    case 'seen':
      return entry.seen
    case 'hidden':
      return entry.hidden
    case 'note':
      return entry.note
    case 'tags':
      return entry.tags
    case 'firstSeenAt':
    case 'lastSeenAt':
    case 'changedAt':
      return entry[key]
  }
}

/** The value a sort compares: localities, contact names and postal codes by folded keys. */
function sortValue(entry: OracleEntry, key: SortableColumnKey): Value {
  if (key === 'loadingLocality' || key === 'unloadingLocality' || key === 'contactName') {
    const value = oracleValue(entry, key) as string | null
    return value === null ? null : localityNormal(value)
  }
  if (key === 'loadingPostalCode' || key === 'unloadingPostalCode') {
    return postalNormal(oracleValue(entry, key) as string)
  }
  return oracleValue(entry, key)
}

/** SQLite's order: NULL lowest, then numbers, then text by its UTF-8 bytes. */
function compareValues(a: Value, b: Value): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  const left = typeof a === 'boolean' ? Number(a) : a
  const right = typeof b === 'boolean' ? Number(b) : b
  if (typeof left === 'number' && typeof right === 'number') return left - right
  if (typeof left === 'number') return -1
  if (typeof right === 'number') return 1
  return Buffer.compare(Buffer.from(String(left)), Buffer.from(String(right)))
}

/** Sorted by the keys; ties by id, in the direction of the first key. */
export function oracleSort(
  entries: readonly OracleEntry[],
  sort: readonly SortKey[],
): OracleEntry[] {
  const tie = sort[0]?.direction === 'desc' ? -1 : 1
  return [...entries].sort((a, b) => {
    for (const key of sort) {
      const order = compareValues(sortValue(a, key.column), sortValue(b, key.column))
      if (order !== 0) return key.direction === 'desc' ? -order : order
    }
    return (a.id - b.id) * tie
  })
}

/** The ids a query should return, in order, and its total. */
export function oracleQuery(
  entries: readonly OracleEntry[],
  query: FreightQuery,
): { ids: number[]; total: number } {
  const matching = oracleSort(
    entries.filter((entry) => oracleMatches(entry, query)),
    query.sort,
  )
  return {
    ids: matching.slice(query.offset, query.offset + query.limit).map((entry) => entry.id),
    total: matching.length,
  }
}

/** Facet counts as `freights.facets` should give them. */
export function oracleFacets(
  entries: readonly OracleEntry[],
  filter: FreightFilter,
): FreightFacets {
  const count = (facet: FacetKey, values: (entry: OracleEntry) => string[]) => {
    const counts = new Map<string, number>()
    for (const entry of entries) {
      if (!oracleMatches(entry, filter, facet)) continue
      for (const value of values(entry)) counts.set(value, (counts.get(value) ?? 0) + 1)
    }
    return [...counts]
      .map(([value, n]) => ({ value, count: n }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
  }
  return {
    status: count('status', (entry) => [entry.freight.status]),
    provider: count('provider', (entry) => [entry.freight.provider]),
    truckBody: count('truckBody', (entry) => [...new Set(entry.freight.truckBodies)]),
    loadingCountry: count('loadingCountry', (entry) => [entry.freight.loading.place.country]),
  }
}
