/**
 * The query engine against the oracle (a plain-object implementation of FreightQuery written
 * from its documented meaning): every filter alone and combined, every sort, paging, totals,
 * columns and facets, on a real cache file with generated freights, local facts and gone rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  freightStatuses,
  publicationTypes,
  truckBodies,
  vehicleSizes,
  type NormalizedFreight,
} from '@shared/domain/freight'
import {
  freightColumnKeys,
  isDerivedColumn,
  sortableColumnKeys,
} from '@shared/domain/freight-columns'
import {
  FreightFilter,
  FreightQuery,
  type FreightFilterInput,
  type FreightQueryInput,
} from '@shared/domain/freight-query'
import { createRandom } from '../../../electron/main/simulators/data/random'
import {
  oracleEntries,
  openTestCache,
  seedCache,
  testAccounts,
  type AccountOf,
  type TestCache,
} from '../../support/cache'
import { makeFreight, makeFreights, stopAt } from '../../support/freight-factory'
import {
  oracleFacets,
  oracleQuery,
  oracleValue,
  type OracleEntry,
} from '../../support/freight-oracle'

let opened: TestCache
let freights: NormalizedFreight[]
let accountOf: AccountOf
let entries: OracleEntry[]

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

beforeAll(() => {
  opened = openTestCache()
  const { cache } = opened
  freights = [...makeFreights(1200, 11), ...namedFreights()]
  accountOf = seedCache(cache, freights)
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
  entries = oracleEntries(cache, freights, accountOf)
})

afterAll(() => opened.remove())

function expectPage(input: FreightQueryInput): void {
  const query = FreightQuery.parse(input)
  const page = opened.cache.queries.page(query)
  const expected = oracleQuery(entries, query)
  expect(
    page.rows.map((row) => row.id),
    JSON.stringify(input),
  ).toEqual(expected.ids)
  expect(page.total, JSON.stringify(input)).toBe(expected.total)
}

function expectFacets(input: FreightFilterInput): void {
  const filter = FreightFilter.parse(input)
  const expected = oracleFacets(entries, filter)
  expect(opened.cache.queries.facets(filter), JSON.stringify(input)).toEqual(expected)
  const page = opened.cache.queries.page(FreightQuery.parse({ ...input, withFacets: true }))
  expect(page.facets, JSON.stringify(input)).toEqual(expected)
  expect(page.total).toBe(oracleQuery(entries, FreightQuery.parse(input)).total)
}

/** One of each kind of filter, with values that occur in the data. */
const singleFilters: Record<string, FreightFilterInput> = {
  none: {},
  textPlace: { text: 'lodz' },
  textPlaceUpperCaseDiacritics: { text: 'ŁÓDŹ' },
  textReferenceWithPunctuation: { text: 'FR/2026/03/7' },
  textReferenceWithoutPunctuation: { text: 'fr2026037' },
  textReferenceMiddle: { text: '2026/03/7a' },
  textPostalCodeWithoutDash: { text: '90001' },
  textTwoWords: { text: 'lodz nurnberg' },
  textContact: { text: 'wisniewski' },
  textEmailDomain: { text: 'trans-pol' },
  textNote: { text: 'awizacja' },
  textTag: { text: 'pilne' },
  textNoWords: { text: '  -- ** ' },
  providersSpotgo: { providers: ['spotgo'] },
  providersBoth: { providers: ['spotgo', 'transeu'] },
  accountOne: { accountIds: ['transeu-wroclaw'] },
  accountTwo: { accountIds: ['transeu-wroclaw', 'spotgo-krakow'] },
  accountUnknown: { accountIds: ['nobody'] },
  statusActive: { statuses: ['active'] },
  statusesThree: { statuses: ['draft', 'accepted', 'expired'] },
  publicationExchange: { publicationTypes: ['exchange'] },
  publicationTwo: { publicationTypes: ['companies', 'spotgo'] },
  truckBodyCooler: { truckBodies: ['cooler'] },
  truckBodiesThree: { truckBodies: ['cooler', 'isotherm', 'van'] },
  vehicleSolo: { vehicleSizes: ['solo'] },
  vehicleTwo: { vehicleSizes: ['bus', 'double_trailer'] },
  loadingCountry: { loading: { countries: ['PL'] } },
  loadingCountriesLowerCase: { loading: { countries: ['de', 'lt'] } },
  loadingPostalPrefix: { loading: { postalCodePrefix: '90' } },
  loadingPostalWithCountryPrefix: { loading: { postalCodePrefix: 'LT-76' } },
  loadingLocality: { loading: { locality: 'wroc' } },
  loadingLocalityDiacritics: { loading: { locality: 'Łód' } },
  loadingDates: { loading: { dateFrom: '2026-03-01', dateTo: '2026-03-10' } },
  loadingDateFrom: { loading: { dateFrom: '2026-04-01' } },
  unloadingCountry: { unloading: { countries: ['DE', 'FR'] } },
  unloadingPostalPrefix: { unloading: { postalCodePrefix: '4' } },
  unloadingLocality: { unloading: { locality: 'nurn' } },
  unloadingDates: { unloading: { dateFrom: '2026-02-20', dateTo: '2026-02-28' } },
  priceMin: { price: { min: 1500 } },
  priceMax: { price: { max: 800 } },
  priceRangeCurrency: { price: { min: 500, max: 3000, currencies: ['EUR', 'pln'] } },
  includeGone: { includeGone: true },
  includeHidden: { includeHidden: true },
  includeBoth: { includeGone: true, includeHidden: true },
  seenOnly: { seen: true },
  unseenOnly: { seen: false },
}

