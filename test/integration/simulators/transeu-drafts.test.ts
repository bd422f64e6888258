/**
 * Drafts on the Trans.eu simulator over HTTP, as the documentation describes them: created,
 * changed and deleted; a published freight refuses what only drafts allow.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import {
  paths,
  TranseuApiProblem,
  TranseuFreightDetail,
  useTranseuLists,
  type TranseuFreightDraftInput,
} from '../../support/transeu-lists'
import { dataCall } from '../../support/transeu-sign-in'

const { ctx, page } = useTranseuLists()

function draft(overrides: Partial<TranseuFreightDraftInput> = {}): TranseuFreightDraftInput {
  return {
    capacity: 22,
    requirements: {
      is_ftl: true,
      required_truck_bodies: ['cooler'],
      vehicle_size: 'lorry',
      temperature: { min: 2, max: 8 },
    },
    spots: [
      {
        spot_order: 1,
        place: { address: { country: 'pl', postal_code: '90-001', locality: 'Łódź' } },
        operations: [
          {
            operation_order: 1,
            type: 'loading',
            timespans: { begin: '2026-03-10T08:00:00+01:00', end: '2026-03-10T12:00:00+01:00' },
          },
        ],
      },
      {
        spot_order: 2,
        place: {
          address: {
            country: 'it',
            postal_code: '20121',
            locality: 'Milano',
            street: 'Via Roma 1',
          },
          coordinates: { latitude: 45.4642, longitude: 9.19 },
        },
        operations: [
          {
            operation_order: 1,
            type: 'unloading',
            timespans: { begin: '2026-03-12T07:00:00+01:00', end: '2026-03-12T10:00:00+01:00' },
          },
        ],
      },
    ],
    loads: [{ name: 'Dairy products', amount: 33, type_of_load: 'europalette', weight: 20 }],
    shipment_external_id: 'ZL/2026/777',
    payment: { price: { value: 2400, currency: 'eur', period: { days: 30, payment: 'deferred' } } },
    ...overrides,
  }
}

async function createDraft(body: unknown) {
  return dataCall(ctx.sim, paths.freights, ctx.token, {
    method: 'POST',
    body: JSON.stringify(body),
  })
}

describe('drafts', () => {
  it('creates a draft in status new with UTC and local times, geocoded when needed', async () => {
    const response = await createDraft(draft())
    expect(response.status).toBe(201)
    const created = TranseuFreightDetail.parse(await response.json())
    expect(created).toMatchObject({
      status: 'new',
      publication: null,
      shipment_external_id: 'ZL/2026/777',
      created: '2026-03-02T09:00:00Z',
      capacity: 22,
      temperature: { min: 2, max: 8 },
      publication_price: { value: 2400, currency: 'eur' },
    })
    expect(created.reference_number).toMatch(/^FR\/2026\/03\/02\/[0-9A-Z]{4}$/)
    expect(created.loading.timespans).toEqual({
      begin: '2026-03-10T07:00:00Z',
      end: '2026-03-10T11:00:00Z',
      begin_local: '2026-03-10T08:00:00',
      end_local: '2026-03-10T12:00:00',
      timezone: 'Europe/Warsaw',
    })
    expect(created.loading.coordinates).toEqual({ latitude: 51.7592, longitude: 19.456 })
    expect(created.unloading.timespans.timezone).toBe('Europe/Rome')
    expect(created.distance).toBeGreaterThan(900)
    const [top] = await page('freights')
    expect(top!.id).toBe(created.id)
    const detail = TranseuFreightDetail.parse(
      await (
        await dataCall(ctx.sim, `/ext/freights-api/v1/freights/${created.id}`, ctx.token)
      ).json(),
    )
    expect(detail).toEqual(created)
  })

  it.each([
    [
      'a temperature for a body that cannot keep one',
      () =>
        draft({
          requirements: {
            is_ftl: true,
            required_truck_bodies: ['curtainsider'],
            vehicle_size: 'lorry',
            temperature: { min: 2, max: 8 },
          },
        }),
      'requirements.temperature',
    ],
    ['a missing capacity', () => ({ ...draft(), capacity: undefined }), 'capacity'],
    ['missing loads', () => ({ ...draft(), loads: undefined }), 'loads'],
    [
      'an unknown truck body',
      () =>
        draft({
          requirements: {
            is_ftl: true,
            required_truck_bodies: ['rocket' as 'box'],
            vehicle_size: 'lorry',
          },
        }),
      'requirements.required_truck_bodies.0',
    ],
    [
      'a vehicle size out of order',
      () =>
        draft({
          requirements: { is_ftl: true, required_truck_bodies: ['box'], vehicle_size: 'lorry_bus' },
        }),
      'requirements.vehicle_size',
    ],
    [
      'a first spot without a loading',
      () => {
        const body = draft()
        body.spots[0]!.operations[0]!.type = 'unloading'
        return body
      },
      'spots.0.operations',
    ],
    [
      'spots out of order',
      () => {
        const body = draft()
        body.spots[1]!.spot_order = 3
        return body
      },
      'spots.1.spot_order',
    ],
    [
      'a window that ends before it begins',
      () => {
        const body = draft()
        body.spots[0]!.operations[0]!.timespans.end = '2026-03-10T07:00:00+01:00'
        return body
      },
      'spots.0.operations.0.timespans.end',
    ],
    [
      'a time without a numeric offset',
      () => {
        const body = draft()
        body.spots[0]!.operations[0]!.timespans.begin = '2026-03-10T07:00:00Z'
        return body
      },
      'spots.0.operations.0.timespans.begin',
    ],
    [
      'an address that cannot be found',
      () => {
        const body = draft()
        body.spots[0]!.place.address = { country: 'pl', postal_code: '99-999', locality: 'Nowhere' }
        return body
      },
      'spots.0.place.address.postal_code',
    ],
    [
      'an unloading before the loading',
      () => {
        const body = draft()
        body.spots[1]!.operations[0]!.timespans = {
          begin: '2026-03-09T07:00:00+01:00',
          end: '2026-03-09T10:00:00+01:00',
        }
        return body
      },
      'spots.1.operations',
    ],
  ])('refuses %s with 422 in the validation_error form', async (_name, body, field) => {
    const before = ctx.sim.state.freights.freights.size
    const response = await createDraft(body())
    expect(response.status).toBe(422)
    const raw = (await response.json()) as { validation_messages: Record<string, unknown> }
    let node: unknown = raw.validation_messages
    for (const key of field.split('.')) node = (node as Record<string, unknown>)[key]
    expect(node).toHaveProperty('validation_error')
    const parsed = TranseuApiProblem.parse(raw)
    expect(parsed.validation_messages?.[field]?.[0]).toEqual(expect.any(String))
    expect(ctx.sim.state.freights.freights.size).toBe(before)
  })

  it('overwrites a never-published freight with PUT, keeping its reference', async () => {
    const created = TranseuFreightDetail.parse(await (await createDraft(draft())).json())
    const response = await dataCall(
      ctx.sim,
      `/ext/freights-api/v1/freights/${created.id}`,
      ctx.token,
      {
        method: 'PUT',
        body: JSON.stringify(draft({ capacity: 12, shipment_external_id: 'ZL/2026/778' })),
      },
    )
    expect(response.status).toBe(200)
    const changed = TranseuFreightDetail.parse(await response.json())
    expect(changed).toMatchObject({
      id: created.id,
      reference_number: created.reference_number,
      created: created.created,
      capacity: 12,
      shipment_external_id: 'ZL/2026/778',
    })
  })

  it('refuses to overwrite a published freight (403) or an unknown one (404)', async () => {
    const [published] = await page('freights', { filter: { status: 'in_progress' } })
    const refused = await dataCall(
      ctx.sim,
      `/ext/freights-api/v1/freights/${published!.id}`,
      ctx.token,
      {
        method: 'PUT',
        body: JSON.stringify(draft()),
      },
    )
    expect(refused.status).toBe(403)
    const missing = await dataCall(ctx.sim, '/ext/freights-api/v1/freights/12', ctx.token, {
      method: 'PUT',
      body: JSON.stringify(draft()),
    })
    expect(missing.status).toBe(404)
  })
})

describe('delete', () => {
  let draftId: number

  beforeEach(async () => {
    draftId = TranseuFreightDetail.parse(await (await createDraft(draft())).json()).id
  })

  it('removes a freight in status new (204), after which it is 404', async () => {
    const path = `/ext/freights-api/v1/freights/${draftId}`
    expect((await dataCall(ctx.sim, path, ctx.token, { method: 'DELETE' })).status).toBe(204)
    expect((await dataCall(ctx.sim, path, ctx.token)).status).toBe(404)
    const again = await dataCall(ctx.sim, path, ctx.token, { method: 'DELETE' })
    expect(again.status).toBe(404)
    expect(TranseuApiProblem.parse(await again.json()).detail).toBe('Freight not found')
  })

  it.each(['in_progress', 'accepted', 'closed'] as const)(
    'refuses a freight in status %s with 403 naming the status',
    async (status) => {
      const freight = [...ctx.sim.state.freights.freights.values()].find(
        (item) => item.status === status,
      )!
      const response = await dataCall(
        ctx.sim,
        `/ext/freights-api/v1/freights/${freight.id}`,
        ctx.token,
        {
          method: 'DELETE',
        },
      )
      expect(response.status).toBe(403)
      expect(TranseuApiProblem.parse(await response.json()).detail).toContain(status)
      expect(ctx.sim.state.freights.freights.has(freight.id)).toBe(true)
    },
  )
})
