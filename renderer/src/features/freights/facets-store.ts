/**
 * Facet counts of the current filters, for the status, provider, truck body and country lists.
 * They come with the first page of a new filter (`withFacets`, see rows-store.ts); `load` asks for
 * them alone.
 */
import { create } from 'zustand'
import type { FreightFacets, FreightFilterInput } from '@shared/domain/freight-query'
import { call, errorMessage } from '../../api/client'

interface FacetsStore {
  facets: FreightFacets | null
  /** The filter the shown counts belong to (JSON), for tests and for staleness. */
  filterKey: string
  error: string | null
  load: (filter: FreightFilterInput, key: string) => Promise<void>
  /** Counts that arrived with a page, for the filter `key`. */
  show: (facets: FreightFacets, key: string) => void
}

let latest = 0

export const useFacets = create<FacetsStore>((set) => ({
  facets: null,
  filterKey: '',
  error: null,
  show(facets, key) {
    // A later separate request would be older news than these.
    latest++
    set({ facets, filterKey: key, error: null })
  },
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