describe('each filter alone', () => {
  for (const [name, filter] of Object.entries(singleFilters)) {
    it(`${name}: rows, order and total`, () => expectPage({ ...filter, limit: 1000 }))
    it(`${name}: facets`, () => expectFacets(filter))
  }

  it('finds the places with diacritics by their plain spelling', () => {
    for (const [text, locality] of [
      ['lodz', 'Łódź'],
      ['nurnberg', 'Nürnberg'],
      ['siauliai', 'Šiauliai'],
    ] as const) {
      const page = opened.cache.queries.page(
        FreightQuery.parse({
          text,
          columns: ['loadingLocality', 'unloadingLocality'],
          limit: 1000,
        }),
      )
      expect(page.total).toBeGreaterThan(0)
      const places = page.rows.map((row) => [row.loadingLocality, row.unloadingLocality])
      expect(places.filter((pair) => pair.includes(locality)).length).toBeGreaterThan(0)
    }
  })

  it('folds the letters that Unicode does not decompose (ł, ß, đ, ø, æ, þ)', () => {
    for (const text of [
      'lukasz',
      'gossling',
      'dorde',
      'overgaard',
      'aegir',
      'thorsson',
      'strasse',
    ]) {
      const query = FreightQuery.parse({ text, includeHidden: true, includeGone: true })
      const expected = oracleQuery(entries, query)
      expect(expected.total, text).toBeGreaterThan(0)
      expect(opened.cache.queries.page(query).total, text).toBe(expected.total)
    }
  })

  it('treats FTS5 syntax in the search text as plain words', () => {
    const inputs = [
      '"',
      'lodz"',
      '"lodz',
      'lodz*',
      '*',
      'NEAR(lodz nurnberg)',
      'lodz NEAR nurnberg',
      '-lodz',
      'body:lodz',
      '{body}: lodz',
      '(lodz OR nurnberg)',
      'lodz AND',
      'OR',
      'NOT lodz',
      '^lodz',
      'near-(or)-"quoted"',
      '"" OR 1=1 --',
    ]
    for (const text of inputs) expectPage({ text, includeGone: true, includeHidden: true })
  })
})

