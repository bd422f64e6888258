import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { placesIn } from '../../../electron/main/simulators/data/places'
import type { SubmitBody } from '../../../electron/main/simulators/spotgo/shapes'
import { documentedErrors, spotGoDocumented } from '../../support/documented-shapes'
import { spotgoSimulator } from '../../support/simulators'
import { problemOf, useSpotGoCalls } from '../../support/spotgo-calls'

const SpotGoFreight = spotGoDocumented.freight
const SpotGoFreightPage = spotGoDocumented.page
type SpotGoFreightSubmitInput = z.input<typeof SubmitBody>

const now = '2026-03-02T09:00:00Z'
const { ctx, call } = useSpotGoCalls()

const gdansk = placesIn('PL').find((place) => place.locality === 'Gdańsk')!
const berlin = placesIn('DE').find((place) => place.locality === 'Berlin')!

function submit(overrides: Partial<SpotGoFreightSubmitInput> = {}): SpotGoFreightSubmitInput {
  return {
    externalNumber: 'TEST/1',
    owner: 'dispatch@wisla-spedycja.example',
    sources: [1, '2'],
    useAlternativeLocations: false,
    locations: [
      {
        sequence: 1,
        type: 'Loading',
        address: { countryCode: 'PL', postalCode: gdansk.postalCode, city: gdansk.locality },
        period: { startDate: '2026-03-05T07:00:00Z', endDate: '2026-03-05T11:00:00Z' },
      },
      {
        sequence: 2,
        type: 'Unloading',
        address: {
          countryCode: 'DE',
          postalCode: berlin.postalCode,
          city: berlin.locality,
          coordinates: { latitude: 52.5, longitude: 13.4 },
        },
        period: { startDate: '2026-03-06T08:00:00Z', endDate: '2026-03-06T12:00:00Z' },
      },
    ],
    requirements: {
      trailerTypes: [3],
      vehicleTypes: [1],
      loadingSide: 'All',
      capacity: 24,
      pallets: 33,
      ldm: 13.6,
      ftl: true,
    },
    payment: { from: 1200, growTo: 1400, term: 30, currency: 'EUR' },
    ...overrides,
  }
}

describe('authentication', () => {
  it('answers 401 with ProblemDetails without a key and with a wrong key', async () => {
    const missing = await call('/api/v1/freights', { key: null })
    expect(missing.status).toBe(401)
    expect((await problemOf(missing)).detail).toMatch(/X-Api-Key/)
    const wrong = await call('/api/v1/freights', { key: 'sg_not-a-key-at-all' })
    expect(wrong.status).toBe(401)
    expect((await problemOf(wrong)).detail).toMatch(/not valid/)
  })

  it('accepts every key of the account and refuses an unsupported API version', async () => {
    expect((await call('/api/v1/freights', { key: ctx.sim.credentials.apiKeys[1]! })).status).toBe(
      200,
    )
    const unversioned = await fetch(`${ctx.sim.baseUrl}/api/v1/freights`, {
      headers: { 'x-api-key': ctx.sim.credentials.apiKey },
    })
    expect(unversioned.status).toBe(200)
    const future = await fetch(`${ctx.sim.baseUrl}/api/v1/freights`, {
      headers: { 'x-api-key': ctx.sim.credentials.apiKey, 'x-api-version': '2.0' },
    })
    expect(future.status).toBe(400)
    expect((await problemOf(future)).title).toBe('Unsupported API version')
  })
})

