import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  startTranseuSimulator,
  type TranseuSimulator,
} from '../../../electron/main/simulators/transeu/server'
import type { DraftBody } from '../../../electron/main/simulators/transeu/shapes'
import {
  documentedErrors,
  flattenedValidationMessages,
  transeuDocumented,
} from '../../support/documented-shapes'
import { dataCall, signIn } from '../../support/transeu-sign-in'

type TranseuListName = 'freights' | 'accepted' | 'archive'
type TranseuFreightDraftInput = z.input<typeof DraftBody>
type TranseuFreightListItem = z.infer<typeof transeuDocumented.listItem> & {
  archived_at?: string
}
/** The statuses each list holds (the documentation's list descriptions). */
const transeuLists: Record<TranseuListName, string[]> = {
  freights: ['new', 'in_progress', 'unsuccessful_publication', 'waiting_for_publication'],
  accepted: ['accepted'],
  archive: ['closed'],
}
const transeuPageSize = 30
const TranseuFreightDetail = transeuDocumented.detail
/** A list page read with the documented shape (the archive's items add `archived_at`). */
const listPage = (list: TranseuListName) =>
  z.array(list === 'archive' ? transeuDocumented.archiveItem : transeuDocumented.listItem)
const TranseuFreightSelection = z.array(z.record(z.string(), z.unknown()))
const TranseuApiProblem = documentedErrors.transeuProblem.transform((problem) => ({
  ...problem,
  validation_messages: flattenedValidationMessages(problem.validation_messages),
}))

let sim: TranseuSimulator
let token: string

beforeAll(async () => {
  sim = await startTranseuSimulator({
    seed: 11,
    now: '2026-03-02T09:00:00Z',
    freights: 200,
    rateLimits: { data: { limit: 10_000, windowMs: 1000 }, token: { limit: 100, windowMs: 1000 } },
  })
  token = (await signIn(sim)).access_token
})
afterAll(async () => {
  await sim.stop()
})

const paths: Record<TranseuListName, string> = {
  freights: '/ext/freights-api/v1/freights',
  accepted: '/ext/freights-api/v1/accepted',
  archive: '/ext/freights-api/v1/archive',
}

function listUrl(list: TranseuListName, modifiers: Record<string, unknown> = {}): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(modifiers)) {
    query.set(
      key,
      typeof value === 'string' || typeof value === 'number'
        ? String(value)
        : JSON.stringify(value),
    )
  }
  const text = query.toString()
  return `${paths[list]}${text ? `?${text}` : ''}`
}

async function page(list: TranseuListName, modifiers: Record<string, unknown> = {}) {
  const response = await dataCall(sim, listUrl(list, modifiers), token)
  expect(response.status).toBe(200)
  return listPage(list).parse(await response.json()) as TranseuFreightListItem[]
}

/** Reads pages until one has fewer than 30 items, as the docs say a client must. */
async function all(list: TranseuListName, modifiers: Record<string, unknown> = {}) {
  const items: TranseuFreightListItem[] = []
  for (let number = 1; ; number++) {
    const items_ = await page(list, { ...modifiers, page: number })
    expect(items_.length).toBeLessThanOrEqual(transeuPageSize)
    items.push(...items_)
    if (items_.length < transeuPageSize) return items
  }
}

async function problem(list: TranseuListName, modifiers: Record<string, unknown> | string) {
  const url =
    typeof modifiers === 'string' ? `${paths[list]}?${modifiers}` : listUrl(list, modifiers)
  const response = await dataCall(sim, url, token)
  expect(response.status).toBe(422)
  const raw = (await response.json()) as Record<string, unknown>
  return { raw, parsed: TranseuApiProblem.parse(raw) }
}