describe('sorting', () => {
  for (const column of sortableColumnKeys) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`${column} ${direction}`, () => {
        const sort = [{ column, direction }]
        expectPage({ includeGone: true, includeHidden: true, sort, limit: 1000 })
        expectPage({ includeGone: true, includeHidden: true, sort, limit: 1000, offset: 1000 })
      })
    }
  }

  it('sorts on several keys in order of precedence', () => {
    expectPage({
      sort: [
        { column: 'loadingCountry', direction: 'asc' },
        { column: 'price', direction: 'desc' },
      ],
      limit: 1000,
    })
    expectPage({
      sort: [
        { column: 'status', direction: 'desc' },
        { column: 'unloadingLocality', direction: 'asc' },
        { column: 'createdAt', direction: 'desc' },
      ],
      limit: 500,
    })
    expectPage({
      text: 'lodz',
      sort: [
        { column: 'seen', direction: 'desc' },
        { column: 'loadingDate', direction: 'asc' },
      ],
    })
  })

  it('puts empty cells lowest', () => {
    const query = FreightQuery.parse({
      sort: [{ column: 'reference', direction: 'asc' }],
      columns: ['reference'],
      limit: 1000,
    })
    const rows = opened.cache.queries.page(query).rows
    expect(rows[0]!.reference).toBeNull()
    expect(rows.at(-1)!.reference).not.toBeNull()
  })
})

describe('paging', () => {
  it('walks the whole result in pages that join up', () => {
    const all = oracleQuery(entries, FreightQuery.parse({ includeGone: true, limit: 1000 }))
    const seen: number[] = []
    for (let offset = 0; offset < all.total + 200; offset += 137) {
      const page = opened.cache.queries.page(
        FreightQuery.parse({ includeGone: true, offset, limit: 137 }),
      )
      expect(page.total).toBe(all.total)
      expect(page.offset).toBe(offset)
      seen.push(...page.rows.map((row) => row.id))
    }
    expect(seen.length).toBe(all.total)
    expect(new Set(seen).size).toBe(all.total)
  })

  it('answers an empty page beyond the end, with the total', () => {
    const page = opened.cache.queries.page(FreightQuery.parse({ offset: 100_000 }))
    expect(page.rows).toEqual([])
    expect(page.total).toBe(oracleQuery(entries, FreightQuery.parse({})).total)
  })

  it('pages through a search and a sort on several keys', () => {
    for (const offset of [0, 100, 250]) {
      expectPage({
        text: 'lodz',
        offset,
        limit: 100,
        sort: [{ column: 'price', direction: 'desc' }],
      })
      expectPage({
        accountIds: ['transeu-krakow'],
        offset,
        sort: [{ column: 'loadingDate', direction: 'desc' }],
      })
    }
  })
})

describe('columns', () => {
  it('returns every catalogue column as the grid should show it', () => {
    const query = FreightQuery.parse({
      includeGone: true,
      includeHidden: true,
      columns: [...freightColumnKeys],
      limit: 1000,
    })
    const page = opened.cache.queries.page(query)
    const byId = new Map(entries.map((entry) => [entry.id, entry]))
    const stored = freightColumnKeys.filter((key) => !isDerivedColumn(key))
    expect(page.columns).toEqual(stored.filter((key) => key !== 'id'))
    for (const row of page.rows) {
      const entry = byId.get(row.id)!
      for (const key of stored) {
        expect(row[key], `${key} of ${row.id}`).toEqual(oracleValue(entry, key))
      }
      expect(row).not.toHaveProperty('accountSyncedAt')
    }
  })

  it('returns the account id in place of a column the account fills in (its last sync)', () => {
    const page = opened.cache.queries.page(
      FreightQuery.parse({ columns: ['accountSyncedAt', 'reference'], limit: 5 }),
    )
    expect(page.columns).toEqual(['accountId', 'reference'])
    for (const row of page.rows) {
      expect(Object.keys(row).sort()).toEqual(['accountId', 'id', 'reference'])
      expect(row.accountId).toBe(entries.find((entry) => entry.id === row.id)!.accountId)
    }
  })

  it('returns only the columns asked for, the id, and the zones of instant columns', () => {
    const page = opened.cache.queries.page(
      FreightQuery.parse({ columns: ['reference', 'unloadingStart'], limit: 5 }),
    )
    expect(page.columns).toEqual(['reference', 'unloadingStart', 'unloadingTimeZone'])
    for (const row of page.rows) {
      expect(Object.keys(row).sort()).toEqual(
        ['id', 'reference', 'unloadingStart', 'unloadingTimeZone'].sort(),
      )
    }
  })

  it('returns the default columns when none are named', () => {
    const page = opened.cache.queries.page(FreightQuery.parse({ limit: 1 }))
    expect(page.columns).toContain('loadingLocality')
    expect(page.columns).toContain('loadingTimeZone')
    expect(page.columns).not.toContain('providerId')
  })
})