describe('freight list and detail', () => {
  it('pages newest first in the documented envelope with the versioned content type', async () => {
    const first = await call('/api/v1/freights')
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toContain('x-api-version=1.0')
    const page1 = SpotGoFreightPage.parse(await first.json())
    expect(page1).toMatchObject({ totalCount: 30, page: 1, pageSize: 20 })
    expect(page1.items).toHaveLength(20)
    const page2 = SpotGoFreightPage.parse(await (await call('/api/v1/freights?page=2')).json())
    expect(page2.items).toHaveLength(10)
    const all = [...page1.items, ...page2.items]
    expect(new Set(all.map((freight) => freight.id)).size).toBe(30)
    const created = all.map((freight) => freight.createdAt)
    expect(created).toEqual([...created].sort().reverse())
    const big = SpotGoFreightPage.parse(await (await call('/api/v1/freights?pageSize=100')).json())
    expect(big.items.map((freight) => freight.id)).toEqual(all.map((freight) => freight.id))
  })

  it('refuses a page size over 100 and pages that are not whole numbers from 1', async () => {
    for (const query of ['pageSize=101', 'page=0', 'page=abc', 'pageSize=-1']) {
      const response = await call(`/api/v1/freights?${query}`)
      expect(response.status).toBe(400)
      const field = query.split('=')[0]!
      expect((await problemOf(response)).errors?.[field]?.[0]).toBeTruthy()
    }
  })

  it('returns one freight by id and 404 for an unknown id', async () => {
    const [listed] = SpotGoFreightPage.parse(await (await call('/api/v1/freights')).json()).items
    const one = await call(`/api/v1/freights/${listed!.id}`)
    expect(one.status).toBe(200)
    expect(SpotGoFreight.parse(await one.json())).toEqual(listed)
    const missing = await call('/api/v1/freights/00000000-0000-4000-8000-000000000000')
    expect(missing.status).toBe(404)
    expect((await problemOf(missing)).status).toBe(404)
  })

  it('shows an active freight as expired once its loading window is over, and refuses changes', async () => {
    const active = [...ctx.sim.state.freights.values()].find(
      (freight) => freight.status === 'Active',
    )!
    const loadingEnd = Date.parse(active.locations[0]!.period.endDate)
    ctx.sim.clock.set(loadingEnd - 60_000)
    expect(
      SpotGoFreight.parse(await (await call(`/api/v1/freights/${active.id}`)).json()).status,
    ).toBe('Active')
    ctx.sim.clock.set(loadingEnd + 60_000)
    const shown = SpotGoFreight.parse(await (await call(`/api/v1/freights/${active.id}`)).json())
    expect(shown.status).toBe('Expired')
    const change = await call(`/api/v1/freights/${active.id}`, {
      method: 'PUT',
      body: JSON.stringify(submit()),
    })
    expect(change.status).toBe(409)
  })

  it('serves the tolerant shapes when switched: a bare array and lattitude', async () => {
    ctx.sim.faults.set({ listAsBareArray: true, lattitude: true })
    const body: unknown = await (await call('/api/v1/freights?pageSize=5')).json()
    expect(Array.isArray(body)).toBe(true)
    const first = (body as Array<{ locations: Array<{ address: { coordinates: object } }> }>)[0]!
    expect(first.locations[0]!.address.coordinates).toHaveProperty('lattitude')
    expect(first.locations[0]!.address.coordinates).not.toHaveProperty('latitude')
    const read = z.array(SpotGoFreight).parse(body)
    expect(read).toHaveLength(5)
    expect(read[0]!.locations[0]!.address.coordinates).toEqual({
      lattitude: expect.any(Number) as number,
      longitude: expect.any(Number) as number,
    })
  })
})

