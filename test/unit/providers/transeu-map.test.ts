import { describe, expect, it } from 'vitest'
import { NormalizedFreight } from '@shared/domain/freight'
import {
  readTranseuFreight,
  transeuStatusMap,
  transeuVehicleSizes,
} from '../../../electron/main/providers/transeu/map'
import {
  TranseuFreightDetail as DetailShape,
  transeuListFields,
} from '../../../electron/main/providers/transeu/wire'
import { generateScenario } from '../../../electron/main/simulators/data/generate'
import type {
  FreightDetail as TranseuFreightDetail,
  ListFreight as ListItem,
} from '../../../electron/main/simulators/transeu/shapes'

const scenario = generateScenario({
  seed: 77,
  anchor: '2026-03-02T09:00:00Z',
  spotgoFreights: 0,
  transeuFreights: 2000,
  documents: 0,
})

/** A freight as a list shows it: the list keys only. */
function listItemOf(detail: TranseuFreightDetail): ListItem {
  const item: Record<string, unknown> = {}
  for (const key of transeuListFields) item[key] = detail[key as keyof TranseuFreightDetail]
  item.requirements = { transport: detail.requirements.transport }
  if (detail.archived_at === null) delete item.archived_at
  return item as unknown as ListItem
}

/** A list item read as the client reads it (or, with `detail`, a detail). */
function mapTranseuFreight(raw: unknown, detail = false) {
  return readTranseuFreight(raw, detail ? DetailShape : undefined).item
}

describe('mapTranseuFreight on generated freights', () => {
  it('produces valid normalized freights for 2,000 details and their list items', () => {
    for (const detail of scenario.transeu.freights) {
      for (const [source, isDetail] of [
        [detail, true],
        [listItemOf(detail), false],
      ] as const) {
        const { item: freight, oddities } = readTranseuFreight(
          source,
          isDetail ? DetailShape : undefined,
        )
        // The simulator sends only what the documentation shows: nothing is odd.
        expect(oddities).toEqual([])
        expect(NormalizedFreight.safeParse(freight).success).toBe(true)
        expect(freight.status).toBe(transeuStatusMap[detail.status])
        expect(freight.providerId).toBe(String(detail.id))
        expect(freight.loading.place.country).toBe(detail.loading.place.country.toUpperCase())
        expect(freight.loading.window.timeZone).toBe(detail.loading.timespans.timezone)
        expect(Date.parse(freight.loading.window.start)).toBe(
          Date.parse(detail.loading.timespans.begin),
        )
        expect(freight.raw).toBe(source)
      }
    }
  })

  it('keeps capacity and loading metres from the detail only, and prefers the agreed price', () => {
    const accepted = scenario.transeu.freights.find(
      (freight) => freight.accepted_price !== null && freight.publication?.price,
    ) as TranseuFreightDetail
    const fromDetail = mapTranseuFreight(accepted, true)
    expect(fromDetail.capacity).toBe(accepted.capacity)
    expect(fromDetail.loadingMeters).toBe(accepted.loading_meters)
    expect(fromDetail.price).toEqual({
      value: accepted.accepted_price?.value,
      currency: accepted.accepted_price?.currency.toUpperCase(),
      paymentTermDays: accepted.publication?.price?.period.days,
      paymentMethod: expect.stringMatching(/^(deferred|in_advance|on_unloading)$/) as string,
    })
    const fromList = mapTranseuFreight(listItemOf(accepted))
    expect(fromList.capacity).toBeNull()
    expect(fromList.price?.value).toBe(accepted.publication?.price?.value)
  })

  it('covers every status the platform has', () => {
    const statuses = new Set(scenario.transeu.freights.map((freight) => freight.status))
    expect(statuses.size).toBe(Object.keys(transeuStatusMap).length)
  })
})

describe('mapTranseuFreight on edge payloads', () => {
  const base = listItemOf(scenario.transeu.freights[0] as TranseuFreightDetail)

  it('reads an unpublished draft without coordinates, price or temperature', () => {
    const raw = {
      ...base,
      status: 'new',
      publication: null,
      temperature: null,
      length: null,
      loading: { ...base.loading, coordinates: null },
      extra_field_the_platform_added: { kept: true },
    }
    const { item: freight, oddities } = readTranseuFreight(raw)
    expect(oddities).toEqual([
      'extra_field_the_platform_added: not in the documentation (kept in the raw payload)',
    ])
    expect(freight).toMatchObject({
      status: 'draft',
      statusRaw: 'new',
      price: null,
      temperature: null,
      publication: { state: 'unpublished', types: [] },
    })
    expect(freight.loading.place).not.toHaveProperty('latitude')
    expect(freight.dimensions.length).toBeNull()
    expect(freight.raw).toBe(raw)
    expect(NormalizedFreight.safeParse(freight).success).toBe(true)
  })

  it('falls back to the country’s zone for an unknown one, and never lets a window run backwards', () => {
    const { item: freight, oddities } = readTranseuFreight({
      ...base,
      loading: {
        ...base.loading,
        place: { country: 'lt', locality: 'Šiauliai', postal_code: '76001' },
        timespans: {
          ...base.loading.timespans,
          begin: '2026-03-05T10:00:00+02:00',
          end: '2026-03-05T07:00:00Z',
          timezone: 'Mars/Olympus_Mons',
        },
      },
    })
    expect(oddities).toEqual([
      'loading.timespans.timezone: unknown time zone text "Mars/Olympus_Mons"',
    ])
    expect(freight.loading.window).toEqual({
      start: '2026-03-05T08:00:00.000Z',
      end: '2026-03-05T08:00:00.000Z',
      timeZone: 'Europe/Vilnius',
    })
    expect(freight.loading.place).toMatchObject({ country: 'LT', locality: 'Šiauliai' })
  })

  it('reads ended publications, negative measures and contacts', () => {
    const publication = scenario.transeu.freights.find((each) => each.publication)?.publication
    const freight = mapTranseuFreight({
      ...base,
      width: -1,
      volume: 82.5,
      publication: publication ? { ...publication, status: 'offers_timeout' } : null,
      contact_employees: [{ name: 'Łukasz', last_name: 'Wiśniewski', trans_id: '1-1' }],
    })
    expect(freight.dimensions).toMatchObject({ width: null, volume: 82.5 })
    expect(freight.publication.state).toBe('ended')
    expect(freight.contacts).toEqual([{ name: 'Łukasz Wiśniewski' }])
  })

  it('splits vehicle sizes into the set a freight accepts', () => {
    expect(transeuVehicleSizes('any_size')).toEqual([])
    expect(transeuVehicleSizes('lorry')).toEqual(['lorry'])
    expect(transeuVehicleSizes('lorry_solo')).toEqual(['lorry', 'solo'])
    expect(transeuVehicleSizes('double_trailer_lorry')).toEqual(['double_trailer', 'lorry'])
    expect(transeuVehicleSizes('bus_double_trailer_lorry_solo')).toEqual([
      'bus',
      'double_trailer',
      'lorry',
      'solo',
    ])
  })
})
