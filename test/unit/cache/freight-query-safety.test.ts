/**
 * What the query engine must never do: scan the freights table for the grid's common queries, or
 * let text a dispatcher types act as SQL.
 */
import { describe, expect, it } from 'vitest'
import {
  FreightFilter,
  FreightQuery,
  type FreightFilterInput,
  type FreightQueryInput,
} from '@shared/domain/freight-query'
import { useQueryWorld } from '../../support/query-world'

const { world, expectPage, expectFacets } = useQueryWorld()

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
      const plans = world.opened.cache.queries.explain(FreightQuery.parse(input))
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
    return world.opened.cache.db
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
    expect(world.opened.cache.db.pragma('database_list')).toHaveLength(2)
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
