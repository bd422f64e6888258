/**
 * Trans.eu's documentation, held against the app: every example request of
 * `GET /ext/freights-api/v1/freights` is sent by the client exactly as documented (path, the
 * modifiers' URL-encoded JSON, headers), checked on a recording server; the documented example
 * answer (three freights) goes through client -> map -> cache -> a `freights.query` page with
 * every documented field accounted for; both documented `fields` selections are read whole; the
 * documented 422 becomes a field error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChannelOutput } from '@shared/contract'
import type { Freight } from '@shared/domain/freight'
import { freightColumns, type FreightColumnKey } from '@shared/domain/freight-columns'
import { isProviderError } from '../../electron/main/providers/errors'
import { createRateLimiter } from '../../electron/main/providers/rate-limiter'
import {
  createTranseuClient,
  type TranseuClient,
} from '../../electron/main/providers/transeu/client'
import {
  createTranseuOAuth,
  createTranseuTokenManager,
} from '../../electron/main/providers/transeu/oauth'
import {
  documentedFreights,
  documentedModifierProblem,
} from '../../electron/main/simulators/transeu/documented-examples'
import { createMemoryTokenStore } from '../support/memory-token-store'
import { createRecordingLogger } from '../support/recording-logger'
import {
  documentedTarget,
  startRecordingServer,
  type RecordingServer,
} from './support/recording-server'
import { leafPaths, patternOf, touches, valueAt } from './support/variants'
import { saveBareAccount } from '../support/cache'
import { requireKeychain } from '../support/keychain'
import { startTestCore, type TestCore } from '../support/test-core'

const accessToken = 'access-token-of-the-contract-test'
const apiKey = 'api-key-of-the-contract-test'
const listPath = '/ext/freights-api/v1/freights'

let server: RecordingServer
let client: TranseuClient

beforeAll(async () => {
  server = await startRecordingServer()
  server.respond((request) => {
    if (request.path !== listPath) return undefined
    if (request.query.sortBy === 'not_a_field') {
      return { status: 422, json: documentedModifierProblem }
    }
    const page = Number(request.query.page ?? '1')
    const freights = page === 1 ? documentedFreights : []
    const fields = request.query.fields
      ? selection(JSON.parse(request.query.fields) as Record<string, boolean>)
      : null
    return { json: fields ? freights.map((freight) => pick(freight, fields)) : freights }
  })
  const log = createRecordingLogger()
  const oauth = createTranseuOAuth({
    app: { clientId: 'client', clientSecret: 'secret', apiKey },
    apiBaseUrl: server.baseUrl,
    limiter: createRateLimiter({ limit: 1000, windowMs: 1000 }),
    log,
  })
  client = createTranseuClient({
    baseUrl: server.baseUrl,
    apiKey,
    tokens: createTranseuTokenManager({
      oauth,
      store: createMemoryTokenStore({
        accessToken,
        accessTokenExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        refreshToken: 'refresh',
      }),
      log,
    }),
    limiter: createRateLimiter({ limit: 1000, windowMs: 1000 }),
    log,
  })
})
afterAll(async () => {
  await server.stop()
})

/** The documented `fields` rule: `{"a": true}` keeps only those, `{"b": false}` drops those. */
function selection(flags: Record<string, boolean>): (key: string) => boolean {
  const kept = Object.keys(flags).filter((key) => flags[key])
  return kept.length > 0 ? (key) => kept.includes(key) : (key) => flags[key] !== false
}

function pick(freight: object, keep: (key: string) => boolean): Record<string, unknown> {
  return Object.fromEntries(Object.entries(freight).filter(([key]) => keep(key)))
}

/**
 * The documentation's example requests, as it writes them, and the client call that must send
 * each: the request header example, every filter, sort, page and fields example with a value.
 */
