import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { NormalizedFreight } from '@shared/domain/freight'
import { AppError } from '@shared/errors'
import { toAppError } from '../../../electron/main/providers/errors'
import { createRateLimiter, type RateLimit } from '../../../electron/main/providers/rate-limiter'
import { createSpotGoClient } from '../../../electron/main/providers/spotgo/client'
import type {
  SpotGoFreight,
  SpotGoFreightSubmitInput,
} from '../../../electron/main/providers/spotgo/wire'
import { createRecordingLogger } from '../../support/recording-logger'
import { providerFailure } from '../../support/provider-failure'
import { spotgoSimulator, type SpotGoSimulator } from '../../support/simulators'

const now = '2026-03-02T09:00:00Z'
const roomy = { limit: 100_000, windowMs: 1000 }
let sim: SpotGoSimulator

beforeAll(async () => {
  sim = await spotgoSimulator({ seed: 12, now, freights: 250, rateLimit: roomy })
})
beforeEach(() => sim.faults.reset())

function harness(
  options: {
    apiKey?: string
    limiter?: RateLimit
    target?: SpotGoSimulator
    realSleep?: boolean
  } = {},
) {
  const target = options.target ?? sim
  const log = createRecordingLogger()
  const sleeps: number[] = []
  const client = createSpotGoClient({
    baseUrl: target.baseUrl,
    apiKey: options.apiKey ?? target.credentials.apiKey,
    limiter: createRateLimiter(options.limiter ?? roomy),
    log,
    http: options.realSleep
      ? {}
      : {
          sleep: (ms) => {
            sleeps.push(ms)
            return Promise.resolve()
          },
        },
  })
  return { client, log, sleeps }
}

function submitBody(overrides: Partial<SpotGoFreightSubmitInput> = {}): SpotGoFreightSubmitInput {
  return {
    externalNumber: 'ZL/2026/SG-CLIENT-1',
    owner: sim.credentials.ownerEmail,
    sources: [1, '2'],
    useAlternativeLocations: false,
    locations: [
      {
        sequence: 1,
        type: 'Loading',
        address: { countryCode: 'PL', postalCode: '90-001', city: 'Łódź' },
        period: { startDate: '2026-03-10T07:00:00Z', endDate: '2026-03-10T11:00:00Z' },
      },
      {
        sequence: 2,
        type: 'Unloading',
        address: { countryCode: 'DE', postalCode: '90402', city: 'Nürnberg' },
        period: { startDate: '2026-03-11T07:00:00Z', endDate: '2026-03-11T15:00:00Z' },
      },
    ],
    requirements: { trailerTypes: [3, 1], vehicleTypes: [1], ftl: true, capacity: 24, ldm: 13.6 },
    payment: { from: 1200, growTo: 1400, term: 30, currency: 'EUR' },
    ...overrides,
  }
}

const someId = (status: SpotGoFreight['status'] = 'Active') =>
  sim.state.ordered().find((freight) => freight.status === status)?.id ?? ''

describe('list', () => {
  it('reads every freight, once each, normalized, stopping where the envelope says', async () => {
    const { client } = harness()
    const run = client.freights({ pageSize: 100, recheckFirstPage: false })
    const ids: string[] = []
    for await (const page of run) {
      for (const freight of page.items) {
        expect(NormalizedFreight.safeParse(freight).success).toBe(true)
        ids.push(freight.providerId)
      }
    }
    expect(ids.sort()).toEqual([...sim.state.freights.keys()].sort())
    expect(run.summary).toMatchObject({ pages: 3, requests: 3, shifted: false })
  })

  it('reads a bare array and the `lattitude` spelling just as well', async () => {
    const { client } = harness()
    const enveloped = await client.listAll({ recheckFirstPage: false })
    sim.faults.set({ listAsBareArray: true, lattitude: true })
    const bare = await client.listAll({ recheckFirstPage: false })
    expect(bare.items.map((freight) => freight.providerId)).toEqual(
      enveloped.items.map((freight) => freight.providerId),
    )
    // A freight with coordinates (SpotGo leaves them out of some, to geocode them itself).
    const located = enveloped.items.findIndex((freight) => freight.loading.place.latitude)
    expect(bare.items[located]?.loading.place.latitude).toBe(
      enveloped.items[located]?.loading.place.latitude,
    )
    expect(JSON.stringify(bare.items[located]?.raw)).toContain('"lattitude"')
    expect(bare.pages).toBe(3)
  })

  it('never counts a freight twice while freights arrive at the top, and says the run shifted', async () => {
    const { client } = harness()
    const before = [...sim.state.freights.keys()]
    sim.faults.set({ insertWhilePaging: 3 })
    const result = await client.listAll({ pageSize: 50 })
    const ids = result.items.map((freight) => freight.providerId)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(expect.arrayContaining(before))
    expect(result).toMatchObject({ shifted: true })
    expect(result.duplicates).toBeGreaterThan(0)
  })

  it('rides out 5xx, 429, resets and broken JSON', async () => {
    const { client, sleeps } = harness()
    for (const kind of ['server_error', 'rate_limited', 'reset', 'malformed'] as const) {
      sim.faults.failNext(2, kind)
      expect((await client.listPage(1, 10)).freights).toHaveLength(10)
    }
    expect(sleeps).toHaveLength(8)
  })
})