describe('the three lists', () => {
  it('hold the documented statuses, 30 a page with no total, and together every freight', async () => {
    const seen = new Set<number>()
    for (const list of Object.keys(paths) as TranseuListName[]) {
      const response = await dataCall(sim, paths[list], token)
      expect(response.headers.get('x-total-count')).toBeNull()
      const body: unknown = await response.json()
      expect(Array.isArray(body)).toBe(true)
      const items = await all(list)
      for (const item of items) {
        expect(transeuLists[list]).toContain(item.status)
        seen.add(item.id)
      }
      const statuses = new Set(items.map((item) => item.status))
      expect([...statuses].sort()).toEqual([...transeuLists[list]].sort())
    }
    expect(seen.size).toBe(200)
  })

  it('show list keys only: archived_at on the archive alone, only transport in requirements', async () => {
    const [active] = await page('freights')
    expect(active).not.toHaveProperty('archived_at')
    expect(active).not.toHaveProperty('capacity')
    expect(Object.keys(active!.requirements)).toEqual(['transport'])
    const [archived] = await page('archive')
    expect(archived!.archived_at).toMatch(/(Z|[+-]\d{2}:\d{2})$/)
    expect(Date.parse(archived!.archived_at!)).toBeLessThanOrEqual(
      Date.parse('2026-03-02T09:00:00Z'),
    )
  })

  // Instants come with offsets as well as in UTC: they are compared as instants.
  const ascending = (values: readonly (string | number)[]) =>
    [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

  it('sort by creation, newest first, unless told otherwise', async () => {
    const created = (await all('freights')).map((item) => Date.parse(item.created))
    expect(created).toEqual(ascending(created).reverse())
  })

  it.each([
    [
      'loading_date',
      'asc',
      (item: TranseuFreightListItem) => Date.parse(item.loading.timespans.begin),
    ],
    [
      'unloading_date',
      'desc',
      (item: TranseuFreightListItem) => Date.parse(item.unloading.timespans.begin),
    ],
    ['status', 'asc', (item: TranseuFreightListItem) => item.status],
    ['created_at', 'asc', (item: TranseuFreightListItem) => Date.parse(item.created)],
  ] as const)('sort by %s %s', async (sortBy, order, key) => {
    const values: (string | number)[] = (await all('freights', { sortBy, order })).map((item) =>
      key(item),
    )
    const sorted = ascending(values)
    expect(values).toEqual(order === 'asc' ? sorted : sorted.reverse())
  })

  it('sort the archive by archived_at', async () => {
    const values = (await all('archive', { sortBy: 'archived_at', order: 'desc' })).map((item) =>
      Date.parse(item.archived_at ?? ''),
    )
    expect(values).toEqual(ascending(values).reverse())
  })

  it('answer an empty page past the end', async () => {
    expect(await page('accepted', { page: 99 })).toEqual([])
  })
})

describe('filter', () => {
  it('by status, within the list', async () => {
    const items = await all('freights', { filter: { status: 'waiting_for_publication' } })
    expect(items.length).toBeGreaterThan(0)
    expect(items.every((item) => item.status === 'waiting_for_publication')).toBe(true)
  })

  it('by truck body, by any of several bodies and by publication type', async () => {
    const every = await all('freights')
    const body = every[0]!.truck_bodies[0]!
    const one = await all('freights', { filter: { truck_body_type: body } })
    expect(one.length).toBe(every.filter((item) => item.truck_bodies.includes(body)).length)
    const several = await all('freights', { filter: { truck_body_types: ['cooler', 'mega'] } })
    expect(several.length).toBe(
      every.filter((item) => item.truck_bodies.some((b) => b === 'cooler' || b === 'mega')).length,
    )
    const published = await all('freights', { filter: { publication_type: ['exchange'] } })
    expect(published.length).toBeGreaterThan(0)
    expect(published.every((item) => item.publication?.publish_type === 'exchange')).toBe(true)
  })

  it('by loading and unloading place: country, and postal code by prefix', async () => {
    const every = [
      ...(await all('freights')),
      ...(await all('accepted')),
      ...(await all('archive')),
    ]
    const sample = every[0]!
    const country = sample.loading.place.country
    const prefix = sample.loading.place.postal_code.slice(0, 2)
    const byCountry = [
      ...(await all('freights', { filter: { loading_place: { country } } })),
      ...(await all('accepted', { filter: { loading_place: { country } } })),
      ...(await all('archive', { filter: { loading_place: { country } } })),
    ]
    expect(byCountry.length).toBe(
      every.filter((item) => item.loading.place.country === country).length,
    )
    const byPostal = await all('freights', {
      filter: { loading_place: { country, postal_code: prefix } },
    })
    expect(
      byPostal.every(
        (item) =>
          item.loading.place.country === country &&
          item.loading.place.postal_code.startsWith(prefix),
      ),
    ).toBe(true)
    const unloadingCountry = sample.unloading.place.country
    const byUnloading = await all('freights', {
      filter: { unloading_place: { country: unloadingCountry } },
    })
    expect(byUnloading.every((item) => item.unloading.place.country === unloadingCountry)).toBe(
      true,
    )
  })

  it("by loading and unloading date, in the place's local days", async () => {
    const range = { start_date: '2026-03-05', end_date: '2026-03-10' }
    const every = await all('freights')
    const inRange = (item: TranseuFreightListItem['loading']) =>
      item.timespans.end_local.slice(0, 10) >= range.start_date &&
      item.timespans.begin_local.slice(0, 10) <= range.end_date
    const loading = await all('freights', { filter: { loading_date: range } })
    expect(loading.length).toBeGreaterThan(0)
    expect(loading.map((item) => item.id).sort()).toEqual(
      every
        .filter((item) => inRange(item.loading))
        .map((item) => item.id)
        .sort(),
    )
    const unloading = await all('freights', { filter: { unloading_date: range } })
    expect(unloading.every((item) => inRange(item.unloading))).toBe(true)
  })

  it('combines keys with AND', async () => {
    const combined = await all('freights', {
      filter: { status: 'in_progress', loading_place: { country: 'pl' } },
    })
    expect(combined.length).toBeGreaterThan(0)
    expect(
      combined.every(
        (item) => item.status === 'in_progress' && item.loading.place.country === 'pl',
      ),
    ).toBe(true)
  })

  it('searches the accepted list by a reference fragment', async () => {
    const accepted = await all('accepted')
    const reference = accepted[0]!.reference_number
    const fragment = reference.slice(-4).toLowerCase()
    const found = await all('accepted', { search: { value: fragment } })
    expect(found.map((item) => item.reference_number)).toContain(reference)
    expect(found.every((item) => item.reference_number.toLowerCase().includes(fragment))).toBe(true)
  })
})

describe('fields', () => {
  it('keeps only the fields set to true', async () => {
    const response = await dataCall(
      sim,
      listUrl('freights', { fields: { id: true, loading: true } }),
      token,
    )
    const items = TranseuFreightSelection.parse(await response.json())
    expect(items).toHaveLength(30)
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['id', 'loading'])
  })

  it('drops the fields set to false', async () => {
    const response = await dataCall(
      sim,
      listUrl('accepted', { fields: { publication: false } }),
      token,
    )
    const items = TranseuFreightSelection.parse(await response.json())
    expect(items.length).toBeGreaterThan(0)
    for (const item of items) {
      expect(item).not.toHaveProperty('publication')
      expect(item).toHaveProperty('reference_number')
    }
  })
})

