import { describe, expect, it } from 'vitest'
import { NormalizedFreight } from '@shared/domain/freight'
import {
  readSpotGoFreight,
  spotGoStatusMap,
  spotGoTrailerBodies,
  spotGoVehicleSizes,
} from '../../../electron/main/providers/spotgo/map'
import {
  SpotGoFreightListLoose,
  spotGoTrailerTypes,
  spotGoVehicleTypes,
} from '../../../electron/main/providers/spotgo/wire'
import { timeZoneOf } from '../../../electron/main/providers/time-zones'
import { generateScenario } from '../../../electron/main/simulators/data/generate'
import { places } from '../../../electron/main/simulators/data/places'

const scenario = generateScenario({
  seed: 31,
  anchor: '2026-03-02T09:00:00Z',
  spotgoFreights: 2000,
  transeuFreights: 0,
  documents: 0,
})

describe('mapSpotGoFreight on generated freights', () => {
  it('produces valid normalized freights for 2,000 freights', () => {
    for (const source of scenario.spotgo.freights) {
      const { item: freight, oddities } = readSpotGoFreight(source)
      // The simulator sends only what SpotGo is known to send: nothing is odd.
      expect(oddities).toEqual([])
      expect(NormalizedFreight.safeParse(freight).success).toBe(true)
      expect(freight.status).toBe(spotGoStatusMap[source.status])
      expect(freight.truckBodies).toHaveLength(new Set(source.requirements.trailerTypes).size)
      expect(freight.loading.place.country).toBe(source.locations[0]?.address.countryCode)
      expect(freight.raw).toBe(source)
    }
  })

  it('puts each place in its real time zone', () => {
    for (const source of scenario.spotgo.freights.slice(0, 300)) {
      const freight = readSpotGoFreight(source).item
      const place = places.find(
        (each) =>
          each.country === freight.loading.place.country &&
          each.postalCode === freight.loading.place.postalCode,
      )
      expect(freight.loading.window.timeZone).toBe(place?.timeZone)
    }
  })

  it('names every trailer and vehicle type SpotGo has', () => {
    expect(Object.keys(spotGoTrailerBodies).sort()).toEqual(Object.keys(spotGoTrailerTypes).sort())
    expect(Object.keys(spotGoVehicleSizes).sort()).toEqual(Object.keys(spotGoVehicleTypes).sort())
  })
})

describe('mapSpotGoFreight on edge payloads', () => {
  const minimal = {
    id: 'a2f1c3e4-0000-4000-8000-000000000001',
    externalNumber: ' ZL/2026/7 ',
    owner: 'dispatch@example.com',
    sources: [1],
    locations: [
      {
        sequence: 1,
        type: 'Loading',
        address: {
          countryCode: 'ES',
          postalCode: '35001',
          city: 'Las Palmas',
          coordinates: { lattitude: 28.1, longitude: -15.43 },
        },
        period: { startDate: '2026-03-05T08:00:00+00:00', endDate: '2026-03-05T10:00:00Z' },
      },
      {
        sequence: 2,
        type: 'Unloading',
        address: { countryCode: 'XX', postalCode: '1', city: 'Somewhere' },
        period: { startDate: '2026-03-06T08:00:00Z', endDate: '2026-03-06T07:00:00Z' },
      },
    ],
    requirements: { trailerTypes: [10], vehicleTypes: [2, 3] },
    status: 'Expired',
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T11:00:00+01:00',
    somethingNew: { version: 2 },
  }

  it('reads the doc example’s `lattitude`, numeric sources and missing optional fields', () => {
    const { item: freight, oddities } = readSpotGoFreight(minimal)
    // The unknown key is kept in the raw payload and reported; nothing else is odd.
    expect(oddities).toEqual(['somethingNew: not in the documentation (kept in the raw payload)'])
    expect(NormalizedFreight.safeParse(freight).success).toBe(true)
    expect(freight).toMatchObject({
      status: 'expired',
      externalNumber: 'ZL/2026/7',
      reference: null,
      transportType: null,
      truckBodies: ['any'],
      vehicleSizes: ['solo'],
      capacity: null,
      loadingMeters: null,
      temperature: null,
      price: null,
      publication: { state: 'ended', types: ['spotgo'] },
      contacts: [{ name: 'dispatch@example.com', email: 'dispatch@example.com' }],
      updatedAt: '2026-03-01T10:00:00.000Z',
    })
    expect(freight.loading.place).toMatchObject({ latitude: 28.1, longitude: -15.43 })
    // The Canary Islands keep their own zone; an unknown country falls back to UTC.
    expect(freight.loading.window.timeZone).toBe('Atlantic/Canary')
    expect(freight.unloading.window).toEqual({
      start: '2026-03-06T08:00:00.000Z',
      end: '2026-03-06T08:00:00.000Z',
      timeZone: 'UTC',
    })
    expect(freight.unloading.place).not.toHaveProperty('latitude')
    expect((freight.raw as typeof minimal).somethingNew).toEqual({ version: 2 })
  })

  it('reads the list as an envelope or a bare array', () => {
    expect(SpotGoFreightListLoose.parse([minimal])).toEqual({
      items: [minimal],
      totalCount: undefined,
      page: undefined,
      pageSize: undefined,
    })
    expect(
      SpotGoFreightListLoose.parse({ items: [minimal], totalCount: 1, page: 1, pageSize: 100 }),
    ).toMatchObject({ totalCount: 1 })
  })

  it('refuses a freight without an unloading location', () => {
    const oneStop = { ...minimal, locations: [minimal.locations[0]] }
    expect(() => readSpotGoFreight(oneStop)).toThrow(/Unloading/)
  })

  it('knows the zones of the islands and exclaves', () => {
    expect(timeZoneOf('pt', { latitude: 37.7, longitude: -25.6 })).toBe('Atlantic/Azores')
    expect(timeZoneOf('PT', { latitude: 32.65, longitude: -16.9 })).toBe('Atlantic/Madeira')
    expect(timeZoneOf('PT', { latitude: 38.7, longitude: -9.1 })).toBe('Europe/Lisbon')
    expect(timeZoneOf('RU', { latitude: 54.7, longitude: 20.5 })).toBe('Europe/Kaliningrad')
    expect(timeZoneOf('UA')).toMatch(/^Europe\/(Kyiv|Kiev)$/)
  })
})