describe('filters combined', () => {
  /** Random filters built from values that occur in the data, the same on every run. */
  function randomFilter(seed: number): FreightFilterInput {
    const random = createRandom(seed)
    const some = <T>(values: readonly T[], most: number): T[] =>
      random.sample(values, random.int(1, Math.min(most, values.length)))
    const sample = random.pick(freights)
    const filter: FreightFilterInput = {}
    if (random.chance(0.3)) {
      filter.text = random.pick([
        sample.loading.place.locality,
        sample.unloading.place.locality.slice(0, 4),
        sample.contacts[0]?.name.split(' ')[1] ?? 'x',
        'lodz',
        'pilne',
      ])
    }
    if (random.chance(0.3)) filter.providers = some(['spotgo', 'transeu'] as const, 1)
    if (random.chance(0.2))
      filter.accountIds = some(
        testAccounts.map((a) => a.id),
        2,
      )
    if (random.chance(0.4)) filter.statuses = some(freightStatuses, 3)
    if (random.chance(0.2)) filter.publicationTypes = some(publicationTypes, 2)
    if (random.chance(0.4)) filter.truckBodies = some(truckBodies.slice(0, 12), 3)
    if (random.chance(0.2)) filter.vehicleSizes = some(vehicleSizes, 2)
    if (random.chance(0.5)) {
      filter.loading = {
        ...(random.chance(0.6) ? { countries: [sample.loading.place.country, 'PL'] } : {}),
        ...(random.chance(0.2)
          ? { postalCodePrefix: sample.loading.place.postalCode.slice(0, 2) }
          : {}),
        ...(random.chance(0.3) ? { dateFrom: '2026-02-20', dateTo: '2026-03-20' } : {}),
      }
      if (filter.loading.countries?.[0] === 'PL') filter.loading.countries = ['PL']
    }
    if (random.chance(0.3)) {
      filter.unloading = {
        ...(random.chance(0.5) ? { countries: [sample.unloading.place.country] } : {}),
        ...(random.chance(0.3) ? { locality: sample.unloading.place.locality.slice(0, 3) } : {}),
        ...(random.chance(0.3) ? { dateTo: '2026-03-15' } : {}),
      }
    }
    if (random.chance(0.3)) {
      filter.price = {
        min: random.int(0, 1500),
        ...(random.chance(0.5) ? { currencies: ['EUR'] } : {}),
      }
    }
    if (random.chance(0.2)) filter.includeGone = true
    if (random.chance(0.1)) filter.includeHidden = true
    if (random.chance(0.2)) filter.seen = random.chance(0.5)
    return filter
  }

  for (let seed = 1; seed <= 150; seed++) {
    it(`random filter ${seed}`, () => {
      const filter = randomFilter(seed)
      const sort = sortableColumnKeys.at(seed % sortableColumnKeys.length)!
      expectPage({
        ...filter,
        sort: [{ column: sort, direction: seed % 2 ? 'asc' : 'desc' }],
        limit: 50,
        offset: seed % 3 === 0 ? 20 : 0,
      })
      expectFacets(filter)
    })
  }
})

