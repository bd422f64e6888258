/**
 * The world the query engine is tested in: a real cache file with 1,200 generated freights and a
 * few named ones, local facts (seen, hidden, notes and tags), gone rows of one account, and the
 * oracle's view of the same freights; and the checks of a page or the facets against the oracle.
 */
import { afterAll, beforeAll, expect } from 'vitest'
import { type NormalizedFreight } from '@shared/domain/freight'
import {
  FreightFilter,
  FreightQuery,
  type FreightFilterInput,
  type FreightQueryInput,
} from '@shared/domain/freight-query'
import { oracleEntries, openTestCache, seedCache, type AccountOf, type TestCache } from './cache'
import { makeFreight, makeFreights, stopAt } from './freight-factory'
import { oracleFacets, oracleQuery, type OracleEntry } from './freight-oracle'

export interface QueryWorld {
  opened: TestCache
  freights: NormalizedFreight[]
  accountOf: AccountOf
  entries: OracleEntry[]
}

/** Freights whose text the search tests rely on, beside the generated ones. */
function namedFreights(): NormalizedFreight[] {
  return [
    makeFreight(
      {
        provider: 'transeu',
        providerId: '900000001',
        reference: 'FR/2026/03/7ABC',
        externalNumber: 'ZL-2026-99001',
        loading: stopAt('Łódź', '2026-03-05T08:00'),
        unloading: stopAt('Nürnberg', '2026-03-06T14:00'),
        contacts: [
          { name: 'Łukasz Wiśniewski', phone: '+48 600 100 200', email: 'l.w@trans-pol.example' },
        ],
      },
      9001,
    ),
    makeFreight(
      {
        provider: 'transeu',
        providerId: '900000002',
        reference: 'FR/2026/03/8XYZ',
        externalNumber: null,
        loading: stopAt('Šiauliai', '2026-03-07T23:30'),
        unloading: stopAt('Łódź', '2026-03-09T10:00'),
        contacts: [{ name: 'Đorđe Gößling-Øvergaard', email: 'dg@baltic-cargo.example' }],
      },
      9002,
    ),
    makeFreight(
      {
        provider: 'spotgo',
        providerId: '7d0c1a2b-1111-4222-8333-000000000003',
        reference: null,
        externalNumber: 'NEAR-(OR)-"quoted"',
        loading: stopAt('Nürnberg', '2026-03-10T06:15'),
        unloading: stopAt('Šiauliai', '2026-03-12T09:00'),
        contacts: [{ name: 'Jürgen Müller' }, { name: 'Ægir Þórsson' }],
      },
      9003,
    ),
  ]
}

/** Registers the file's hooks; the world is ready once `beforeAll` has run. */
export function useQueryWorld() {
  const world = {} as QueryWorld
  beforeAll(() => {
    const opened = openTestCache()
    world.opened = opened
    const { cache } = opened
    const freights = [...makeFreights(1200, 11), ...namedFreights()]
    const accountOf = seedCache(cache, freights)
    world.freights = freights
    world.accountOf = accountOf
    const ids = cache.db.prepare('SELECT id FROM freights ORDER BY id').pluck().all() as number[]
    cache.freights.annotate(
      ids.filter((id) => id % 7 === 0),
      { seen: true },
    )
    cache.freights.annotate(
      ids.filter((id) => id % 23 === 0),
      { hidden: true },
    )
    cache.freights.annotate(
      ids.filter((id) => id % 31 === 0),
      { note: 'Awizacja wymagana; rampa 4 (Straße ø)', tags: ['pilne', 'ADR'] },
    )
    // A complete run of one Trans.eu account that no longer lists one freight in five.
    const krakow = freights.filter(
      (freight) => accountOf.get(freight.providerId) === 'transeu-krakow',
    )
    cache.freights.upsertBatch(
      'transeu-krakow',
      'run-2',
      krakow.filter((_, index) => index % 5 !== 0),
    )
    cache.freights.markGone('transeu-krakow', 'run-2')
    world.entries = oracleEntries(cache, freights, accountOf)
  })

  afterAll(() => world.opened.remove())

  function expectPage(input: FreightQueryInput): void {
    const query = FreightQuery.parse(input)
    const page = world.opened.cache.queries.page(query)
    const expected = oracleQuery(world.entries, query)
    expect(
      page.rows.map((row) => row.id),
      JSON.stringify(input),
    ).toEqual(expected.ids)
    expect(page.total, JSON.stringify(input)).toBe(expected.total)
  }

  function expectFacets(input: FreightFilterInput): void {
    const filter = FreightFilter.parse(input)
    const expected = oracleFacets(world.entries, filter)
    expect(world.opened.cache.queries.facets(filter), JSON.stringify(input)).toEqual(expected)
    const page = world.opened.cache.queries.page(FreightQuery.parse({ ...input, withFacets: true }))
    expect(page.facets, JSON.stringify(input)).toEqual(expected)
    expect(page.total).toBe(oracleQuery(world.entries, FreightQuery.parse(input)).total)
  }

  return { world, expectPage, expectFacets }
}
