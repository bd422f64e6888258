/**
 * A property test on Trans.eu's documented example answer: thousands of variants of its three
 * freights (keys dropped, values set to null, undocumented keys, enumeration values the
 * documentation does not name, numbers sent as text), read by the client. It never throws, never
 * refuses a freight whose id and places are intact, keeps every payload whole, still reads every
 * documented value that was there, and reports every change the documentation does not allow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NormalizedFreight } from '@shared/domain/freight'
import { createRateLimiter } from '../../electron/main/providers/rate-limiter'
import { createTranseuClient } from '../../electron/main/providers/transeu/client'
import { readTranseuFreight } from '../../electron/main/providers/transeu/map'
import {
  createTranseuOAuth,
  createTranseuTokenManager,
} from '../../electron/main/providers/transeu/oauth'
import { documentedFreights } from '../../electron/main/simulators/transeu/documented-examples'
import { createMemoryTokenStore } from '../support/memory-token-store'
import { createRecordingLogger } from '../support/recording-logger'
import { checkVariant, type ReaderRules } from './support/properties'
import { startRecordingServer, type RecordingServer } from './support/recording-server'
import { variantsOf, type VariantRules } from './support/variants'

/** What a freight cannot do without: its id, and each place's country and window begin. */
const variantRules: VariantRules = {
  floor: [
    'id',
    ...['loading', 'unloading'].flatMap((stop) => [
      `${stop}.place.country`,
      `${stop}.timespans.begin`,
    ]),
  ],
  enums: [
    'status',
    'transport_type',
    'truck_bodies[*]',
    'vehicle_size',
    'requirements.transport.settlement',
    'requirements.transport.settlement_basis',
    'publication.status',
    'publication.publish_type',
    'publication.price.currency',
    'publication.price.period.payment',
    'loading.timespans.timezone',
    'unloading.timespans.timezone',
  ],
}

const readerRules: ReaderRules<NormalizedFreight> = {
  // doc: null in the example answer; assumed: the object ones may be null as a whole.
  nullable: [
    'height',
    'length',
    'volume',
    'width',
    'transit_time',
    'temperature',
    'temperature.min',
    'temperature.max',
    'shipment_external_id',
    'loading.coordinates',
    'unloading.coordinates',
    'requirements.transport.count',
    'requirements.transport.remaining',
    'requirements.transport.settlement_basis',
    'publication',
    'publication.end_reason',
    'publication.price',
    'publication.received_offers',
    'publication.smart_match_offers',
    'publication.refresh_from',
    'publication.stock_id',
  ],
  // doc: missing from one freight and present in another.
  optional: ['requirements.transport.remaining', 'publication.receivers.private_exchanges'],
  reads: [
    { name: 'reference', from: ['reference_number'], get: (f) => f.reference },
    { name: 'external number', from: ['shipment_external_id'], get: (f) => f.externalNumber },
    { name: 'status', from: ['status'], get: (f) => [f.status, f.statusRaw] },
    ...(['loading', 'unloading'] as const).flatMap((stop) => [
      {
        name: `${stop} postal code`,
        from: [`${stop}.place.postal_code`],
        get: (f: NormalizedFreight) => f[stop].place.postalCode,
      },
      {
        name: `${stop} place`,
        from: [`${stop}.place.locality`],
        get: (f: NormalizedFreight) => f[stop].place.locality,
      },
      {
        name: `${stop} coordinates`,
        from: [`${stop}.coordinates`],
        get: (f: NormalizedFreight) => [f[stop].place.latitude, f[stop].place.longitude],
      },
      {
        name: `${stop} window end`,
        from: [`${stop}.timespans.end`],
        get: (f: NormalizedFreight) => f[stop].window.end,
      },
      {
        name: `${stop} time zone`,
        from: [`${stop}.timespans.timezone`],
        get: (f: NormalizedFreight) => f[stop].window.timeZone,
      },
    ]),
    { name: 'transport type', from: ['transport_type'], get: (f) => f.transportType },
    { name: 'truck bodies', from: ['truck_bodies'], get: (f) => f.truckBodies },
    { name: 'vehicle sizes', from: ['vehicle_size'], get: (f) => f.vehicleSizes },
    { name: 'length', from: ['length'], get: (f) => f.dimensions.length },
    { name: 'width', from: ['width'], get: (f) => f.dimensions.width },
    { name: 'height', from: ['height'], get: (f) => f.dimensions.height },
    { name: 'volume', from: ['volume'], get: (f) => f.dimensions.volume },
    { name: 'temperature', from: ['temperature'], get: (f) => f.temperature },
    { name: 'price', from: ['publication.price'], get: (f) => f.price },
    { name: 'publication state', from: ['publication.status'], get: (f) => f.publication.state },
    {
      name: 'publication types',
      from: ['publication.publish_type'],
      get: (f) => f.publication.types,
    },
    { name: 'contacts', from: ['contact_employees'], get: (f) => f.contacts },
    { name: 'created', from: ['created'], get: (f) => f.createdAt },
  ],
}