describe('facets', () => {
  it('counts each facet under every filter but its own', () => {
    const filter = FreightFilter.parse({
      statuses: ['active'],
      providers: ['transeu'],
      truckBodies: ['curtainsider'],
      loading: { countries: ['PL'] },
    })
    const facets = opened.cache.queries.facets(filter)
    // The status facet ignores the status filter, so other statuses still show their counts.
    expect(facets.status.map((count) => count.value)).toContain('accepted')
    expect(facets.provider.map((count) => count.value)).toContain('spotgo')
    expect(facets.loadingCountry.length).toBeGreaterThan(1)
    expect(facets.truckBody.length).toBeGreaterThan(1)
    expect(facets).toEqual(oracleFacets(entries, filter))
  })

  it('lists the most frequent values first and leaves out values that do not occur', () => {
    const facets = opened.cache.queries.facets(FreightFilter.parse({}))
    for (const list of Object.values(facets)) {
      const counts = list.map((entry) => entry.count)
      expect(counts).toEqual([...counts].sort((a, b) => b - a))
      expect(counts.every((count) => count > 0)).toBe(true)
    }
  })
})

describe('query plans', () => {
  it('backs the common grid queries with indexes rather than scanning the freights table', () => {
    const queries: FreightQueryInput[] = [
      {},
      { statuses: ['active'], sort: [{ column: 'createdAt', direction: 'desc' }] },
      { loading: { countries: ['PL'], dateFrom: '2026-03-02', dateTo: '2026-03-08' } },
      { text: 'lodz' },
      { unloading: { countries: ['DE'], postalCodePrefix: '4' } },
      { price: { min: 1000, currencies: ['EUR'] }, sort: [{ column: 'price', direction: 'desc' }] },
      { includeGone: true, offset: 900 },
    ]
    for (const input of queries) {
      const plans = opened.cache.queries.explain(FreightQuery.parse(input))
      for (const detail of [...plans.rows, ...plans.count, ...plans.facets.flat()]) {
        expect(detail, JSON.stringify(input)).not.toMatch(/^SCAN (f|freights)$/)
      }
    }
  })
})

describe('SQL injection', () => {
  const attempts = [
    `' OR '1'='1`,
    `'; DROP TABLE freights; --`,
    `") OR 1=1 --`,
    `%' OR 1=1 --`,
    `\\'; DELETE FROM freights; --`,
    `1; ATTACH DATABASE '/tmp/freightdesk-evil' AS evil; --`,
    `lodz' UNION SELECT id FROM freights --`,
    `*/ OR /* */ 1=1`,
  ]

  function tableCounts(): unknown {
    return opened.cache.db
      .prepare(
        `SELECT (SELECT count(*) FROM freights), (SELECT count(*) FROM freight_details),
           (SELECT count(*) FROM freight_annotations), (SELECT count(*) FROM sqlite_schema)`,
      )
      .raw()
      .get()
  }

  it('treats every text filter as a value, never as SQL', () => {
    const before = tableCounts()
    for (const attempt of attempts) {
      const filters: FreightFilterInput[] = [
        { text: attempt },
        { loading: { postalCodePrefix: attempt.slice(0, 20) } },
        { loading: { locality: attempt } },
        { unloading: { postalCodePrefix: attempt.slice(0, 20) } },
        { unloading: { locality: attempt } },
        { accountIds: [attempt] },
        { accountIds: ['transeu-krakow', attempt], text: attempt },
      ]
      for (const filter of filters) {
        expectPage({ ...filter, includeGone: true, includeHidden: true })
        expectFacets(filter)
      }
    }
    expect(tableCounts()).toEqual(before)
    expect(opened.cache.db.pragma('database_list')).toHaveLength(2)
  })

  it('refuses codes that are not codes before they reach the cache', () => {
    for (const attempt of attempts) {
      expect(FreightFilter.safeParse({ loading: { countries: [attempt] } }).success).toBe(false)
      expect(FreightFilter.safeParse({ price: { currencies: [attempt] } }).success).toBe(false)
      expect(FreightQuery.safeParse({ sort: [{ column: attempt }] }).success).toBe(false)
      expect(FreightQuery.safeParse({ columns: [attempt] }).success).toBe(false)
    }
  })
})
