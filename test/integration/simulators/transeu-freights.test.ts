/**
 * The Trans.eu simulator's three freight lists and one freight, read over HTTP as the
 * documentation describes them: statuses, paging, filters, fields, refused modifiers.
 */
import { describe, expect, it } from 'vitest'
import {
  listUrl,
  paths,
  transeuLists,
  TranseuApiProblem,
  TranseuFreightDetail,
  TranseuFreightSelection,
  useTranseuLists,
  type TranseuFreightListItem,
  type TranseuListName,
} from '../../support/transeu-lists'
import { dataCall } from '../../support/transeu-sign-in'

const { ctx, page, all, problem } = useTranseuLists()

describe('the three lists', () => {
  it('hold the documented statuses, 30 a page with no total, and together every freight', async () => {
    const seen = new Set<number>()
    for (const list of Object.keys(paths) as TranseuListName[]) {
      const response = await dataCall(ctx.sim, paths[list], ctx.token)
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
      ctx.sim,
      listUrl('freights', { fields: { id: true, loading: true } }),
      ctx.token,
    )
    const items = TranseuFreightSelection.parse(await response.json())
    expect(items).toHaveLength(30)
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['id', 'loading'])
  })

  it('drops the fields set to false', async () => {
    const response = await dataCall(
      ctx.sim,
      listUrl('accepted', { fields: { publication: false } }),
      ctx.token,
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
      const response = await dataCall(
        ctx.sim,
        `/ext/freights-api/v1/freights/${item!.id}`,
        ctx.token,
      )
      expect(response.status).toBe(200)
      const detail = TranseuFreightDetail.parse(await response.json())
      expect(detail.id).toBe(item!.id)
      expect(detail.reference_number).toBe(item!.reference_number)
      expect(detail.spots.length).toBeGreaterThanOrEqual(2)
    }
    for (const id of ['1', 'abc', '99999999999']) {
      const missing = await dataCall(ctx.sim, `/ext/freights-api/v1/freights/${id}`, ctx.token)
      expect(missing.status).toBe(404)
      expect(TranseuApiProblem.parse(await missing.json()).detail).toBe('Freight not found')
    }
  })
})
