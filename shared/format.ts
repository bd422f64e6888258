/**
 * How every date, time and number reads, in one place: the grid, the detail, shares, documents,
 * the status bar, date pickers and exported files all format through a `Format` made here. A
 * `Format` is built for a locale and a time zone (the dispatcher's: the system's by default), so
 * a later choice of language or zone changes every screen at once.
 *
 * The rules: numbers carry the locale's digit grouping; amounts read "1,250 EUR" (the currency's
 * code after the amount); a date leaves its year out when it is the current year; a time of a
 * place is shown in that place's zone with the zone's short name ("06:00 CEST"), any other time in
 * the dispatcher's zone without one; a window reads "4 Sept, 06:00–12:00 CEST".
 */

export interface FormatSettings {
  /** A BCP 47 locale such as `en-GB` or `pl-PL`. */
  locale: string
  /** The dispatcher's IANA time zone, for times that belong to no place. */
  timeZone: string
}

export interface Format extends Readonly<FormatSettings> {
  /** 1,250.5 with at most `maxFractionDigits` decimals (default 2). */
  number(value: number, maxFractionDigits?: number): string
  /** "1,250 EUR": the amount with grouping and up to two decimals, then the currency code. */
  money(value: number, currency: string): string
  /** "13.6 m" */
  measure(value: number, unit: string): string
  /** "4 Sept, 06:00" (the year when not this year); with `zone`, in that zone and naming it. */
  dateTime(instant: Instantish, zone?: string | null): string
  /** "4 Sept" (the year when not this year), in `zone` or the dispatcher's. */
  date(instant: Instantish, zone?: string | null): string
  /** A calendar day `YYYY-MM-DD` as a date: "Fri 4 Sept". */
  day(localDate: string): string
  /** "06:00", in `zone` (named) or the dispatcher's. */
  time(instant: Instantish, zone?: string | null): string
  /**
   * "4 Sept, 06:00–12:00 CEST": a loading or unloading window in its place's zone (named unless
   * `nameZone` is false, where the zone is named next to it already).
   */
  window(start: Instantish, end: Instantish, zone: string, nameZone?: boolean): string
  /** The short name of `zone` at `instant`: "CEST", "GMT+3". */
  zoneName(instant: Instantish, zone: string): string
  /** "5 minutes ago", "in 2 hours", "yesterday", "now". */
  relative(instant: Instantish, now: number): string
  /** A span in its two largest units: "2 days 3 hr", "7 hr 59 min", "42 sec". */
  duration(ms: number): string
  /** "in 7 hr 59 min" or "expired 3 min ago". */
  countdown(expiresAt: Instantish, now: number): string
  /** The value of a `datetime-local` input showing `instant` in the dispatcher's zone. */
  inputValue(instant: Instantish): string
  /** The instant a `datetime-local` value means in the dispatcher's zone; null when not a time. */
  fromInputValue(value: string): string | null
  /** The dispatcher's calendar day at `now` (default: now), `YYYY-MM-DD`. */
  today(now?: number): string
  /** "Poland (PL)": a country's name in the locale, with its code. */
  country(code: string): string
  /** "EUR – Euro": a currency's code and its name in the locale. */
  currency(code: string): string
}

/** An ISO instant, epoch milliseconds or a Date. */
export type Instantish = string | number | Date

/** The system's locale and zone (the renderer: the browser's; main: the machine's). */
export function systemFormatSettings(): FormatSettings {
  const resolved = new Intl.DateTimeFormat().resolvedOptions()
  return { locale: resolved.locale || 'en-GB', timeZone: resolved.timeZone || 'UTC' }
}

const epochOf = (instant: Instantish): number =>
  instant instanceof Date
    ? instant.getTime()
    : typeof instant === 'number'
      ? instant
      : Date.parse(instant)

/** A zone this runtime knows, or UTC: an unknown zone from a provider never fails a screen. */
function knownZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone
  } catch {
    return 'UTC'
  }
}

const maxRemembered = 20_000

/** Results by key, forgotten all at once when full: formatting is the costliest part of a row. */
class Memo {
  private readonly entries = new Map<string, string>()
  get(key: string, make: () => string): string {
    const known = this.entries.get(key)
    if (known !== undefined) return known
    const value = make()
    if (this.entries.size >= maxRemembered) this.entries.clear()
    this.entries.set(key, value)
    return value
  }
}