describe('variants of the documented example freights', () => {
  it.each(documentedFreights.map((freight, index) => [freight.id, index] as const))(
    'freight %s: 400 variants are all read, whole, and what is odd is reported',
    (_id, index) => {
      const example = documentedFreights[index]!
      const original = readTranseuFreight(example).item
      for (const variant of variantsOf(example, variantRules, { seed: 1000 + index, count: 400 })) {
        const reading = readTranseuFreight(variant.value)
        expect(NormalizedFreight.safeParse(reading.item).success).toBe(true)
        checkVariant(variant, { ...reading, raw: reading.item.raw }, original, readerRules)
      }
    },
  )

  it('refuses only a freight whose floor is broken, saying which field', () => {
    const [example] = documentedFreights
    expect(() => readTranseuFreight({ ...example, id: null })).toThrow()
    expect(() =>
      readTranseuFreight({
        ...example,
        loading: { ...example!.loading, place: { ...example!.loading.place, country: 'Poland' } },
      }),
    ).toThrow()
    // An id sent as text of digits is still an id.
    const asText = readTranseuFreight({ ...example, id: String(example!.id) })
    expect(asText.item.providerId).toBe(String(example!.id))
  })
})

describe('variants through the client', () => {
  let server: RecordingServer
  let page: unknown[] = []

  beforeAll(async () => {
    server = await startRecordingServer()
    server.respond(() => ({ json: page }))
  })
  afterAll(async () => {
    await server.stop()
  })

  it('reads whole pages of variants: none refused, none thrown, the odd ones listed', async () => {
    const log = createRecordingLogger()
    const client = createTranseuClient({
      baseUrl: server.baseUrl,
      apiKey: 'key',
      tokens: createTranseuTokenManager({
        oauth: createTranseuOAuth({
          app: { clientId: 'c', clientSecret: 's', apiKey: 'key' },
          apiBaseUrl: server.baseUrl,
          limiter: createRateLimiter({ limit: 1000, windowMs: 1000 }),
          log,
        }),
        store: createMemoryTokenStore({
          accessToken: 'token',
          accessTokenExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
          refreshToken: 'refresh',
        }),
        log,
      }),
      limiter: createRateLimiter({ limit: 1000, windowMs: 1000 }),
      log,
    })
    for (const [index, example] of documentedFreights.entries()) {
      const variants = variantsOf(example, variantRules, { seed: 2000 + index, count: 30 })
      page = variants.map((variant) => variant.value)
      const read = await client.listPage('freights', {}, 1)
      expect(read.rejected).toEqual([])
      expect(read.items).toHaveLength(30)
      expect(read.items.map((item) => item.raw)).toEqual(page)
      for (const item of read.partial) expect(item.reasons.length).toBeGreaterThan(0)
    }
  })
})
