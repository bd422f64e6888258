/**
 * The query engine against the oracle with filters combined, and the facets each filter leaves
 * for the others, on the same kind of cache as freight-query.test.ts.
 */
import { describe, expect, it } from 'vitest'
import {
  freightStatuses,
  publicationTypes,
  truckBodies,
  vehicleSizes,
} from '@shared/domain/freight'
import { sortableColumnKeys } from '@shared/domain/freight-columns'
import { FreightFilter, type FreightFilterInput } from '@shared/domain/freight-query'
import { createRandom } from '../../../electron/main/simulators/data/random'
import { testAccounts } from '../../support/cache'
import { oracleFacets } from '../../support/freight-oracle'
import { useQueryWorld } from '../../support/query-world'

const { world, expectPage, expectFacets } = useQueryWorld()

describe('filters combined', () => {
  /** Random filters built from values that occur in the data, the same on every run. */
  function randomFilter(seed: number): FreightFilterInput {
    const random = createRandom(seed)
    const some = <T>(values: readonly T[], most: number): T[] =>
      random.sample(values, random.int(1, Math.min(most, values.length)))
    const sample = random.pick(world.freights)
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
    const facets = world.opened.cache.queries.facets(filter)
    // The status facet ignores the status filter, so other statuses still show their counts.
    expect(facets.status.map((count) => count.value)).toContain('accepted')
    expect(facets.provider.map((count) => count.value)).toContain('spotgo')
    expect(facets.loadingCountry.length).toBeGreaterThan(1)
    expect(facets.truckBody.length).toBeGreaterThan(1)
    expect(facets).toEqual(oracleFacets(world.entries, filter))
  })

  it('lists the most frequent values first and leaves out values that do not occur', () => {
    const facets = world.opened.cache.queries.facets(FreightFilter.parse({}))
    for (const list of Object.values(facets)) {
      const counts = list.map((entry) => entry.count)
      expect(counts).toEqual([...counts].sort((a, b) => b - a))
      expect(counts.every((count) => count > 0)).toBe(true)
    }
  })
})
