/**
 * Loading and unloading dates are the place's local calendar days, whatever the machine's zone:
 * the day is fixed when the freight is stored, and date filters compare with it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { NormalizedFreight } from '@shared/domain/freight'
import { FreightQuery, type FreightQueryInput } from '@shared/domain/freight-query'
import { localDate } from '@shared/domain/time'
import { openTestCache, type TestCache, saveBareAccount } from '../../support/cache'
import { makeFreight, stopAt, zonedToUtc } from '../../support/freight-factory'
import { oracleLocalDay } from '../../support/freight-oracle'

const machineZones = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kolkata']
const originalZone = process.env.TZ

afterEach(() => {
  if (originalZone === undefined) delete process.env.TZ
  else process.env.TZ = originalZone
})

describe('the local day of an instant', () => {
  it('is the day on the place’s calendar, not the machine’s', () => {
    for (const zone of machineZones) {
      process.env.TZ = zone
      // 23:30 in Vilnius on the 5th is 21:30 UTC: still the 5th there.
      expect(localDate('2026-03-05T21:30:00.000Z', 'Europe/Vilnius'), zone).toBe('2026-03-05')
      // 00:30 in Vilnius on the 6th is 22:30 UTC on the 5th.
      expect(localDate('2026-03-05T22:30:00.000Z', 'Europe/Vilnius'), zone).toBe('2026-03-06')
      expect(localDate('2026-03-05T23:30:00.000Z', 'America/New_York'), zone).toBe('2026-03-05')
    }
  })

  it('follows daylight-saving changes and zones with odd offsets', () => {
    // Every quarter hour across two weeks around the spring and autumn changes, in zones with
    // whole, half and quarter-hour offsets, against Intl's own answer.
    const zones = [
      'Europe/Vilnius',
      'Europe/Lisbon',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
      'America/St_Johns',
    ]
    for (const start of [Date.UTC(2026, 2, 22), Date.UTC(2026, 9, 18)]) {
      for (let ms = start; ms < start + 14 * 86_400_000; ms += 15 * 60_000) {
        const instant = new Date(ms).toISOString()
        for (const zone of zones) {
          expect(localDate(instant, zone), `${instant} in ${zone}`).toBe(
            oracleLocalDay(instant, zone),
          )
        }
      }
    }
  })
})

describe('date filters on stored freights', () => {
  let opened: TestCache
  let freights: NormalizedFreight[]

  function ids(input: FreightQueryInput): string[] {
    const page = opened.cache.queries.page(
      FreightQuery.parse({ ...input, columns: ['providerId'], limit: 1000 }),
    )
    return page.rows.map((row) => row.providerId!).sort()
  }

  beforeAll(() => {
    // Stored while the machine thinks it is somewhere else entirely.
    process.env.TZ = 'Pacific/Kiritimati'
    opened = openTestCache()
    saveBareAccount(opened.cache, { id: 'transeu-1', provider: 'transeu', name: 'Trans.eu' })
    freights = [
      makeFreight({
        provider: 'transeu',
        providerId: '1001',
        loading: stopAt('Vilnius', '2026-03-05T23:30'),
        unloading: stopAt('Warszawa', '2026-03-06T23:59'),
      }),
      makeFreight({
        provider: 'transeu',
        providerId: '1002',
        loading: stopAt('Vilnius', '2026-03-06T00:30'),
        unloading: stopAt('Warszawa', '2026-03-07T00:00'),
      }),
      // The night Vilnius moves its clocks forward (03:00 becomes 04:00).
      makeFreight({
        provider: 'transeu',
        providerId: '1003',
        loading: stopAt('Vilnius', '2026-03-29T00:30'),
        unloading: stopAt('Madrid', '2026-03-29T23:30'),
      }),
      makeFreight({
        provider: 'transeu',
        providerId: '1004',
        loading: stopAt('Vilnius', '2026-03-28T23:30'),
        unloading: stopAt('Madrid', '2026-03-30T00:15'),
      }),
    ]
    opened.cache.freights.upsertBatch('transeu-1', 'run-1', freights)
  })

  afterAll(() => opened.remove())

  it('stores the local day of each stop', () => {
    const page = opened.cache.queries.page(
      FreightQuery.parse({
        columns: ['providerId', 'loadingDate', 'unloadingDate', 'loadingStart'],
        sort: [{ column: 'providerId', direction: 'asc' }],
      }),
    )
    expect(page.rows.map((row) => [row.providerId, row.loadingDate, row.unloadingDate])).toEqual([
      ['1001', '2026-03-05', '2026-03-06'],
      ['1002', '2026-03-06', '2026-03-07'],
      ['1003', '2026-03-29', '2026-03-29'],
      ['1004', '2026-03-28', '2026-03-30'],
    ])
    expect(page.rows[0]!.loadingStart).toBe(zonedToUtc('2026-03-05T23:30', 'Europe/Vilnius'))
    expect(page.rows[0]!.loadingStart).toBe('2026-03-05T21:30:00.000Z')
  })

  it('finds a freight by its local day whatever zone the machine is in when it asks', () => {
    for (const zone of machineZones) {
      process.env.TZ = zone
      expect(ids({ loading: { dateFrom: '2026-03-05', dateTo: '2026-03-05' } }), zone).toEqual([
        '1001',
      ])
      expect(ids({ loading: { dateFrom: '2026-03-06', dateTo: '2026-03-06' } }), zone).toEqual([
        '1002',
      ])
      expect(ids({ loading: { dateFrom: '2026-03-29' } }), zone).toEqual(['1003'])
      expect(ids({ loading: { dateTo: '2026-03-28' } }), zone).toEqual(['1001', '1002', '1004'])
      expect(ids({ unloading: { dateFrom: '2026-03-29', dateTo: '2026-03-29' } }), zone).toEqual([
        '1003',
      ])
      expect(ids({ unloading: { dateFrom: '2026-03-30' } }), zone).toEqual(['1004'])
    }
  })
})