const documentedRequests: Array<[example: string, send: () => Promise<unknown>]> = [
  [listPath, () => client.listPage('freights', {}, 1)],
  [
    '/ext/freights-api/v1/freights?filter={"status":"in_progress"}',
    () => client.listPage('freights', { filter: { status: 'in_progress' } }, 1),
  ],
  [
    '/ext/freights-api/v1/freights?filter={"publication_type":["exchange"]}',
    () => client.listPage('freights', { filter: { publication_type: ['exchange'] } }, 1),
  ],
  [
    '/ext/freights-api/v1/freights?sortBy=created_at&order=desc',
    () => client.listPage('freights', { sortBy: 'created_at', order: 'desc' }, 1),
  ],
  ['/ext/freights-api/v1/freights?page=2', () => client.listPage('freights', {}, 2)],
  [
    '/ext/freights-api/v1/freights?fields={"id":true,"shipment_external_id":true,"loading":true}',
    () =>
      client.selectionPage(
        'freights',
        {},
        { id: true, shipment_external_id: true, loading: true },
        1,
      ),
  ],
  [
    '/ext/freights-api/v1/freights?fields={"publication":false}',
    () => client.selectionPage('freights', {}, { publication: false }, 1),
  ],
]

describe('requests', () => {
  it.each(documentedRequests)('sends %s as documented', async (example, send) => {
    const before = server.requests.length
    await send()
    const sent = server.requests.slice(before)
    expect(sent).toHaveLength(1)
    const request = sent[0]!
    const documented = documentedTarget(example)
    expect(request.method).toBe('GET')
    expect(request.path).toBe(documented.path)
    // Each documented modifier with its JSON exactly as written, URL-encoded on the wire.
    for (const [name, value] of Object.entries(documented.query)) {
      expect(request.query[name], name).toBe(value)
      expect(request.rawQuery).toContain(`${name}=${encodeURIComponent(value)}`)
    }
    // Nothing undocumented besides the page the client always names (the first by default).
    const extra = Object.keys(request.query).filter((name) => !(name in documented.query))
    expect(extra.every((name) => name === 'page' && request.query.page === '1')).toBe(true)
    // doc: the request header example.
    expect(request.headers).toMatchObject({
      accept: 'application/json',
      'content-type': 'application/json',
      authorization: `Bearer ${accessToken}`,
      'api-key': apiKey,
    })
    expect(request.body).toBe('')
  })
})

/** Grid columns fed by documented fields: the fields each reads, and what it must show. */
const columnExpectations: Array<{
  column: FreightColumnKey
  from: string[]
  expected: (freight: (typeof documentedFreights)[number]) => unknown
}> = [
  { column: 'providerId', from: ['id'], expected: (f) => String(f.id) },
  { column: 'reference', from: ['reference_number'], expected: (f) => f.reference_number },
  {
    column: 'externalNumber',
    from: ['shipment_external_id'],
    expected: (f) => f.shipment_external_id,
  },
  {
    column: 'status',
    from: ['status'],
    expected: (f) =>
      ({ in_progress: 'active', unsuccessful_publication: 'failed', new: 'draft' })[
        f.status as string
      ],
  },
  { column: 'statusRaw', from: ['status'], expected: (f) => f.status },
  { column: 'createdAt', from: ['created'], expected: (f) => instant(f.created) },
  { column: 'transportType', from: ['transport_type'], expected: (f) => f.transport_type },
  { column: 'truckBodies', from: ['truck_bodies'], expected: (f) => f.truck_bodies },
  { column: 'vehicleSizes', from: ['vehicle_size'], expected: (f) => [f.vehicle_size] },
  { column: 'length', from: ['length'], expected: (f) => f.length },
  { column: 'width', from: ['width'], expected: (f) => f.width },
  { column: 'height', from: ['height'], expected: (f) => f.height },
  { column: 'volume', from: ['volume'], expected: (f) => f.volume },
  // doc: `{"max": null, "min": null}` is no temperature.
  { column: 'temperatureMin', from: ['temperature.min'], expected: (f) => f.temperature.min },
  { column: 'temperatureMax', from: ['temperature.max'], expected: (f) => f.temperature.max },
  {
    column: 'contactName',
    from: ['contact_employees[*].name', 'contact_employees[*].last_name'],
    expected: (f) => `${f.contact_employees[0]!.name} ${f.contact_employees[0]!.last_name}`,
  },
  ...(['loading', 'unloading'] as const).flatMap((stop) => [
    {
      column: `${stop}Country` as const,
      from: [`${stop}.place.country`],
      expected: (f: (typeof documentedFreights)[number]) => f[stop].place.country.toUpperCase(),
    },
    {
      column: `${stop}PostalCode` as const,
      from: [`${stop}.place.postal_code`],
      expected: (f: (typeof documentedFreights)[number]) => f[stop].place.postal_code,
    },
    {
      column: `${stop}Locality` as const,
      from: [`${stop}.place.locality`],
      expected: (f: (typeof documentedFreights)[number]) => f[stop].place.locality,
    },
    {
      column: `${stop}Start` as const,
      from: [`${stop}.timespans.begin`],
      expected: (f: (typeof documentedFreights)[number]) => instant(f[stop].timespans.begin),
    },
    {
      column: `${stop}End` as const,
      from: [`${stop}.timespans.end`],
      expected: (f: (typeof documentedFreights)[number]) => instant(f[stop].timespans.end),
    },
    {
      column: `${stop}TimeZone` as const,
      from: [`${stop}.timespans.timezone`],
      expected: (f: (typeof documentedFreights)[number]) => f[stop].timespans.timezone,
    },
    {
      // The local day of the window's begin, as the place's local time writes it.
      column: `${stop}Date` as const,
      from: [`${stop}.timespans.begin_local`],
      expected: (f: (typeof documentedFreights)[number]) =>
        f[stop].timespans.begin_local.slice(0, 10),
    },
  ]),
  {
    column: 'price',
    from: ['publication.price.value'],
    expected: (f) => f.publication?.price?.value ?? null,
  },
  {
    column: 'currency',
    from: ['publication.price.currency'],
    expected: (f) => f.publication?.price?.currency.toUpperCase() ?? null,
  },
  {
    column: 'paymentTermDays',
    from: ['publication.price.period.days'],
    expected: (f) => f.publication?.price?.period.days ?? null,
  },
  {
    column: 'paymentMethod',
    from: ['publication.price.period.payment'],
    expected: (f) => (f.publication?.price ? 'deferred' : null),
  },
  {
    column: 'publicationState',
    // doc: null before publication.
    from: ['publication', 'publication.status'],
    expected: (f) =>
      f.publication === null
        ? 'unpublished'
        : f.publication.status === 'active'
          ? 'active'
          : 'ended',
  },
  {
    column: 'publicationTypes',
    from: ['publication.publish_type'],
    expected: (f) => (f.publication ? [f.publication.publish_type] : []),
  },
]

