/** The one module every date, time and number goes through, for any locale and zone. */
import { describe, expect, it } from 'vitest'
import { createFormat } from '@shared/format'

const thisYear = new Date().getUTCFullYear()
const gb = createFormat({ locale: 'en-GB', timeZone: 'Europe/Warsaw' })

describe('format', () => {
  it('takes the locale as a parameter: grouping, decimals and month names follow it', () => {
    expect(gb.number(12500.456)).toBe('12,500.46')
    expect(gb.money(1250, 'EUR')).toBe('1,250 EUR')
    const pl = createFormat({ locale: 'pl-PL', timeZone: 'Europe/Warsaw' })
    expect(pl.number(12500.5)).toBe('12 500,5'.replace(' ', '\u00a0'))
    expect(pl.dateTime(`${thisYear}-09-04T04:00:00Z`)).toBe('4 wrz, 06:00')
    const de = createFormat({ locale: 'de-DE', timeZone: 'Europe/Berlin' })
    expect(de.money(1250.5, 'EUR')).toBe('1.250,5 EUR')
  })

  it("shows a place's times in its zone, named; others in the dispatcher's zone", () => {
    const instant = `${thisYear}-01-15T07:00:00.000Z`
    expect(gb.dateTime(instant, 'Europe/Warsaw')).toBe('15 Jan, 08:00 CET')
    expect(gb.dateTime(`${thisYear}-07-15T07:00:00.000Z`, 'Europe/Warsaw')).toBe(
      '15 Jul, 09:00 CEST',
    )
    expect(gb.dateTime(instant, 'Europe/Vilnius')).toBe('15 Jan, 09:00 EET')
    expect(gb.dateTime(instant, 'Europe/Istanbul')).toBe('15 Jan, 10:00 GMT+3')
    // No place: the dispatcher's zone, not named.
    expect(gb.dateTime(instant)).toBe('15 Jan, 08:00')
    // The local day can differ from the UTC day; an unknown zone falls back to UTC.
    expect(gb.dateTime(`${thisYear}-03-05T23:30:00.000Z`, 'Europe/Berlin')).toBe('6 Mar, 00:30 CET')
    expect(gb.dateTime(instant, 'Mars/Olympus')).toBe('15 Jan, 07:00 UTC')
  })

  it('shows the year only when it is not this year', () => {
    expect(gb.date(`${thisYear - 1}-12-24T12:00:00Z`)).toBe(`24 Dec ${thisYear - 1}`)
    expect(gb.day(`${thisYear}-07-15`)).toMatch(/^\w{3} 15 Jul$/)
    expect(gb.day(`${thisYear + 1}-07-15`)).toMatch(new RegExp(`15 Jul ${thisYear + 1}$`))
  })

  it('reads a window as one range in its zone', () => {
    const start = `${thisYear}-09-04T04:00:00Z`
    expect(gb.window(start, `${thisYear}-09-04T10:00:00Z`, 'Europe/Warsaw')).toBe(
      '4 Sept, 06:00–12:00 CEST',
    )
    expect(gb.window(start, `${thisYear}-09-05T10:00:00Z`, 'Europe/Warsaw')).toBe(
      '4 Sept, 06:00\u2009–\u20095 Sept, 12:00 CEST',
    )
    expect(gb.window(start, `${thisYear}-09-04T10:00:00Z`, 'Europe/Warsaw', false)).toBe(
      '4 Sept, 06:00–12:00',
    )
  })

  it('says durations, countdowns and relative times in the locale', () => {
    const now = Date.parse(`${thisYear}-03-01T12:00:00Z`)
    expect(gb.duration((7 * 60 + 59) * 60_000)).toBe('7 hrs 59 mins')
    expect(gb.duration((2 * 24 + 3) * 3_600_000)).toBe('2 days 3 hrs')
    expect(gb.duration(42_000)).toBe('42 secs')
    expect(gb.countdown(now + 90 * 60_000, now)).toBe('in 1 hr 30 mins')
    expect(gb.countdown(now - 3 * 60_000, now)).toBe('expired 3 mins ago')
    expect(gb.relative(now - 10_000, now)).toBe('now')
    expect(gb.relative(now - 5 * 60_000, now)).toBe('5 minutes ago')
    expect(gb.relative(now - 26 * 3_600_000, now)).toBe('yesterday')
  })

  it("turns date pickers' values into instants in the dispatcher's zone, and back", () => {
    expect(gb.fromInputValue(`${thisYear}-07-15T09:30`)).toBe(`${thisYear}-07-15T07:30:00.000Z`)
    expect(gb.fromInputValue(`${thisYear}-01-15T09:30`)).toBe(`${thisYear}-01-15T08:30:00.000Z`)
    expect(gb.inputValue(`${thisYear}-07-15T07:30:00.000Z`)).toBe(`${thisYear}-07-15T09:30`)
    expect(gb.fromInputValue('not a time')).toBeNull()
    expect(gb.today(Date.parse(`${thisYear}-03-05T23:30:00Z`))).toBe(`${thisYear}-03-06`)
  })

  it('names countries and currencies in the locale', () => {
    expect(gb.country('PL')).toBe('Poland (PL)')
    expect(gb.currency('PLN')).toBe('PLN – Polish Zloty')
    expect(createFormat({ locale: 'de-DE' }).country('PL')).toBe('Polen (PL)')
  })
})
