import { describe, expect, it } from 'vitest'
import type { FreightRow } from '@shared/domain/freight-columns'
import { formatCell, formatInstant, formatNumber, valueLabel } from '@shared/freight-format'

describe('freight cell format', () => {
  it('shows instants in the place zone with its abbreviation, across daylight saving', () => {
    // 07:00 UTC is 08:00 in Warsaw in winter (CET) and 09:00 in summer (CEST).
    expect(formatInstant('2026-01-15T07:00:00.000Z', 'Europe/Warsaw')).toBe('2026-01-15 08:00 CET')
    expect(formatInstant('2026-07-15T07:00:00.000Z', 'Europe/Warsaw')).toBe('2026-07-15 09:00 CEST')
    expect(formatInstant('2026-01-15T07:00:00.000Z', 'Europe/Vilnius')).toBe('2026-01-15 09:00 EET')
    expect(formatInstant('2026-07-15T07:00:00.000Z', 'Europe/London')).toBe('2026-07-15 08:00 BST')
    // The local day can differ from the UTC day.
    expect(formatInstant('2026-03-05T23:30:00.000Z', 'Europe/Berlin')).toBe('2026-03-06 00:30 CET')
  })

  it('falls back to UTC for a zone the runtime does not know', () => {
    expect(formatInstant('2026-01-15T07:00:00.000Z', 'Mars/Olympus')).toBe('2026-01-15 07:00 UTC')
  })

  it('formats numbers with a point and at most two decimals, never grouped', () => {
    expect(formatNumber(13.6)).toBe('13.6')
    expect(formatNumber(24)).toBe('24')
    expect(formatNumber(12500)).toBe('12500')
    expect(formatNumber(1 / 3)).toBe('0.33')
    expect(formatNumber(-18)).toBe('-18')
  })

  it('labels vocabulary values as dispatchers read them', () => {
    expect(valueLabel('standard-tent')).toBe('Standard tent')
    expect(valueLabel('transeu')).toBe('Trans.eu')
    expect(valueLabel('multi_ftl')).toBe('Multi FTL')
    expect(valueLabel('in_advance')).toBe('In advance')
  })

  it('formats each column type of a row, using the zone column of instants', () => {
    const row = {
      id: 7,
      provider: 'spotgo',
      loadingStart: '2026-07-15T04:30:00.000Z',
      loadingTimeZone: 'Europe/Helsinki',
      createdAt: null,
      truckBodies: ['curtainsider', 'standard-tent'],
      tags: ['pilne', 'B2B'],
      capacity: 24,
      seen: false,
      loadingDate: '2026-07-15',
      reference: null,
    } as FreightRow
    expect(formatCell('provider', row)).toBe('SpotGo')
    expect(formatCell('loadingStart', row)).toBe('2026-07-15 07:30 EEST')
    expect(formatCell('createdAt', row)).toBe('')
    expect(formatCell('truckBodies', row)).toBe('Curtainsider, Standard tent')
    expect(formatCell('tags', row)).toBe('pilne, B2B')
    expect(formatCell('capacity', row)).toBe('24')
    expect(formatCell('seen', row)).toBe('No')
    expect(formatCell('loadingDate', row)).toBe('2026-07-15')
    expect(formatCell('reference', row)).toBe('')
    expect(formatCell('externalNumber', row)).toBe('')
  })

  it("shows a status the provider does not document as the provider's own word", () => {
    const row = (status: string, statusRaw: string) => ({ id: 1, status, statusRaw }) as FreightRow
    expect(formatCell('status', row('unknown', 'on_hold'))).toBe('on_hold')
    expect(formatCell('status', row('unknown', ''))).toBe('Unknown')
    expect(formatCell('status', row('active', 'in_progress'))).toBe('Active')
  })
})