describe('one freight', () => {
  it('gets a freight, and says so when there is none', async () => {
    const { client } = harness()
    const id = someId()
    const freight = await client.get(id)
    expect(freight).toMatchObject({ providerId: id, provider: 'spotgo', status: 'active' })
    const missing = await providerFailure(client.get('00000000-0000-4000-8000-000000000000'))
    expect(missing).toMatchObject({ kind: 'not_found', status: 404 })
    expect(toAppError(missing).code).toBe('not_found')
  })

  it('publishes, changes and withdraws a freight; withdrawing twice is fine', async () => {
    const { client } = harness()
    const created = await client.create(submitBody())
    expect(created).toMatchObject({
      status: 'active',
      externalNumber: 'ZL/2026/SG-CLIENT-1',
      truckBodies: ['curtainsider', 'standard-tent'],
      vehicleSizes: ['lorry'],
      transportType: 'ftl',
      price: { value: 1200, currency: 'EUR', paymentTermDays: 30 },
    })
    // SpotGo geocoded the addresses sent without coordinates.
    expect(created.loading.place.latitude).toBeCloseTo(51.76, 1)
    expect(created.loading.window.timeZone).toBe('Europe/Warsaw')
    const changed = await client.update(
      created.providerId,
      submitBody({ payment: { from: 1500, term: 45, currency: 'EUR' } }),
    )
    expect(changed.price).toEqual({ value: 1500, currency: 'EUR', paymentTermDays: 45 })
    expect(await client.delete(created.providerId)).toEqual({ alreadyGone: false })
    expect(await client.delete(created.providerId)).toEqual({ alreadyGone: true })
  })

  it('checks a freight before sending it', async () => {
    const { client } = harness()
    const count = sim.state.freights.size
    const error = await providerFailure(
      client.create(
        submitBody({
          owner: 'not an e-mail',
          payment: { from: 100, term: 30, currency: 'eur' },
        }),
      ),
    )
    expect(error).toMatchObject({ kind: 'validation', status: null, provider: 'spotgo' })
    expect(Object.keys(error.fields).sort()).toEqual(['owner', 'payment.currency'])
    expect(sim.state.freights.size).toBe(count)
  })

  it('shows SpotGo’s own field errors (ProblemDetails) on the field they concern', async () => {
    const { client } = harness()
    const body = submitBody()
    const loading = body.locations[0] as (typeof body.locations)[number]
    loading.address = { countryCode: 'PL', postalCode: '99-999', city: 'Nowhere' }
    const error = await providerFailure(client.create(body))
    expect(error.status).toBe(400)
    expect(error.fields).toEqual({
      'locations.0.address.postalCode': [
        'No place with postal code 99-999 in PL was found; send coordinates.',
      ],
    })
    expect(AppError.parse(toAppError(error)).fields).toEqual({
      'locations.0.address.postalCode':
        'No place with postal code 99-999 in PL was found; send coordinates.',
    })
  })

  it('refuses to change a freight that is no longer active (409)', async () => {
    const { client } = harness()
    const error = await providerFailure(client.update(someId('Completed'), submitBody()))
    expect(error).toMatchObject({ kind: 'conflict', status: 409 })
    expect(error.message).toBe(
      'SpotGo refused to change the freight: Only active freights can be changed; this one is Completed.',
    )
  })
})