describe('a bad modifier answers 422 with validation_messages', () => {
  it('in the documented shape for sortBy', async () => {
    const { raw } = await problem('freights', { sortBy: 'price' })
    expect(typeof raw.type).toBe('string')
    expect(raw).toEqual({
      type: raw.type,
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'Failed Validation',
      validation_messages: {
        sortBy: {
          notInArray:
            'Allowed values: status, created_at, loading_date, unloading_date, archived_at',
        },
      },
    })
  })

  it.each([
    [{ order: 'up' }, 'order'],
    [{ page: 0 }, 'page'],
    [{ page: 'two' }, 'page'],
    ['filter=%7Bnot-json', 'filter'],
    [{ filter: [1] }, 'filter'],
    [{ filter: { colour: 'red' } }, 'filter.colour'],
    [{ filter: { status: 'accepted' } }, 'filter.status'],
    [{ filter: { truck_body_type: 'spaceship' } }, 'filter.truck_body_type'],
    [{ filter: { truck_body_types: [] } }, 'filter.truck_body_types'],
    [{ filter: { publication_type: ['fax'] } }, 'filter.publication_type.0'],
    [{ filter: { loading_place: { country: 'PL' } } }, 'filter.loading_place.country'],
    [{ filter: { loading_place: {} } }, 'filter.loading_place'],
    [{ filter: { loading_date: { start_date: '2026-13-01' } } }, 'filter.loading_date.start_date'],
    [
      { filter: { loading_date: { start_date: '2026-03-10', end_date: '2026-03-01' } } },
      'filter.loading_date.end_date',
    ],
    [{ fields: { id: 'yes' } }, 'fields.id'],
    [{ fields: { price: true } }, 'fields.price'],
    [{ search: { value: 'FR' } }, 'search'],
    [{ limit: 10 }, 'limit'],
  ])('%j names %s', async (modifiers, field) => {
    const { parsed } = await problem('freights', modifiers)
    expect(parsed.validation_messages?.[field]?.[0]).toEqual(expect.any(String))
  })

  it('for an empty search on the accepted list', async () => {
    const { parsed } = await problem('accepted', { search: { value: ' ' } })
    expect(parsed.validation_messages?.['search.value']).toBeTruthy()
  })
})

