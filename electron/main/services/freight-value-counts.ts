/**
 * Counts for the filter controls that `freights.facets` does not cover: accounts, vehicle sizes,
 * publication types, unloading countries and currencies. Each value is counted the way facets
 * are (every current filter except the dimension's own), through the cache's own query API.
 *
 * Stop-gap: one count query per candidate value, which at 100,000 freights takes from a few
 * hundred milliseconds (accounts) to seconds (currencies, which have no index). So it yields to
 * the event loop after every value (other IPC calls, the grid's pages, run in between) and stops
 * when a newer request for the same dimension arrives. The grid asks only when a list opens.
 * Once the cache counts these dimensions in `freights.facets`, this becomes one grouped query.
 */
import { publicationTypes, vehicleSizes } from '@shared/domain/freight'
import { FreightQuery, type FreightFilter } from '@shared/domain/freight-query'
import { valueLabel } from '@shared/freight-format'
import type { ValueCount, ValueCountDimension } from '@shared/grid'
import type { Cache } from '../cache'

export interface ValueCountsService {
  /** Counts per value; empty when a newer request for the same dimension replaced this one. */
  counts(dimension: ValueCountDimension, filter: FreightFilter): Promise<ValueCount[]>
}

/** ISO codes of the countries European road freight runs between. */
// prettier-ignore
const europeanCountries = [
  'AL', 'AT', 'BA', 'BE', 'BG', 'BY', 'CH', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GB',
  'GR', 'HR', 'HU', 'IE', 'IT', 'LI', 'LT', 'LU', 'LV', 'MD', 'ME', 'MK', 'MT', 'NL', 'NO', 'PL',
  'PT', 'RO', 'RS', 'SE', 'SI', 'SK', 'TR', 'UA', 'XK',
]

/** Currencies of those countries, plus the dollar. */
// prettier-ignore
const europeanCurrencies = [
  'EUR', 'PLN', 'CZK', 'HUF', 'RON', 'BGN', 'SEK', 'NOK', 'DKK', 'CHF', 'GBP', 'RSD', 'TRY',
  'UAH', 'MKD', 'BAM', 'ALL', 'MDL', 'ISK', 'USD',
]

interface Candidate {
  value: string
  label: string
}

export function createValueCountsService(deps: { cache: Cache }): ValueCountsService {
  const { cache } = deps

  function total(filter: FreightFilter): number {
    return cache.queries.page(
      FreightQuery.parse({ ...filter, sort: [], offset: 0, limit: 1, columns: ['id'] }),
    ).total
  }

  function candidates(dimension: ValueCountDimension, filter: FreightFilter): Candidate[] {
    const plain = (values: readonly string[]) =>
      values.map((value) => ({ value, label: valueLabel(value) }))
    switch (dimension) {
      case 'account':
        return cache.accounts.names().map((account) => ({ value: account.id, label: account.name }))
      case 'vehicleSize':
        return plain(vehicleSizes)
      case 'publicationType':
        return plain(publicationTypes)
      case 'unloadingCountry': {
        // Countries freights load in are likely unloading countries too; keep the chosen ones.
        const seen = cache.queries
          .facets({ includeGone: true, includeHidden: true })
          .loadingCountry.map((entry) => entry.value)
        const chosen = filter.unloading?.countries ?? []
        return [...new Set([...chosen, ...europeanCountries, ...seen])].map((value) => ({
          value,
          label: value,
        }))
      }
      case 'currency': {
        const chosen = filter.price?.currencies ?? []
        return [...new Set([...chosen, ...europeanCurrencies])].map((value) => ({
          value,
          label: value,
        }))
      }
    }
  }

  /** `filter` with the dimension's own choice replaced by `value` (or removed, for `null`). */
  function withValue(
    dimension: ValueCountDimension,
    filter: FreightFilter,
    value: string | null,
  ): FreightFilter {
    const only = value === null ? undefined : [value]
    switch (dimension) {
      case 'account':
        return { ...filter, accountIds: only }
      case 'vehicleSize':
        return { ...filter, vehicleSizes: only as FreightFilter['vehicleSizes'] }
      case 'publicationType':
        return { ...filter, publicationTypes: only as FreightFilter['publicationTypes'] }
      case 'unloadingCountry':
        return { ...filter, unloading: { ...filter.unloading, countries: only } }
      case 'currency':
        return { ...filter, price: { ...filter.price, currencies: only } }
    }
  }

  function chosenValues(dimension: ValueCountDimension, filter: FreightFilter): string[] {
    switch (dimension) {
      case 'account':
        return filter.accountIds ?? []
      case 'vehicleSize':
        return filter.vehicleSizes ?? []
      case 'publicationType':
        return filter.publicationTypes ?? []
      case 'unloadingCountry':
        return filter.unloading?.countries ?? []
      case 'currency':
        return filter.price?.currencies ?? []
    }
  }

  const latest = new Map<ValueCountDimension, number>()

  return {
    async counts(dimension, filter) {
      const request = (latest.get(dimension) ?? 0) + 1
      latest.set(dimension, request)
      const chosen = new Set(chosenValues(dimension, filter))
      // Nothing matches at all without the dimension's own choice: no value can have a count.
      const anyMatch = total(withValue(dimension, filter, null)) > 0
      const counted: ValueCount[] = []
      for (const candidate of candidates(dimension, filter)) {
        await new Promise((resolve) => setImmediate(resolve))
        if (latest.get(dimension) !== request) return []
        counted.push({
          ...candidate,
          count: anyMatch ? total(withValue(dimension, filter, candidate.value)) : 0,
        })
      }
      return counted
        .filter((entry) => entry.count > 0 || chosen.has(entry.value))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    },
  }
}
