/**
 * The query engine against the oracle (a plain-object implementation of FreightQuery written
 * from its documented meaning): every filter alone, every sort, paging, totals and columns, on a
 * real cache file with generated freights, local facts and gone rows.
 */
import { describe, expect, it } from 'vitest'
import {
  freightColumnKeys,
  isDerivedColumn,
  sortableColumnKeys,
} from '@shared/domain/freight-columns'
import { FreightQuery, type FreightFilterInput } from '@shared/domain/freight-query'
import { oracleQuery, oracleValue } from '../../support/freight-oracle'
import { useQueryWorld } from '../../support/query-world'

const { world, expectPage, expectFacets } = useQueryWorld()

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
      const page = world.opened.cache.queries.page(
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
      const expected = oracleQuery(world.entries, query)
      expect(expected.total, text).toBeGreaterThan(0)
      expect(world.opened.cache.queries.page(query).total, text).toBe(expected.total)
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
    const rows = world.opened.cache.queries.page(query).rows
    expect(rows[0]!.reference).toBeNull()
    expect(rows.at(-1)!.reference).not.toBeNull()
  })
})

describe('paging', () => {
  it('walks the whole result in pages that join up', () => {
    const all = oracleQuery(world.entries, FreightQuery.parse({ includeGone: true, limit: 1000 }))
    const seen: number[] = []
    for (let offset = 0; offset < all.total + 200; offset += 137) {
      const page = world.opened.cache.queries.page(
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
    const page = world.opened.cache.queries.page(FreightQuery.parse({ offset: 100_000 }))
    expect(page.rows).toEqual([])
    expect(page.total).toBe(oracleQuery(world.entries, FreightQuery.parse({})).total)
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
    const page = world.opened.cache.queries.page(query)
    const byId = new Map(world.entries.map((entry) => [entry.id, entry]))
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
    const page = world.opened.cache.queries.page(
      FreightQuery.parse({ columns: ['accountSyncedAt', 'reference'], limit: 5 }),
    )
    expect(page.columns).toEqual(['accountId', 'reference'])
    for (const row of page.rows) {
      expect(Object.keys(row).sort()).toEqual(['accountId', 'id', 'reference'])
      expect(row.accountId).toBe(world.entries.find((entry) => entry.id === row.id)!.accountId)
    }
  })

  it('returns only the columns asked for, the id, and the zones of instant columns', () => {
    const page = world.opened.cache.queries.page(
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
    const page = world.opened.cache.queries.page(FreightQuery.parse({ limit: 1 }))
    expect(page.columns).toContain('loadingLocality')
    expect(page.columns).toContain('loadingTimeZone')
    expect(page.columns).not.toContain('providerId')
  })
})
