import { describe, expect, it } from 'vitest'
import type { FreightRow } from '@shared/domain/freight-columns'
import { createFormat } from '@shared/format'
import { formatCell, freightNumber, routeParts, valueLabel } from '@shared/freight-format'

const format = createFormat({ locale: 'en-GB', timeZone: 'Europe/Warsaw' })
const year = new Date().getUTCFullYear()

describe('freight cell format', () => {
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
      loadingStart: `${year}-07-15T04:30:00.000Z`,
      loadingTimeZone: 'Europe/Helsinki',
      createdAt: null,
      truckBodies: ['curtainsider', 'standard-tent'],
      tags: ['pilne', 'B2B'],
      capacity: 24,
      price: 12500.5,
      currency: 'EUR',
      seen: false,
      loadingDate: `${year}-07-15`,
      reference: null,
    } as FreightRow
    expect(formatCell('provider', row, format)).toBe('SpotGo')
    expect(formatCell('loadingStart', row, format)).toBe('15 Jul, 07:30 EEST')
    expect(formatCell('createdAt', row, format)).toBe('')
    expect(formatCell('truckBodies', row, format)).toBe('Curtainsider, Standard tent')
    expect(formatCell('tags', row, format)).toBe('pilne, B2B')
    expect(formatCell('capacity', row, format)).toBe('24')
    expect(formatCell('price', row, format)).toBe('12,500.5 EUR')
    expect(formatCell('seen', row, format)).toBe('No')
    expect(formatCell('loadingDate', row, format)).toBe('Wed 15 Jul')
    expect(formatCell('reference', row, format)).toBe('')
    expect(formatCell('externalNumber', row, format)).toBe('')
  })

  it("shows a status the provider does not document as the provider's own word", () => {
    const row = (status: string, statusRaw: string) => ({ id: 1, status, statusRaw }) as FreightRow
    expect(formatCell('status', row('unknown', 'on_hold'), format)).toBe('on_hold')
    expect(formatCell('status', row('unknown', ''), format)).toBe('Unknown')
    expect(formatCell('status', row('active', 'in_progress'), format)).toBe('Active')
  })

  it('numbers a freight as its provider shows it: the reference, else the external number', () => {
    expect(freightNumber({ reference: 'FR/1', externalNumber: 'ZL/2', providerId: '9' })).toBe(
      'FR/1',
    )
    expect(freightNumber({ reference: null, externalNumber: 'ZL/2', providerId: '9' })).toBe('ZL/2')
    expect(freightNumber({ reference: null, externalNumber: null, providerId: '9' })).toBe('9')
  })

  it('reads a route as places and windows, naming a shared zone once', () => {
    const row = {
      id: 1,
      route: `${year}-09-04T04:00:00.000Z`,
      loadingCountry: 'PL',
      loadingPostalCode: '50-001',
      loadingLocality: 'Wrocław',
      loadingEnd: `${year}-09-04T10:00:00.000Z`,
      loadingTimeZone: 'Europe/Warsaw',
      unloadingCountry: 'HU',
      unloadingPostalCode: '7621',
      unloadingLocality: 'Pécs',
      unloadingStart: `${year}-09-05T08:00:00.000Z`,
      unloadingEnd: `${year}-09-05T11:00:00.000Z`,
      unloadingTimeZone: 'Europe/Budapest',
    } as FreightRow
    expect(formatCell('route', row, format)).toBe(
      'PL 50-001 Wrocław → HU 7621 Pécs · 4 Sept, 06:00–12:00 → 5 Sept, 10:00–13:00 CEST',
    )
    const lithuania = { ...row, unloadingTimeZone: 'Europe/Vilnius' } as FreightRow
    const parts = routeParts(lithuania, format)
    expect(parts.loadingWindow).toBe('4 Sept, 06:00–12:00 CEST')
    expect(parts.unloadingWindow).toBe('5 Sept, 11:00–14:00 EEST')
  })
})