/** Documented fields the freight's detail shows beyond the grid. */
const detailExpectations: Array<{
  from: string[]
  expected: (freight: (typeof documentedFreights)[number]) => unknown
  actual: (freight: Freight) => unknown
}> = [
  ...(['loading', 'unloading'] as const).map((stop) => ({
    from: [`${stop}.coordinates.latitude`, `${stop}.coordinates.longitude`],
    expected: (f: (typeof documentedFreights)[number]) => f[stop].coordinates,
    actual: (freight: Freight) => ({
      latitude: freight[stop].place.latitude,
      longitude: freight[stop].place.longitude,
    }),
  })),
  {
    from: ['contact_employees[*].name', 'contact_employees[*].last_name'],
    expected: (f) =>
      f.contact_employees.map((person) => ({ name: `${person.name} ${person.last_name}` })),
    actual: (freight) => freight.contacts,
  },
]

/**
 * Documented fields the app keeps in the raw payload only (the detail shows it), and why it does
 * not read them into the freight.
 */
const rawOnly: Array<{ from: string; why: string }> = [
  { from: 'ftl', why: 'says again what transport_type says' },
  { from: 'transit_time', why: 'no column; the detail shows it from the payload' },
  { from: 'requirements.transport', why: 'multi-FTL counts and settlement: detail only' },
  { from: 'contact_employees[*].trans_id', why: 'a Trans.eu login id, not a way to reach anyone' },
  { from: 'loading.timespans.end_local', why: 'the end is shown from the instant in the zone' },
  { from: 'unloading.timespans.end_local', why: 'the end is shown from the instant in the zone' },
  { from: 'publication.id', why: 'the freight is known by its own id' },
  { from: 'publication.publish_date', why: 'detail only' },
  { from: 'publication.end_reason', why: 'detail only; the state says the publication ended' },
  { from: 'publication.is_quick_pay', why: 'detail only' },
  { from: 'publication.is_recommended', why: 'detail only' },
  { from: 'publication.is_shared', why: 'detail only' },
  { from: 'publication.received_offers', why: 'offers are handled on Trans.eu' },
  { from: 'publication.sent_offers', why: 'offers are handled on Trans.eu' },
  { from: 'publication.smart_match_offers', why: 'offers are handled on Trans.eu' },
  { from: 'publication.receivers', why: 'detail only' },
  { from: 'publication.sent_to', why: 'detail only' },
  { from: 'publication.refresh_from', why: 'detail only' },
  { from: 'publication.stock_id', why: 'detail only' },
]