describe('share', () => {
  it('shares two freights for eight hours and the link shows them until it expires', async () => {
    const { client } = harness()
    const ids = sim.state
      .ordered()
      .slice(0, 2)
      .map((freight) => freight.id)
    const link = await client.share({
      freightIds: ids,
      expiresIn: 8 * 3_600_000,
      ownerEmail: sim.credentials.ownerEmail,
    })
    expect(link.validUntil).toBe(new Date(sim.clock.now() + 8 * 3_600_000).toISOString())
    const page = await fetch(link.url)
    expect(page.status).toBe(200)
    const html = await page.text()
    for (const id of ids) {
      const freight = sim.state.freights.get(id) as SpotGoFreight
      expect(html).toContain(freight.externalNumber)
    }
    sim.clock.advance(8 * 3_600_000 + 1000)
    expect((await fetch(link.url)).status).toBe(410)
  })

  it('takes the expiry as a TimeSpan too', async () => {
    const { client } = harness()
    const link = await client.share({
      freightIds: [someId()],
      expiresIn: '1.00:00:00',
      ownerEmail: sim.credentials.ownerEmail,
    })
    expect(Date.parse(link.validUntil) - sim.clock.now()).toBe(86_400_000)
  })

  it('reports what SpotGo refused: too long, unknown freights; and what it would refuse', async () => {
    const { client } = harness()
    const tooLong = await providerFailure(
      client.share({
        freightIds: [someId(), 'no-such-freight'],
        expiresIn: '31.00:00:00',
        ownerEmail: sim.credentials.ownerEmail,
      }),
    )
    expect(tooLong.fields).toEqual({
      urlExpirationTime: ['A link may live at most 30 days (30.00:00:00).'],
      'freightIds.1': ['No freight with id no-such-freight.'],
    })
    const local = await providerFailure(
      client.share({ freightIds: [], expiresIn: 'soon', ownerEmail: 'nobody' }),
    )
    expect(Object.keys(local.fields).sort()).toEqual([
      'freightIds',
      'ownerEmail',
      'urlExpirationTime',
    ])
    expect(local.status).toBeNull()
  })
})

describe('credentials and connection', () => {
  let paced: SpotGoSimulator | null = null
  afterEach(async () => {
    await paced?.stop()
    paced = null
  })

  it('says to check the API key, and keeps it out of messages and logs', async () => {
    const wrong = 'sg_wrong-key-0123456789'
    const { client, log } = harness({ apiKey: wrong })
    const error = await providerFailure(client.listPage(1))
    expect(error.kind).toBe('auth')
    expect(error.message).toBe(
      'SpotGo did not accept the sign-in: The API key is not valid. Check the SpotGo API key in Accounts.',
    )
    expect(await client.probe()).toMatchObject({
      outcome: 'bad_credentials',
      error: { code: 'auth_required' },
    })
    sim.faults.set({ serverErrorRate: 1 })
    await providerFailure(harness().client.listPage(1))
    const text = `${log.text()} ${error.message} ${JSON.stringify(error.error)}`
    expect(text).not.toContain(wrong)
    expect(text).not.toContain(sim.credentials.apiKey)
  })

  it('probes: ok, unreachable', async () => {
    const { client } = harness()
    expect((await client.probe()).outcome).toBe('ok')
    await sim.faults.goOffline()
    try {
      expect(await client.probe()).toMatchObject({ outcome: 'unreachable' })
    } finally {
      await sim.faults.goOnline()
    }
  })

  it('paces calls to the key’s limit so SpotGo never answers 429', async () => {
    paced = await spotgoSimulator({
      seed: 2,
      freights: 5,
      rateLimit: { limit: 5, windowMs: 1000 },
    })
    const { client, log } = harness({
      target: paced,
      // The same proportion of margin as the production presets (a tenth of the window).
      limiter: { limit: 5, windowMs: 1000, marginMs: 100 },
      realSleep: true,
    })
    const pages = await Promise.all(Array.from({ length: 12 }, () => client.listPage(1, 5)))
    expect(pages.every((page) => page.freights.length === 5)).toBe(true)
    expect(log.lines.filter((line) => line.details?.status === 429)).toEqual([])
  })
})
