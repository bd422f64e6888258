/**
 * How freight values read on screen and in exports: one formatter for both, so an exported file
 * says exactly what the grid showed. Instants are shown in the place's own zone with its
 * abbreviation ("2026-03-05 08:00 CET"), as dispatchers read loading windows; instants without a
 * place (created, synced, ...) in the dispatcher's zone. The output never depends on the machine's
 * locale.
 */
import {
  freightColumn,
  type ColumnDefinition,
  type FreightColumnKey,
  type FreightRow,
} from './domain/freight-columns'

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

const instantFormatters = new Map<string, Intl.DateTimeFormat>()

function instantFormatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? ''
  let formatter = instantFormatters.get(key)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      ...(timeZone ? { timeZone } : {}),
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    })
    instantFormatters.set(key, formatter)
  }
  return formatter
}

/** Formatted instants by zone and instant: asking Intl is the costliest part of drawing a row. */
const formatted = new Map<string, string>()
const maxFormatted = 20_000

/**
 * `YYYY-MM-DD HH:mm ZONE` of a UTC instant in `timeZone` (the dispatcher's zone when absent).
 * An unknown zone falls back to UTC rather than failing a whole page.
 */
export function formatInstant(instant: string, timeZone?: string | null): string {
  const key = `${timeZone ?? ''}\u0000${instant}`
  const known = formatted.get(key)
  if (known !== undefined) return known
  const text = formatInstantUncached(instant, timeZone)
  if (formatted.size >= maxFormatted) formatted.clear()
  formatted.set(key, text)
  return text
}

function formatInstantUncached(instant: string, timeZone?: string | null): string {
  const date = new Date(instant)
  if (Number.isNaN(date.getTime())) return instant
  let formatter: Intl.DateTimeFormat
  try {
    formatter = instantFormatter(timeZone ?? undefined)
  } catch {
    formatter = instantFormatter('UTC')
  }
  const parts: Record<string, string> = {}
  for (const part of formatter.formatToParts(date)) parts[part.type] = part.value
  const zone = parts.timeZoneName ?? ''
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}${zone ? ` ${zone}` : ''}`
}

/** Numbers with a point and at most two decimals, never grouped: 13.6, 24, 1250. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value)
  return String(Math.round(value * 100) / 100)
}

/** The text of one cell of `row` as the grid shows it and exports write it; empty when none. */
export function formatCell(key: FreightColumnKey, row: FreightRow): string {
  const column = freightColumn(key)
  const cells = row as Record<string, string | number | boolean | string[] | null | undefined>
  const value = cells[key]
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) {
    return value.map((item) => (column.values ? valueLabel(item) : item)).join(', ')
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (typeof value === 'number') return formatNumber(value)
  switch (column.type) {
    case 'instant': {
      const zone = column.timeZoneColumn ? cells[column.timeZoneColumn] : undefined
      return formatInstant(value, typeof zone === 'string' ? zone : undefined)
    }
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
