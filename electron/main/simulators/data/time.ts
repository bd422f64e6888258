/**
 * Instants and wall-clock times in a place's IANA time zone, for generated windows and for the
 * local times the providers put on the wire. Offsets come from the runtime's time-zone data and are
 * cached per zone and hour, so converting 100,000 windows stays cheap.
 */
const formatters = new Map<string, Intl.DateTimeFormat>()
/** Per zone, the offset in minutes for each hour since the epoch that was asked about. */
const offsets = new Map<string, Map<number, number>>()
const hourMs = 3_600_000
const dayMs = 86_400_000

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** Minutes the zone is ahead of UTC at `instant` (e.g. 60 for Warsaw in winter). */
export function utcOffsetMinutes(timeZone: string, instant: number): number {
  const hour = Math.floor(instant / hourMs)
  let zone = offsets.get(timeZone)
  if (!zone) offsets.set(timeZone, (zone = new Map<number, number>()))
  let offset = zone.get(hour)
  if (offset === undefined) {
    const parts: Record<string, number> = {}
    for (const part of formatterFor(timeZone).formatToParts(new Date(hour * hourMs))) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value)
    }
    const asUtc = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    )
    offset = Math.round((asUtc - hour * hourMs) / 60_000)
    zone.set(hour, offset)
  }
  return offset
}

/** The instant at which the zone's wall clock shows the given local date and time. */
export function zonedToInstant(
  timeZone: string,
  local: { year: number; month: number; day: number; hour: number; minute?: number },
): number {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute ?? 0)
  const guess = wall - utcOffsetMinutes(timeZone, wall) * 60_000
  return wall - utcOffsetMinutes(timeZone, guess) * 60_000
}

/** "2026-02-24T08:00:00": the zone's wall-clock time at `instant`, without an offset. */
export function localDateTime(timeZone: string, instant: number): string {
  return wallClock(instant + utcOffsetMinutes(timeZone, instant) * 60_000, '')
}

/** "2026-02-24T08:00:00+01:00": the zone's wall-clock time at `instant`, with its offset. */
export function offsetDateTime(timeZone: string, instant: number): string {
  const offset = utcOffsetMinutes(timeZone, instant)
  const sign = offset < 0 ? '-' : '+'
  const minutes = Math.abs(offset)
  const wall = instant + offset * 60_000
  // Joined, not a template literal: see wallClock.
  return wallClock(wall, [sign, pad2(Math.floor(minutes / 60)), ':', pad2(minutes % 60)].join(''))
}

/** "2026-02-24T07:00:00Z": UTC, whole seconds. */
export function utcSeconds(instant: number): string {
  return wallClock(instant, 'Z')
}

/**
 * "YYYY-MM-DDTHH:mm:ss" of an instant read as UTC, then `suffix`. Computed with integer arithmetic
 * (the civil calendar from days since the epoch) and joined from an array: Date formatting and
 * template literals (which leave V8 rope strings of ~250 bytes each) made generating 100,000
 * freights several times slower and larger.
 */
function wallClock(instant: number, suffix: string): string {
  const days = Math.floor(instant / dayMs)
  const seconds = Math.floor((instant - days * dayMs) / 1000)
  const shifted = days + 719_468
  const era = Math.floor(shifted / 146_097)
  const dayOfEra = shifted - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  )
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  return [
    year,
    '-',
    pad2(month),
    '-',
    pad2(day),
    'T',
    pad2(Math.floor(seconds / 3600)),
    ':',
    pad2(Math.floor(seconds / 60) % 60),
    ':',
    pad2(seconds % 60),
    suffix,
  ].join('')
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value)
}

/** The calendar date (YYYY-MM-DD) of a local date-time string. */
export function datePart(localOrIso: string): string {
  return localOrIso.slice(0, 10)
}

/** Milliseconds of an instant given as a number, an ISO-8601 string or a Date; throws on nonsense. */
export function toInstant(instant: number | string | Date): number {
  const ms =
    instant instanceof Date
      ? instant.getTime()
      : typeof instant === 'string'
        ? Date.parse(instant)
        : instant
  if (!Number.isFinite(ms)) throw new Error(`Not an instant: ${String(instant)}`)
  return ms
}
