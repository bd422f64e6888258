/**
 * Instants and local calendar days. Freights carry UTC instants plus the IANA time zone of the
 * place; dispatchers think in the place's local day, never in the machine's zone.
 */
import { z } from 'zod'

/** A UTC instant in ISO 8601 (`2026-03-05T21:30:00.000Z`); offsets other than Z are refused. */
export const Instant = z.iso.datetime({
  message: 'Must be a UTC date and time such as 2026-03-05T08:00:00Z',
})
export type Instant = z.infer<typeof Instant>

/** A calendar day, `YYYY-MM-DD`. */
export const LocalDate = z.iso.date({ message: 'Must be a date such as 2026-03-05' })
export type LocalDate = z.infer<typeof LocalDate>

/** Whether `timeZone` is an IANA zone this runtime knows (Europe/Vilnius, UTC, ...). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false
  try {
    dayTimeFormatter(timeZone)
    return true
  } catch {
    return false
  }
}

export const TimeZone = z
  .string()
  .refine(isValidTimeZone, { message: 'Must be an IANA time zone such as Europe/Warsaw' })

const hourMs = 3_600_000
const dayMs = 86_400_000
/**
 * Zone offsets by zone and UTC day, for days the offset does not change in, and by zone and UTC
 * hour within the days it does (offsets change at most once in an hour).
 */
const offsetsByDay = new Map<string, Map<number, number>>()
const offsetsByHour = new Map<string, Map<number, number>>()
const maxCachedOffsets = 10_000

/** How far `timeZone` is ahead of UTC at `epochMs`, in milliseconds. */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 }
  for (const part of dayTimeFormatter(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value)
  }
  const { year, month, day, hour, minute, second } = fields
  const wall = Date.UTC(year, month - 1, day, hour, minute, second)
  return wall - Math.floor(epochMs / 1000) * 1000
}

const dayTimeFormatters = new Map<string, Intl.DateTimeFormat>()

function dayTimeFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayTimeFormatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    dayTimeFormatters.set(timeZone, formatter)
  }
  return formatter
}

/**
 * The calendar day `instant` falls on in `timeZone` (not in the machine's zone). Asking the time
 * zone database is slow, so the offset is remembered per zone and UTC day when it does not change
 * within that day, else per zone and UTC hour when it does not change within that hour.
 */
export function localDate(instant: string | Date, timeZone: string): LocalDate {
  const epochMs = typeof instant === 'string' ? Date.parse(instant) : instant.getTime()
  if (Number.isNaN(epochMs)) throw new RangeError(`Not an instant: ${String(instant)}`)
  const offset =
    steadyOffset(offsetsByDay, dayMs, epochMs, timeZone) ??
    steadyOffset(offsetsByHour, hourMs, epochMs, timeZone) ??
    zoneOffsetMs(epochMs, timeZone)
  return new Date(epochMs + offset).toISOString().slice(0, 10)
}

/**
 * The offset of `timeZone` over the `spanMs`-long UTC span `epochMs` falls in, remembered in
 * `cache`; null when the offset changes within that span.
 */
function steadyOffset(
  cache: Map<string, Map<number, number>>,
  spanMs: number,
  epochMs: number,
  timeZone: string,
): number | null {
  const span = Math.floor(epochMs / spanMs)
  let spans = cache.get(timeZone)
  let offset = spans?.get(span)
  if (offset === undefined) {
    const atStart = zoneOffsetMs(span * spanMs, timeZone)
    const atEnd = zoneOffsetMs(span * spanMs + spanMs - 1, timeZone)
    // NaN remembers that the offset changes within the span.
    offset = atStart === atEnd ? atStart : Number.NaN
    if (!spans) cache.set(timeZone, (spans = new Map<number, number>()))
    if (spans.size >= maxCachedOffsets) spans.clear()
    spans.set(span, offset)
  }
  return Number.isNaN(offset) ? null : offset
}

const canonicalForm = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** `instant` as a UTC ISO string with milliseconds, so stored instants compare as text. */
export function canonicalInstant(instant: string): Instant {
  if (canonicalForm.test(instant)) return instant
  const date = new Date(instant)
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an instant: ${instant}`)
  return date.toISOString()
}
