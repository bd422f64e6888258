/** Facet counts of the current filters, for the status, provider, truck body and country lists. */
import { create } from 'zustand'
import type { FreightFacets, FreightFilter } from '@shared/domain/freight-query'
import { call, errorMessage } from '../../api/client'

interface FacetsStore {
  facets: FreightFacets | null
  /** The filter the shown counts belong to (JSON), for tests and for staleness. */
  filterKey: string
  error: string | null
  load: (filter: FreightFilter, key: string) => Promise<void>
}

let latest = 0

export const useFacets = create<FacetsStore>((set) => ({
  facets: null,
  filterKey: '',
  error: null,
  async load(filter, key) {
    const request = ++latest
    try {
      const facets = await call('freights.facets', filter)
      if (request === latest) set({ facets, filterKey: key, error: null })
    } catch (error) {
      if (request === latest) set({ error: errorMessage(error) })
    }
  },
}))
