/**
 * A property test on what SpotGo sends. Its documentation gives one example answer, the share
 * link; a freight's shape is not documented, so the freight here is the provider reference's
 * assumption written out (its documented submit example, `lattitude` and string exchange ids
 * included, plus id, status and times). Thousands of variants of each are read: never thrown,
 * never refused while the floor is intact, kept whole, every value still read, every change the
 * documentation does not allow reported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NormalizedFreight } from '@shared/domain/freight'
import { createRateLimiter } from '../../electron/main/providers/rate-limiter'
import { createSpotGoClient } from '../../electron/main/providers/spotgo/client'
import { readSpotGoFreight } from '../../electron/main/providers/spotgo/map'
import { SpotGoShareResponse } from '../../electron/main/providers/spotgo/wire'
import { readTolerant } from '../../electron/main/providers/tolerant'
import { documentedShareAnswer } from '../../electron/main/simulators/spotgo/documented-examples'
import { createRecordingLogger } from '../support/recording-logger'
import { checkVariant, type ReaderRules } from './support/properties'
import { startRecordingServer, type RecordingServer } from './support/recording-server'
import { variantsOf, type VariantRules } from './support/variants'

/** The provider reference's assumed freight: the documented submit body plus id, status, times. */
const assumedFreight = {
  id: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  externalNumber: 'ZL/2026/000123',
  owner: 'petras@spotgo.eu',
  sources: ['1'],
  useAlternativeLocations: false,
  locations: [
    {
      sequence: 1,
      type: 'Loading',
      address: {
        countryCode: 'LT',
        postalCode: '01100',
        city: 'Vilnius',
        coordinates: { lattitude: 54.6872, longitude: 25.2797 },
      },
      period: { startDate: '2026-03-05T08:00:00+02:00', endDate: '2026-03-05T12:00:00+02:00' },
    },
    {
      sequence: 2,
      type: 'Unloading',
      address: { countryCode: 'PL', postalCode: '00-001', city: 'Warszawa' },
      period: { startDate: '2026-03-06T08:00:00Z', endDate: '2026-03-06T16:00:00Z' },
    },
  ],
  requirements: {
    trailerTypes: [1, 3],
    vehicleTypes: [1],
    loadingSide: 'All',
    capacity: 22,
    pallets: 33,
    palletsExchange: true,
    ldm: 13.6,
    ftl: true,
    temperature: { min: 2, max: 8, regime: 'Continuous' },
  },
  payment: {
    from: 1200,
    growTo: 1400,
    term: 30,
    until: '2026-03-04T18:00:00Z',
    updateRangeInHours: '02:00:00',
    currency: 'EUR',
  },
  comments: 'Tail lift needed.',
  internalComments: null,
  status: 'Active',
  createdAt: '2026-03-01T10:00:00Z',
  updatedAt: '2026-03-01T11:00:00Z',
}

/** A freight cannot do without its id, a Loading and an Unloading, their countries and starts. */
const variantRules: VariantRules = {
  floor: ['id', 'locations[*].address.countryCode', 'locations[*].period.startDate'],
  enums: [
    'status',
    'locations[*].type',
    'requirements.trailerTypes[*]',
    'requirements.vehicleTypes[*]',
    'requirements.loadingSide',
    'requirements.temperature.regime',
    'payment.currency',
  ],
}

/** assumed (the reference): every field but the floor is optional and may be null. */
const optionalFields = [
  'externalNumber',
  'owner',
  'sources',
  'useAlternativeLocations',
  'requirements',
  'requirements.trailerTypes',
  'requirements.vehicleTypes',
  'requirements.loadingSide',
  'requirements.capacity',
  'requirements.pallets',
  'requirements.palletsExchange',
  'requirements.ldm',
  'requirements.ftl',
  'requirements.temperature',
  'requirements.temperature.regime',
  'payment',
  'payment.growTo',
  'payment.term',
  'payment.until',
  'payment.updateRangeInHours',
  'comments',
  'internalComments',
  'updatedAt',
  'locations[*].address.coordinates',
  'locations[*].address.coordinates.lattitude',
]

