import { describe, expect, it } from 'vitest'
import { ShareExpiry, shareExpiryMs } from '@shared/domain/shares'
import { parseTimeSpan } from '../../../electron/main/providers/spotgo/wire'
import { expiryTimeSpan } from '../../../electron/main/services/share-expiry'

describe('a freight link expiry as the TimeSpan SpotGo expects', () => {
  it('converts every preset', () => {
    const spans = Object.fromEntries(
      (['1h', '2h', '8h', '24h', '7d'] as const).map((preset) => [
        preset,
        expiryTimeSpan({ kind: 'preset', preset }),
      ]),
    )
    expect(spans).toEqual({
      '1h': '01:00:00',
      '2h': '02:00:00',
      '8h': '08:00:00',
      '24h': '1.00:00:00',
      '7d': '7.00:00:00',
    })
  })

  it('converts custom days, hours and minutes, days as d.hh:mm:ss', () => {
    const custom = (days: number, hours: number, minutes: number) =>
      expiryTimeSpan({ kind: 'custom', days, hours, minutes })
    expect(custom(0, 0, 1)).toBe('00:01:00')
    expect(custom(0, 23, 59)).toBe('23:59:00')
    expect(custom(1, 0, 0)).toBe('1.00:00:00')
    expect(custom(2, 3, 45)).toBe('2.03:45:00')
    expect(custom(30, 0, 0)).toBe('30.00:00:00')
    expect(custom(365, 23, 59)).toBe('365.23:59:00')
  })

  it('reads back (with the simulator reader) as the same number of milliseconds', () => {
    for (const expiry of [
      { kind: 'preset', preset: '7d' },
      { kind: 'custom', days: 12, hours: 5, minutes: 7 },
      { kind: 'custom', days: 0, hours: 0, minutes: 59 },
    ] as const) {
      expect(parseTimeSpan(expiryTimeSpan(expiry))).toBe(shareExpiryMs(expiry))
    }
  })

  it('refuses a custom expiry of nothing or with out-of-range parts', () => {
    const refused = [
      { kind: 'custom', days: 0, hours: 0, minutes: 0 },
      { kind: 'custom', days: 0, hours: 24, minutes: 0 },
      { kind: 'custom', days: 0, hours: 1, minutes: 60 },
      { kind: 'custom', days: -1, hours: 1, minutes: 0 },
      { kind: 'custom', days: 366, hours: 0, minutes: 0 },
      { kind: 'custom', days: 1.5, hours: 0, minutes: 0 },
      { kind: 'preset', preset: '3h' },
    ]
    for (const expiry of refused)
      expect(ShareExpiry.safeParse(expiry).success, JSON.stringify(expiry)).toBe(false)
    expect(ShareExpiry.safeParse({ kind: 'custom', days: 0, hours: 0, minutes: 1 }).success).toBe(
      true,
    )
  })
})