describe('create, change and withdraw', () => {
  it('creates an active freight, geocodes an address without coordinates and lists it first', async () => {
    const response = await call('/api/v1/freights', {
      method: 'POST',
      body: JSON.stringify(submit()),
    })
    expect(response.status).toBe(200)
    const created = SpotGoFreight.parse(await response.json())
    expect(created).toMatchObject({
      status: 'Active',
      externalNumber: 'TEST/1',
      sources: ['1', '2'],
    })
    expect(created.createdAt).toBe(now)
    expect(created.locations[0]!.address.coordinates).toEqual({
      latitude: gdansk.latitude,
      longitude: gdansk.longitude,
    })
    expect(created.locations[1]!.address.coordinates).toEqual({ latitude: 52.5, longitude: 13.4 })
    const page = SpotGoFreightPage.parse(await (await call('/api/v1/freights')).json())
    expect(page.totalCount).toBe(31)
    expect(page.items[0]!.id).toBe(created.id)
    const again = SpotGoFreight.parse(await (await call(`/api/v1/freights/${created.id}`)).json())
    expect(again).toEqual(created)
  })

  it('accepts the doc example spelling lattitude on submit', async () => {
    const body = submit()
    const unloading = body.locations[1]!
    unloading.address.coordinates = { lattitude: 52.1, longitude: 13.2 }
    const response = await call('/api/v1/freights', { method: 'POST', body: JSON.stringify(body) })
    const created = SpotGoFreight.parse(await response.json())
    expect(created.locations[1]!.address.coordinates).toEqual({ latitude: 52.1, longitude: 13.2 })
  })

  it.each([
    [
      'more than 2 locations',
      (body: SpotGoFreightSubmitInput) => ({
        ...body,
        locations: [...body.locations, body.locations[1]!],
      }),
      'locations',
      /At most 2/,
    ],
    [
      'only one location',
      (body: SpotGoFreightSubmitInput) => ({ ...body, locations: [body.locations[0]!] }),
      'locations',
      /Loading and an Unloading/,
    ],
    [
      'an Unloading first',
      (body: SpotGoFreightSubmitInput) => ({
        ...body,
        locations: [
          { ...body.locations[1]!, sequence: 1 },
          { ...body.locations[0]!, sequence: 2 },
        ],
      }),
      'locations[0].type',
      /must be the Loading/,
    ],
    [
      'a wrong sequence',
      (body: SpotGoFreightSubmitInput) => ({
        ...body,
        locations: [{ ...body.locations[0]!, sequence: 2 }, body.locations[1]!],
      }),
      'locations[0].sequence',
      /must be 1/,
    ],
    [
      'an end before the start',
      (body: SpotGoFreightSubmitInput) => ({
        ...body,
        locations: [
          {
            ...body.locations[0]!,
            period: { startDate: '2026-03-05T11:00:00Z', endDate: '2026-03-05T07:00:00Z' },
          },
          body.locations[1]!,
        ],
      }),
      'locations[0].period.endDate',
      /after the start/,
    ],
    [
      'an unloading that starts before the loading',
      (body: SpotGoFreightSubmitInput) => ({
        ...body,
        locations: [
          body.locations[0]!,
          {
            ...body.locations[1]!,
            period: { startDate: '2026-03-04T08:00:00Z', endDate: '2026-03-04T12:00:00Z' },
          },
        ],
      }),
      'locations[1].period.startDate',
      /cannot start before/,
    ],
    [
      'an unknown trailer type',
      (body: SpotGoFreightSubmitInput) => ({
        ...body,
        requirements: { ...body.requirements, trailerTypes: [9] },
      }),
      'requirements.trailerTypes[0]',
      /Unknown trailer type/,
    ],
    [
      'an unknown vehicle type',
      (body: SpotGoFreightSubmitInput) => ({
        ...body,
        requirements: { ...body.requirements, vehicleTypes: [6] },
      }),
      'requirements.vehicleTypes[0]',
      /Unknown vehicle type/,
    ],
    [
      'a missing owner',
      (body: SpotGoFreightSubmitInput) => ({ ...body, owner: undefined as unknown as string }),
      'owner',
      /required/,
    ],
    [
      'a lower-case country code',
      (body: SpotGoFreightSubmitInput) => ({
        ...body,
        locations: [
          {
            ...body.locations[0]!,
            address: { ...body.locations[0]!.address, countryCode: 'pl' },
          },
          body.locations[1]!,
        ],
      }),
      'locations[0].address.countryCode',
      /upper case/,
    ],
    [
      'a postal code that cannot be geocoded',
      (body: SpotGoFreightSubmitInput) => ({
        ...body,
        locations: [
          {
            ...body.locations[0]!,
            address: { countryCode: 'PL', postalCode: '99-999', city: 'Nowhere' },
          },
          body.locations[1]!,
        ],
      }),
      'locations[0].address.postalCode',
      /send coordinates/,
    ],
    [
      'a ceiling under the start price',
      (body: SpotGoFreightSubmitInput) => ({
        ...body,
        payment: { from: 1200, growTo: 1000, term: 30, currency: 'EUR' },
      }),
      'payment.growTo',
      /ceiling/,
    ],
  ])('refuses %s with a per-field message', async (_name, change, field, message) => {
    const response = await call('/api/v1/freights', {
      method: 'POST',
      body: JSON.stringify(change(submit())),
    })
    expect(response.status).toBe(400)
    const body = await problemOf(response)
    expect(body.title).toBe('One or more validation errors occurred.')
    expect(body.errors?.[field]?.join(' ')).toMatch(message)
    expect(ctx.sim.state.freights.size).toBe(30)
  })

  it('answers 400 for a body that is not JSON', async () => {
    const response = await call('/api/v1/freights', { method: 'POST', body: '{"externalNumber":' })
    expect(response.status).toBe(400)
    expect((await problemOf(response)).detail).toMatch(/not valid JSON/)
  })

  it('changes an active freight with PUT, keeping id, status and creation time', async () => {
    const created = SpotGoFreight.parse(
      await (
        await call('/api/v1/freights', { method: 'POST', body: JSON.stringify(submit()) })
      ).json(),
    )
    ctx.sim.clock.advance(3_600_000)
    const response = await call(`/api/v1/freights/${created.id}`, {
      method: 'PUT',
      body: JSON.stringify(submit({ externalNumber: 'TEST/1-B', comments: 'Changed.' })),
    })
    expect(response.status).toBe(200)
    const changed = SpotGoFreight.parse(await response.json())
    expect(changed).toMatchObject({
      id: created.id,
      status: 'Active',
      createdAt: created.createdAt,
      externalNumber: 'TEST/1-B',
      comments: 'Changed.',
      updatedAt: '2026-03-02T10:00:00Z',
    })
  })

  it('refuses to change a freight that is not active (409), an unknown one (404) or a bad body (400)', async () => {
    const cancelled = [...ctx.sim.state.freights.values()].find(
      (freight) => freight.status === 'Cancelled',
    )!
    const conflict = await call(`/api/v1/freights/${cancelled.id}`, {
      method: 'PUT',
      body: JSON.stringify(submit()),
    })
    expect(conflict.status).toBe(409)
    expect((await problemOf(conflict)).detail).toMatch(/Cancelled/)
    const unknown = await call('/api/v1/freights/nope', {
      method: 'PUT',
      body: JSON.stringify(submit()),
    })
    expect(unknown.status).toBe(404)
    const active = [...ctx.sim.state.freights.values()].find(
      (freight) => freight.status === 'Active',
    )!
    const invalid = await call(`/api/v1/freights/${active.id}`, {
      method: 'PUT',
      body: JSON.stringify({ ...submit(), locations: [] }),
    })
    expect(invalid.status).toBe(400)
    expect(ctx.sim.state.freights.get(active.id)).toEqual(active)
  })

  it('withdraws with DELETE (204), after which the freight is 404', async () => {
    const [first] = SpotGoFreightPage.parse(await (await call('/api/v1/freights')).json()).items
    expect((await call(`/api/v1/freights/${first!.id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await call(`/api/v1/freights/${first!.id}`)).status).toBe(404)
    expect((await call(`/api/v1/freights/${first!.id}`, { method: 'DELETE' })).status).toBe(404)
    const page = SpotGoFreightPage.parse(await (await call('/api/v1/freights')).json())
    expect(page.totalCount).toBe(29)
  })

  it('answers 405 for a method the path does not have', async () => {
    const response = await call('/api/v1/freights', { method: 'PATCH', body: '{}' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toContain('GET')
  })
})

describe('rate limit', () => {
  it('allows the configured number per key and window, then 429 with Retry-After', async () => {
    await ctx.sim.stop()
    ctx.sim = await spotgoSimulator({
      now,
      freights: 5,
      rateLimit: { limit: 3, windowMs: 60_000 },
    })
    for (let i = 0; i < 3; i++) expect((await call('/api/v1/freights')).status).toBe(200)
    ctx.sim.clock.advance(20_000)
    const refused = await call('/api/v1/freights')
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('40')
    expect((await problemOf(refused)).detail).toMatch(/3 requests per minute/)
    // Another key has its own window; a wrong key is refused before it counts.
    expect((await call('/api/v1/freights', { key: ctx.sim.credentials.apiKeys[1]! })).status).toBe(
      200,
    )
    expect((await call('/api/v1/freights', { key: 'sg_wrong-key-123' })).status).toBe(401)
    ctx.sim.clock.advance(40_000)
    expect((await call('/api/v1/freights')).status).toBe(200)
  })

  it('defaults to 100 a minute per key', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 101; i++) statuses.push((await call('/api/v1/freights?pageSize=1')).status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(100)
    expect(statuses.at(-1)).toBe(429)
  })
})

describe('5xx answers', () => {
  it('come as ErrorViewModel', async () => {
    ctx.sim.faults.failNext(1, 'server_error')
    const response = await call('/api/v1/freights')
    expect(response.status).toBeGreaterThanOrEqual(500)
    expect(documentedErrors.spotgoErrorViewModel.parse(await response.json()).message).toMatch(
      /try again/i,
    )
  })
})