describe('the documented example answer', () => {
  let app: TestCore
  let rows: ChannelOutput<'freights.query'>['rows']

  beforeAll(async () => {
    app = (await requireKeychain(), startTestCore())
    const read = await client.listAll('freights')
    expect(read.rejectedItems).toEqual([])
    // Everything in the documentation's own example is as documented: nothing is odd.
    expect(read.partialItems).toEqual([])
    saveBareAccount(app.core.cache, {
      id: 'transeu-docs',
      provider: 'transeu',
      name: 'Trans.eu',
    })
    app.core.cache.freights.upsertBatch('transeu-docs', 'contract', read.items)
    const columns = freightColumns
      .map((column) => column.key)
      .filter((key) => key !== 'accountSyncedAt') as FreightColumnKey[]
    const page = await app.call('freights.query', {
      accountIds: ['transeu-docs'],
      columns,
      sort: [{ column: 'providerId', direction: 'desc' }],
    })
    rows = page.rows
  })
  afterAll(async () => {
    await app?.close()
  })

  it('reaches the grid, every freight of it', () => {
    expect(rows.map((row) => row.providerId)).toEqual(
      documentedFreights.map((freight) => String(freight.id)),
    )
  })

  it.each(documentedFreights.map((freight, index) => [freight.id, index] as const))(
    'freight %s shows every documented field the grid has a column for',
    (_id, index) => {
      const freight = documentedFreights[index]!
      const row = rows[index]! as Record<string, unknown>
      for (const { column, expected } of columnExpectations) {
        expect(row[column], column).toEqual(expected(freight))
      }
    },
  )

  it.each(documentedFreights.map((freight, index) => [freight.id, index] as const))(
    'freight %s keeps its payload whole and shows the rest in the detail',
    async (_id, index) => {
      const source = documentedFreights[index]!
      const row = rows[index]!
      const { freight } = await app.call('freights.get', { id: row.id })
      expect(freight.raw).toEqual(source)
      for (const { expected, actual } of detailExpectations) {
        expect(actual(freight)).toEqual(expected(source))
      }
    },
  )

  it('accounts for every documented field of every example freight', () => {
    const accounted = [
      ...columnExpectations.flatMap((each) => each.from),
      ...detailExpectations.flatMap((each) => each.from),
      ...rawOnly.map((each) => each.from),
    ]
    for (const freight of documentedFreights) {
      for (const path of leafPaths(freight)) {
        const pattern = patternOf(path)
        expect(
          accounted.some((each) => touches(each, pattern)),
          `${pattern} (${JSON.stringify(valueAt(freight, path))}) is not accounted for`,
        ).toBe(true)
      }
    }
  })
})

describe('the documented field selections', () => {
  it('reads "the id, shipment_external_id and loading place fields" of every freight', async () => {
    const page = await client.selectionPage(
      'freights',
      {},
      { id: true, shipment_external_id: true, loading: true },
      1,
    )
    expect(page.rejected).toEqual([])
    expect(page.partial).toEqual([])
    expect(page.items).toEqual(
      documentedFreights.map(({ id, shipment_external_id, loading }) => ({
        id,
        shipment_external_id,
        loading,
      })),
    )
  })

  it('reads "all fields except the publication section" of every freight', async () => {
    const page = await client.selectionPage('freights', {}, { publication: false }, 1)
    expect(page.rejected).toEqual([])
    expect(page.partial).toEqual([])
    expect(page.items).toEqual(documentedFreights.map(({ publication: _p, ...rest }) => rest))
  })
})

describe('the documented error', () => {
  it('turns the 422 for an unknown sortBy into a message on sortBy', async () => {
    const error: unknown = await client
      .listPage('freights', { sortBy: 'not_a_field' as 'status' }, 1)
      .catch((thrown: unknown) => thrown)
    if (!isProviderError(error)) throw error
    expect(error.kind).toBe('validation')
    expect(error.fields).toEqual({
      sortBy: ['Allowed values: status, created_at, loading_date, unloading_date, archived_at'],
    })
  })
})

function instant(text: string): string {
  return new Date(text).toISOString()
}