describe('detail', () => {
  it('returns any own freight in full, and 404 "Freight not found" otherwise', async () => {
    for (const list of Object.keys(paths) as TranseuListName[]) {
      const [item] = await page(list)
      const response = await dataCall(sim, `/ext/freights-api/v1/freights/${item!.id}`, token)
      expect(response.status).toBe(200)
      const detail = TranseuFreightDetail.parse(await response.json())
      expect(detail.id).toBe(item!.id)
      expect(detail.reference_number).toBe(item!.reference_number)
      expect(detail.spots.length).toBeGreaterThanOrEqual(2)
    }
    for (const id of ['1', 'abc', '99999999999']) {
      const missing = await dataCall(sim, `/ext/freights-api/v1/freights/${id}`, token)
      expect(missing.status).toBe(404)
      expect(TranseuApiProblem.parse(await missing.json()).detail).toBe('Freight not found')
    }
  })
})

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
  return dataCall(sim, paths.freights, token, { method: 'POST', body: JSON.stringify(body) })
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
      await (await dataCall(sim, `/ext/freights-api/v1/freights/${created.id}`, token)).json(),
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
    const before = sim.state.freights.freights.size
    const response = await createDraft(body())
    expect(response.status).toBe(422)
    const raw = (await response.json()) as { validation_messages: Record<string, unknown> }
    let node: unknown = raw.validation_messages
    for (const key of field.split('.')) node = (node as Record<string, unknown>)[key]
    expect(node).toHaveProperty('validation_error')
    const parsed = TranseuApiProblem.parse(raw)
    expect(parsed.validation_messages?.[field]?.[0]).toEqual(expect.any(String))
    expect(sim.state.freights.freights.size).toBe(before)
  })

  it('overwrites a never-published freight with PUT, keeping its reference', async () => {
    const created = TranseuFreightDetail.parse(await (await createDraft(draft())).json())
    const response = await dataCall(sim, `/ext/freights-api/v1/freights/${created.id}`, token, {
      method: 'PUT',
      body: JSON.stringify(draft({ capacity: 12, shipment_external_id: 'ZL/2026/778' })),
    })
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
    const refused = await dataCall(sim, `/ext/freights-api/v1/freights/${published!.id}`, token, {
      method: 'PUT',
      body: JSON.stringify(draft()),
    })
    expect(refused.status).toBe(403)
    const missing = await dataCall(sim, '/ext/freights-api/v1/freights/12', token, {
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
    expect((await dataCall(sim, path, token, { method: 'DELETE' })).status).toBe(204)
    expect((await dataCall(sim, path, token)).status).toBe(404)
    const again = await dataCall(sim, path, token, { method: 'DELETE' })
    expect(again.status).toBe(404)
    expect(TranseuApiProblem.parse(await again.json()).detail).toBe('Freight not found')
  })

  it.each(['in_progress', 'accepted', 'closed'] as const)(
    'refuses a freight in status %s with 403 naming the status',
    async (status) => {
      const freight = [...sim.state.freights.freights.values()].find(
        (item) => item.status === status,
      )!
      const response = await dataCall(sim, `/ext/freights-api/v1/freights/${freight.id}`, token, {
        method: 'DELETE',
      })
      expect(response.status).toBe(403)
      expect(TranseuApiProblem.parse(await response.json()).detail).toContain(status)
      expect(sim.state.freights.freights.has(freight.id)).toBe(true)
    },
  )
})