const readerRules: ReaderRules<NormalizedFreight> = {
  nullable: [...optionalFields, 'requirements.temperature.min', 'requirements.temperature.max'],
  optional: optionalFields,
  reads: [
    { name: 'external number', from: ['externalNumber'], get: (f) => f.externalNumber },
    { name: 'status', from: ['status'], get: (f) => [f.status, f.statusRaw] },
    { name: 'loading', from: ['locations'], get: (f) => f.loading },
    { name: 'unloading', from: ['locations'], get: (f) => f.unloading },
    { name: 'truck bodies', from: ['requirements.trailerTypes'], get: (f) => f.truckBodies },
    { name: 'vehicle sizes', from: ['requirements.vehicleTypes'], get: (f) => f.vehicleSizes },
    { name: 'capacity', from: ['requirements.capacity'], get: (f) => f.capacity },
    { name: 'loading metres', from: ['requirements.ldm'], get: (f) => f.loadingMeters },
    { name: 'transport', from: ['requirements.ftl'], get: (f) => f.transportType },
    { name: 'temperature', from: ['requirements.temperature'], get: (f) => f.temperature },
    {
      name: 'price',
      from: ['payment.from', 'payment.currency', 'payment.term'],
      get: (f) => f.price,
    },
    { name: 'contacts', from: ['owner'], get: (f) => f.contacts },
    { name: 'created', from: ['createdAt'], get: (f) => f.createdAt },
    { name: 'updated', from: ['updatedAt'], get: (f) => f.updatedAt },
  ],
}

describe('variants of the assumed freight', () => {
  it('1,000 variants are all read, whole, and what is odd is reported', () => {
    const original = readSpotGoFreight(assumedFreight)
    expect(original.oddities).toEqual([])
    for (const variant of variantsOf(assumedFreight, variantRules, { seed: 31, count: 1000 })) {
      const reading = readSpotGoFreight(variant.value)
      expect(NormalizedFreight.safeParse(reading.item).success).toBe(true)
      checkVariant(variant, { ...reading, raw: reading.item.raw }, original.item, readerRules)
    }
  })
})

describe('variants of the documented share answer', () => {
  it('the link and its end are always read, and anything undocumented is reported', () => {
    for (const variant of variantsOf(
      documentedShareAnswer,
      { floor: ['url', 'validUntil'], enums: [] },
      { seed: 32, count: 200 },
    )) {
      const reading = readTolerant(SpotGoShareResponse, variant.value)
      expect(reading.ok).toBe(true)
      if (!reading.ok) continue
      expect(reading.value).toEqual(documentedShareAnswer)
      for (const mutation of variant.mutations) {
        expect(reading.oddities.map((oddity) => oddity.path)).toContain(mutation.path.join('.'))
      }
    }
  })
})

describe('variants through the client', () => {
  let server: RecordingServer
  let items: unknown[] = []

  beforeAll(async () => {
    server = await startRecordingServer()
    server.respond(() => ({ json: { items, totalCount: items.length, page: 1, pageSize: 100 } }))
  })
  afterAll(async () => {
    await server.stop()
  })

  it('reads a page of variants: none refused, none thrown, payloads whole', async () => {
    const client = createSpotGoClient({
      baseUrl: server.baseUrl,
      apiKey: 'key',
      limiter: createRateLimiter({ limit: 100, windowMs: 60_000 }),
      log: createRecordingLogger(),
    })
    items = variantsOf(assumedFreight, variantRules, { seed: 33, count: 100 }).map(
      (variant) => variant.value,
    )
    const page = await client.listPage(1, 100)
    expect(page.rejected).toEqual([])
    expect(page.freights.map((freight) => freight.raw)).toEqual(items)
  })
})
