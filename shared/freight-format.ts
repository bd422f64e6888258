/**
 * How freight values read on screen and in exports: one formatter for both, so an exported file
 * says exactly what the grid showed. Dates, times and numbers go through a `Format` (shared/
 * format.ts): the dispatcher's locale, a place's times in the place's zone, named.
 */
import {
  freightColumn,
  type ColumnDefinition,
  type FreightColumnKey,
  type FreightRow,
} from './domain/freight-columns'
import type { Freight } from './domain/freight'
import type { Format } from './format'

/** Vocabulary values whose label is not their humanized form. */
const specialLabels: Record<string, string> = {
  spotgo: 'SpotGo',
  transeu: 'Trans.eu',
  ftl: 'FTL',
  ltl: 'LTL',
  multi_ftl: 'Multi FTL',
  bde: 'BDE',
  smartmatch: 'SmartMatch',
  'tank-body-20': 'Tank body 20 ft',
  'tank-body-40': 'Tank body 40 ft',
  '20-standard': '20 ft standard',
  '40-standard': '40 ft standard',
  '45-standard': '45 ft standard',
}

/** A vocabulary value as a dispatcher reads it: `standard-tent` -> "Standard tent". */
export function valueLabel(value: string): string {
  const special = specialLabels[value]
  if (special) return special
  const words = value.replace(/[-_]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A column's header: its label, and its unit in brackets where it has one. */
export function columnTitle(column: ColumnDefinition): string {
  return column.unit ? `${column.label} (${column.unit})` : column.label
}

/**
 * The number a provider shows for a freight: its reference, else the dispatcher's own number
 * (SpotGo's external number), else the provider's id.
 */
export function freightNumber(
  freight: Pick<Freight, 'reference' | 'externalNumber' | 'providerId'>,
): string {
  return freight.reference ?? freight.externalNumber ?? freight.providerId
}

/** "PL 50-001 Wrocław": a place as the Route column names it. */
export function placeText(country: unknown, postalCode: unknown, locality: unknown): string {
  return [country, postalCode, locality]
    .filter((part) => typeof part === 'string' && part)
    .join(' ')
}

/** A place of a route: country code, postal code, locality. */
export interface RoutePlace {
  country: string
  postalCode: string
  locality: string
}

/** The parts of a Route cell: both places, and both windows in their places' zones. */
export interface RouteParts {
  from: string
  to: string
  fromPlace: RoutePlace
  toPlace: RoutePlace
  loadingWindow: string
  unloadingWindow: string
}

/**
 * The route of `row` (which carries the Route column and its companions). When both windows'
 * zones have the same name at those times, the zone is named once, after the second.
 */
export function routeParts(row: FreightRow, format: Format): RouteParts {
  const cells = row as Record<string, unknown>
  const loadingStart = stringOr(cells.route ?? cells.loadingStart, '')
  const unloadingStart = stringOr(cells.unloadingStart, '')
  const loadingZone = stringOr(cells.loadingTimeZone, 'UTC')
  const unloadingZone = stringOr(cells.unloadingTimeZone, 'UTC')
  const sameZoneName =
    loadingStart !== '' &&
    unloadingStart !== '' &&
    format.zoneName(loadingStart, loadingZone) === format.zoneName(unloadingStart, unloadingZone)
  const window = (start: string, end: unknown, zone: string, nameZone: boolean) =>
    start ? format.window(start, stringOr(end, start), zone, nameZone) : ''
  const place = (country: unknown, postalCode: unknown, locality: unknown): RoutePlace => ({
    country: stringOr(country, ''),
    postalCode: stringOr(postalCode, ''),
    locality: stringOr(locality, ''),
  })
  return {
    from: placeText(cells.loadingCountry, cells.loadingPostalCode, cells.loadingLocality),
    to: placeText(cells.unloadingCountry, cells.unloadingPostalCode, cells.unloadingLocality),
    fromPlace: place(cells.loadingCountry, cells.loadingPostalCode, cells.loadingLocality),
    toPlace: place(cells.unloadingCountry, cells.unloadingPostalCode, cells.unloadingLocality),
    loadingWindow: window(loadingStart, cells.loadingEnd, loadingZone, !sameZoneName),
    unloadingWindow: window(unloadingStart, cells.unloadingEnd, unloadingZone, true),
  }
}

/** "PL 50-001 Wrocław → HU 7621 Pécs · 4 Sept, 06:00–12:00 CEST → 5 Sept, 10:00–13:00 CET" */
export function routeText(parts: RouteParts): string {
  const places = `${parts.from} → ${parts.to}`
  const windows = [parts.loadingWindow, parts.unloadingWindow].filter(Boolean).join(' → ')
  return windows ? `${places} · ${windows}` : places
}

const stringOr = (value: unknown, fallback: string) =>
  typeof value === 'string' && value !== '' ? value : fallback

/** The text of one cell of `row` as the grid shows it and exports write it; empty when none. */
export function formatCell(key: FreightColumnKey, row: FreightRow, format: Format): string {
  const column = freightColumn(key)
  const cells = row as Record<string, string | number | boolean | string[] | null | undefined>
  if (column.type === 'route') return cells.route == null ? '' : routeText(routeParts(row, format))
  const value = cells[key]
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) {
    return value.map((item) => (column.values ? valueLabel(item) : item)).join(', ')
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  // An id is a name, not an amount: no digit grouping.
  if (key === 'id') return String(value)
  if (typeof value === 'number') {
    const currency = key === 'price' ? cells.currency : undefined
    return typeof currency === 'string' && currency
      ? format.money(value, currency)
      : format.number(value)
  }
  switch (column.type) {
    case 'instant': {
      const zone = column.timeZoneColumn ? cells[column.timeZoneColumn] : undefined
      return format.dateTime(value, typeof zone === 'string' ? zone : null)
    }
    case 'date':
      return format.day(value)
    case 'enum': {
      // A word the provider sent outside the vocabulary shows as it came.
      const word = column.rawValueColumn ? cells[column.rawValueColumn] : undefined
      return value === 'unknown' && typeof word === 'string' && word !== ''
        ? word
        : valueLabel(value)
    }
    default:
      return value
  }
}