export function createFormat(settings: Partial<FormatSettings> = {}): Format {
  const system = systemFormatSettings()
  const locale = settings.locale ?? system.locale
  const timeZone = knownZone(settings.timeZone ?? system.timeZone)
  const formatters = new Map<string, Intl.DateTimeFormat>()
  const numbers = new Map<string, Intl.NumberFormat>()
  const memo = new Memo()
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  const regionNames = new Intl.DisplayNames([locale], { type: 'region' })
  const currencyNames = new Intl.DisplayNames([locale], { type: 'currency' })

  function dateTimeFormat(
    zone: string,
    kind: 'dateTime' | 'date' | 'time' | 'zone' | 'parts' | 'day',
    withYear: boolean,
  ): Intl.DateTimeFormat {
    const key = `${zone}|${kind}|${withYear}`
    let formatter = formatters.get(key)
    if (!formatter) {
      const year = withYear ? { year: 'numeric' as const } : {}
      const options: Record<typeof kind, Intl.DateTimeFormatOptions> = {
        dateTime: { ...year, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
        date: { ...year, day: 'numeric', month: 'short' },
        day: { ...year, weekday: 'short', day: 'numeric', month: 'short' },
        time: { hour: '2-digit', minute: '2-digit' },
        zone: { timeZoneName: 'short' },
        parts: {
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
          hourCycle: 'h23',
        },
      }
      formatter = new Intl.DateTimeFormat(kind === 'parts' ? 'en-US' : locale, {
        ...options[kind],
        timeZone: zone,
      })
      formatters.set(key, formatter)
    }
    return formatter
  }

  function numberFormat(maxFractionDigits: number): Intl.NumberFormat {
    const key = String(maxFractionDigits)
    let formatter = numbers.get(key)
    if (!formatter) {
      formatter = new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits })
      numbers.set(key, formatter)
    }
    return formatter
  }

  function unitFormat(unit: 'day' | 'hour' | 'minute' | 'second'): Intl.NumberFormat {
    const key = `unit:${unit}`
    let formatter = numbers.get(key)
    if (!formatter) {
      formatter = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' })
      numbers.set(key, formatter)
    }
    return formatter
  }

  /** Wall-clock fields of `epochMs` in `zone`. */
  function wall(epochMs: number, zone: string) {
    const fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 }
    for (const part of dateTimeFormat(zone, 'parts', true).formatToParts(new Date(epochMs))) {
      if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value)
    }
    return fields
  }

  const thisYear = () => wall(Date.now(), timeZone).year
  const needsYear = (epochMs: number, zone: string) => wall(epochMs, zone).year !== thisYear()

  function zoneName(instant: Instantish, zone: string): string {
    const epochMs = epochOf(instant)
    const known = knownZone(zone)
    return memo.get(`z|${known}|${Math.floor(epochMs / 3_600_000)}`, () => {
      const part = dateTimeFormat(known, 'zone', false)
        .formatToParts(new Date(epochMs))
        .find((each) => each.type === 'timeZoneName')
      return part?.value ?? known
    })
  }

  function at(
    kind: 'dateTime' | 'date' | 'time',
    instant: Instantish,
    zone: string | null | undefined,
  ): string {
    const epochMs = epochOf(instant)
    if (Number.isNaN(epochMs)) return String(instant)
    const place = zone ? knownZone(zone) : null
    const shownIn = place ?? timeZone
    return memo.get(`${kind}|${place ?? ''}|${epochMs}`, () => {
      const text = dateTimeFormat(
        shownIn,
        kind,
        kind !== 'time' && needsYear(epochMs, shownIn),
      ).format(new Date(epochMs))
      return place && kind !== 'date' ? `${text} ${zoneName(epochMs, place)}` : text
    })
  }

  /** The offset of `zone` from UTC at `epochMs`, in milliseconds. */
  function offsetAt(epochMs: number, zone: string): number {
    const { year, month, day, hour, minute, second } = wall(epochMs, zone)
    return Date.UTC(year, month - 1, day, hour, minute, second) - Math.floor(epochMs / 1000) * 1000
  }

  const format: Format = {
    locale,
    timeZone,
    number: (value, maxFractionDigits = 2) => numberFormat(maxFractionDigits).format(value),
    money: (value, currency) => `${numberFormat(2).format(value)} ${currency}`,
    measure: (value, unit) => `${numberFormat(2).format(value)} ${unit}`,
    dateTime: (instant, zone) => at('dateTime', instant, zone),
    date: (instant, zone) => at('date', instant, zone),
    time: (instant, zone) => at('time', instant, zone),
    day(localDate) {
      const epochMs = Date.parse(`${localDate}T12:00:00Z`)
      if (Number.isNaN(epochMs)) return localDate
      return memo.get(`day|${localDate}`, () =>
        dateTimeFormat('UTC', 'day', needsYear(epochMs, 'UTC')).format(new Date(epochMs)),
      )
    },
    window(start, end, zone, nameZone = true) {
      const from = epochOf(start)
      const until = epochOf(end)
      if (Number.isNaN(from) || Number.isNaN(until)) return ''
      const place = knownZone(zone)
      const range = memo.get(`window|${place}|${from}|${until}`, () =>
        dateTimeFormat(place, 'dateTime', needsYear(from, place)).formatRange(
          new Date(from),
          new Date(Math.max(from, until)),
        ),
      )
      return nameZone ? `${range} ${zoneName(from, place)}` : range
    },
    zoneName,
    relative(instant, now) {
      const seconds = Math.round((epochOf(instant) - now) / 1000)
      const size = Math.abs(seconds)
      if (size < 45) return relativeFormat.format(0, 'second')
      if (size < 3600) return relativeFormat.format(Math.round(seconds / 60), 'minute')
      if (size < 86_400) return relativeFormat.format(Math.round(seconds / 3600), 'hour')
      return relativeFormat.format(Math.round(seconds / 86_400), 'day')
    },
    duration(ms) {
      const seconds = Math.floor(Math.abs(ms) / 1000)
      const parts: Array<[number, 'day' | 'hour' | 'minute' | 'second']> = [
        [Math.floor(seconds / 86_400), 'day'],
        [Math.floor((seconds % 86_400) / 3600), 'hour'],
        [Math.floor((seconds % 3600) / 60), 'minute'],
        [seconds % 60, 'second'],
      ]
      const first = parts.findIndex(([amount]) => amount > 0)
      if (first < 0) return unitFormat('second').format(0)
      return parts
        .slice(first, first + 2)
        .filter(([amount], index) => index === 0 || amount > 0)
        .map(([amount, unit]) => unitFormat(unit).format(amount))
        .join(' ')
    },
    countdown(expiresAt, now) {
      const left = epochOf(expiresAt) - now
      const text = format.duration(left)
      return left > 0 ? `in ${text}` : `expired ${text} ago`
    },
    inputValue(instant) {
      const { year, month, day, hour, minute } = wall(epochOf(instant), timeZone)
      const pad = (value: number, size = 2) => String(value).padStart(size, '0')
      return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`
    },
    fromInputValue(value) {
      const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value)
      if (!match) return null
      const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [
        number,
        number,
        number,
        number,
        number,
      ]
      const asUtc = Date.UTC(year, month - 1, day, hour, minute, Number(match[6] ?? 0))
      if (Number.isNaN(asUtc)) return null
      // The zone's offset at the wall time, found from a first guess and corrected once.
      let epochMs = asUtc - offsetAt(asUtc, timeZone)
      epochMs = asUtc - offsetAt(epochMs, timeZone)
      return new Date(epochMs).toISOString()
    },
    country(code) {
      return memo.get(`country|${code}`, () => {
        try {
          const name = regionNames.of(code)
          return name && name !== code ? `${name} (${code})` : code
        } catch {
          return code
        }
      })
    },
    currency(code) {
      return memo.get(`currency|${code}`, () => {
        try {
          const name = currencyNames.of(code)
          return name && name !== code ? `${code} – ${name}` : code
        } catch {
          return code
        }
      })
    },
    today(now = Date.now()) {
      const { year, month, day } = wall(now, timeZone)
      const pad = (value: number) => String(value).padStart(2, '0')
      return `${year}-${pad(month)}-${pad(day)}`
    },
  }
  return format
}
